# SPDX-License-Identifier: MIT
"""dircompare.py — one check the Python tests share: two directories of results hold the same files,
byte for byte (the library's writers and the command's are the same code)."""
import filecmp
import os


def same_files(a, b):
    """Asserts that directories a and b hold the same file names with the same bytes; returns the names."""
    names = sorted(os.listdir(a))
    assert names == sorted(os.listdir(b))
    match, mismatch, errors = filecmp.cmpfiles(a, b, names, shallow=False)
    assert mismatch == [] and errors == [], "files differ: %s %s" % (mismatch, errors)
    return names

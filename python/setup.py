# SPDX-License-Identifier: MIT
"""setup.py — builds the parley Python package: the pure-Python modules and the cffi extension
parley._parley (parley/_build.py says where the C library comes from).

    pip install --no-build-isolation ./python      (from the repository root)
    make python                                    (the same into build/python, for the tests)
"""
from setuptools import setup

setup(cffi_modules=["parley/_build.py:ffibuilder"])

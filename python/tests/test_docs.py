# SPDX-License-Identifier: MIT
"""test_docs.py — docs/python.md runs as written: its ```python blocks are executed in order in
one namespace (a notebook's session), from a directory that sees the repository's scenarios; when
a plain ``` block follows a python block with only blank lines between, each of its lines must
appear in what the python block printed, in order ("..." stands for lines left out; trailing spaces do not count)."""
import contextlib
import io
import os
import re

import pytest

DOC = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "docs", "python.md")


def blocks(path):
    """[(line, code, expected lines or None)] for each ```python block."""
    lines = open(path, encoding="utf-8").read().split("\n")
    out, i = [], 0
    while i < len(lines):
        if lines[i].strip() == "```python":
            start, i = i + 1, i + 1
            while lines[i].strip() != "```":
                i += 1
            code = "\n".join(lines[start:i])
            j = i + 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            expected = None
            if j < len(lines) and lines[j].strip() == "```":
                k = j + 1
                while lines[k].strip() != "```":
                    k += 1
                expected = lines[j + 1:k]
                i = k
            out.append((start, code, expected))
        i += 1
    return out


def appears_in_order(expected, got):
    got = [g.rstrip() for g in got]
    pos = 0
    for line in expected:
        line = line.rstrip()
        if line == "...":
            continue
        while pos < len(got) and got[pos] != line:
            pos += 1
        if pos == len(got):
            return line
        pos += 1
    return None


def test_every_python_block_runs_and_prints_what_the_page_shows(repo, tmp_path, monkeypatch):
    found = blocks(DOC)
    assert len(found) >= 6
    os.symlink(os.path.join(repo, "scenarios"), tmp_path / "scenarios")
    monkeypatch.chdir(tmp_path)
    namespace = {"__name__": "__main__"}
    for line, code, expected in found:
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            exec(compile(code, "%s:%d" % (DOC, line), "exec"), namespace)
        if expected is not None:
            missing = appears_in_order(expected, buf.getvalue().split("\n"))
            assert missing is None, "docs/python.md:%d: the output lacks %r; it printed:\n%s" % (
                line, missing, buf.getvalue())

# SPDX-License-Identifier: MIT
"""setup.py — builds the parley Python package from the repository root: the pure-Python modules
of python/parley and the cffi extension parley._parley (python/parley/_build.py says where the C
library comes from).

    pip install .                                  (docs/python.md: a venv, or Debian's Python)
    make python                                    (the same into build/python, for the tests)

setuptools' own build files go to build/setuptools, beside the project's other build trees.
"""
import os

from setuptools import setup

BASE = os.path.join("build", "setuptools")
os.makedirs(BASE, exist_ok=True)  # egg_info wants its directory to exist

setup(cffi_modules=["python/parley/_build.py:ffibuilder"],
      options={"build": {"build_base": BASE}, "egg_info": {"egg_base": BASE}})

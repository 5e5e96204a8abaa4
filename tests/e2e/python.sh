#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# python.sh — the Python package's tests (python/tests, pytest) against the package `make python`
# built into build/python, with the system Python; one TAP line a test (python/tests/conftest.py).
cd "$(dirname "$0")/../.."
PY=${PYTHON:-/usr/bin/python3}
if [ ! -d build/python/parley ]; then
  echo "not ok 1 - the Python package is not built in build/python (make python)"
  exit 1
fi
export PYTHONPATH=$PWD/build/python PARLEY_TAP=1 PARLEY_RELEASE=${PARLEY_RELEASE:-$PWD/build/release/parley}
# -p no:cacheprovider: nothing written into the source tree
exec "$PY" -m pytest -q -p no:cacheprovider -s python/tests

#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# python_install.sh — `pip install .` from the repository root, as docs/python.md tells a user:
# into a virtual environment that sees Debian's numpy, pandas and cffi (--system-site-packages),
# and with Debian's own Python into a prefix; each installed package is imported from outside the
# repository and plays the match the command plays, with the same scores.  Offline (--no-index,
# --no-build-isolation: Debian's setuptools and cffi build it, as on a machine without PyPI).
# pip writes nothing into the source tree but build/.
# test: serial (it runs make: tests/run.sh runs no two such scripts at once)
. "$(dirname "$0")/../tap.sh"
cd "$(dirname "$0")/../.." || exit 1
REPO=$PWD
R=${PARLEY_RELEASE:-build/release/parley}
PY=${PYTHON:-/usr/bin/python3}
PIP=(--quiet --no-build-isolation --no-index --disable-pip-version-check --root-user-action=ignore)
if ! "$PY" -c "import cffi, numpy, pandas, setuptools" 2>/dev/null; then
  ok "# SKIP the system Python lacks cffi, numpy, pandas or setuptools (tools/install-deps.sh --python)"
  echo "1..$tap_n"; exit 0
fi
before=$(git status --porcelain 2>/dev/null)
# the command's scores, to compare with
want=$("$R" match tft wsls --turns 20 --noise 0.1 --seed 3 | sed -n 's/^score  Tit For Tat \([0-9]*\) .*Win-Stay Lose-Shift \([0-9]*\) .*/\1 \2/p')
check "the command's match has scores ($want)" [ -n "$want" ]
play='import parley, sys; m = parley.match("tft", "wsls", turns=20, noise=0.1, seed=3)
print("%d %d" % m.scores); print(parley.__file__, file=sys.stderr)'

# 1. a virtual environment over the system's packages
"$PY" -m venv --system-site-packages "$TMP/venv"
"$TMP/venv/bin/pip" install "${PIP[@]}" . >"$TMP/venv.log" 2>&1
check "pip install . into a venv (--system-site-packages): exit 0" [ $? -eq 0 ]
got=$(cd "$TMP" && "$TMP/venv/bin/python" -c "$play" 2>"$TMP/venv.where")
check "the venv's parley plays the command's match ($got)" [ "$got" = "$want" ]
check "... imported from the venv, not the repository" grep -q "^$TMP/venv/" "$TMP/venv.where"

# 2. Debian's Python itself, into a prefix (PEP 668 refuses --user and the system without
#    --break-system-packages; a prefix is allowed)
"$PY" -m pip install "${PIP[@]}" --prefix "$TMP/prefix" . >"$TMP/prefix.log" 2>&1
check "pip install --prefix with the system Python: exit 0" [ $? -eq 0 ]
site=$(dirname "$(find "$TMP/prefix" -path '*-packages/parley/__init__.py' | head -1)")
site=${site%/parley}
check "the package is in the prefix ($site)" [ -f "$site/parley/__init__.py" ]
got=$(cd "$TMP" && PYTHONPATH=$site "$PY" -c "$play" 2>"$TMP/prefix.where")
check "the prefix's parley plays the command's match ($got)" [ "$got" = "$want" ]
check "... imported from the prefix" grep -q "^$site/" "$TMP/prefix.where"

check "pip wrote nothing into the source tree outside build/" [ "$(git -C "$REPO" status --porcelain 2>/dev/null)" = "$before" ]
echo "1..$tap_n"

# SPDX-License-Identifier: MIT
# fuzz.sh — a short fixed run of every libFuzzer target inside make check (issue 9): each replays
# its regression inputs, then fuzzes for PARLEY_FUZZ_SECONDS (default 10) from the shipped files.
# `make fuzz` runs the same targets for as long as wanted.  Skipped only if clang is absent
# (tools/install-deps.sh --test installs it, so in CI it runs).
# test: serial (it runs make: tests/run.sh runs no two such scripts at once)
cd "$(dirname "$0")/../.."
if ! command -v "${FUZZ_CC:-clang}" >/dev/null; then
  echo "ok 1 # SKIP clang is absent: install it with tools/install-deps.sh --test"
  echo "1..1"
  exit 0
fi
make --no-print-directory -s fuzz-build >build/fuzz-build.log 2>&1 || { echo "not ok 1 - make fuzz-build failed (see build/fuzz-build.log)"; echo "1..1"; exit 0; }
tests/fuzz/run.sh "${PARLEY_FUZZ_SECONDS:-10}"

#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# run.sh — runs every test and prints one closing line "N passed, N failed".
#
# Unit tests (build/asan/tests/test_*, cmocka, sanitizers on) and end-to-end
# scripts (tests/e2e/*.sh) all speak TAP: each "ok" or "not ok" line is one test.
# A test program that crashes or exits non-zero without reporting a failure
# counts as one failure, so a crash can never pass silently.
set -u
cd "$(dirname "$0")/.."
export CMOCKA_MESSAGE_OUTPUT=TAP
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export PARLEY=${PARLEY:-$PWD/build/asan/parley}
export PARLEY_RELEASE=${PARLEY_RELEASE:-$PWD/build/release/parley}
# every fixture lives in the repository (tests/resources/), so a clean clone tests itself
export RESOURCES=$PWD/tests/resources
logdir=${TEST_LOGS:-build/test-logs}
# make coverage runs the same tests from its own tree: the unit tests' folder, and e2e scripts to leave out
unit_dir=${UNIT_DIR:-build/asan/tests}
skip_e2e=" ${SKIP_E2E:-} "
mkdir -p "$logdir"
passed=0 failed=0
failures=()

run_one() { # name, command...
  local name=$1; shift
  local log="$logdir/${name////_}.log"
  local start=$SECONDS
  "$@" >"$log" 2>&1
  local rc=$?
  local ok notok
  ok=$(grep -cE '^ok ' "$log")
  notok=$(grep -cE '^not ok ' "$log")
  if [ "$rc" -ne 0 ] && [ "$notok" -eq 0 ]; then notok=1; echo "not ok - $name exited with status $rc" >>"$log"; fi
  if [ "$ok" -eq 0 ] && [ "$notok" -eq 0 ]; then notok=1; echo "not ok - $name reported no test" >>"$log"; fi
  passed=$((passed + ok)); failed=$((failed + notok))
  printf '%-40s %4d passed %4d failed  (%ds)\n' "$name" "$ok" "$notok" $((SECONDS - start))
  if [ "$notok" -gt 0 ]; then
    failures+=("$name")
    grep -E '^not ok |^# |ERROR|Sanitizer|runtime error' "$log" | head -20 | sed 's/^/    /'
  fi
}

# the tests are those in the source tree (a binary left in build/ by a removed test does not run;
# a test whose binary is missing fails instead of vanishing from the count)
for src in tests/unit/test_*.c; do
  t=$unit_dir/$(basename "$src" .c)
  if [ -x "$t" ]; then run_one "unit/$(basename "$t")" "$t"
  else run_one "unit/$(basename "$t")" sh -c "echo 'not ok - $t is not built (make test-build)'; exit 1"; fi
done
for s in tests/e2e/*.sh; do
  [ -f "$s" ] || continue
  case "$skip_e2e" in *" $(basename "$s" .sh) "*) continue;; esac
  run_one "e2e/$(basename "$s" .sh)" bash "$s"
done
echo
[ ${#failures[@]} -gt 0 ] && echo "failed: ${failures[*]} (logs in $logdir)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

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
# Tests run TEST_JOBS at a time (default: one per core), each into its own log; their lines are
# printed in the order below as they finish, so the output reads the same whatever the order of
# finishing.  An e2e script that says `# test: serial` (it runs make, which must not run twice at
# once in one tree) takes a lock: no two such scripts overlap, while other tests go on beside them.
jobs=${TEST_JOBS:-$(nproc 2>/dev/null || echo 2)}
case $jobs in '' | *[!0-9]* | 0)
  echo "tests/run.sh: TEST_JOBS='$jobs' is not a whole number above 0; the tests run one at a time" >&2
  jobs=1;;
esac
mkdir -p "$logdir"
passed=0 failed=0
failures=()
names=() logs=() cmds=() serial=()

add() { # name, serial (0/1), command... (the command as one string, run by bash)
  names+=("$1"); logs+=("$logdir/${1////_}.log"); serial+=("$2"); cmds+=("$3")
}

# the tests are those in the source tree (a binary left in build/ by a removed test does not run;
# a test whose binary is missing fails instead of vanishing from the count)
for src in tests/unit/test_*.c; do
  t=$unit_dir/$(basename "$src" .c)
  if [ -x "$t" ]; then add "unit/$(basename "$t")" 0 "$(printf '%q' "$t")"
  else add "unit/$(basename "$t")" 0 "echo 'not ok - $t is not built (make test-build)'; exit 1"; fi
done
for s in tests/e2e/*.sh; do
  [ -f "$s" ] || continue
  case "$skip_e2e" in *" $(basename "$s" .sh) "*) continue;; esac
  ser=0; grep -q '^# test: serial' "$s" && ser=1
  add "e2e/$(basename "$s" .sh)" "$ser" "bash $(printf '%q' "$s")"
done

launch() { # index: runs the test in the background; its exit status and times go beside its log
  local i=$1 log=${logs[$1]}
  rm -f "$log" "$log.rc" "$log.times"
  (
    if [ "${serial[$i]}" = 1 ]; then exec 9>"$logdir/.serial.lock" && flock 9; fi # held until this job ends
    # seconds of wall time, then of CPU (user and system, the test's processes together): the CPU
    # time says what a test costs whatever else shares the machine
    TIMEFORMAT='%R %U %S'
    { time bash -c "${cmds[$i]}" >"$log" 2>&1 9>&-; } 2>"$log.times"
    rc=$?
    echo "$rc" >"$log.rc.tmp" && mv "$log.rc.tmp" "$log.rc" # the status last: it says the test is over
  ) &
}

report() { # index: counts the test's TAP lines and prints its line
  local i=$1 name=${names[$1]} log=${logs[$1]}
  local rc ok notok
  rc=$(cat "$log.rc")
  ok=$(grep -cE '^ok ' "$log")
  notok=$(grep -cE '^not ok ' "$log")
  if [ "$rc" -ne 0 ] && [ "$notok" -eq 0 ]; then notok=1; echo "not ok - $name exited with status $rc" >>"$log"; fi
  if [ "$ok" -eq 0 ] && [ "$notok" -eq 0 ]; then notok=1; echo "not ok - $name reported no test" >>"$log"; fi
  passed=$((passed + ok)); failed=$((failed + notok))
  local wall cpu
  read -r wall cpu < <(awk '{printf "%d %d\n", $1 + 0.5, $2 + $3 + 0.5; exit}' "$log.times")
  cpu_total=$((cpu_total + cpu))
  printf '%-40s %4d passed %4d failed  (%ds, cpu %ds)\n' "$name" "$ok" "$notok" "$wall" "$cpu"
  if [ "$notok" -gt 0 ]; then
    failures+=("$name")
    grep -E '^not ok |^# |ERROR|Sanitizer|runtime error' "$log" | head -20 | sed 's/^/    /'
  fi
}

n=${#names[@]} next=0 shown=0 running=0 cpu_total=0 started=$SECONDS
trap 'kill $(jobs -p) 2>/dev/null; exit 130' INT TERM
while [ "$shown" -lt "$n" ]; do
  while [ "$running" -lt "$jobs" ] && [ "$next" -lt "$n" ]; do
    launch "$next"; next=$((next + 1)); running=$((running + 1))
  done
  wait -n 2>/dev/null
  running=0 # count again: wait -n may have reaped more than one
  for ((i = shown; i < next; i++)); do [ -f "${logs[$i]}.rc" ] || running=$((running + 1)); done
  while [ "$shown" -lt "$next" ] && [ -f "${logs[$shown]}.rc" ]; do report "$shown"; shown=$((shown + 1)); done
done
rm -f "$logdir/.serial.lock"
echo
echo "$n tests in $((SECONDS - started)) s, $jobs at a time; $cpu_total s of CPU in all"
[ ${#failures[@]} -gt 0 ] && echo "failed: ${failures[*]} (logs in $logdir)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

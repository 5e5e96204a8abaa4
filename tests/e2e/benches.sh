# SPDX-License-Identifier: MIT
# benches.sh — the benchmarks build with the tests (make test-build), so one that no longer compiles
# against the library fails make check; and bench_fork_reach, whose figures docs/performance.md
# quotes, says what it should where the answer is known: a point that is the baseline never parts
# from it, and a point that moves the behaviour parts in most runs.  Small runs: figures, not timings.
. "$(dirname "$0")/../tap.sh"
cd "$(dirname "$0")/../.." || exit 1
B=build/release/bench
for src in bench/*.c; do
  b=$B/$(basename "$src" .c)
  check "$(basename "$src") is built with the tests ($b)" test -x "$b"
done
six=scenarios/korea/six-party-2007.yaml
reach=$B/bench_fork_reach
out=$("$reach" "$six" 300 --set behaviour.patience=2 2>&1)
check "a point that is the baseline (patience 2, as the file) never parts from it ($(sed -n '1s/.*variants; //p' <<<"$out"))" \
  grep -q "with --set behaviour.patience=2: 300 runs x 4 variants; 100.0 % never part from the baseline's; 100.0 % of the point's stretches" <<<"$out"
out=$("$reach" "$six" 300 --set behaviour.patience=0 2>&1)
never=$(sed -n "s/.* variants; \([0-9.]*\) % never part.*/\1/p" <<<"$out" | head -1)
check "a point with patience 0 parts in most runs (${never:-?} % never part)" \
  bash -c "[ -n '$never' ] && awk 'BEGIN { exit !($never < 20) }'"
check "... and the second figure, runs beside the previous run of the same types, is printed" \
  grep -q "in the order of their types; [0-9.]* % of the stretches" <<<"$out"
expect_exit 2 "bench_fork_reach refuses an unknown option" "$reach" "$six" 300 --sett behaviour.patience=0
expect_exit 2 "bench_fork_reach refuses a --set the scenario does not have" "$reach" "$six" 300 --set behaviour.patiense=0
expect_err_has "patiense" "... naming it"
expect_exit 2 "bench_fork_reach refuses a count of runs out of range" "$reach" "$six" 0
expect_exit 2 "bench_fork_reach refuses a count of runs that is not a number" "$reach" "$six" 300x
expect_err_has "RUNS '300x': expected a whole number from 1 to" "... saying what it expected"
echo "1..$tap_n"

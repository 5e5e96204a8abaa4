#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# paired.sh — before, after and the reference in one run, pinned, alternated, with instruction counts.
#
# The machine's two vCPUs differ by up to 40 % and are shared, so a figure means something only
# beside its pair: each round runs BEFORE then AFTER (then AFTER then BEFORE the next round) on
# core 0 and again on core 1 (taskset), and every line names its core.  Instruction counts
# (valgrind's cachegrind, no cache simulation: `perf stat -e instructions` is not available in
# this container) do not depend on the load; they are the figures to compare when it is high.
#
#   bench/paired.sh BEFORE_BENCH AFTER_BENCH [ROUNDS]
#
# BEFORE_BENCH and AFTER_BENCH are bench_tournament programs built from the same bench source
# against the two libraries (bench/paired-build.sh does it).  Environment:
#   CASES="first first-noise mem1-noise"   the cases of `bench_tournament case`
#   RUNS=3        timed runs a case and a program (the best is printed)
#   ICOUNT=1      also count instructions (one run a case and a program: minutes under valgrind)
#   REFERENCE=1   also run the reference once a core (PYTHONPATH=/tmp/axref /usr/bin/python3)
#   REF_REPS=20   the reference's repetitions for mem1-noise (it takes ~15 us a turn)
set -eu
before=${1:?usage: bench/paired.sh BEFORE_BENCH AFTER_BENCH [ROUNDS]}
after=${2:?usage: bench/paired.sh BEFORE_BENCH AFTER_BENCH [ROUNDS]}
rounds=${3:-2}
cases=${CASES:-first first-noise mem1-noise}
runs=${RUNS:-3}
here=$(cd "$(dirname "$0")" && pwd)
echo "# $(date -u '+%F %T') UTC, load $(cut -d' ' -f1-3 /proc/loadavg), $rounds rounds x cores 0,1, best of $runs runs"
for c in $cases; do
  for r in $(seq 1 "$rounds"); do
    for core in 0 1; do
      if [ $((r % 2)) = 1 ]; then order="before after"; else order="after before"; fi
      for who in $order; do
        if [ "$who" = before ]; then prog=$before; else prog=$after; fi
        printf 'round %d core %d %-6s ' "$r" "$core" "$who"
        taskset -c "$core" "$prog" case "$c" "$runs"
      done
    done
  done
done
if [ "${ICOUNT:-0}" = 1 ]; then
  for c in $cases; do
    for who in before after; do
      if [ "$who" = before ]; then prog=$before; else prog=$after; fi
      n=$(valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "$prog" case "$c" 1 2>&1 \
          | sed -n 's/.*I *refs: *\([0-9,]*\).*/\1/p')
      printf 'instructions %-12s %-6s %s\n' "$c" "$who" "$n"
    done
  done
fi
if [ "${REFERENCE:-0}" = 1 ]; then
  for core in 0 1; do
    echo "# reference on core $core"
    PYTHONPATH=${AXREF:-/tmp/axref} taskset -c "$core" /usr/bin/python3 "$here/reference_tournament.py" "${REF_REPS:-20}"
  done
fi

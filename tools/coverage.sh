#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# coverage.sh — line and branch coverage of src/ per folder and in all, from the gcov data a
# --coverage build left after the tests ran (make coverage builds it and runs them first).
#   tools/coverage.sh [TREE]     TREE: the instrumented build tree (default build/coverage)
# Every .c file under src/ is counted, a file no test reached as 0 of its lines; headers are
# left out (their inline code is counted where it is compiled).  "Branches taken" is gcov's
# "taken at least once": both ways of an `if` must happen for it to count twice.
set -eu
tree=${1:-build/coverage}
cd "$(dirname "$0")/.."
[ -d "$tree/obj/src" ] || { echo "coverage.sh: $tree/obj/src is missing (run make coverage)" >&2; exit 2; }
for src in src/*/*.c; do
  obj=$tree/obj/${src%.c}
  [ -f "$obj.gcno" ] || { echo "coverage.sh: $obj.gcno is missing (run make coverage-build)" >&2; exit 2; }
  # -n: no .gcov files; without a .gcda, gcov counts every line as not executed
  gcov -b -n -o "$(dirname "$obj")" "$src" 2>/dev/null | awk -v want="$src" '
    /^File / { f = $2; gsub(/\047/, "", f); on = (f == want) }
    on && /^(Lines executed|Taken at least once):/ {
      pct = $0; sub(/^[^:]*:/, "", pct); sub(/%.*/, "", pct); n = $0; sub(/.* of /, "", n)
      print (/^Lines/ ? "L" : "B"), want, pct, n }'
done | awk '
  { n = $4; hit = int($3 * n / 100 + 0.5); dir = $2; sub(/\/[^\/]*$/, "", dir)
    if ($1 == "L") { L[dir] += n; LH[dir] += hit; Lt += n; LHt += hit; files[$2] = 1 }
    else { B[dir] += n; BH[dir] += hit; Bt += n; BHt += hit } }
  END {
    printf "%-18s %8s %8s %7s %8s %8s %7s\n", "folder", "lines", "covered", "share", "branches", "taken", "share"
    for (d in L)
      printf "%-18s %8d %8d %6.1f%% %8d %8d %6.1f%%\n", d, L[d], LH[d], 100 * LH[d] / L[d], B[d], BH[d], B[d] ? 100 * BH[d] / B[d] : 0 | "sort"
    close("sort")
    lib = 0; libh = 0; libb = 0; libbh = 0
    for (d in L) if (d != "src/cli") { lib += L[d]; libh += LH[d]; libb += B[d]; libbh += BH[d] }
    printf "%-18s %8d %8d %6.1f%% %8d %8d %6.1f%%\n", "library (src/*)", lib, libh, 100 * libh / lib, libb, libbh, 100 * libbh / libb
    printf "%-18s %8d %8d %6.1f%% %8d %8d %6.1f%%\n", "all, with src/cli", Lt, LHt, 100 * LHt / Lt, Bt, BHt, 100 * BHt / Bt
  }'

#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# paired-build.sh — builds bench_tournament (this tree's source) against two libraries, for paired.sh.
#
#   bench/paired-build.sh BEFORE_LIBPARLEY_A AFTER_LIBPARLEY_A OUTDIR
#
# Both programs come from the same bench source and the public headers, so only the library
# differs.  No -march=native: valgrind must know every instruction for the counts.
set -eu
b=${1:?usage: bench/paired-build.sh BEFORE_LIB AFTER_LIB OUTDIR}
a=${2:?usage: bench/paired-build.sh BEFORE_LIB AFTER_LIB OUTDIR}
out=${3:?usage: bench/paired-build.sh BEFORE_LIB AFTER_LIB OUTDIR}
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
for who in before after; do
  if [ "$who" = before ]; then lib=$b; else lib=$a; fi
  ${CC:-cc} -std=c11 -D_GNU_SOURCE -I"$here/include" -O3 -g -DNDEBUG -mpopcnt "$here/bench/bench_tournament.c" \
    "$lib" -ljansson -lyaml -lz -lm -pthread -o "$out/bench_tournament-$who"
done
echo "$out/bench_tournament-before $out/bench_tournament-after"

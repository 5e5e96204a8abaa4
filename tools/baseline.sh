#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# baseline.sh — writes the results of every shipped scenario and of two tournaments
# (with and without noise), each with 1 and 2 threads, into OUTDIR, so that a change
# can be checked byte for byte: tools/baseline.sh build/release/parley /tmp/before,
# change, rebuild, tools/baseline.sh build/release/parley /tmp/after, diff -r.
# Timing lines ("... in 0.12 s") are removed from the captured summaries.
set -eu
bin=${1:?usage: tools/baseline.sh PARLEY OUTDIR}
out=${2:?usage: tools/baseline.sh PARLEY OUTDIR}
runs=${RUNS:-2000}
mkdir -p "$out"
for f in scenarios/*/*.yaml; do
  name=$(basename "$f" .yaml)
  for t in 1 2; do
    rm -rf "$out/$name-t$t"
    "$bin" run "$f" --runs "$runs" --seed 7 --threads "$t" --out "$out/$name-t$t" \
      | grep -vE ' in [0-9.]+ ?(ms|s)\b|runs/s|turns/s' >"$out/$name-t$t.txt" 2>&1 || echo "$f: exit $?" >>"$out/errors.txt"
  done
done
for noise in 0 0.05; do
  for t in 1 2; do
    rm -rf "$out/tournament-n$noise-t$t"
    "$bin" tournament --players tft,grudger,defector,cooperator,random,gtft,wsls,gradual --turns 200 \
      --repetitions 20 --noise "$noise" --seed 3 --threads "$t" --out "$out/tournament-n$noise-t$t" \
      | grep -vE ' in [0-9.]+ ?(ms|s)\b|runs/s|turns/s' >"$out/tournament-n$noise-t$t.txt" 2>&1 || echo "tournament noise $noise: exit $?" >>"$out/errors.txt"
  done
done
# the timing fields inside results files
find "$out" -name '*.json' -exec sed -i -E 's/"(elapsed|seconds|runs_per_second|turns_per_second)[a-z_]*": *[0-9.e+-]+/"\1": 0/g' {} +
echo "baseline written to $out"

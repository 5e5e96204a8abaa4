#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# moran_vs_reference.sh — parley's Moran process beside Axelrod-Python's on the same machine in
# the same run (issue 14: target >= 1000x).  For each population of tools/moran_reference.py
# (1 TFT among 9 ALLD; 3 TFT, 3 ALLD, 4 cooperators; 1 WSLS among 9 TFT with noise 0.05 over the
# reference's ApproximateMoranProcess), alternately: the reference's R runs (its import excluded,
# timed in-process), parley's same R runs (a whole `parley moran` process, start-up included), and
# parley's 100,000 runs by its own timing line; a CSV of seconds and the two ratios (same runs,
# and per run).  The load average is printed before and after: the machine is shared.
#   bench/moran_vs_reference.sh [PARLEY] [ROUNDS] [RUNS]      (needs Axelrod-Python: AXREF=/tmp/axref)
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
parley=${1:-$here/build/release/parley}
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
PYTHONPATH=${AXREF:-/tmp/axref} /usr/bin/python3 "$here/tools/moran_reference.py" bench "$parley" "${2:-2}" ${3:+"$3"} 2>&1 \
  | grep -v -e 'UserWarning' -e 'warnings.warn'
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

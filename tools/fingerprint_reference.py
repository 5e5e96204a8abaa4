#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""fingerprint_reference.py -- Axelrod-Python's Ashlock fingerprint of tit for tat, for parley's test.

Why: issue 14 asks that `parley fingerprint` agree with the reference for a deterministic strategy
(tit for tat) within tolerance.  The tests must not need the reference, so this script runs it once
and stores the mean score at every point in tests/resources/fingerprint_reference.csv (read by
tests/e2e/fingerprint.sh).  The probes are random, so the two libraries agree within sampling error.

    PYTHONPATH=/tmp/axref /usr/bin/python3 tools/fingerprint_reference.py tests/resources/fingerprint_reference.csv
"""
import sys

STEP, TURNS, REPETITIONS, SEED = 0.25, 50, 200, 1


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: fingerprint_reference.py OUT.csv")
    import axelrod as axl
    fp = axl.AshlockFingerprint(axl.TitForTat())
    data = fp.fingerprint(turns=TURNS, repetitions=REPETITIONS, step=STEP, seed=SEED, progress_bar=False)
    with open(sys.argv[1], "w") as f:
        f.write("# Axelrod-Python %s AshlockFingerprint(TitForTat()).fingerprint(turns=%d, repetitions=%d, step=%g,\n"
                "# seed=%d), made by tools/fingerprint_reference.py.  Read by tests/e2e/fingerprint.sh.\n"
                % (axl.__version__, TURNS, REPETITIONS, STEP, SEED))
        f.write("x,y,score,repetitions\n")
        for point in sorted(data, key=lambda p: (p.y, p.x)):
            f.write("%.17g,%.17g,%.17g,%d\n" % (point.x, point.y, data[point], REPETITIONS))


if __name__ == "__main__":
    main()

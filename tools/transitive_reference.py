#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""transitive_reference.py -- Axelrod-Python's transitive fingerprint, for parley's test.

Why: issue 14 asks that `parley fingerprint --transitive` agree with the reference's
TransitiveFingerprint (a strategy's cooperation rate at each turn against each of a list of
opponents).  The tests must not need the reference, so this script runs it once and stores, for two
cases, the rate at every (opponent, turn) in tests/resources/transitive_reference.csv (read by
tests/e2e/fingerprint.sh):

- "deterministic": Win-Stay Lose-Shift against six deterministic opponents, no noise: every
  repetition is the same match, so parley must give the same numbers exactly;
- "noisy": Tit For Tat against the default opponents (50 Random players, p = 0 .. 1), with noise:
  the two libraries draw different random numbers, so they agree within sampling error.

    PYTHONPATH=/tmp/axref /usr/bin/python3 tools/transitive_reference.py tests/resources/transitive_reference.csv
"""
import sys

CASES = [
    # name, player, opponents (None: the reference's default), turns, repetitions, noise, seed
    ("deterministic", "WinStayLoseShift",
     ["Cooperator", "Defector", "Alternator", "SuspiciousTitForTat", "Grudger", "TitForTat"], 20, 3, None, 1),
    ("noisy", "TitForTat", None, 20, 2000, 0.05, 1),
]


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: transitive_reference.py OUT.csv")
    import axelrod as axl
    with open(sys.argv[1], "w") as f:
        f.write("# Axelrod-Python %s TransitiveFingerprint(player, opponents).fingerprint(turns, repetitions,\n"
                "# noise, seed), made by tools/transitive_reference.py.  Read by tests/e2e/fingerprint.sh.\n"
                % axl.__version__)
        for name, player, opponents, turns, reps, noise, seed in CASES:
            f.write("# %s: %s against %s, turns %d, repetitions %d, noise %s, seed %d\n"
                    % (name, player, ",".join(opponents) if opponents else "50 Random(p), p = linspace(0, 1, 50)",
                       turns, reps, noise, seed))
        f.write("case,opponent,turn,cooperation,repetitions\n")
        for name, player, opponents, turns, reps, noise, seed in CASES:
            opps = [getattr(axl, o)() for o in opponents] if opponents else None
            fp = axl.TransitiveFingerprint(getattr(axl, player)(), opponents=opps)
            data = fp.fingerprint(turns=turns, repetitions=reps, noise=noise, seed=seed, progress_bar=False)
            for i, row in enumerate(data):
                for t, rate in enumerate(row):
                    f.write("%s,%d,%d,%.17g,%d\n" % (name, i, t + 1, rate, reps))


if __name__ == "__main__":
    main()

#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""ecosystem_reference.py -- Axelrod-Python's Ecosystem on the tournament parley's test compares with.

Why: issue 14 asks that `parley ecology` agree with the reference library's Ecosystem (population
shares over time).  The tests must not need the reference, so this script runs it once and stores
the shares in tests/resources/ecosystem_reference.csv, read by tests/e2e/ecology.sh.

The tournament is deterministic (five deterministic strategies, 200 turns, one repetition, so the
payoffs' deviations are 0 and the reference's normal draws return the means): both libraries must
then give the same shares at every step up to rounding.

    PYTHONPATH=/tmp/axref /usr/bin/python3 tools/ecosystem_reference.py tests/resources/ecosystem_reference.csv
"""
import sys

PLAYERS = ["Cooperator", "Defector", "TitForTat", "Grudger", "Alternator"]  # parley: cooperator,defector,tft,grudger,alternator
POPULATION = [1, 2, 3, 4, 5]
TURNS, REPETITIONS, STEPS = 200, 1, 100


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: ecosystem_reference.py OUT.csv")
    import axelrod as axl
    players = [getattr(axl, p)() for p in PLAYERS]
    tournament = axl.Tournament(players, turns=TURNS, repetitions=REPETITIONS, seed=1)
    results = tournament.play(progress_bar=False, processes=1)
    eco = axl.Ecosystem(results, population=POPULATION)
    eco.reproduce(STEPS)
    with open(sys.argv[1], "w") as f:
        f.write("# Axelrod-Python %s Ecosystem shares, made by tools/ecosystem_reference.py: players %s,\n"
                "# population %s, %d turns, %d repetition(s), reproduce(%d).  Read by tests/e2e/ecology.sh.\n"
                % (axl.__version__, " ".join(PLAYERS), ",".join(map(str, POPULATION)), TURNS, REPETITIONS, STEPS))
        f.write("step," + ",".join(str(p) for p in players) + "\n")
        for s, shares in enumerate(eco.population_sizes):
            f.write("%d,%s\n" % (s, ",".join("%.17g" % x for x in shares)))


if __name__ == "__main__":
    main()

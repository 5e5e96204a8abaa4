# SPDX-License-Identifier: MIT
"""ref_tournament_ranks.py -- the reference's ranking of a tournament field, over many seeds.

Runs Axelrod-Python 4.13's round robin (axelrod.Tournament, the standard game, no noise)
on a field of players, once per seed, and writes each player's rank in every run (the
reference's ranked_names: by median score) so that a test can compare parley's ranking
with the reference's: exactly where the reference's rank never changes, in distribution
where its stochastic players move it.

  PYTHONPATH=/tmp/axref /usr/bin/python3 tools/ref_tournament_ranks.py FIELD OUT.csv \\
      [--turns 200] [--repetitions 5] [--seeds 30]

FIELD: one reference class name a line ('#' starts a comment).  OUT.csv: a comment line
saying how it was made, then "name,ranks" with the ranks of every seed separated by ';'
(1 = first), names as the reference shows them.
"""
import argparse
import sys

import axelrod as axl


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("field")
    ap.add_argument("out")
    ap.add_argument("--turns", type=int, default=200)
    ap.add_argument("--repetitions", type=int, default=5)
    ap.add_argument("--seeds", type=int, default=30)
    a = ap.parse_args()
    classes = []
    for line in open(a.field):
        line = line.split("#", 1)[0].strip()
        if line:
            classes.append(getattr(axl, line))
    ranks = {}
    for seed in range(1, a.seeds + 1):
        players = [c() for c in classes]
        t = axl.Tournament(players, turns=a.turns, repetitions=a.repetitions, seed=seed)
        r = t.play(progress_bar=False, processes=1)
        for i, name in enumerate(r.ranked_names):
            ranks.setdefault(name, []).append(i + 1)
        print("seed", seed, "done", file=sys.stderr)
    with open(a.out, "w") as f:
        f.write("# made by tools/ref_tournament_ranks.py %s --turns %d --repetitions %d --seeds %d "
                "with Axelrod-Python %s\n" % (a.field, a.turns, a.repetitions, a.seeds, axl.__version__))
        f.write("name,ranks\n")
        for c in classes:
            name = str(c())
            f.write('"%s",%s\n' % (name, ";".join(str(x) for x in ranks[name])))


if __name__ == "__main__":
    main()

# SPDX-License-Identifier: MIT
"""reference_tournament.py — the paired cases of bench/paired.sh, played by the reference.

Axelrod-Python (run from source: PYTHONPATH=/tmp/axref /usr/bin/python3) plays the same fields
as `bench_tournament case NAME`: Axelrod's first tournament (15 players, 200 turns, 50
repetitions), the same with noise 0.05, and twenty memory-one players with noise 0.05 (at
REPS repetitions, 1,000 in parley's case: the reference takes minutes a hundred repetitions,
so the figure to compare is the time a turn).  Serial play: processes=None (in 4.13,
processes=1 starts one worker per core).  build_results=False: only the matches are timed, not
the reference's result set, so its figure is a lower bound.  Prints one line a case:
  reference CASE REPS ms MS turns TURNS ns_per_turn NS
"""
import sys
import time

import axelrod as axl

MEMORY_ONE = ["TitForTat", "GTFT", "WinStayLoseShift", "Cooperator", "Defector", "Random", "FirstByGrofman",
              "FirstByJoss", "ZDExtort2", "ZDExtort2v2", "ZDExtort3", "ZDExtort4", "ZDGTFT2", "ZDGen2", "ZDSet2",
              "ZDMischief", "ZDExtortion", "FirmButFair", "StochasticCooperator", "SoftJoss"]


def field(case):
    if case.startswith("first"):
        return [s() for s in axl.axelrod_first_strategies]
    return [getattr(axl, name)() for name in MEMORY_ONE]


def run(case, reps):
    players = field(case)
    noise = 0.05 if case.endswith("noise") else 0
    t = axl.Tournament(players, turns=200, repetitions=reps, noise=noise, seed=1)
    t0 = time.perf_counter()
    t.play(build_results=False, processes=None, progress_bar=False)
    dt = time.perf_counter() - t0
    n = len(players)
    turns = n * (n + 1) // 2 * reps * 200  # self-play included, as parley's default
    print("reference %s %d ms %.1f turns %d ns_per_turn %.1f" % (case, reps, dt * 1e3, turns, dt * 1e9 / turns),
          flush=True)


if __name__ == "__main__":
    mem1_reps = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    for case, reps in (("first", 50), ("first-noise", 50), ("mem1-noise", mem1_reps)):
        run(case, reps)

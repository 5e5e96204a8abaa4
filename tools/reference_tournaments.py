#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""reference_tournaments.py — the reference library's results for the tournaments that
tests/e2e/tournament_reference.sh plays with parley.

Runs Axelrod-Python 4.13 (the reference) on each tournament below and writes, into
tests/resources/tournament-reference/NAME/:
  spec.txt        the parley flags of the same tournament (one line: players, turns, ...)
  summary.csv     the reference's ResultSet.write_summary
  result_set.json the reference's result set attributes (Counters as objects keyed CC, CD, ...,
                  "CC_to_C", ...; numbers as Python writes them, which read back exactly)

Usage (the reference is not needed by the tests, only to regenerate this data):
  PYTHONPATH=/tmp/axref /usr/bin/python3 tools/reference_tournaments.py [OUTDIR]
"""
import json
import os
import sys

import axelrod as axl

C, D = axl.Action.C, axl.Action.D

DETERMINISTIC = ["Tit For Tat", "Defector", "Cooperator", "Grudger", "Alternator", "Suspicious Tit For Tat",
                 "Tit For 2 Tats", "Win-Stay Lose-Shift", "Bully", "Cycler CCD", "Adaptive", "Prober"]
# (name, players, turns, repetitions, prob_end, edges, seed)
TOURNAMENTS = [
    ("deterministic", DETERMINISTIC, 50, 2, None, None, 1),
    # exact ties: everyone cooperates with everyone but the two defectors, which tie with each other
    ("ties", ["Grudger", "Cooperator", "Defector", "Tit For Tat", "Defector", "Cooperator", "Grudger"], 20, 2,
     None, None, 1),
    # stochastic players: compared with a tolerance (the random streams differ)
    ("stochastic", ["Random: 0.5", "Tit For Tat", "Defector", "GTFT: 0.33", "Random: 0.8", "Grudger"], 200, 200,
     None, None, 7),
    # a spatial tournament: only the listed pairs play
    ("spatial", DETERMINISTIC[:6], 50, 2, None, [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 0), (0, 3)], 1),
]

STATES = [(C, C), (C, D), (D, C), (D, D)]


def state_key(s):
    return str(s[0]) + str(s[1])


def player(name):
    by_name = {}
    for cls in axl.all_strategies:
        try:
            by_name.setdefault(str(cls()), cls)
        except Exception:
            pass
    if name in by_name:
        return by_name[name]()
    base, _, args = name.partition(": ")
    for cls in axl.all_strategies:
        if cls.name == base:
            return cls(*[float(a) for a in args.split(", ")])
    raise SystemExit("no reference strategy named " + name)


def plain(x):
    if isinstance(x, (list, tuple)):
        return [plain(v) for v in x]
    if hasattr(x, "item"):
        return x.item()
    return x


def counters(matrix, to_action):
    out = []
    for row in matrix:
        orow = []
        for counter in row:
            d = {}
            for s in STATES:
                if to_action:
                    for a in (C, D):
                        d[state_key(s) + "_to_" + str(a)] = plain(counter[(s, a)])
                else:
                    d[state_key(s)] = plain(counter[s])
            orow.append(d)
        out.append(orow)
    return out


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "tests",
                                                                  "resources", "tournament-reference")
    for name, names, turns, reps, prob_end, edges, seed in TOURNAMENTS:
        d = os.path.join(outdir, name)
        os.makedirs(d, exist_ok=True)
        players = [player(n) for n in names]
        t = axl.Tournament(players, turns=turns, repetitions=reps, prob_end=prob_end, edges=edges, seed=seed)
        rs = t.play(progress_bar=False, processes=None)
        rs.write_summary(os.path.join(d, "summary.csv"))
        out = {"players": names}
        for attr in ["ranking", "ranked_names", "normalised_scores", "wins", "scores", "payoff_matrix",
                     "payoff_stddevs", "payoff_diffs_means", "cooperation", "normalised_cooperation",
                     "vengeful_cooperation", "good_partner_matrix", "cooperating_rating",
                     "initial_cooperation_count", "initial_cooperation_rate", "good_partner_rating",
                     "eigenjesus_rating", "eigenmoses_rating", "match_lengths", "score_diffs", "payoffs"]:
            out[attr] = plain(getattr(rs, attr))
        out["state_distribution"] = counters(rs.state_distribution, False)
        out["normalised_state_distribution"] = counters(rs.normalised_state_distribution, False)
        out["state_to_action_distribution"] = counters(rs.state_to_action_distribution, True)
        out["normalised_state_to_action_distribution"] = counters(rs.normalised_state_to_action_distribution, True)
        with open(os.path.join(d, "result_set.json"), "w") as f:
            json.dump(out, f, indent=0)
            f.write("\n")
        flags = ["--players", ",".join(names), "--turns", str(turns), "--repetitions", str(reps)]
        if prob_end:
            flags += ["--prob-end", repr(prob_end)]
        if edges:
            flags += ["--edges", ",".join("%d-%d" % e for e in edges)]
        with open(os.path.join(d, "spec.txt"), "w") as f:
            f.write("\n".join(flags) + "\n")
        print(name, "written", file=sys.stderr)


if __name__ == "__main__":
    main()

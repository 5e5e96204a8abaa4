#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""compare_tournament.py — compares a parley tournament's summary.csv and results.json with the
reference library's (tests/resources/tournament-reference/NAME, made by
tools/reference_tournaments.py).  Used by tests/e2e/tournament_reference.sh; prints TAP-free
lines "FAIL what" for every difference and exits 1 if there is any.

  compare_tournament.py PARLEY_OUT REFERENCE_DIR exact|TOLERANCE

exact: every summary column and every result-set attribute must be equal to the bit, except the
eigenvectors (the reference multiplies with BLAS, whose order of additions is its own: 1e-12).
TOLERANCE: stochastic players, whose random streams differ from the reference's: every per-player
summary number must agree within TOLERANCE (an absolute difference), Wins (a median of whole
counts) within 1; players are matched by their place in the players list (parley may spell a
parameterised name its own way).

How the reference defines each summary column (axelrod/result_set.py, ResultSet.summarise),
self-play always left out:
  Rank               0 for the best; players sorted stably by minus the median normalised score
  Name               the player's name
  Median_score       median over repetitions of the normalised score (score per turn averaged,
                     as pandas' groupby mean with its compensated sum, over the opponents met)
  Cooperation_rating cooperations over turns, summed over the opponents
  Wins               median over repetitions of the matches won (strictly higher score)
  Initial_C_rate     first moves that were C over matches played
  CC_rate .. DD_rate for each opponent the share of turns in the state (own action first),
                     summed over opponents in order, then divided by the sum of the four sums
  CC_to_C_rate ..    numpy's mean, over the opponents where it is positive, of the share of the
                     turns in the state (that a turn followed) followed by the player's C; 0 if none
"""
import csv
import json
import math
import sys

COLUMNS = ["Rank", "Name", "Median_score", "Cooperation_rating", "Wins", "Initial_C_rate", "CC_rate", "CD_rate",
           "DC_rate", "DD_rate", "CC_to_C_rate", "CD_to_C_rate", "DC_to_C_rate", "DD_to_C_rate"]
EXACT_ATTRS = ["ranking", "ranked_names", "normalised_scores", "wins", "scores", "payoff_matrix", "payoff_stddevs",
               "payoff_diffs_means", "cooperation", "normalised_cooperation", "vengeful_cooperation",
               "good_partner_matrix", "cooperating_rating", "initial_cooperation_count", "initial_cooperation_rate",
               "good_partner_rating", "state_distribution", "normalised_state_distribution",
               "state_to_action_distribution", "normalised_state_to_action_distribution"]
EIGEN_ATTRS = ["eigenjesus_rating", "eigenmoses_rating"]

failures = []


def fail(what):
    failures.append(what)
    print("FAIL", what)


def num(x):
    return float(x) if x not in ("", None) else float("nan")


def same(a, b, tol):
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(same(a[k], b[k], tol) for k in a)
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(same(x, y, tol) for x, y in zip(a, b))
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    if a is None or b is None:
        return a is None and b is None
    a, b = float(a), float(b)
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return a == b if tol == 0 else abs(a - b) <= tol


def main():
    out, ref, mode = sys.argv[1], sys.argv[2], sys.argv[3]
    tol = 0.0 if mode == "exact" else float(mode)
    with open(out + "/summary.csv") as f:
        got = list(csv.DictReader(f))
    with open(ref + "/summary.csv") as f:
        want = list(csv.DictReader(f))
    with open(out + "/summary.csv") as f:
        header = f.readline().strip().split(",")
    if header[:len(COLUMNS)] != COLUMNS:
        fail("summary.csv's first columns are %s, expected %s" % (header[:len(COLUMNS)], COLUMNS))
    if len(got) != len(want):
        fail("summary.csv has %d rows, the reference %d" % (len(got), len(want)))
    if tol == 0:
        for g, w in zip(got, want):
            for c in COLUMNS:
                if c == "Name":
                    ok = g[c] == w[c]
                else:
                    ok = num(g[c]) == num(w[c])
                if not ok:
                    fail("summary row %s column %s: parley %s, reference %s" % (w["Rank"], c, g[c], w[c]))
    else:  # stochastic: by player (ranks of players within the tolerance may swap)
        with open(out + "/results.json") as f:
            parley_names = json.load(f)["players"]
        with open(ref + "/result_set.json") as f:
            ref_names = json.load(f)["players"]
        to_ref = dict(zip(parley_names, ref_names))
        gb = {to_ref.get(g["Name"], g["Name"]): g for g in got}
        for w in want:
            g = gb.get(w["Name"])
            if g is None:
                fail("summary lacks " + w["Name"])
                continue
            for c in COLUMNS[2:]:
                if abs(num(g[c]) - num(w[c])) > (max(tol, 1) if c == "Wins" else tol):
                    fail("%s %s: parley %s, reference %s (tolerance %g)" % (w["Name"], c, g[c], w[c], tol))
    with open(out + "/results.json") as f:
        pj = json.load(f)
    with open(ref + "/result_set.json") as f:
        rj = json.load(f)
    attrs = EXACT_ATTRS if tol == 0 else ["cooperating_rating", "initial_cooperation_rate", "good_partner_rating"]
    for a in attrs:
        if a not in pj:
            fail("results.json lacks " + a)
        elif not same(rj[a], pj[a], tol):
            fail("results.json %s differs: parley %s, reference %s" % (a, json.dumps(pj[a])[:400],
                                                                       json.dumps(rj[a])[:400]))
    if tol == 0:
        for a in EIGEN_ATTRS:
            if a not in pj or not same(rj[a], pj[a], 1e-12):
                fail("results.json %s differs: parley %s, reference %s" % (a, pj.get(a), rj[a]))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""interactions_rebuild.py -- rebuilds a tournament's results from its interactions file alone.

Why: `parley tournament --out DIR --interactions NAME` writes every match it played (issue 13:
"an interactions file ... from which the results can be rebuilt").  This script is the proof
and an example of reading it: from DIR/NAME only (gzip CSV i,j,repetition,actions_i,actions_j,
score_i,score_j; players numbered from 0 in --players order) it recomputes, with the reference
library's definitions, each player's

  - normalised score per repetition: its score per turn in each match against another player
    (self-play left out), averaged over the opponents it met; Median_score and Mean_score are
    their median and mean over the repetitions;
  - wins per repetition (strictly higher match score than the opponent, self-play left out);
    Wins is their median, Mean_wins their mean;
  - Cooperation_rating: its C moves over its turns against the others;
  - Initial_C_rate: its first moves that were C over its matches against the others;
  - payoff matrix cell (i, j): the mean over repetitions of i's score per turn against j; for
    i == j the mean of the two copies' per-turn scores;

and compares them with DIR/summary.csv (its rows matched to players by results.json's ranking) and DIR/payoff_matrix.csv to a relative
and absolute tolerance of 1e-9.  It also checks that every action string is as long as its
partner and that each line's scores are those of the actions under the game given.  Prints
one "# ..." line per difference and "checked N values, M differ"; exits 1 when any differs.

    python3 tools/interactions_rebuild.py DIR NAME [R,S,T,P]
"""
import csv
import gzip
import json
import math
import statistics
import sys


def close(a, b):
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def main():
    out, name = sys.argv[1], sys.argv[2]
    r_, s_, t_, p_ = (float(x) for x in (sys.argv[3] if len(sys.argv) > 3 else "3,0,5,1").split(","))
    pay = {("C", "C"): (r_, r_), ("C", "D"): (s_, t_), ("D", "C"): (t_, s_), ("D", "D"): (p_, p_)}
    with open(f"{out}/payoff_matrix.csv") as f:
        rows = list(csv.reader(f))
    names = rows[0][1:]
    n = len(names)
    matrix = [[float(x) for x in row[1:]] for row in rows[1:]]
    reps = 0
    per_turn = {}   # (i, j, rep) -> (i's score per turn, j's)
    score = {}      # (i, j, rep) -> (i's score, j's)
    coop = [0] * n
    turns = [0] * n
    first_c = [0] * n
    matches = [0] * n
    bad = []
    with gzip.open(f"{out}/{name}", "rt", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        if header != ["i", "j", "repetition", "actions_i", "actions_j", "score_i", "score_j"]:
            bad.append(f"header {header}")
        for line in reader:
            i, j, r = int(line[0]), int(line[1]), int(line[2])
            a, b = line[3], line[4]
            si, sj = float(line[5]), float(line[6])
            if len(a) != len(b) or set(a + b) - {"C", "D"}:
                bad.append(f"line {reader.line_num}: actions {a!r} {b!r}")
            ti = sum(pay[x, y][0] for x, y in zip(a, b))
            tj = sum(pay[x, y][1] for x, y in zip(a, b))
            if not (close(ti, si) and close(tj, sj)):
                bad.append(f"line {reader.line_num}: scores {si} {sj}, the actions give {ti} {tj}")
            reps = max(reps, r + 1)
            t = len(a) if a else 1
            per_turn[i, j, r] = (si / t, sj / t)
            score[i, j, r] = (si, sj)
            if i != j:
                for who, acts in ((i, a), (j, b)):
                    coop[who] += acts.count("C")
                    turns[who] += len(acts)
                    first_c[who] += bool(acts) and acts[0] == "C"
                    matches[who] += 1
    checked = 0
    # payoff matrix
    for i in range(n):
        for j in range(n):
            key = (min(i, j), max(i, j))
            vals = []
            for r in range(reps):
                if (key[0], key[1], r) not in per_turn:
                    continue
                x, y = per_turn[key[0], key[1], r]
                vals.append((x + y) / 2 if i == j else (x if i == key[0] else y))
            if not vals:
                continue
            checked += 1
            if not close(statistics.fmean(vals), matrix[i][j]):
                bad.append(f"payoff {names[i]} v {names[j]}: {statistics.fmean(vals)} in the file, {matrix[i][j]} in payoff_matrix.csv")
    # per player
    norm = [[0.0] * reps for _ in range(n)]
    wins = [[0] * reps for _ in range(n)]
    for r in range(reps):
        total = [[] for _ in range(n)]
        for (i, j, rr), (x, y) in per_turn.items():
            if rr != r or i == j:
                continue
            total[i].append(x)
            total[j].append(y)
            si, sj = score[i, j, r]
            if si > sj:
                wins[i][r] += 1
            elif sj > si:
                wins[j][r] += 1
        for i in range(n):
            norm[i][r] = math.fsum(total[i]) / len(total[i]) if total[i] else 0.0
    # summary.csv's rows are in rank order; results.json's "ranked" gives each one's player index
    # (so two players of the same name are told apart)
    with open(f"{out}/results.json") as f:
        order = [p["index"] for p in json.load(f)["ranked"]]
    with open(f"{out}/summary.csv") as f:
        rows_ranked = list(csv.DictReader(f))
    summary = {}
    for k, row in enumerate(rows_ranked):
        summary[order[k]] = row
        if row["Name"] != names[order[k]]:
            bad.append(f"summary.csv row {k + 2}: {row['Name']}, results.json ranks {names[order[k]]} there")
    for i in range(n):
        row = summary[i]
        rebuilt = {
            "Median_score": statistics.median(norm[i]),
            "Mean_score": statistics.fmean(norm[i]),
            "Wins": statistics.median(wins[i]),
            "Mean_wins": statistics.fmean(wins[i]),
            "Cooperation_rating": coop[i] / turns[i] if turns[i] else 0.0,
            "Initial_C_rate": first_c[i] / matches[i] if matches[i] else 0.0,
        }
        for col, v in rebuilt.items():
            checked += 1
            if not close(v, float(row[col])):
                bad.append(f"{names[i]} {col}: {v} from the file, {row[col]} in summary.csv")
    for b in bad:
        print(f"# {b}")
    print(f"checked {checked} values, {len(bad)} differ")
    sys.exit(1 if bad else 0)


main()

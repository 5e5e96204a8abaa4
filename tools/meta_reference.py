#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""meta_reference.py — regenerates what parley's tests of the Meta players and DBS compare
against, from Axelrod-Python 4.13 itself (the reference library, run from source):

  tests/resources/axelrod-4.13/meta_teams.txt
      one line per Meta player of the reference: its class, its team size, then the class
      of every team member in the reference's order (made with the player's defaults).
  tests/resources/axelrod-4.13/meta_transcripts.jsonl
      the reference's matches of its deterministic Meta player (Meta Winner Deterministic)
      against a handful of deterministic opponents, 200 turns, standard game, in the
      format `parley check-transcripts` reads.
  tests/resources/axelrod-4.13/dbs_transcripts.jsonl
      the same for DBS (deterministic) against the same opponents and a few that probe its
      rules (promotion, violation, rejection), and the display names of DBS and Memory Decay.
  tests/resources/axelrod-4.13/meta_distributions.csv
      the random Meta players, Memory Decay, and DBS under noise, against deterministic
      opponents over many seeds: the mean and standard deviation of the player's score and
      cooperations (its own moves as played) per match,
      which parley's test compares with its own in distribution (the reference's random
      streams cannot be reproduced draw for draw).
  tests/resources/axelrod-4.13/short_run_time.txt
      the classes of the reference's `axl.short_run_time_strategies` (its players that obey
      the rules and are not classified long_run_time, as made), in its order: what
      `--players short` must select (tests/unit/test_player_list.c).

Run:  PYTHONPATH=/path/to/axelrod-4.13 python3 tools/meta_reference.py tests/resources/axelrod-4.13 [meta] [dbs] [dist] [short]
(on the build machine: PYTHONPATH=/tmp/axref /usr/bin/python3; `import axelrod` takes ~12 s and
the matches a few minutes).  The tests never need the reference: they read these files."""
import json
import os
import sys

import axelrod as axl

METAS = [
    "MetaMajority", "MetaMinority", "MetaWinner", "MetaWinnerEnsemble", "NiceMetaWinner",
    "NiceMetaWinnerEnsemble", "MetaMajorityMemoryOne", "MetaMajorityFiniteMemory",
    "MetaMajorityLongMemory", "MetaWinnerMemoryOne", "MetaWinnerFiniteMemory",
    "MetaWinnerLongMemory", "MetaWinnerDeterministic", "MetaWinnerStochastic",
    "NMWEDeterministic", "NMWEStochastic", "NMWEFiniteMemory", "NMWELongMemory",
    "NMWEMemoryOne", "MetaMixer", "MemoryDecay",
]

OPPONENTS = [
    axl.TitForTat, axl.Alternator, axl.Grudger, axl.Cooperator, axl.Defector, axl.Prober,
    axl.SuspiciousTitForTat, axl.HardTitForTat, axl.FirstByDavis, axl.MetaHunter,
    axl.Handshake, axl.TitFor2Tats, axl.CyclerCCD, axl.WinStayLoseShift,
]


DBS_OPPONENTS = OPPONENTS + [
    axl.DBS, axl.FoolMeOnce, axl.Gradual, axl.Prober2, axl.Prober4, axl.EvolvedFSM16, axl.Punisher, axl.TrickyCooperator,
    axl.SuspiciousTitForTat, axl.CyclerCCCD, axl.Retaliate, axl.OmegaTFT, axl.SecondByTidemanAndChieruzzi,
]


def transcript(f, a, b, turns=200):
    """One match of the reference, as a line of check-transcripts' format."""
    m = axl.Match((a, b), turns=turns, game=axl.Game(), seed=1)
    m.play()
    sa, sb = m.final_score()
    f.write(json.dumps({
        "a": a.name, "b": b.name, "turns": turns, "game_RPST": [3, 1, 0, 5],
        "a_actions": "".join(str(x) for x in a.history),
        "b_actions": "".join(str(x) for x in b.history),
        "a_score": int(sa), "b_score": int(sb),
    }) + "\n")
    f.flush()


def dbs(out_dir):
    with open(os.path.join(out_dir, "dbs_transcripts.jsonl"), "w") as f:
        for opp in DBS_OPPONENTS:
            transcript(f, axl.DBS(), opp())
            transcript(f, opp(), axl.DBS())
    print("display names:", repr(axl.DBS()), "|", repr(axl.MemoryDecay()))


DISTRIBUTIONS = [
    # player, opponent, turns, repetitions, noise
    ("MemoryDecay", "Alternator", 100, 400, 0),
    ("MemoryDecay", "CyclerCCD", 100, 400, 0),
    ("DBS", "TitForTat", 100, 100, 0.1),
    ("DBS", "Grudger", 100, 100, 0.05),
    ("MetaMajorityMemoryOne", "TitForTat", 40, 100, 0),
    ("MetaWinnerMemoryOne", "Alternator", 40, 100, 0),
    ("NMWEMemoryOne", "SuspiciousTitForTat", 40, 100, 0),
    ("MetaMinority", "TitForTat", 30, 30, 0),
]


def distributions(out_dir):
    import statistics
    with open(os.path.join(out_dir, "meta_distributions.csv"), "w") as f:
        f.write("# random Meta players of Axelrod-Python 4.13 over seeds 1..repetitions (tools/meta_reference.py)\n")
        f.write("player,opponent,turns,repetitions,noise,mean_score,sd_score,mean_cooperations,sd_cooperations\n")
        for player, opponent, turns, reps, noise in DISTRIBUTIONS:
            scores, coops = [], []
            for seed in range(1, reps + 1):
                a, b = getattr(axl, player)(), getattr(axl, opponent)()
                m = axl.Match((a, b), turns=turns, game=axl.Game(), noise=noise, seed=seed)
                m.play()
                scores.append(float(m.final_score()[0]))
                coops.append(sum(1 for x in a.history if x == axl.Action.C))
            f.write("%s,%s,%d,%d,%g,%.6f,%.6f,%.6f,%.6f\n" % (
                player, opponent, turns, reps, noise, statistics.mean(scores), statistics.stdev(scores),
                statistics.mean(coops), statistics.stdev(coops)))
            f.flush()


def main(out_dir):
    with open(os.path.join(out_dir, "meta_teams.txt"), "w") as f:
        f.write("# Meta players of Axelrod-Python 4.13: class, team size, team (tools/meta_reference.py)\n")
        for name in METAS:
            p = getattr(axl, name)()
            team = [t.__class__.__name__ for t in p.team]
            f.write("%s %d %s\n" % (name, len(team), " ".join(team)))
    with open(os.path.join(out_dir, "meta_transcripts.jsonl"), "w") as f:
        for opp in [axl.MetaWinnerDeterministic] + OPPONENTS:
            transcript(f, axl.MetaWinnerDeterministic(), opp())


def short_run_time(out_dir):
    with open(os.path.join(out_dir, "short_run_time.txt"), "w") as f:
        f.write("# axl.short_run_time_strategies of Axelrod-Python 4.13, by class, in its order (tools/meta_reference.py)\n")
        for s in axl.short_run_time_strategies:
            f.write("%s\n" % s.__name__)


if __name__ == "__main__":
    parts = sys.argv[2:] or ["meta", "dbs", "dist", "short"]
    where = sys.argv[1] if len(sys.argv) > 1 else "tests/resources/axelrod-4.13"
    if "meta" in parts:
        main(where)
    if "dbs" in parts:
        dbs(where)
    if "dist" in parts:
        distributions(where)
    if "short" in parts:
        short_run_time(where)

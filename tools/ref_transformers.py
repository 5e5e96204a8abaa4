# SPDX-License-Identifier: MIT
"""ref_transformers.py -- the reference's transformed players, as test data.

Plays Axelrod-Python 4.13's strategy transformers (axelrod/strategy_transformers.py)
on a set of deterministic strategies against deterministic opponents and writes

  tests/resources/transformers/matches.jsonl   one match a line, in the format of
      `parley check-transcripts` (the players named in parley's syntax, dual(TitForTat))
  tests/resources/transformers/classifiers.tsv   each transformed player's parley name,
      the reference's name (repr), stochastic, memory depth (-1: unbounded), and whether
      it uses the match length and the game

so that tests/e2e/transformers.sh can compare parley move for move and classifier by
classifier without the reference installed.  Only settings that draw no random numbers
are played here (noisy and forgiver at 0 and 1, Joss-Ann at (1, 0), (0, 1), (0, 0), mixed
at probability 1 of a player whose strategy is static); the stochastic settings are tested
in distribution by tests/unit/test_transformers.c.

Run (the reference from source, about a minute):
  PYTHONPATH=/tmp/axref /usr/bin/python3 tools/ref_transformers.py tests/resources/transformers
"""
import json
import math
import os
import sys

import axelrod as axl
from axelrod import strategy_transformers as T
from axelrod.action import Action

C, D = Action.C, Action.D
TURNS = 60


def acts(s):
    return [C if ch == "C" else D for ch in s]


# Each transformer: parley name -> how to build the reference's decorator from the
# arguments as parley reads them (strings as typed).
def make_decorator(name, args):
    if name == "flip":
        return T.FlipTransformer()
    if name == "dual":
        return T.DualTransformer()
    if name == "noisy":
        return T.NoisyTransformer(float(args[0]))
    if name == "forgiver":
        return T.ForgiverTransformer(float(args[0]))
    if name == "nice":
        return T.NiceTransformer()
    if name == "initial":
        return T.InitialTransformer(acts(args[0]))
    if name == "final":
        return T.FinalTransformer(acts(args[0]))
    if name == "track_history":
        return T.TrackHistoryTransformer()
    if name == "deadlock_breaking":
        return T.DeadlockBreakingTransformer()
    if name == "grudge":
        return T.GrudgeTransformer(int(args[0]))
    if name == "apology":
        return T.ApologyTransformer(acts(args[0]), acts(args[1]))
    if name == "mixed":
        return T.MixedTransformer(float(args[0]), getattr(axl, args[1]))
    if name == "joss_ann":
        return T.JossAnnTransformer((float(args[0]), float(args[1])))
    if name == "retaliation":
        return T.RetaliationTransformer(int(args[0]))
    if name == "retaliate_until_apology":
        return T.RetaliateUntilApologyTransformer()
    if name == "identity":
        return T.IdentityTransformer()
    raise ValueError(name)


# A spec: a class name, or (transformer, inner spec, arg, ...).
def parley_name(spec):
    if isinstance(spec, str):
        return spec
    return "%s(%s)" % (spec[0], ", ".join([parley_name(spec[1])] + list(spec[2:])))


def ref_class(spec):
    if isinstance(spec, str):
        return getattr(axl, spec)
    return make_decorator(spec[0], list(spec[2:]))(ref_class(spec[1]))


BASES = ["TitForTat", "Grudger", "Alternator", "Cooperator", "Defector", "SuspiciousTitForTat",
         "TitFor2Tats", "WinStayLoseShift", "Bully", "FirstByDavis", "CyclerCCD", "Adaptive", "Prober"]
TRANSFORMS = [("flip",), ("dual",), ("nice",), ("initial", "DDC"), ("final", "DD"), ("track_history",),
              ("deadlock_breaking",), ("grudge", "1"), ("apology", "D", "C"), ("apology", "CD", "DC"),
              ("retaliation", "2"), ("retaliate_until_apology",), ("identity",), ("noisy", "0"), ("noisy", "1"),
              ("forgiver", "0"), ("forgiver", "1"), ("joss_ann", "1", "0"), ("joss_ann", "0", "1"),
              ("joss_ann", "0", "0"), ("mixed", "1", "Defector"), ("mixed", "1", "Cooperator")]
OPPONENTS = ["TitForTat", "Defector", "Alternator", "Grudger", "CyclerDDC", "Prober", "WinStayLoseShift"]
NESTED = [
    ("flip", ("dual", "TitForTat")),
    ("dual", ("dual", "Grudger")),
    ("dual", ("initial", "TitForTat", "DD")),
    ("initial", ("dual", "TitForTat"), "DD"),
    ("apology", ("retaliation", "TitForTat", "2"), "D", "C"),
    ("nice", ("final", "Bully", "DD")),
    ("grudge", ("flip", "Alternator"), "2"),
    ("deadlock_breaking", ("dual", "WinStayLoseShift")),
    ("retaliate_until_apology", ("joss_ann", "Alternator", "0", "0")),
    ("dual", ("apology", "Grudger", "D", "C")),
    ("dual", ("nice", "SuspiciousTitForTat")),
    ("final", ("initial", ("dual", "Adaptive"), "CD"), "DDD"),
]


def play(a, b):
    pa, pb = ref_class(a)(), ref_class(b)()
    m = axl.Match((pa, pb), turns=TURNS)
    m.play()
    sa, sb = m.final_score()
    return {"a": parley_name(a), "b": parley_name(b), "turns": TURNS, "game_RPST": [3, 1, 0, 5],
            "a_actions": "".join(str(x) for x in pa.history), "b_actions": "".join(str(x) for x in pb.history),
            "a_score": int(sa), "b_score": int(sb)}


def classifier_row(spec):
    # through axelrod.Classifiers, as the reference's own table (all_classifiers.yml) is made:
    # a player's makes_use_of is found from its source there when its classifier lacks it
    p = ref_class(spec)()
    depth = axl.Classifiers["memory_depth"](p)
    depth = -1 if depth == float("inf") else int(depth)
    uses = axl.Classifiers["makes_use_of"](p) or set()
    stochastic = axl.Classifiers["stochastic"](p)
    return "\t".join([parley_name(spec), repr(p), str(int(bool(stochastic))), str(depth),
                      str(int("length" in uses)), str(int("game" in uses))])


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "tests/resources/transformers"
    os.makedirs(out, exist_ok=True)
    specs = [(t[0], b) + t[1:] for b in BASES for t in TRANSFORMS] + NESTED
    with open(os.path.join(out, "matches.jsonl"), "w") as f:
        for s in specs:
            for o in OPPONENTS:
                f.write(json.dumps(play(s, o)) + "\n")
        for a, b in zip(NESTED, NESTED[1:] + NESTED[:1]):  # transformed against transformed
            f.write(json.dumps(play(a, b)) + "\n")
    # the classifiers, stochastic settings included (they are not played above)
    extra = [("noisy", "TitForTat", "0.1"), ("forgiver", "Grudger", "0.5"), ("joss_ann", "TitForTat", "0.1", "0.2"),
             ("joss_ann", "Random", "1", "0"), ("joss_ann", "TitForTat", "0.7", "0.6"),
             ("mixed", "TitForTat", "0.3", "Defector"), ("mixed", "TitForTat", "0", "Random"),
             ("retaliation", "Grudger", "3"), ("retaliate_until_apology", "Cooperator"),
             ("final", "Cooperator", "DDD"), ("initial", "Defector", "CCCC")]
    with open(os.path.join(out, "classifiers.tsv"), "w") as f:
        f.write("# parley name\treference name\tstochastic\tmemory depth\tuses length\tuses game\n")
        for s in specs + [tuple(e[:1]) + (e[1],) + tuple(e[2:]) for e in extra]:
            f.write(classifier_row(s) + "\n")


if __name__ == "__main__":
    main()

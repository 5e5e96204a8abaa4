# SPDX-License-Identifier: MIT
"""parley.axelrod — Axelrod-Python's face on parley's engine: `import parley.axelrod as axl` and
an ordinary Axelrod-Python script runs unchanged, its matches and tournaments played by parley.

    import parley.axelrod as axl
    players = [axl.Cooperator(), axl.Defector(), axl.TitForTat(), axl.Grudger()]
    results = axl.Tournament(players, turns=200, repetitions=10, seed=1).play()
    results.ranked_names, results.normalised_scores, results.payoff_matrix, results.summarise()

What it has: the strategy classes by name with their parameters (parley has 218 of the
reference's 241; missing_strategies names the others), Action (C, D), Game, Match, Tournament
and its ResultSet, MoranProcess, Ecosystem, the collections (all_strategies, strategies, basic_strategies,
axelrod_first_strategies, demo_strategies, long_run_time_strategies, short_run_time_strategies)
and filtered_strategies.  What it does not: a NotImplementedError names the feature (plots,
spatial tournaments, interaction files, fingerprints, stepping a Player by hand, ...).

The numbers are parley's: the same seed gives the same results as `parley tournament` and
`parley match` with that seed, not the reference's own random draws.  Without a seed a match
or tournament draws one (axl.seed(n) makes that draw reproducible)."""
import random as _random

from .action import Action, C, D
from .ecosystem import Ecosystem
from .game import DefaultGame, Game
from .match import Match
from .moran import MoranProcess
from .player import Player, all_classes as _all_classes
from .result_set import ResultSet
from .tournament import Tournament

DEFAULT_TURNS = 200
__version__ = "4.13.0"  # the reference version whose interface this follows

for _cls in _all_classes:
    globals()[_cls.__name__] = _cls

# the collections of the reference, of the strategies parley has, in the reference's order
all_strategies = [s for s in _all_classes if s.parley_id is not None]
missing_strategies = [s.__name__ for s in _all_classes if s.parley_id is None]
strategies = [s for s in all_strategies
              if not any(s.classifier[k] for k in ("inspects_source", "manipulates_source", "manipulates_state"))]
ordinary_strategies = strategies
basic_strategies = [s for s in strategies if not s.classifier["stochastic"] and s.classifier["memory_depth"] in (0, 1)]
long_run_time_strategies = [s for s in all_strategies if s.classifier["long_run_time"]]
short_run_time_strategies = [s for s in strategies if not s.classifier["long_run_time"]]
cheating_strategies = []
demo_strategies = [Cooperator, Defector, TitForTat, Grudger, Random]  # noqa: F821 (made above)
axelrod_first_strategies = [TitForTat, FirstByTidemanAndChieruzzi, FirstByNydegger, FirstByGrofman,  # noqa: F821
                            FirstByShubik, FirstBySteinAndRapoport, Grudger, FirstByDavis,  # noqa: F821
                            FirstByGraaskamp, FirstByDowning, FirstByFeld, FirstByJoss,  # noqa: F821
                            FirstByTullock, FirstByAnonymous, Random]  # noqa: F821


def filtered_strategies(filterset, strategies=all_strategies):
    """The strategy classes passing every filter: stochastic, long_run_time (True/False),
    memory_depth, min_memory_depth, max_memory_depth, makes_use_of (a list)."""
    out = []
    for s in strategies:
        cl = s.classifier
        ok = True
        for key, want in filterset.items():
            if key in ("stochastic", "long_run_time", "inspects_source", "manipulates_source", "manipulates_state"):
                ok = ok and cl[key] == want
            elif key == "memory_depth":
                ok = ok and cl["memory_depth"] == want
            elif key == "min_memory_depth":
                ok = ok and cl["memory_depth"] >= want
            elif key == "max_memory_depth":
                ok = ok and cl["memory_depth"] <= want
            elif key == "makes_use_of":
                ok = ok and set(want) <= cl["makes_use_of"]
            else:
                raise NotImplementedError("filtered_strategies: the filter %r" % key)
        if ok:
            out.append(s)
    return out


_seeds = _random.Random()


def seed(s):
    """Makes the seeds drawn for unseeded matches and tournaments reproducible."""
    _seeds.seed(s)


def _draw_seed():
    return _seeds.getrandbits(63)


class _Missing:
    def __init__(self, what, instead):
        self.what, self.instead = what, instead

    def __call__(self, *args, **kwargs):
        raise NotImplementedError("axl.%s is not in parley.axelrod%s" % (self.what, self.instead))


Plot = _Missing("Plot (plots of results)", "; results.write_report(path) writes parley's report.html, with "
                "its charts")
AshlockFingerprint = _Missing("AshlockFingerprint (fingerprints)", "")
TransitiveFingerprint = _Missing("TransitiveFingerprint (fingerprints)", "")
ApproximateMoranProcess = _Missing("ApproximateMoranProcess", "; MoranProcess already caches match outcomes "
                                   "as the approximate process does")
DeterministicCache = _Missing("DeterministicCache", "; parley plays a deterministic pair once by itself")
Human = _Missing("Human (playing by hand)", "; the command plays against you: parley play tft")
AsymmetricGame = _Missing("AsymmetricGame (two payoff matrices)", "; parley.axelrod plays symmetric 2x2 games "
                          "(axl.Game(r, s, t, p)); parley's N-party scenarios give each party its own payoffs")

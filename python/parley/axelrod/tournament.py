# SPDX-License-Identifier: MIT
"""tournament.py — axl.Tournament: a round robin played by parley (parley.tournament, the same
engine and seed as `parley tournament`), its results as the reference's ResultSet."""
from ..tournament import tournament as _tournament
from .game import DefaultGame
from .match import _seed_of
from .result_set import ResultSet


class Tournament:
    """Tournament(players, name="axelrod", game=None, turns=None, prob_end=None, repetitions=10,
    noise=0, edges=None, match_attributes=None, seed=None).  play() returns a ResultSet."""

    def __init__(self, players, name="axelrod", game=None, turns=None, prob_end=None, repetitions=10, noise=0,
                 edges=None, match_attributes=None, seed=None):
        if edges is not None:
            raise NotImplementedError("Tournament(edges=...): spatial tournaments are not in parley.axelrod")
        if match_attributes is not None:
            raise NotImplementedError("Tournament(match_attributes=...) is not in parley.axelrod")
        self.players = list(players)
        self.name = name
        self.game = game if game is not None else DefaultGame
        if turns is None and prob_end is None:
            turns = 200
        self.turns, self.prob_end, self.repetitions, self.noise = turns, prob_end, repetitions, noise
        self.seed = _seed_of(seed)
        self.num_interactions = 0

    def play(self, build_results=True, filename=None, processes=None, progress_bar=True, **kwargs):
        """Plays the tournament; processes: parley's worker threads (None or 1: one; 0: every core)."""
        if filename is not None:
            raise NotImplementedError("Tournament.play(filename=...): the file of every interaction is not in "
                                      "parley.axelrod (ResultSet.write_summary and parley's --out files are)")
        if kwargs:
            raise NotImplementedError("Tournament.play(%s) is not in parley.axelrod" % ", ".join(sorted(kwargs)))
        res = _tournament([p.parley_spec for p in self.players], turns=self.turns,
                                     repetitions=self.repetitions, noise=self.noise,
                                     prob_end=self.prob_end or 0.0, game=self.game.parley_game(),
                                     seed=self.seed, threads=1 if processes is None else processes)
        self.num_interactions = int(res.matches)
        return ResultSet([str(p) for p in self.players], res, self.repetitions) if build_results else None

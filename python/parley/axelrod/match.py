# SPDX-License-Identifier: MIT
"""match.py — axl.Match: one match between two players, played by parley (parley.match), with the
reference's methods over its result."""
from collections import Counter

from ..match import play as _play
from .action import C, D, actions_from
from .game import DefaultGame


def _seed_of(seed):
    if seed is None:
        from . import _draw_seed
        return _draw_seed()
    return seed


class Match:
    """Match(players, turns=None, prob_end=None, game=None, noise=0, seed=None): turns default 200;
    with prob_end and no turns, no cap.  play() returns the list of (action, action) pairs; a
    second play() plays the next match of the same seed."""

    def __init__(self, players, turns=None, prob_end=None, game=None, deterministic_cache=None, noise=0,
                 match_attributes=None, reset=True, seed=None):
        if len(players) != 2:
            raise ValueError("a Match is between two players, got %d" % len(players))
        if match_attributes is not None:
            raise NotImplementedError("Match(match_attributes=...): telling players a length other than the "
                                      "match's is not in parley.axelrod")
        self.players = list(players)
        if turns is None and prob_end is None:
            turns = 200
        self.turns, self.prob_end, self.noise = turns, prob_end, noise
        self.game = game if game is not None else DefaultGame
        self.seed = _seed_of(seed)
        self.result = []
        self._played = 0
        self._scores = (0, 0)

    def play(self):
        p1, p2 = self.players
        r = _play(p1.parley_spec, p2.parley_spec, self.turns, self.noise, self.prob_end or 0.0,
                        self.game.parley_game(), self.seed, self._played)
        self._played += 1
        self.result = list(zip(actions_from(r.a_actions), actions_from(r.b_actions)))
        self._scores = r.scores
        return self.result

    def scores(self):
        return [self.game.score(pair) for pair in self.result]

    def final_score(self):
        if not self.result:
            return None
        s = self.scores()
        return (sum(x for x, _ in s), sum(y for _, y in s))

    def final_score_per_turn(self):
        if not self.result:
            return None
        a, b = self.final_score()
        return (a / len(self.result), b / len(self.result))

    def winner(self):
        if not self.result:
            return None
        a, b = self.final_score()
        if a == b:
            return False
        return self.players[0] if a > b else self.players[1]

    def cooperation(self):
        return (sum(1 for x, _ in self.result if x == C), sum(1 for _, y in self.result if y == C))

    def normalised_cooperation(self):
        n = len(self.result)
        if n == 0:
            return (0, 0)
        a, b = self.cooperation()
        return (a / n, b / n)

    def state_distribution(self):
        return Counter(self.result)

    def normalised_state_distribution(self):
        n = len(self.result)
        return Counter({k: v / n for k, v in Counter(self.result).items()})

    def sparklines(self, c_symbol="█", d_symbol=" "):
        a = "".join(c_symbol if x == C else d_symbol for x, _ in self.result)
        b = "".join(c_symbol if y == C else d_symbol for _, y in self.result)
        return a + "\n" + b

    def __len__(self):
        return len(self.result) if self.result else (self.turns or 0)

# SPDX-License-Identifier: MIT
"""game.py — axl.Game(r, s, t, p): the prisoner's dilemma payoffs a match or tournament is played
with (parley's --game R,S,T,P)."""
from .action import C, D


class Game:
    """The prisoner's dilemma with reward r, sucker s, temptation t and punishment p."""

    def __init__(self, r=3, s=0, t=5, p=1):
        self.r, self.s, self.t, self.p = r, s, t, p
        self.scores = {(C, C): (r, r), (D, D): (p, p), (C, D): (s, t), (D, C): (t, s)}

    def RPST(self):
        return (self.r, self.p, self.s, self.t)

    def score(self, pair):
        return self.scores[tuple(pair)]

    def parley_game(self):
        """(R, S, T, P) as parley takes it."""
        return (self.r, self.s, self.t, self.p)

    def __eq__(self, other):
        return isinstance(other, Game) and self.RPST() == other.RPST()

    def __repr__(self):
        return "Axelrod game: (R,P,S,T) = {}".format(self.RPST())


DefaultGame = Game()

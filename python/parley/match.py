# SPDX-License-Identifier: MIT
"""match.py — parley.match(): one repeated two-party game, as `parley match A B` plays it."""
import html

import numpy as np
import pandas as pd

from . import _common as c
from ._parley import ffi, lib


class MatchResult:
    """One match: the two players' labels, their actions (strings of C and D, and as a numpy
    array, 0 for C and 1 for D), their total scores, and a turn-by-turn DataFrame."""

    def __init__(self, a, b, a_actions, b_actions, a_score, b_score, payoffs):
        self.a, self.b = a, b
        self.a_actions, self.b_actions = a_actions, b_actions
        self.turns = len(a_actions)
        self.scores = (a_score, b_score)
        self._payoffs = payoffs  # {(x, y): (to A, to B)} over "C"/"D"

    @property
    def actions(self):
        """turns x 2 array: column 0 is A's actions, column 1 B's; 0 = C, 1 = D."""
        return np.array([[x == "D", y == "D"] for x, y in zip(self.a_actions, self.b_actions)],
                        dtype=np.int8).reshape(self.turns, 2)

    def per_turn(self):
        """A DataFrame, one row a turn: the two actions and the payoffs they gave."""
        rows = [(t + 1, x, y) + self._payoffs[(x, y)] for t, (x, y) in enumerate(zip(self.a_actions, self.b_actions))]
        return pd.DataFrame(rows, columns=["turn", "a", "b", "a_payoff", "b_payoff"])

    def to_dict(self):
        """The object `parley match --json` prints."""
        return {"a": self.a, "b": self.b, "turns": self.turns, "a_actions": self.a_actions,
                "b_actions": self.b_actions, "a_score": self.scores[0], "b_score": self.scores[1]}

    def __repr__(self):
        return "<parley match %s vs %s: %d turns, %g to %g>" % (self.a, self.b, self.turns, *self.scores)

    def _repr_html_(self):
        def spark(s):
            return "".join('<span style="display:inline-block;width:4px;height:14px;background:%s"></span>'
                           % ("#2b8a3e" if ch == "C" else "#c92a2a") for ch in s)
        t = max(self.turns, 1)
        return ("<div><b>%s</b> vs <b>%s</b>, %d turns</div><table>"
                "<tr><th>player</th><th>score</th><th>a turn</th><th>cooperation</th><th>moves (green C, red D)</th></tr>"
                "<tr><td>%s</td><td>%g</td><td>%.3f</td><td>%.1f%%</td><td>%s</td></tr>"
                "<tr><td>%s</td><td>%g</td><td>%.3f</td><td>%.1f%%</td><td>%s</td></tr></table>"
                % (html.escape(self.a), html.escape(self.b), self.turns,
                   html.escape(self.a), self.scores[0], self.scores[0] / t, 100 * self.a_actions.count("C") / t,
                   spark(self.a_actions[:400]),
                   html.escape(self.b), self.scores[1], self.scores[1] / t, 100 * self.b_actions.count("C") / t,
                   spark(self.b_actions[:400])))


def match(a, b, turns=None, noise=0.0, prob_end=0.0, game=None, seed=0):
    """Plays strategy a against strategy b, as `parley match A B` does with the same flags.

    a, b: strategy names as the command takes them ("tft", "gtft:p=0.1", "First by Davis: 10",
    "TitForTat").  turns: the length (default 200); with prob_end, the cap (default: none).
    game: (R, S, T, P), default (3, 0, 5, 1).  The same seed gives the same match."""
    return play(a, b, turns, noise, prob_end, game, seed, 0)


def play(a, b, turns, noise, prob_end, game, seed, stream):
    """match(), on the random stream (seed, 0, stream): stream 0 is the command's match; the
    Axelrod face plays a Match again on the next stream."""
    cfg = ffi.new("pl_match_config *")
    lib.pl_match_config_default(cfg)
    cfg.noise = c.prob("noise", noise)
    cfg.prob_end = c.prob("prob_end", prob_end)
    cfg.seed = c.seed("seed", seed)
    cfg.stream_b = stream
    if turns is None:
        cfg.turns = 0 if cfg.prob_end > 0 else 200
    else:
        cfg.turns = c.whole("turns", turns, 1, 100000000)
    g, _ = c.make_game(game)
    cfg.game = g
    players = [c.PlayerList([a], "a"), c.PlayerList([b], "b")]
    for p, what in zip(players, "ab"):
        if len(p) != 1:
            raise c.BadInput("%s: expected one strategy, got %d" % (what, len(p)))
    sa, sb = players[0].items()[0], players[1].items()[0]
    out = ffi.new("pl_match_result **")
    err = c.new_error()
    c.check(lib.pl_match_play(sa, sb, cfg, out, err), err)
    r = ffi.gc(out[0], lib.pl_match_result_free)
    n = lib.pl_match_result_turns(r)
    buf = ffi.new("char[]", n + 1)
    lib.pl_match_result_actions(r, 0, buf)
    xa = ffi.string(buf).decode()
    lib.pl_match_result_actions(r, 1, buf)
    xb = ffi.string(buf).decode()
    R, S, T, P = (float(v) for v in (game_values(game)))
    payoffs = {("C", "C"): (R, R), ("C", "D"): (S, T), ("D", "C"): (T, S), ("D", "D"): (P, P)}
    return MatchResult(c.text(lib.pl_strategy_label(sa)), c.text(lib.pl_strategy_label(sb)), xa, xb,
                       lib.pl_match_result_score(r, 0), lib.pl_match_result_score(r, 1), payoffs)


def game_values(game):
    """(R, S, T, P) of a game given as make_game accepts it."""
    if game is None:
        return (3, 0, 5, 1)
    if isinstance(game, str):
        return tuple(float(x) for x in game.split(","))
    if hasattr(game, "RPST"):
        r, p, s, t = game.RPST()
        return (r, s, t, p)
    return tuple(game)

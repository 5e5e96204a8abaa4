# SPDX-License-Identifier: MIT
"""tournament.py — parley.tournament(): a round robin, as `parley tournament` plays it, with its
results as pandas DataFrames and numpy arrays read straight from the library's result object."""
import os
import tempfile

import numpy as np
import pandas as pd

from . import _common as c
from ._parley import ffi, lib

SUMMARY_COLUMNS = ["Rank", "Name", "Median_score", "Cooperation_rating", "Wins", "Initial_C_rate", "CC_rate",
                   "CD_rate", "DC_rate", "DD_rate", "CC_to_C_rate", "CD_to_C_rate", "DC_to_C_rate", "DD_to_C_rate",
                   "Mean_score", "Std_score", "Mean_wins"]
OUTCOME_COLUMNS = ["Initial_C_rate", "CC_rate", "CD_rate", "DC_rate", "DD_rate", "CC_to_C_rate", "CD_to_C_rate",
                   "DC_to_C_rate", "DD_to_C_rate"]


class TournamentResult:
    """A played tournament.

    names            the players' labels, in the order given
    ranking          player indices from best to worst (median normalised score, ties in player order)
    ranked_names     the labels in that order
    summary          DataFrame, one row a player by rank: the columns of summary.csv (the
                     reference's summary, then Mean_score, Std_score, Mean_wins)
    normalised_scores  DataFrame players x repetitions: score per turn averaged over opponents
    wins             DataFrame players x repetitions: matches won
    scores           array players x repetitions: total score against the opponents
    payoff_matrix    array n x n: mean score per turn of i against j; payoff_stddev its spread
    cooperation      array n x n: C moves of i against j over every repetition
    pair_turns       array n x n: turns i and j played against each other
    outcomes_others  DataFrame, one row a player in order: the initial cooperation rate, the
                     rates of joint outcomes and of cooperation after each, pooled over the
                     matches against the others (summary's are the reference's per-opponent ones)
    write(dir)       the command's files: summary.csv, normalised_scores.csv, wins.csv,
                     payoff_matrix.csv, results.json, report.html"""

    def __init__(self, res, cfg, game, game_text, keep):
        self._res, self._cfg, self._game, self._game_text, self._keep = res, cfg, game, game_text, keep
        r = res
        n = lib.pl_tournament_result_players(r)
        reps = lib.pl_tournament_result_repetitions(r)
        self.n_players, self.repetitions = n, reps
        self.names = [c.text(lib.pl_tournament_result_name(r, i)) for i in range(n)]
        rank = lib.pl_tournament_result_ranking(r)
        self.ranking = [int(rank[k]) for k in range(n)]
        self.ranked_names = [self.names[i] for i in self.ranking]
        cols = ["rep_%d" % (k + 1) for k in range(reps)]
        self.normalised_scores = pd.DataFrame(
            [[lib.pl_tournament_result_normalised(r, i, k) for k in range(reps)] for i in range(n)],
            index=pd.Index(self.names, name="Name"), columns=cols)
        self.wins = pd.DataFrame([[lib.pl_tournament_result_wins(r, i, k) for k in range(reps)] for i in range(n)],
                                 index=pd.Index(self.names, name="Name"), columns=cols)
        self.scores = np.array([[lib.pl_tournament_result_score(r, i, k) for k in range(reps)] for i in range(n)])
        self.payoff_matrix = np.array([[lib.pl_tournament_result_payoff(r, i, j) for j in range(n)] for i in range(n)])
        self.payoff_stddev = np.array([[lib.pl_tournament_result_payoff_stddev(r, i, j) for j in range(n)]
                                       for i in range(n)])
        self.cooperation = np.array([[lib.pl_tournament_result_pair_cooperation(r, i, j) for j in range(n)]
                                     for i in range(n)], dtype=np.int64)
        self.pair_turns = np.array([[lib.pl_tournament_result_pair_turns(r, i, j) for j in range(n)]
                                    for i in range(n)], dtype=np.int64)
        self.matches = lib.pl_tournament_result_matches(r)
        self.turns_played = lib.pl_tournament_result_turns(r)
        oc, nc, ic = ffi.new("double[4]"), ffi.new("double[4]"), ffi.new("double *")
        rows = []
        for k, i in enumerate(self.ranking):
            lib.pl_tournament_result_summary_rates(r, i, oc, nc)
            rows.append([k, self.names[i], lib.pl_tournament_result_median(r, i),
                         lib.pl_tournament_result_cooperating_rating(r, i), lib.pl_tournament_result_median_wins(r, i),
                         lib.pl_tournament_result_initial_cooperation_rate(r, i)] + list(oc) + list(nc) +
                        [lib.pl_tournament_result_mean(r, i), lib.pl_tournament_result_stddev(r, i),
                         float(np.mean(self.wins.iloc[i].to_numpy()))])
        self.summary = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
        rows = []
        for i in range(n):
            lib.pl_tournament_result_outcomes_others(r, i, oc, nc, ic)
            rows.append([ic[0]] + list(oc) + list(nc))
        self.outcomes_others = pd.DataFrame(rows, columns=OUTCOME_COLUMNS, index=pd.Index(self.names, name="Name"))

    def table(self):
        """The ranked table the command prints."""
        out = ffi.new("char **")
        lib.pyl_tournament_table(self._res, out)
        try:
            return c.text(out[0])
        finally:
            lib.free(out[0])

    def write(self, directory):
        """Writes the command's result files into directory, as a set (as --out does)."""
        err = c.new_error()
        od = ffi.new("pl_outdir **")
        c.check(lib.pl_outdir_open(od, os.fsencode(directory), err), err)
        meta = ffi.new("pl_tournament_meta *", {"cfg": self._cfg, "game_text": self._game_text})
        rc = lib.pl_tournament_write(self._res, meta, lib.pl_outdir_path(od[0]), err)
        if rc:
            lib.pl_outdir_fix_error(od[0], err)
            lib.pl_outdir_abort(od[0])
            c.raise_error(err, rc)
        c.check(lib.pl_outdir_commit(od[0], err), err)
        return directory

    def report_html(self):
        """report.html, the self-contained page of charts and tables, as text."""
        with tempfile.TemporaryDirectory(prefix="parley-") as d:
            path = os.path.join(d, "report.html")
            meta = ffi.new("pl_tournament_meta *", {"cfg": self._cfg, "game_text": self._game_text})
            err = c.new_error()
            c.check(lib.pl_tournament_write_report(self._res, meta, os.fsencode(path), err), err)
            with open(path, encoding="utf-8") as f:
                return f.read()

    def _repr_html_(self):
        return c.iframe(self.report_html())

    def __repr__(self):
        return "<parley tournament: %d players, %d repetitions; ranked %s>" % (
            self.n_players, self.repetitions, ", ".join(self.ranked_names[:5]) + (", ..." if self.n_players > 5 else ""))


def tournament(players, turns=None, repetitions=10, noise=0.0, prob_end=0.0, game=None, seed=0, threads=1,
               self_play=True, batched=True):
    """A round robin, as `parley tournament --players ...` with the same flags.

    players: a list of strategy names (or one comma-separated string, or "all").  turns: the
    length of each match (default 200); with prob_end, the cap (default: none).  game: (R, S,
    T, P).  threads: workers (0: every core); the numbers do not depend on it.  batched: False
    plays every pair match by match, as `--no-batched`, with the draws of parley before
    2026-12-04 (True, the default: pairs of memory-one players or automata that draw play 64
    repetitions at once, the same chances from other draws)."""
    plist = c.PlayerList(players)
    if len(plist) < 2:
        raise c.BadInput("players: a tournament needs at least two players, got %d" % len(plist))
    cfg = ffi.new("pl_tournament_config *")
    lib.pl_tournament_config_default(cfg)
    cfg.noise = c.prob("noise", noise)
    cfg.prob_end = c.prob("prob_end", prob_end)
    if turns is None:
        cfg.turns = 0 if cfg.prob_end > 0 else 200
    else:
        cfg.turns = c.whole("turns", turns, 1, 100000000)
    cfg.repetitions = c.whole("repetitions", repetitions, 1, 10000000)
    cfg.seed = c.seed("seed", seed)
    cfg.threads = c.threads(threads)
    cfg.self_play = 1 if self_play else 0
    cfg.batched = 1 if batched else 0
    g, game_text = c.make_game(game)
    cfg.game = g
    out = ffi.new("pl_tournament_result **")
    err = c.new_error()
    c.check(lib.pl_tournament_run(ffi.cast("const pl_strategy *const *", plist.items()), len(plist), cfg, out, err), err)
    res = ffi.gc(out[0], lib.pl_tournament_result_free)
    text = ffi.new("char[]", game_text.encode())
    return TournamentResult(res, cfg, g, text, (plist, text))



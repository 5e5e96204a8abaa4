# SPDX-License-Identifier: MIT
"""result_set.py — axl's ResultSet over a parley tournament: the reference's attributes, as
lists (the reference's types), with their meanings (axelrod/result_set.py of Axelrod-Python 4.13):

  players            the players' names (str of each player)
  ranking            player indices from best to worst: by median normalised score, ties in
                     player order (the reference's stable sort)
  ranked_names       the names in that order
  scores             [player][repetition]: total score against the opponents (self-play excluded)
  normalised_scores  [player][repetition]: score per turn averaged over the opponents
  wins               [player][repetition]: matches won
  payoff_matrix      [i][j]: mean score per turn of i against j; payoff_stddevs its deviation
  cooperation        [i][j]: C moves of i against j over every repetition (self-play counted once)
  normalised_cooperation  [i][j]: cooperation over the turns the pair played
  cooperating_rating [i]: i's C moves over its turns, self-play excluded
  match_lengths      [repetition][i][j]: turns of each match (with a fixed length only)
  summarise(), write_summary(filename): the reference's summary rows.

Attributes of the reference that need every match's own record (payoffs by repetition,
score_diffs, the state distributions by opponent, good_partner and the eigen ratings) raise
NotImplementedError naming the attribute."""
import csv
from collections import namedtuple

import numpy as np

_MISSING = {"payoffs", "score_diffs", "payoff_diffs_means", "good_partner_matrix", "good_partner_rating",
            "state_distribution", "normalised_state_distribution", "state_to_action_distribution",
            "normalised_state_to_action_distribution", "vengeful_cooperation", "eigenjesus_rating",
            "eigenmoses_rating", "initial_cooperation_count"}

FIELDS = ["Rank", "Name", "Median_score", "Cooperation_rating", "Wins", "Initial_C_rate", "CC_rate", "CD_rate",
          "DC_rate", "DD_rate", "CC_to_C_rate", "CD_to_C_rate", "DC_to_C_rate", "DD_to_C_rate"]


class ResultSet:
    def __init__(self, players, result, repetitions):
        self.parley = result  # the parley.TournamentResult: DataFrames, numpy arrays, write(), report_html()
        self.players = list(players)
        self.num_players = len(self.players)
        self.repetitions = repetitions
        self.ranking = list(result.ranking)
        self.ranked_names = [self.players[i] for i in self.ranking]
        self.scores = result.scores.tolist()
        self.normalised_scores = result.normalised_scores.to_numpy().tolist()
        self.wins = result.wins.to_numpy().tolist()
        self.payoff_matrix = result.payoff_matrix.tolist()
        self.payoff_stddevs = result.payoff_stddev.tolist()
        self.cooperation = result.cooperation.tolist()
        turns = result.pair_turns
        with np.errstate(divide="ignore", invalid="ignore"):
            self.normalised_cooperation = np.nan_to_num(result.cooperation / turns).tolist()
        off = ~np.eye(self.num_players, dtype=bool)
        coop = (result.cooperation * off).sum(axis=1)
        length = (turns * off).sum(axis=1)
        self.cooperating_rating = (coop / np.maximum(1, length)).tolist()
        self._rows = [result.outcomes_others.iloc[i] for i in range(self.num_players)]
        self.initial_cooperation_rate = [0.0 if np.isnan(r["Initial_C_rate"]) else float(r["Initial_C_rate"])
                                         for r in self._rows]
        self._fixed = result._cfg.prob_end == 0

    @property
    def match_lengths(self):
        if not self._fixed:
            raise NotImplementedError("ResultSet.match_lengths with prob_end: parley keeps the turns of each pair "
                                      "over the repetitions (results.parley.pair_turns), not of each match")
        t = self.parley._cfg.turns
        n = self.num_players
        self_play = self.parley._cfg.self_play
        return [[[t if (i != j or self_play) else 0 for j in range(n)] for i in range(n)]
                for _ in range(self.repetitions)]

    def __getattr__(self, name):
        if name in _MISSING:
            raise NotImplementedError("ResultSet.%s is not in parley.axelrod (it needs every match's own record)"
                                      % name)
        raise AttributeError(name)

    def summarise(self):
        """One row a player by rank: the reference's Player(Rank, Name, Median_score,
        Cooperation_rating, Wins, Initial_C_rate, CC_rate, ..., DD_to_C_rate) named tuples, each
        column computed as the reference computes it (parley's summary.csv, its first 14
        columns)."""
        self.player = namedtuple("Player", FIELDS)
        rows = []
        for rank, i in enumerate(self.ranking):
            r = self.parley.summary.iloc[rank]
            rows.append(self.player(rank, self.players[i], *[float(r[k]) for k in FIELDS[2:]]))
        return rows

    def write_summary(self, filename):
        rows = self.summarise()
        with open(filename, "w") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(FIELDS)
            for row in rows:
                w.writerow(row)

    def write_report(self, path):
        """parley's report.html of the tournament (its charts and tables)."""
        with open(path, "w", encoding="utf-8") as f:
            f.write(self.parley.report_html())

    def _repr_html_(self):
        return self.parley._repr_html_()

    def __repr__(self):
        return "<ResultSet (parley): %d players, %d repetitions>" % (self.num_players, self.repetitions)

# SPDX-License-Identifier: MIT
# noisy_tournament.py — an Axelrod-Python how-to script ("Include noise", seeded as "Set a
# random seed" shows) as a user writes it; only the import line is changed.
# tests/test_axelrod.py runs it and compares with `parley tournament --noise 0.1 --seed 201`.
import parley.axelrod as axl

players = [axl.Cooperator(), axl.Defector(),
           axl.TitForTat(), axl.Grudger()]
noise = 0.1
tournament = axl.Tournament(players, noise=noise, seed=201)
results = tournament.play()
print(results.ranked_names)
print(results.normalised_scores)
print(results.wins)
print(results.payoff_matrix)

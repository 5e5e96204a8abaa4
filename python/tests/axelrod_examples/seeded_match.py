# SPDX-License-Identifier: MIT
# seeded_match.py — an Axelrod-Python how-to script ("Set a random seed": a noisy match played
# twice with the same seed) as a user writes it; only the import line is changed.
# tests/test_axelrod.py runs it and compares with `parley match --noise 0.25 --seed 101`.
import parley.axelrod as axl

players = (axl.Cooperator(), axl.Defector())  # Two deterministic strategies
match = axl.Match(players, turns=200, seed=101, noise=0.25)
results = match.play()
match2 = axl.Match(players, turns=200, seed=101, noise=0.25)
results2 = match2.play()
print(results == results2)
print(match.final_score())
print(match.sparklines(c_symbol='C', d_symbol='D'))

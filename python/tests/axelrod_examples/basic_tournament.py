# SPDX-License-Identifier: MIT
# basic_tournament.py — an Axelrod-Python tutorial script ("Creating and running a simple
# tournament", then "Summarising tournament results") as a user writes it; only the import
# line is changed.  tests/test_axelrod.py runs it and compares with `parley tournament`.
import parley.axelrod as axl

players = [axl.Cooperator(), axl.Defector(),
           axl.TitForTat(), axl.Grudger()]
tournament = axl.Tournament(players)
results = tournament.play()
print(results.ranked_names)
results.write_summary('summary.csv')

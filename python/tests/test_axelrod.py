# SPDX-License-Identifier: MIT
"""test_axelrod.py — parley.axelrod, the Axelrod-Python face: three unmodified tutorial scripts
(only the import line changed: tests/axelrod_examples/) agree with parley's own command, and the
reference's classes, collections, attributes and their meanings, with NotImplementedError naming
what is missing."""
import ast
import json
import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import parley
import parley.axelrod as axl

EXAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "axelrod_examples")
FOUR = "cooperator,defector,tft,grudger"


def run_script(name, cwd):
    env = dict(os.environ, PYTHONPATH=os.path.dirname(os.path.dirname(parley.__file__)))
    p = subprocess.run([sys.executable, os.path.join(EXAMPLES, name)], capture_output=True, text=True, cwd=cwd,
                       env=env)
    assert p.returncode == 0, p.stderr
    return p.stdout.splitlines()


def test_the_scripts_differ_from_the_reference_only_by_the_import():
    for name in sorted(os.listdir(EXAMPLES)):
        if name.endswith(".py"):
            code = [l for l in open(os.path.join(EXAMPLES, name)) if l.strip() and not l.startswith("#")]
            imports = [l for l in code if "import" in l]
            assert imports == ["import parley.axelrod as axl\n"], name


def test_basic_tournament_script(cli, tmp_path):
    out = run_script("basic_tournament.py", tmp_path)
    cli("tournament", "--players", FOUR, "--turns", "200", "--repetitions", "10", "--out", str(tmp_path / "cmd"))
    want = pd.read_csv(tmp_path / "cmd" / "summary.csv")
    assert ast.literal_eval(out[0]) == list(want["Name"])
    got = pd.read_csv(tmp_path / "summary.csv")
    assert list(got.columns) == ["Rank", "Name", "Median_score", "Cooperation_rating", "Wins", "Initial_C_rate",
                                 "CC_rate", "CD_rate", "DC_rate", "DD_rate", "CC_to_C_rate", "CD_to_C_rate",
                                 "DC_to_C_rate", "DD_to_C_rate"]
    assert list(got["Name"]) == list(want["Name"])
    np.testing.assert_allclose(got["Median_score"], want["Median_score"], rtol=1e-9)
    # the reference's own figures for this field (its tutorial): Defector first, Cooperator last
    assert list(got["Name"]) == ["Defector", "Tit For Tat", "Grudger", "Cooperator"]


def test_noisy_tournament_script(cli, tmp_path):
    out = run_script("noisy_tournament.py", tmp_path)
    cli("tournament", "--players", FOUR, "--noise", "0.1", "--seed", "201", "--out", str(tmp_path / "cmd"))
    summary = pd.read_csv(tmp_path / "cmd" / "summary.csv")
    assert ast.literal_eval(out[0]) == list(summary["Name"])
    norm = pd.read_csv(tmp_path / "cmd" / "normalised_scores.csv", index_col=0)
    np.testing.assert_allclose(np.array(ast.literal_eval(out[1])), norm.to_numpy(), rtol=1e-9)
    wins = pd.read_csv(tmp_path / "cmd" / "wins.csv", index_col=0)
    assert ast.literal_eval(out[2]) == wins.to_numpy().tolist()
    pay = pd.read_csv(tmp_path / "cmd" / "payoff_matrix.csv", index_col=0)
    np.testing.assert_allclose(np.array(ast.literal_eval(out[3])), pay.to_numpy(), rtol=1e-9)
    assert norm.to_numpy().std() > 0  # noise: the repetitions differ


def test_seeded_match_script(cli, tmp_path):
    out = run_script("seeded_match.py", tmp_path)
    want = json.loads(cli("match", "cooperator", "defector", "--turns", "200", "--noise", "0.25", "--seed", "101",
                          "--json").stdout)
    assert out[0] == "True"
    assert ast.literal_eval(out[1]) == (want["a_score"], want["b_score"])
    assert out[2] == want["a_actions"] and out[3] == want["b_actions"]
    assert "D" in out[2] and "C" in out[3]  # noise flipped some moves


def test_classes_names_and_parameters():
    assert str(axl.TitForTat()) == "Tit For Tat"
    assert str(axl.GTFT(p=0.1)) == "GTFT: 0.1" == str(axl.GTFT(0.1))
    assert str(axl.FirstByDavis()) == "First by Davis: 10"
    assert str(axl.FirstByDavis(rounds_to_cooperate=5)) == "First by Davis: 5"
    assert axl.TitForTat.name == "Tit For Tat" and axl.TitForTat().classifier["memory_depth"] == 1
    assert axl.Random().classifier["stochastic"] and not axl.TitForTat().classifier["stochastic"]
    with pytest.raises(TypeError, match="has no parameter 'q'"):
        axl.GTFT(q=0.1)
    with pytest.raises(parley.BadInput, match="GTFT"):
        axl.GTFT(p=2)


def test_collections():
    assert [str(s()) for s in axl.axelrod_first_strategies][:3] == ["Tit For Tat", "First by Tideman and Chieruzzi: (D, D)",
                                                                    "First by Nydegger"]
    assert len(axl.axelrod_first_strategies) == 15
    assert axl.TitForTat in axl.basic_strategies and axl.Random not in axl.basic_strategies
    from parley.strategies import reference
    assert len(axl.strategies) == len([1 for _, _, pid in reference() if pid]) > 200
    assert len(axl.all_strategies) + len(axl.missing_strategies) == 241
    assert axl.missing_strategies == []  # every one of the reference's strategies is in parley
    assert axl.filtered_strategies({"stochastic": True}, axl.demo_strategies) == [axl.Random]
    assert axl.filtered_strategies({"memory_depth": 1}, axl.demo_strategies) == [axl.TitForTat]


def test_missing_features_are_named():
    with pytest.raises(NotImplementedError, match="Plot"):
        axl.Plot(None)
    # the other top-level names the reference's tutorials use that parley.axelrod has not
    with pytest.raises(NotImplementedError, match="Human"):
        axl.Human(name="me")
    with pytest.raises(NotImplementedError, match="AsymmetricGame"):
        axl.AsymmetricGame([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    with pytest.raises(NotImplementedError, match="spatial"):
        axl.Tournament([axl.TitForTat(), axl.Defector()], edges=[(0, 1)])
    r = axl.Tournament([axl.TitForTat(), axl.Defector()], turns=5, repetitions=2, seed=1).play()
    with pytest.raises(NotImplementedError, match="good_partner_matrix"):
        r.good_partner_matrix
    with pytest.raises(AttributeError):
        r.no_such_attribute


def test_result_set_meanings():
    players = [axl.Cooperator(), axl.Defector(), axl.TitForTat(), axl.Grudger()]
    r = axl.Tournament(players, turns=10, repetitions=3, seed=1).play()
    # the reference's tutorial figures for this tournament (turns 10, repetitions 3)
    s = r.summarise()
    assert [p.Name for p in s] == ["Defector", "Tit For Tat", "Grudger", "Cooperator"]
    assert s[0].Median_score == pytest.approx(2.6) and s[1].Median_score == pytest.approx(2.3)
    assert s[0].Wins == 3.0 and s[0].Cooperation_rating == 0.0 and s[3].Cooperation_rating == 1.0
    assert r.scores[1] == [78.0, 78.0, 78.0]  # Defector: 5 * 10 + 14 + 14 against the others
    assert r.cooperation[2][1] == 3 and r.cooperation[2][2] == 30  # TFT's first moves; self-play once
    assert r.cooperating_rating[2] == pytest.approx((30 + 3 + 30) / 90)
    # TFT against the others only: 20 CC, 1 CD, 9 DD of 30 turns (the reference leaves self-play out)
    assert (s[1].CC_rate, s[1].CD_rate, s[1].DD_rate) == pytest.approx((20 / 30, 1 / 30, 9 / 30))
    assert r.normalised_cooperation[3][0] == 1.0 and len(r.match_lengths) == 3


def test_match_methods():
    m = axl.Match((axl.Cooperator(), axl.Alternator()), 5)
    assert m.play() == [(axl.C, axl.C), (axl.C, axl.D), (axl.C, axl.C), (axl.C, axl.D), (axl.C, axl.C)]
    assert m.final_score() == (9, 19) and m.final_score_per_turn() == (1.8, 3.8)
    assert str(m.winner()) == "Alternator" and m.cooperation() == (5, 3)
    assert m.sparklines(c_symbol="|", d_symbol="-") == "|||||\n|-|-|"
    g = axl.Game(r=4, s=0, t=6, p=1)
    m = axl.Match((axl.TitForTat(), axl.Defector()), turns=3, game=g)
    m.play()
    assert m.final_score() == (2, 8) and g.RPST() == (4, 1, 0, 6)


def test_moran_process():
    players = [axl.Cooperator(), axl.Defector(), axl.TitForTat(), axl.Grudger()]
    mp = axl.MoranProcess(players, seed=1)
    pops = mp.play()
    assert len(pops) == len(mp) and sum(pops[0].values()) == 4
    assert all(sum(p.values()) == 4 for p in pops)
    assert len(pops[-1]) == 1 and mp.winning_strategy_name == next(iter(pops[-1]))
    # the same as parley's own Moran engine, run 0 of the seed
    m = parley.moran(["cooperator", "defector", "tft", "grudger"], turns=200, runs=1, seed=mp.seed)
    assert len(m.shares) == len(pops)
    with pytest.raises(NotImplementedError, match="fitness_transformation"):
        axl.MoranProcess(players, fitness_transformation=lambda s: s)


def test_moran_process_fixation_and_reset(cli, tmp_path):
    players = [axl.TitForTat(), axl.Defector(), axl.Defector(), axl.WinStayLoseShift()]
    mp = axl.MoranProcess(players, turns=20, noise=0.05, seed=6)
    assert not mp.fixated and mp.initial_players == players
    mp.play()
    assert mp.fixated and mp.fixation_check()
    mp.reset()
    assert not mp.fixated and mp.winning_strategy_name is None and len(mp.populations) == 1
    # fixation probabilities from many runs: parley moran's, with the process's own seed
    fp = mp.fixation_probabilities(runs=400, threads=2)
    assert set(fp) == {"Tit For Tat", "Defector", "Win-Stay Lose-Shift"}
    assert abs(sum(fp.values()) - 1) < 1e-12
    cli("moran", "--players", "tft,defector,wsls", "--counts", "1,2,1", "--turns", "20", "--noise", "0.05",
        "--runs", "400", "--seed", str(mp.seed), "--out", str(tmp_path / "cmd"))
    import pandas as pd
    want = pd.read_csv(tmp_path / "cmd" / "fixation.csv")
    assert list(want["fixed"]) == [int(x) for x in mp.result.fixation["fixed"]]
    assert mp._repr_html_().startswith("<iframe")
    with pytest.raises(NotImplementedError, match="populations_plot"):
        mp.populations_plot()


def test_ecosystem_is_the_commands_over_the_same_tournament(cli, tmp_path):
    players = [axl.TitForTat(), axl.Defector(), axl.Cooperator(), axl.Random()]
    results = axl.Tournament(players, turns=30, repetitions=4, noise=0.02, seed=6).play()
    eco = axl.Ecosystem(results, population=[1, 1, 8, 2], seed=6)
    assert eco.population_sizes == [[1 / 12, 1 / 12, 8 / 12, 2 / 12]]
    eco.reproduce(10)
    eco.reproduce(15)  # two calls: the same as one of 25 steps
    assert len(eco.population_sizes) == 26
    cli("ecology", "--players", ",".join(p.parley_spec for p in players), "--population", "1,1,8,2", "--steps", "25",
        "--turns", "30", "--repetitions", "4", "--noise", "0.02", "--seed", "6", "--out", str(tmp_path / "cmd"))
    # shares.csv gives %.17g: read back exactly, the same doubles
    want = pd.read_csv(tmp_path / "cmd" / "shares.csv", float_precision="round_trip").iloc[:, 1:].to_numpy()
    assert np.array_equal(np.array(eco.population_sizes), want)
    for row in eco.population_sizes:
        assert abs(sum(row) - 1) < 1e-12
    # the reference's own refusals, and what is not mapped
    with pytest.raises(TypeError, match="non-negative"):
        axl.Ecosystem(results, population=[1, -1, 1, 1])
    with pytest.raises(TypeError, match="same size"):
        axl.Ecosystem(results, population=[1, 1])
    with pytest.raises(NotImplementedError, match="fitness"):
        axl.Ecosystem(results, fitness=lambda p: p ** 2)

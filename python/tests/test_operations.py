# SPDX-License-Identifier: MIT
"""test_operations.py — parley.match, tournament, run, fit and moran give the command's numbers:
the same seed, the same results, compared with `parley ... --json` or the files of `--out`."""
import json
import os

import numpy as np
import pandas as pd
import pytest

import parley
from dircompare import same_files

SIX = "scenarios/korea/six-party-2007.yaml"


def test_match_is_the_commands_json(cli):
    want = json.loads(cli("match", "First by Davis: 10", "gtft:p=0.3", "--noise", "0.05", "--seed", "7",
                          "--json").stdout)
    got = parley.match("First by Davis: 10", "gtft:p=0.3", noise=0.05, seed=7)
    assert got.to_dict() == want
    assert got.turns == 200 and got.actions.shape == (200, 2)
    assert got.actions[:, 0].sum() == got.a_actions.count("D")
    df = got.per_turn()
    assert df["a_payoff"].sum() == got.scores[0] and df["b_payoff"].sum() == got.scores[1]


def test_match_with_a_random_end_and_a_game(cli):
    want = json.loads(cli("match", "wsls", "random:p=0.3", "--prob-end", "0.05", "--game", "4,0,6,1",
                          "--seed", "11", "--json").stdout)
    got = parley.match("wsls", "random:p=0.3", prob_end=0.05, game=(4, 0, 6, 1), seed=11)
    assert got.to_dict() == want


def test_tournament_files_are_the_commands(cli, tmp_path):
    players = ["tft", "grudger", "defector", "gtft:p=0.1", "First by Davis: 10", "random"]
    cli("tournament", "--players", ",".join(players), "--turns", "50", "--repetitions", "4", "--noise", "0.02",
        "--seed", "5", "--out", str(tmp_path / "cmd"))
    t = parley.tournament(players, turns=50, repetitions=4, noise=0.02, seed=5, threads=2)
    t.write(str(tmp_path / "py"))
    assert "summary.csv" in same_files(tmp_path / "cmd", tmp_path / "py")
    # and the tables held in memory carry the same numbers as the files (which give 10 digits)
    summary = pd.read_csv(tmp_path / "cmd" / "summary.csv")
    assert list(summary.columns) == list(t.summary.columns)
    assert list(summary["Name"]) == t.ranked_names
    num = summary.columns[2:]
    np.testing.assert_allclose(summary[num].to_numpy(float), t.summary[num].to_numpy(float), rtol=1e-9,
                               equal_nan=True)
    norm = pd.read_csv(tmp_path / "cmd" / "normalised_scores.csv", index_col=0)
    np.testing.assert_allclose(norm.to_numpy(), t.normalised_scores.to_numpy(), rtol=1e-9)
    pay = pd.read_csv(tmp_path / "cmd" / "payoff_matrix.csv", index_col=0)
    assert isinstance(t.payoff_matrix, np.ndarray) and t.payoff_matrix.shape == (6, 6)
    np.testing.assert_allclose(pay.to_numpy(), t.payoff_matrix, rtol=1e-9)
    wins = pd.read_csv(tmp_path / "cmd" / "wins.csv", index_col=0)
    assert (wins.to_numpy() == t.wins.to_numpy()).all()


def test_tournament_batched_false_is_no_batched(cli, tmp_path):
    # batched (the default) as the command's default; batched=False as its --no-batched (the draws of
    # parley before 2026-12-04): both the same files as the command's, and not the same as each other
    players = ["tft", "gtft:p=0.1", "random", "wsls"]
    args = ["--players", ",".join(players), "--turns", "50", "--repetitions", "4", "--noise", "0.02", "--seed", "5"]
    cli("tournament", *args, "--no-batched", "--out", str(tmp_path / "cmd"))
    parley.tournament(players, turns=50, repetitions=4, noise=0.02, seed=5, batched=False).write(str(tmp_path / "py"))
    assert "payoff_matrix.csv" in same_files(tmp_path / "cmd", tmp_path / "py")
    parley.tournament(players, turns=50, repetitions=4, noise=0.02, seed=5).write(str(tmp_path / "pyb"))
    assert (tmp_path / "py" / "payoff_matrix.csv").read_bytes() != (tmp_path / "pyb" / "payoff_matrix.csv").read_bytes()


def test_tournament_totals_agree_with_normalised_scores():
    t = parley.tournament(["tft", "alternator", "defector", "cooperator"], turns=20, repetitions=3, seed=2)
    # fixed length: a total score is the normalised score times the turns of every opponent
    np.testing.assert_allclose(t.scores, t.normalised_scores.to_numpy() * 20 * 3, rtol=1e-12)
    assert t.cooperation[3, 2] == 3 * 20 and t.cooperation[2, 3] == 0
    assert (t.pair_turns == 60).all()


def test_tournament_html_report():
    t = parley.tournament("tft,defector", turns=10, repetitions=2)
    page = t.report_html()
    assert page.startswith("<!DOCTYPE html>") and "Tit For Tat" in page
    shown = t._repr_html_()
    assert shown.startswith("<iframe srcdoc=") and "&lt;!DOCTYPE html&gt;" in shown


def test_run_files_and_tables_are_the_commands(cli, tmp_path):
    cli("run", SIX, "--runs", "300", "--seed", "3", "--threads", "1", "--set",
        "parties.DPRK.policy.opportunist.p=0.1", "--out", str(tmp_path / "cmd"))
    r = parley.run(SIX, set={"parties.DPRK.policy.opportunist.p": 0.1}, runs=300, seed=3, threads=2,
                   out=str(tmp_path / "py"))
    same_files(tmp_path / "cmd", tmp_path / "py")
    assert r.kind == "agreement" and r.path == str(tmp_path / "py")
    variants = pd.read_csv(tmp_path / "cmd" / "variants.csv")
    pd.testing.assert_frame_equal(variants, r["variants"])
    assert r.results == json.load(open(tmp_path / "cmd" / "results.json"))
    assert r.results["overrides"][0] == {"path": "parties.DPRK.policy.opportunist.p", "value": "0.1",
                                         "file_value": "0.2", "renormalised": False}
    assert r.summary == cli("run", SIX, "--runs", "300", "--seed", "3", "--threads", "1", "--set",
                            "parties.DPRK.policy.opportunist.p=0.1").stdout
    assert r._repr_html_().startswith("<iframe")


def test_run_without_out_leaves_nothing_behind(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile
    monkeypatch.setattr(tempfile, "tempdir", None)
    r = parley.run("scenarios/games/pairwise.yaml", runs=50, seed=1, threads=1)
    assert r.kind == "nparty" and r.path is None and r.tables and r.report
    assert os.listdir(tmp_path) == []


def test_fit_is_the_commands(cli, tmp_path):
    out = cli("fit", SIX, "--runs", "200", "--seed", "4", "--out", str(tmp_path / "cmd")).stdout
    f = parley.fit(SIX, runs=200, seed=4, out=str(tmp_path / "py"))
    same_files(tmp_path / "cmd", tmp_path / "py")
    assert f.summary == out
    assert f.fit == json.load(open(tmp_path / "cmd" / "fit.json"))
    assert set(f.best) == {"rationality", "tremble", "patience", "discount"}
    assert f.loglik < 0


def test_fit_with_a_set_is_the_commands(cli, tmp_path):
    af = "scenarios/korea/agreed-framework-1994.yaml"
    out = cli("fit", af, "--set", "steps.AF-US-2.paid=as_delivered", "--runs", "200", "--seed", "4",
              "--out", str(tmp_path / "cmd")).stdout
    f = parley.fit(af, set={"steps.AF-US-2.paid": "as_delivered"}, runs=200, seed=4, out=str(tmp_path / "py"))
    same_files(tmp_path / "cmd", tmp_path / "py")
    assert f.summary == out and out.startswith("Assumptions changed for this fit (--set):")
    assert f.fit["overrides"][0]["value"] == "as_delivered"
    assert f.loglik != parley.fit(af, runs=200, seed=4).loglik
    with pytest.raises(parley.BadInput, match="did you mean 'paid'"):
        parley.fit(af, set={"steps.AF-US-2.payd": "as_delivered"}, runs=10)


def test_moran_is_the_commands(cli, tmp_path):
    cli("moran", "--players", "tft,defector,wsls", "--counts", "2,3,2", "--turns", "20", "--noise", "0.05",
        "--runs", "300", "--samples", "20", "--seed", "8", "--out", str(tmp_path / "cmd"))
    m = parley.moran(["tft", "defector", "wsls"], counts=[2, 3, 2], turns=20, noise=0.05, runs=300, samples=20,
                     seed=8, threads=2)
    m.write(str(tmp_path / "py"))
    same_files(tmp_path / "cmd", tmp_path / "py")
    fx = pd.read_csv(tmp_path / "cmd" / "fixation.csv")
    assert list(fx["fixed"]) == list(m.fixation["fixed"])
    assert m.fixation["fixed"].sum() + m.unfixed == 300
    assert m.payoffs.shape == (3, 3) and m.shares.shape[1] == 3


def test_moran_exact_value_and_mutation():
    m = parley.moran(["tft", "defector"], counts=[1, 9], turns=10, runs=2000, seed=1)
    exact = m.fixation["exact"][0]
    assert 0 < exact < 1 and m.fixation["lo"][0] <= m.fixation["p"][0] <= m.fixation["hi"][0]
    mu = parley.moran(["tft", "defector", "cooperator"], counts=[4, 4, 4], turns=10, mutation=0.01,
                      generations=300, seed=2)
    assert mu.fixation is None and len(mu.shares) == 301 and (mu.shares.sum(axis=1) == 12).all()


def test_strategies_table():
    s = parley.strategies()
    assert len(s) > 200
    row = s[s["id"] == "gtft"].iloc[0]
    assert row["class_name"] == "GTFT" and [p["key"] for p in row["params"]] == ["p"]


def test_a_shipped_scenario_by_name_from_any_directory(tmp_path, monkeypatch):
    """A scenario argument names a shipped scenario as the command's does (pl_scenario_find):
    korea/unsc-resolutions from a directory that has no such file, with its data in $PARLEY_DATA;
    the same numbers as the file by its path; a miss names the argument and the closest name."""
    repo = os.getcwd()
    by_path = parley.run(os.path.join(repo, "scenarios/korea/unsc-resolutions.yaml"), runs=50, seed=3)
    monkeypatch.setenv("PARLEY_DATA", repo)
    monkeypatch.chdir(tmp_path)
    by_name = parley.run("korea/unsc-resolutions", runs=50, seed=3)
    assert by_name.summary == by_path.summary
    assert parley.fit("korea/agreed-framework-1994.yaml", runs=20).best == \
        parley.fit(os.path.join(repo, "scenarios/korea/agreed-framework-1994.yaml"), runs=20).best
    parley.moran(["ttft", "defector"], counts=[3, 3], game="games/public-goods.yaml", runs=2, generations=5)
    with pytest.raises(parley.BadInput) as e:
        parley.run("korea/unsc-resolution", runs=10)
    assert str(e.value).startswith("scenario: korea/unsc-resolution: cannot open")
    assert "did you mean 'korea/unsc-resolutions'?" in str(e.value)
    with pytest.raises(parley.BadInput) as e:
        parley.moran(["ttft", "defector"], counts=[3, 3], game="games/public-good.yaml", runs=2)
    assert str(e.value).startswith("game: games/public-good.yaml: cannot open")
    assert "did you mean 'games/public-goods'?" in str(e.value)

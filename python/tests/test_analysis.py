# SPDX-License-Identifier: MIT
"""test_analysis.py — parley.sensitivity and parley.design give the command's files byte for byte
(the same seed, any number of threads), their tables as DataFrames, their report inline, and
bad input as BadInput naming the flag."""
import json

import pandas as pd
import pytest

import parley
from test_operations import same_files

PG = "scenarios/games/public-goods.yaml"
SIX = "scenarios/korea/six-party-2007.yaml"


def test_sensitivity_is_the_commands(cli, tmp_path):
    args = ["--runs", "200", "--seed", "3", "--grid", "1,2", "--grid-steps", "3", "--bisect", "3"]
    out = cli("sensitivity", PG, *args, "--threads", "1", "--out", str(tmp_path / "cmd")).stdout
    s = parley.sensitivity(PG, runs=200, seed=3, grid=(1, 2), grid_steps=3, bisect=3, threads=2,
                           out=str(tmp_path / "py"))
    same_files(tmp_path / "cmd", tmp_path / "py")
    assert s.summary == out
    assert s.what == "sensitivity" and s.path == str(tmp_path / "py")
    pd.testing.assert_frame_equal(s["sensitivity"], pd.read_csv(tmp_path / "cmd" / "sensitivity.csv"))
    assert s.results == json.load(open(tmp_path / "cmd" / "sensitivity.json"))
    assert s._repr_html_().startswith("<iframe")


def test_sensitivity_with_a_range_and_a_set(cli, tmp_path):
    rng = "parties.DPRK.policy.opportunist.p=0.05:0.4"
    out = cli("sensitivity", SIX, "--range", rng, "--set", "horizon=60", "--runs", "300", "--seed", "2",
              "--bisect", "2", "--threads", "1").stdout
    s = parley.sensitivity(SIX, ranges={"parties.DPRK.policy.opportunist.p": (0.05, 0.4)},
                           set={"horizon": 60}, runs=300, seed=2, bisect=2, threads=1)
    assert s.summary == out
    assert s.path is None and "sensitivity" in s.tables


def test_sensitivity_bad_input_names_the_flag():
    with pytest.raises(parley.BadInput, match="sobol"):
        parley.sensitivity(PG, sobol=2)
    with pytest.raises(parley.BadInput, match="nowhere"):
        parley.sensitivity(PG, ranges=["nowhere.at.all=0:1"], runs=50)


def test_design_is_the_commands(cli, tmp_path):
    args = ["--runs", "200", "--confirm", "400", "--check-runs", "100", "--top", "2", "--max-designs", "12",
            "--seed", "5"]
    out = cli("design", SIX, *args, "--threads", "1", "--out", str(tmp_path / "cmd")).stdout
    d = parley.design(SIX, runs=200, confirm=400, check_runs=100, top=2, max_designs=12, seed=5, threads=2,
                      out=str(tmp_path / "py"))
    same_files(tmp_path / "cmd", tmp_path / "py")
    assert d.summary == out
    pd.testing.assert_frame_equal(d["designs"], pd.read_csv(tmp_path / "cmd" / "designs.csv"))
    assert d.results == json.load(open(tmp_path / "cmd" / "results.json"))
    assert d._repr_html_().startswith("<iframe")


def test_design_with_a_set_is_the_commands(cli, tmp_path):
    tiny = "tests/resources/agreement/design_tiny.yaml"
    out = cli("design", tiny, "--set", "parties.B.policy.all_first.p=0.6", "--confirm", "2000",
              "--out", str(tmp_path / "cmd")).stdout
    d = parley.design(tiny, set={"parties.B.policy.all_first.p": 0.6}, confirm=2000, out=str(tmp_path / "py"))
    same_files(tmp_path / "cmd", tmp_path / "py")
    assert d.summary == out and out.startswith("Assumptions changed for this design search (--set):")
    assert [o["renormalised"] for o in d.results["overrides"]] == [False, True]


def test_design_without_a_search_block_is_bad_input():
    with pytest.raises(parley.BadInput, match="design_search"):
        parley.design("scenarios/korea/singapore-2018.yaml", runs=10)

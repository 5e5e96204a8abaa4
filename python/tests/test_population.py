# SPDX-License-Identifier: MIT
"""test_population.py — parley.moran over an N-party game (game=FILE.yaml) and parley.ecology give
the command's numbers and files: the same seed, `parley moran --game FILE.yaml` and `parley ecology`
with --out (the same writers: byte for byte) and --json; the same numbers at any thread count;
bad arguments refused with the argument's name (or the file, line and column)."""
import json
import os

import numpy as np
import pandas as pd
import pytest

import parley
from dircompare import same_files

PG = "scenarios/games/public-goods.yaml"
SIX = "scenarios/games/six-player-tournament.yaml"


@pytest.fixture
def in_repo(repo, monkeypatch):
    """The command runs from the repository; so do these, so that the game's path reads the same."""
    monkeypatch.chdir(repo)


# ---- N-party Moran -----------------------------------------------------------------------------

def test_nparty_moran_files_are_the_commands(cli, in_repo, tmp_path):
    cli("moran", "--game", PG, "--players", "ttft:k=3,defector,cooperator", "--counts", "3,4,2", "--turns", "20",
        "--samples", "5", "--selection", "0.5", "--runs", "300", "--seed", "3", "--out", str(tmp_path / "cmd"))
    m = parley.moran("ttft:k=3,defector,cooperator", counts=[3, 4, 2], turns=20, samples=5, selection=0.5, runs=300,
                     seed=3, game=PG, threads=2)
    m.write(str(tmp_path / "py"))
    assert "fixation.csv" in same_files(tmp_path / "cmd", tmp_path / "py")
    fix = pd.read_csv(tmp_path / "cmd" / "fixation.csv")
    assert list(fix["fixed"]) == list(m.fixation["fixed"]) and sum(m.fixation["fixed"]) + m.unfixed == 300
    np.testing.assert_allclose(fix["p"].to_numpy(), m.fixation["p"].to_numpy(), rtol=1e-9)
    assert m.names == ["ttft:k=3", "Defector", "Cooperator"] and m.parties == 5
    shares = pd.read_csv(tmp_path / "cmd" / "shares.csv")
    assert shares.shape[0] == m.shares.shape[0] and (m.shares.sum(axis=1) == 9).all()
    assert m.payoffs.shape == (3, 3)
    assert "<iframe" in m._repr_html_()


def test_nparty_moran_with_a_set_is_the_commands(cli, in_repo, tmp_path):
    out = cli("moran", "--game", PG, "--players", "ttft,defector", "--counts", "3,3", "--runs", "50", "--seed", "2",
              "--set", "game.benefit=4", "--set", "noise=0.02", "--out", str(tmp_path / "cmd")).stdout
    assert out.startswith("Assumptions changed from the file (--set):\n  game.benefit = 4 (the file: 3)\n")
    m = parley.moran(["ttft", "defector"], counts=[3, 3], runs=50, seed=2, game=PG,
                     set={"game.benefit": 4, "noise": 0.02})
    m.write(str(tmp_path / "py"))
    same_files(tmp_path / "cmd", tmp_path / "py")
    with open(tmp_path / "cmd" / "results.json", encoding="utf-8") as f:
        j = json.load(f)
    assert [(o["path"], o["value"], o["file_value"]) for o in j["overrides"]] == [
        ("game.benefit", "4", "3"), ("noise", "0.02", "0.01")]
    assert j["parameters"]["noise"] == 0.02
    with pytest.raises(parley.BadInput, match="^set: .*did you mean 'benefit'"):
        parley.moran(["ttft", "defector"], counts=[3, 3], runs=5, game=PG, set={"game.benefitt": 4})
    with pytest.raises(parley.BadInput, match=r"^set: .*\(the value set by --set game.cost=-1\)"):
        parley.moran(["ttft", "defector"], counts=[3, 3], runs=5, game=PG, set={"game.cost": -1})
    with pytest.raises(parley.BadInput, match="^set: .*N-party game"):
        parley.moran(["tft", "defector"], set={"noise": 0.1})


def test_nparty_moran_death_birth_exp_fitness_and_the_files_game_is_the_commands_json(cli, in_repo, tmp_path):
    # the file's own turns (periods) and noise: neither given
    want = json.loads(cli("moran", "--game", PG, "--players", "ttft,defector", "--counts", "3,4", "--mode", "db",
                          "--fitness", "exp", "--selection", "0.2", "--samples", "3", "--runs", "100", "--seed", "9",
                          "--json").stdout)
    m = parley.moran(["ttft", "defector"], counts=[3, 4], mode="db", fitness="exp", selection=0.2, samples=3,
                     runs=100, seed=9, game=PG)
    with open(os.path.join(m.write(str(tmp_path / "py")), "results.json"), encoding="utf-8") as f:
        assert json.load(f) == want


def test_nparty_moran_with_mutation_and_a_tournament_only_file(cli, in_repo, tmp_path):
    # a file with only a tournament: its game (six parties), turns and noise
    cli("moran", "--game", SIX, "--players", "tft,defector", "--counts", "4,4", "--turns", "10", "--samples", "2",
        "--mutation", "0.05", "--generations", "60", "--seed", "5", "--out", str(tmp_path / "cmd"))
    m = parley.moran(["tft", "defector"], counts=[4, 4], turns=10, samples=2, mutation=0.05, generations=60, seed=5,
                     game=SIX)
    assert m.fixation is None and m.parties == 6 and m.shares.shape == (61, 2)
    m.write(str(tmp_path / "py"))
    assert "shares.csv" in same_files(tmp_path / "cmd", tmp_path / "py")


def test_nparty_moran_is_deterministic_by_seed_whatever_the_threads(in_repo, tmp_path):
    kw = dict(counts=[4, 5], turns=15, samples=4, selection=0.5, runs=400, game=PG)
    one = parley.moran(["gttft", "defector"], seed=21, threads=1, **kw)
    two = parley.moran(["gttft", "defector"], seed=21, threads=2, **kw)
    pd.testing.assert_frame_equal(one.fixation, two.fixation)
    pd.testing.assert_frame_equal(one.shares, two.shares)
    assert np.array_equal(one.payoffs, two.payoffs)
    same_files(one.write(str(tmp_path / "one")), two.write(str(tmp_path / "two")))
    # and the seed matters: another seed, other runs
    other = parley.moran(["gttft", "defector"], seed=22, threads=2, **kw)
    assert list(other.fixation["fixed"]) != list(one.fixation["fixed"]) or not other.shares.equals(one.shares)


def test_two_party_moran_takes_the_fitness_mapping_as_the_command(cli):
    want = json.loads(cli("moran", "--players", "tft,defector", "--counts", "2,6", "--turns", "10", "--fitness", "exp",
                          "--selection", "0.3", "--runs", "500", "--seed", "4", "--json").stdout)
    m = parley.moran(["tft", "defector"], counts=[2, 6], turns=10, fitness="exp", selection=0.3, runs=500, seed=4)
    lin = parley.moran(["tft", "defector"], counts=[2, 6], turns=10, selection=0.3, runs=500, seed=4)
    assert [t["fixed"] for t in want["types"]] == list(m.fixation["fixed"])
    assert list(m.fixation["exact"]) != list(lin.fixation["exact"])


def test_a_path_object_names_the_game_file_too(repo):
    import pathlib
    m = parley.moran(["ttft", "defector"], counts=[2, 3], turns=5, runs=50, seed=1, selection=0.5,
                     game=pathlib.Path(repo) / PG)
    assert m.parties == 5 and m.names == ["ttft", "Defector"]


@pytest.mark.parametrize("kw, words", [
    (dict(game="no-such-game.yaml"), ["game: no-such-game.yaml", "cannot open"]),
    (dict(game="scenarios/korea/six-party-2007.yaml"), ["game: scenarios/korea/six-party-2007.yaml",
                                                        "not an N-party game"]),
    (dict(players="ttft,no_such_one"), ["players: strategy 2 ('no_such_one')", "unknown strategy"]),
    (dict(players=["ttft", 7]), ["players[1]", "expected an N-party strategy name"]),
    (dict(players="ttft,,defector"), ["players: strategy 2 is empty"]),
    (dict(counts=[1, 1]), ["counts: a birth-death population needs at least 5 individuals", "got 2"]),
    (dict(counts=[3, 2], mode="db"), ["counts: a death-birth population needs at least 6", "got 5"]),
    (dict(counts=[3]), ["counts: 1 counts given for 2 players"]),
    (dict(counts=[3, -1]), ["counts[1]: expected a whole number"]),
    (dict(prob_end=0.1), ["prob_end: is refused with an N-party game"]),
    (dict(turns=0), ["turns: expected a whole number from 1"]),
    (dict(noise=1.5), ["noise: expected a probability from 0 to 1, got 1.5"]),
    (dict(fitness="square"), ["fitness: expected linear", "got 'square'"]),
    (dict(selection=0), ["selection: expected a number in (0, 1]"]),
    (dict(samples=0), ["samples: expected a whole number from 1"]),
])
def test_nparty_moran_bad_arguments_are_named(in_repo, kw, words):
    args = dict(players=["ttft", "defector"], counts=[3, 3], turns=5, runs=10, game=PG)
    args.update(kw)
    with pytest.raises(parley.ParleyError) as e:
        parley.moran(**args)
    for w in words:
        assert w in str(e.value)


def test_a_game_file_that_is_not_yaml_names_its_line_and_column(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: nparty\nname: x\n  oops: [\n")
    with pytest.raises(parley.BadInput) as e:
        parley.moran(["ttft", "defector"], counts=[3, 3], game=str(bad))
    assert str(e.value).startswith("game: %s:3:" % bad)


# ---- ecology -----------------------------------------------------------------------------------

ECO = ["tft", "defector", "cooperator", "random:p=0.4", "gtft:p=0.1"]


def test_ecology_files_are_the_commands(cli, tmp_path):
    cli("ecology", "--players", ",".join(ECO), "--population", "1,1,8,2,0.5", "--steps", "40", "--turns", "30",
        "--repetitions", "3", "--noise", "0.02", "--seed", "4", "--out", str(tmp_path / "cmd"))
    e = parley.ecology(ECO, population=[1, 1, 8, 2, 0.5], steps=40, turns=30, repetitions=3, noise=0.02, seed=4,
                       threads=2)
    e.write(str(tmp_path / "py"))
    assert "shares.csv" in same_files(tmp_path / "cmd", tmp_path / "py")
    shares = pd.read_csv(tmp_path / "cmd" / "shares.csv")
    assert shares.shape[0] == 41 and e.shares.shape == (41, 5)
    np.testing.assert_allclose(shares.iloc[:, 1:].to_numpy(), e.shares.to_numpy(), rtol=1e-9, atol=1e-12)
    assert list(shares.columns[1:]) == e.names
    np.testing.assert_allclose(e.shares.sum(axis=1), 1.0)
    assert e.payoffs.shape == (5, 5) and e.stddev.shape == (5, 5)
    assert "<iframe" in e._repr_html_()


def test_ecology_with_a_random_end_and_a_game_is_the_commands_json(cli, tmp_path):
    want = json.loads(cli("ecology", "--players", "wsls,tft,defector", "--prob-end", "0.05", "--game", "4,0,6,1",
                          "--steps", "25", "--seed", "8", "--json").stdout)
    e = parley.ecology("wsls,tft,defector", prob_end=0.05, game=(4, 0, 6, 1), steps=25, seed=8)
    with open(os.path.join(e.write(str(tmp_path / "py")), "results.json"), encoding="utf-8") as f:
        assert json.load(f) == want


def test_ecology_is_the_same_whatever_the_threads_and_moves_with_the_seed():
    kw = dict(steps=30, turns=20, repetitions=4, noise=0.05)
    one = parley.ecology(ECO, seed=2, threads=1, **kw)
    two = parley.ecology(ECO, seed=2, threads=2, **kw)
    pd.testing.assert_frame_equal(one.shares, two.shares)
    assert np.array_equal(one.payoffs, two.payoffs)
    assert not parley.ecology(ECO, seed=3, threads=2, **kw).shares.equals(one.shares)


@pytest.mark.parametrize("kw, words", [
    (dict(players=["tft"]), ["players: the payoffs come from a tournament, which needs at least two players"]),
    (dict(players=["tft", "no_such_one"]), ["players[1]: unknown strategy"]),
    (dict(population=[1, 2]), ["population: expected 3 numbers, one for each player, got 2"]),
    (dict(population=[1, -1, 2]), ["population[1]: expected a number from 0"]),
    (dict(population="1,x,2"), ["population[1]: expected a number", "'x'"]),
    (dict(population=[0, 0, 0]), ["population: every share is 0"]),
    (dict(steps=0), ["steps: expected a whole number from 1"]),
    (dict(repetitions=0), ["repetitions: expected a whole number from 1"]),
    (dict(noise=-0.1), ["noise: expected a probability"]),
    (dict(game=(1, 2, 3)), ["game: expected four numbers"]),
    (dict(seed=-1), ["seed: expected a whole number"]),
    (dict(game=(1, -3, 2, -2)), ["game: step 1: the shares times the payoffs sum to", "payoffs >= 0"]),
])
def test_ecology_bad_arguments_are_named(kw, words):
    args = dict(players=["tft", "defector", "cooperator"], steps=5, turns=5, repetitions=1)
    args.update(kw)
    with pytest.raises(parley.ParleyError) as e:
        parley.ecology(**args)
    for w in words:
        assert w in str(e.value)

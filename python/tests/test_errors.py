# SPDX-License-Identifier: MIT
"""test_errors.py — bad input raises an exception carrying parley's own message (the one the
command prints), of a class a Python program can catch: BadInput is a ValueError, NotFound a
LookupError, EnvironmentFailure an OSError; never a crash, never a silent success."""
import pytest

import parley


def test_unknown_strategy_names_the_closest(cli):
    with pytest.raises(parley.NotFound) as e:
        parley.match("tit_for_tatt", "defector")
    assert "unknown strategy 'tit_for_tatt'" in str(e.value) and "closest known" in str(e.value)
    assert isinstance(e.value, LookupError) and isinstance(e.value, parley.ParleyError)
    err = cli("match", "tit_for_tatt", "defector", check=False).stderr
    assert str(e.value).split(": ", 1)[1] in err


def test_bad_parameter_is_bad_input():
    with pytest.raises(parley.BadInput, match="gtft"):
        parley.tournament(["gtft:p=1.5", "tft"])


@pytest.mark.parametrize("kwargs, what", [
    ({"turns": 0}, "turns: expected a whole number from 1 to 100000000, got 0"),
    ({"turns": 2.5}, "turns: expected a whole number"),
    ({"noise": 1.5}, "noise: expected a probability from 0 to 1, got 1.5"),
    ({"noise": float("nan")}, "noise: expected a probability"),
    ({"seed": -1}, "seed: expected a whole number from 0 to 18446744073709551615, got -1"),
    ({"game": (1, 2, 3)}, "game: expected four numbers"),
    ({"repetitions": 0}, "repetitions: expected a whole number from 1"),
])
def test_bad_arguments_name_the_argument(kwargs, what):
    with pytest.raises(parley.BadInput) as e:
        parley.tournament(["tft", "defector"], **kwargs)
    assert what in str(e.value)
    assert isinstance(e.value, ValueError)


def test_a_tournament_needs_two_players():
    with pytest.raises(parley.BadInput, match="at least two players, got 1"):
        parley.tournament(["tft"])
    with pytest.raises(parley.BadInput, match=r"players\[1\]: expected a strategy name"):
        parley.tournament(["tft", 3])


def test_missing_scenario_file():
    with pytest.raises(parley.ParleyError) as e:
        parley.run("no/such/file.yaml")
    assert "no/such/file.yaml" in str(e.value)


def test_bad_yaml_names_file_line_and_column(tmp_path):
    p = tmp_path / "bad.yaml"
    p.write_text("kind: agreement\nname: x\nparties: [\n")
    with pytest.raises(parley.BadInput) as e:
        parley.run(str(p))
    assert str(p) + ":" in str(e.value)


def test_unknown_set_path_is_bad_input():
    with pytest.raises(parley.ParleyError, match="nosuchkey"):
        parley.run("scenarios/korea/six-party-2007.yaml", set={"nosuchkey": 1}, runs=10)


@pytest.mark.parametrize("call", [parley.run, parley.fit, parley.design, parley.sensitivity])
def test_a_scenario_file_not_there_is_named_as_the_scenario(call):
    with pytest.raises(parley.BadInput) as e:
        call("no/such/file.yaml")
    assert str(e.value).startswith("scenario: no/such/file.yaml: cannot open")


SIX = "scenarios/korea/six-party-2007.yaml"


@pytest.mark.parametrize("call, kwargs, start", [
    # the library's own text after the argument, the flag it names kept
    (parley.run, {"set": {"nosuchkey": 1}}, "set: --set path 'nosuchkey': no key 'nosuchkey'"),
    (parley.run, {"set": ["runs=abc"]}, "set: %s:" % SIX),  # a value --set put into the file
    (parley.sensitivity, {"set": ["nosuchkey=1"]}, "set: --set path 'nosuchkey'"),
    (parley.sensitivity, {"ranges": ["nosuchkey=0:1"]}, "ranges: --range nosuchkey=0:1"),
    (parley.sensitivity, {"compare": "x,y"}, "compare: --compare 'x,y': expected two different"),
    (parley.sensitivity, {"grid": "x,y"}, "grid: --grid 'x,y': expected two different ranges"),
    # a key the file leaves out, made by --set with a value the file refuses
    (parley.run, {"set": ["steps.BDA-US.verification.p_false=2"]},
     "set: --set steps.BDA-US.verification.p_false: 'p_false' must be between 0 and 1, found 2 (a key"),
])
def test_a_bad_override_or_range_is_named_as_its_argument(call, kwargs, start):
    with pytest.raises(parley.BadInput) as e:
        call(SIX, runs=10, **kwargs)
    assert str(e.value).startswith(start), str(e.value)


def test_a_range_over_a_key_the_file_leaves_out_is_named_as_the_ranges(tmp_path):
    # the library says which input the error is about (pl_error's input), whatever the text begins with
    p = tmp_path / "nopat.yaml"
    text = open("scenarios/korea/russia-china-roadmap.yaml").read()
    p.write_text("".join(l for l in text.splitlines(True) if not l.startswith("  patience:")))
    with pytest.raises(parley.BadInput) as e:
        parley.sensitivity(str(p), runs=10, ranges=["behaviour.patience=-5:2"])
    assert str(e.value).startswith("ranges: range behaviour.patience (a value the file leaves to its default): "
                                   "'patience'"), str(e.value)


def test_a_bad_scenario_file_is_named_as_the_scenario(tmp_path):
    p = tmp_path / "bad.yaml"
    p.write_text("kind: agreement\nname: x\nparties: [\n")
    for call in (parley.run, parley.fit, parley.design, parley.sensitivity):
        with pytest.raises(parley.BadInput) as e:
            call(str(p))
        assert str(e.value).startswith("scenario: %s:" % p), (call.__name__, str(e.value))


def test_fit_needs_a_record(tmp_path):
    import re
    text = open("scenarios/korea/six-party-2007.yaml").read()
    norecord = tmp_path / "norecord.yaml"
    norecord.write_text(re.sub(r"(?ms)^record:.*?^(?=sources:)", "", text))
    with pytest.raises(parley.BadInput, match="^scenario: .*no 'record:'"):
        parley.fit(str(norecord))


def test_moran_bad_counts_and_mode():
    with pytest.raises(parley.BadInput, match="counts: 1 counts given for 2 players"):
        parley.moran(["tft", "defector"], counts=[1])
    with pytest.raises(parley.BadInput, match="mode: expected bd"):
        parley.moran(["tft", "defector"], mode="xx")


def test_out_into_a_foreign_directory_is_refused(tmp_path):
    (tmp_path / "mine.txt").write_text("keep me")
    with pytest.raises(parley.BadInput):
        parley.tournament(["tft", "defector"], turns=5, repetitions=1).write(str(tmp_path))
    assert (tmp_path / "mine.txt").read_text() == "keep me"

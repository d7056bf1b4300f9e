"""A scenario is named by path, file name or id; a name that means nothing is said so in plain words,
with the nearest scenario names, never as a finding at line 0, column 0."""

from __future__ import annotations

import pytest

from game.scenario_names import find_scenario_file, known_scenarios, unknown_scenario
from tests.authoring.conftest import run
from tests.conftest import FLAGSHIP, TINY


def test_a_scenario_is_found_by_path_file_name_and_id() -> None:
    assert find_scenario_file(str(TINY)) == TINY
    assert find_scenario_file("moscow-1939") == FLAGSHIP
    assert find_scenario_file("moscow_1939") == FLAGSHIP  # the id in its meta
    assert find_scenario_file("nosuch") is None
    ids = {known.id for known in known_scenarios()}
    assert "moscow_1939" in ids


@pytest.mark.parametrize("command", [("replay",), ("play", "--text")])
def test_an_unknown_name_is_said_plainly_with_every_scenario(command: tuple[str, ...]) -> None:
    code, out, err = run(*command, "nosuch")
    assert code == 1 and not out
    assert ":0:0" not in err and "cannot be played" not in err
    assert "no scenario is called 'nosuch'" in err and "not a file" in err
    assert "moscow_1939 (moscow-1939.yaml)" in err  # nothing is near, so every scenario is listed


@pytest.mark.parametrize(
    ("name", "meant"),
    [("mosco", "moscow_1939"), ("moscow", "moscow_1939"), ("munch", "munich_1938"), ("tutorial", "weir_tutorial")],
)
def test_a_near_name_suggests_the_scenario(name: str, meant: str) -> None:
    code, _, err = run("replay", name)
    assert code == 1 and f"Did you mean {meant} (" in err and ":0:0" not in err


def test_play_in_the_window_of_an_unknown_name_fails_before_opening_it() -> None:
    code, _, err = run("play", "mosco")
    assert code == 1 and "Did you mean moscow_1939" in err


def test_replay_by_id_plays_the_scenario() -> None:
    code, out, _ = run("replay", "moscow_1939")
    assert code == 0 and "what really happened" in out


def test_a_missing_path_is_named_as_a_file() -> None:
    said = unknown_scenario("./somewhere/nosuch.yaml")
    assert said.startswith("there is no file ./somewhere/nosuch.yaml") and "The scenarios are:" in said


@pytest.mark.parametrize(
    "command", [("validate",), ("check",), ("graph", "-o", "unused.svg"), ("simulate", "--runs", "1")]
)
def test_the_authoring_tools_name_scenarios_the_same_way(command: tuple[str, ...], tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    code, out, err = run(command[0], "mosco", *command[1:])
    assert code == 1 and ":0:0" not in err + out
    assert "no scenario is called 'mosco'" in err and "Did you mean moscow_1939 (moscow-1939.yaml)?" in err


def test_validate_takes_a_scenarios_id_and_says_which_names_mean_nothing() -> None:
    code, _, err = run("validate", "weir_tutorial", "nosuch")
    assert code == 1  # one name means nothing
    assert "tutorial-negotiation.yaml: valid" in err and "no scenario is called 'nosuch'" in err
    code, _, err = run("validate", "weir_tutorial")
    assert code == 0 and "tutorial-negotiation.yaml: valid" in err

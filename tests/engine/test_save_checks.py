"""Loading trusts a save only as far as it checks out: damaged fields and saves that no longer fit
the scenario are reported plainly, naming the file, which is left untouched; and saves written by
older versions (tests/fixtures/saves) still load and replay to the same game."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from game.engine import Game, Scenario, load_text
from game.engine.saves import SAVE_FORMAT, SaveError, read_save, restore, save_game
from tests.conftest import FIXTURES, TINY

SAVES = FIXTURES / "saves"
Edit = Callable[[dict], None]  # type: ignore[type-arg]


def saved(tiny: Scenario, folder: Path, edit: Edit | None = None, start: str = "") -> Path:
    """A save of a short game, optionally changed by ``edit`` as a damaged or hand-edited file is."""
    overrides = {"powers": "sign"} if start else None
    game = Game.new(tiny, seed=1, controllers={"red": "human"}, start=start, overrides=overrides)
    if not start:
        game.choose("warm")
    path = save_game(game, folder, "checked")
    if edit is not None:
        data = json.loads(path.read_text(encoding="utf-8"))
        edit(data)
        path.write_text(json.dumps(data), encoding="utf-8")
    return path


def settings(key: str, value: object) -> Edit:
    return lambda data: data["settings"].__setitem__(key, value)


def move(key: str, value: object) -> Edit:
    return lambda data: data["moves"][0].__setitem__(key, value)


DAMAGED = [
    (settings("controllers", {"red": "wizard", "blue": "historical"}), "the player of 'red' is 'wizard'"),
    (settings("controllers", ["red"]), "'controllers' should be a group of named fields"),
    (settings("seed", "one"), "'seed' should be a whole number, not 'one'"),
    (settings("seed", True), "'seed' should be a whole number"),
    (settings("lens", 3), "'lens' should be a text, not 3"),
    (settings("follow_history", "yes"), "'follow_history' should be true or false"),
    (settings("overrides", {"trust": [1]}), "the starting value of 'trust' should be a number, text or true/false"),
    (settings("extras", [1, 2]), "'extras' should be a group of named fields"),
    (move("day", "two"), "move 1: 'day' should be a whole number, not 'two'"),
    (move("by", "wizard"), "move 1: 'by' names nobody who can move ('wizard')"),
    (move("node", 5), "move 1: 'node' should be a text, not 5"),
    (move("forced", "yes"), "move 1: 'forced' should be true or false"),
    (lambda data: data["moves"].__setitem__(0, "warm"), "move 1 should be a group of named fields"),
    (lambda data: data["moves"][0].pop("step"), "move 1 has no 'step'"),
    (lambda data: data.__setitem__("moves", {"0": {}}), "'moves' should be a list"),
    (lambda data: data["scenario"].__setitem__("id", None), "'id' should be a text"),
]


@pytest.mark.parametrize(("edit", "fragment"), DAMAGED)
def test_a_damaged_field_is_named_and_the_file_left_untouched(tiny, tmp_path: Path, edit: Edit, fragment: str) -> None:  # type: ignore
    path = saved(tiny, tmp_path, edit)
    before = path.read_bytes()
    with pytest.raises(SaveError) as caught:
        read_save(path)
    message = str(caught.value)
    assert message.startswith("checked.json is damaged: ") and fragment in message, message
    assert message.endswith("the file was left as it is")
    assert path.read_bytes() == before


def renamed_final() -> Scenario:
    """The tiny scenario after an author renamed its node 'final'."""
    scenario, findings = load_text("renamed.yaml", TINY.read_text(encoding="utf-8").replace("final", "closing"))
    assert scenario is not None, findings
    return scenario


MISMATCHED = [
    (None, "final", "the game began at the situation 'final', which the scenario no longer has"),
    (settings("lens", "rosy"), "", "played under the lens 'rosy', which the scenario no longer has (hopeful, gloomy)"),
    (settings("overrides", {"trust": "high"}), "final", "starting values do not fit the scenario: trust is a whole"),
    (settings("overrides", {"trust": 9}), "final", "trust must be within 0..5, not 9"),
    (settings("overrides", {"trust": True}), "final", "trust is a whole number, not True"),
    (settings("overrides", {"powers": "shout"}), "final", "powers is one of talk, sign, not 'shout'"),
    (settings("overrides", {"mood": 1}), "final", "there is no variable 'mood'"),
]


@pytest.mark.parametrize(("edit", "start", "fragment"), MISMATCHED)
def test_a_save_that_does_not_fit_the_scenario_is_refused_plainly(tiny, tmp_path: Path, edit, start, fragment) -> None:  # type: ignore
    path = saved(tiny, tmp_path, edit, start)
    before = path.read_bytes()
    scenario = renamed_final() if edit is None else tiny
    read_save(path)  # read alone, without the scenario, it is a well-formed save
    for attempt in (lambda: read_save(path, scenario), lambda: restore(read_save(path), scenario)):
        with pytest.raises(SaveError) as caught:
            attempt()
        message = str(caught.value)
        assert message.startswith("checked.json does not fit ") and fragment in message, message
    assert path.read_bytes() == before


def test_players_of_actors_the_scenario_no_longer_has_are_left_out(tiny, tmp_path: Path) -> None:  # type: ignore
    path = saved(tiny, tmp_path, settings("controllers", {"red": "human", "green": "random"}))
    game = restore(read_save(path, tiny), tiny).game
    assert game.settings.controllers == {"red": "human", "blue": "disposition"}


@pytest.mark.parametrize(
    ("edit", "start", "fragment"),
    [
        (None, "final", "the game began at the situation 'final'"),
        (settings("controllers", {"red": "wizard"}), "", "the player of 'red' is 'wizard'"),
        (settings("overrides", {"trust": "high"}), "final", "trust is a whole number"),
    ],
    ids=["start-node-renamed", "unknown-controller", "override-of-the-wrong-type"],
)
def test_the_terminal_reports_a_bad_save_and_exits(tiny, tmp_path: Path, edit, start: str, fragment: str) -> None:  # type: ignore
    from tests.test_cli import run

    path = saved(tiny, tmp_path, edit, start)
    scenario_file = TINY
    if edit is None:
        scenario_file = tmp_path / "renamed.yaml"
        scenario_file.write_text(TINY.read_text(encoding="utf-8").replace("final", "closing"), encoding="utf-8")
    before = path.read_bytes()
    result = run("play", "--text", str(scenario_file), "--load", str(path), env={"PARLEY_SAVES": str(tmp_path)})
    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("parley: error: checked.json ") and fragment in result.stderr, result.stderr
    assert path.read_bytes() == before


# -- saves written by older versions ----------------------------------------------------------


def _played(tiny: Scenario, name: str) -> Game:
    """The game each fixture records, played afresh through today's API."""
    humans = {"red": "human", "blue": "human"}
    if name == "format1-plain":
        game = Game.new(tiny, "hopeful", 5, {"red": "human", "blue": "historical"})
        game.choose("warm")
        game.choose("ask_powers", by="historical")  # what the computer chose then, recorded without a reason
    elif name == "format1-from-node":
        game = Game.new(tiny, "gloomy", 9, humans, start="final", overrides={"powers": "sign", "trust": 4})
    elif name == "format1-class-status-quo":
        game = Game.new(tiny, "hopeful", 11, humans)
        game.choose("warm", reason="Friendly first")
        game.choose("stall", by="proxy")
        game.choose("leave", reason="Enough")
    else:
        game = Game.new(tiny, "hopeful", 4, humans)
        game.choose("warm")
        game.choose("ask_powers", by="proxy")
    return game


OLD_SAVES = ["format1-plain", "format1-from-node", "format1-class-status-quo", "format1-class-computer"]


@pytest.mark.parametrize("name", OLD_SAVES)
def test_an_old_save_loads_and_replays_to_the_same_game(tiny, name: str) -> None:  # type: ignore[no-untyped-def]
    path = SAVES / f"{name}.json"
    before = path.read_bytes()
    assert json.loads(before)["parley_save"] == 1
    restored = restore(read_save(path, tiny), tiny)
    assert restored.report.complete, restored.report
    game, expected = restored.game, _played(tiny, name)
    assert game.state == expected.state
    assert game.moves == expected.moves and game.log == expected.log
    assert game.settings.controllers == expected.settings.controllers
    assert (game.settings.start, game.settings.overrides) == (expected.settings.start, expected.settings.overrides)
    assert path.read_bytes() == before, "reading never changes a save"


def test_an_old_class_save_keeps_its_class_settings_for_the_classroom(tiny, tmp_path: Path) -> None:  # type: ignore
    data = read_save(SAVES / "format1-class-status-quo.json", tiny)
    assert data.settings.extras == {"time_limit": 120, "timeout_rule": "status_quo", "projector": True}
    assert [m.by for m in data.moves] == ["human", "proxy", "human"]
    assert [m.reason for m in data.moves] == ["Friendly first", "", "Enough"]
    game = restore(data, tiny).game
    again = read_save(save_game(game, tmp_path, "resaved"), tiny)
    raw = json.loads((tmp_path / "resaved.json").read_text(encoding="utf-8"))
    assert (raw["parley_save"], raw["min_reader"]) == (SAVE_FORMAT, 2), "format-1 readers would lose the class data"
    assert "time_limit" not in raw["settings"] and raw["moves"][1]["by"] == "proxy"
    assert again.settings.extras == data.settings.extras and again.moves == data.moves

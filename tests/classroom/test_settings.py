"""A class's settings: checked when made, kept in the game's extras, read back (from saves of
either format) with a clear error when damaged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.classroom.loading import ClassroomError, ScenarioFinder, load_save
from game.classroom.settings import MAX_TIME_LIMIT, ClassroomSettings
from game.classroom.transcript import build_transcript
from game.engine import Game
from game.engine.saves import read_save, restore, save_game
from tests.conftest import FIXTURES, TINY


@pytest.mark.parametrize(
    ("limit", "rule", "fragment"),
    [
        (-5, "computer", "a time limit is 0 (none) to 3600 seconds per decision, not -5"),
        (MAX_TIME_LIMIT + 1, "computer", "not 3601"),
        (True, "computer", "a time limit is a whole number of seconds, not True"),
        (60, "coin", "no pace rule 'coin'; use one of: computer, status_quo"),
    ],
)
def test_bad_settings_are_refused_when_made(limit: int, rule: str, fragment: str) -> None:
    with pytest.raises(ValueError) as caught:
        ClassroomSettings.chosen(limit, rule, False)
    assert fragment in str(caught.value)


def test_settings_travel_in_the_save_and_defaults_leave_no_trace(tiny, tmp_path: Path) -> None:  # type: ignore
    game = Game.new(tiny, seed=1, controllers={"red": "human"})
    ClassroomSettings().store(game)
    assert game.settings.extras == {}
    ClassroomSettings(90, "status_quo", True).store(game)
    loaded = restore(read_save(save_game(game, tmp_path, "class")), tiny).game
    assert ClassroomSettings.of(loaded) == ClassroomSettings(90, "status_quo", True)
    ClassroomSettings().store(loaded)
    assert loaded.settings.extras == {}


def test_a_format_1_class_save_reads_as_it_was_meant(tiny) -> None:  # type: ignore[no-untyped-def]
    game = restore(read_save(FIXTURES / "saves" / "format1-class-status-quo.json"), tiny).game
    assert ClassroomSettings.of(game) == ClassroomSettings(120, "status_quo", True)
    transcript = build_transcript(game)
    assert [d.by for d in transcript.decisions] == ["students", "time ran out: the status quo holds", "students"]
    assert (transcript.count.by_class, transcript.count.by_clock) == (2, 1)
    computer = restore(read_save(FIXTURES / "saves" / "format1-class-computer.json"), tiny).game
    assert ClassroomSettings.of(computer) == ClassroomSettings(60, "computer", False)
    assert build_transcript(computer).decisions[1].by == "time ran out: the computer decides"


@pytest.mark.parametrize(
    ("extras", "fragment"),
    [
        ({"classroom": {"time_limit": "soon"}}, "the class's time limit should be a whole number of seconds"),
        ({"classroom": {"time_limit": 60, "timeout_rule": "coin"}}, "no pace rule 'coin'"),
        ({"classroom": {"projector": "on"}}, "projector mode should be true or false"),
        ({"classroom": {"bell": True}}, "the class settings have unknown fields: bell"),
        ({"classroom": [60]}, "the class settings should be a group of named fields"),
        ({"time_limit": -1}, "a time limit is 0 (none) to 3600 seconds"),  # as format 1 kept them
    ],
)
def test_damaged_class_settings_are_reported_when_read_back(tiny, tmp_path: Path, extras, fragment) -> None:  # type: ignore
    game = Game.new(tiny, seed=1, controllers={"red": "human"})
    game.settings.extras = extras
    path = save_game(game, tmp_path, "group1")
    before = path.read_bytes()
    loaded = restore(read_save(path), tiny).game  # the engine carries extras without reading them
    with pytest.raises(ValueError) as caught:
        ClassroomSettings.of(loaded)
    assert fragment in str(caught.value)
    with pytest.raises(ClassroomError) as loading:
        load_save(path, ScenarioFinder(TINY))
    assert str(loading.value).startswith("group1.json cannot be replayed: ") and fragment in str(loading.value)
    assert path.read_bytes() == before
    assert json.loads(before)["settings"]["extras"] == extras


def test_how_much_of_the_computers_reasons_a_class_sees_is_kept_and_checked(tiny) -> None:  # type: ignore[no-untyped-def]
    from game.engine import Game

    game = Game.new(tiny, seed=1)
    ClassroomSettings(reasons="reasons").store(game)
    assert ClassroomSettings.of(game).reasons == "reasons"
    assert ClassroomSettings.from_json(ClassroomSettings(time_limit=60).to_json()).reasons == "numbers"
    with pytest.raises(ValueError, match="one of numbers, reasons, nothing"):
        ClassroomSettings(reasons="everything")

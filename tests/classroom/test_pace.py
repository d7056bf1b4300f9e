"""Pace: a countdown driven by supplied clock values, and the two rules for when time runs out."""

from __future__ import annotations

import pytest

from game.classroom.pace import (
    Deadline,
    PaceSetting,
    clock_text,
    resolve_timeout,
    status_quo_choice,
    timeout_choice,
)
from game.classroom.settings import ClassroomSettings
from game.classroom.transcript import build_transcript
from game.engine import Game, GameError, load_text
from game.engine.saves import read_save, restore, save_game
from tests.conftest import TINY


def test_countdown_runs_pauses_and_expires() -> None:
    deadline = Deadline(90, now=1000.0)
    assert deadline.text(1000.0) == "1:30" and deadline.fraction_left(1000.0) == 1.0
    assert deadline.text(1000.4) == "1:30", "rounded up: 0:00 only when time is really out"
    assert deadline.remaining(1030.0) == 60.0 and not deadline.warning(1030.0)
    deadline.pause(1030.0)
    assert deadline.paused and deadline.remaining(5000.0) == 60.0, "a pause stops the clock"
    deadline.resume(5000.0)
    assert deadline.remaining(5042.0) == 18.0 and deadline.warning(5042.0)
    assert not deadline.expired(5059.9) and deadline.expired(5060.0)
    assert deadline.remaining(9999.0) == 0.0 and deadline.text(9999.0) == "0:00"


def test_a_clock_going_backwards_never_adds_time() -> None:
    deadline = Deadline(30, now=50.0)
    assert deadline.remaining(10.0) == 30.0
    deadline.pause(60.0)
    deadline.pause(70.0)  # pausing twice changes nothing
    deadline.resume(65.0)
    assert deadline.remaining(65.0) == 20.0


def test_settings_are_checked_and_described() -> None:
    assert PaceSetting().describe() == "No time limit." and not PaceSetting().enabled
    assert PaceSetting(120, "status_quo").describe() == "2:00 per decision; when time runs out, the status quo holds."
    with pytest.raises(ValueError, match="computer, status_quo"):
        PaceSetting(60, "coin")
    with pytest.raises(ValueError):
        PaceSetting(0)
    with pytest.raises(ValueError):
        Deadline(0, now=0.0)
    assert clock_text(61) == "1:01" and clock_text(-5) == "0:00"


def test_status_quo_is_the_longest_choice_without_effects(tiny) -> None:  # type: ignore[no-untyped-def]
    game = Game.new(tiny, seed=1, controllers={a: "human" for a in tiny.actors})
    # Opening: 'warm' and 'cold' change trust; 'leave' has no effects.
    assert status_quo_choice(game.decision).id == "leave"  # type: ignore[arg-type]
    game.choose("cold")
    # Blue answers: 'stall' (3 days) and 'apologise' (0 days) have no effects; 'sign_now' is blocked.
    assert status_quo_choice(game.decision).id == "stall"  # type: ignore[arg-type]


def test_status_quo_falls_back_to_the_first_open_choice() -> None:
    text = TINY.read_text(encoding="utf-8").replace(
        "{id: leave, label: Walk out, next: walkout}",
        '{id: leave, label: Walk out, effects: ["trust -= 1"], next: walkout}',
    )
    scenario, findings = load_text("every-choice-acts.yaml", text)
    assert scenario is not None, findings
    game = Game.new(scenario, seed=1, controllers={"red": "human"})
    assert status_quo_choice(game.decision).id == "warm"  # type: ignore[arg-type]


@pytest.mark.parametrize("rule", ["computer", "status_quo"])
def test_resolve_timeout_records_the_rule(tiny, tmp_path, rule: str) -> None:  # type: ignore[no-untyped-def]
    game = Game.new(tiny, seed=3, controllers={a: "human" for a in tiny.actors})
    expected = game.computer_choice().id if rule == "computer" else "leave"
    assert timeout_choice(game, rule).id == expected
    ClassroomSettings.chosen(60, rule, False).store(game)
    resolve_timeout(game, rule)
    move = game.moves[0]
    assert (move.step, move.by, move.in_persons_seat) == (expected, "proxy", True)
    loaded = restore(read_save(save_game(game, tmp_path, "paced")), tiny).game
    assert loaded.moves[0].by == "proxy"
    assert ClassroomSettings.of(loaded) == ClassroomSettings(60, rule, False)  # type: ignore[arg-type]
    words = {"computer": "the computer decides", "status_quo": "the status quo holds"}[rule]
    assert build_transcript(loaded).decisions[0].by == f"time ran out: {words}"


def test_timeout_needs_a_waiting_decision(tiny) -> None:  # type: ignore[no-untyped-def]
    game = Game.new(tiny, seed=3, controllers={"red": "human"})
    game.choose("leave")
    with pytest.raises(GameError):
        resolve_timeout(game, "status_quo")
    with pytest.raises(ValueError):
        timeout_choice(Game.new(tiny, seed=3, controllers={"red": "human"}), "later")

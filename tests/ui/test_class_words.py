"""The window's class-play wording, without a window: setup choices, the hand-over button, the
time-out notice, transcript file names and the smallest change in words."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from game.engine import Game
from game.ui.classroom import (
    next_rule,
    next_time_limit,
    rule_button,
    smallest_change,
    takeover_notice,
    time_limit_name,
    timeout_notice,
    transcript_paths,
    we_are,
)


def test_setup_choices_go_round() -> None:
    names = [time_limit_name(s) for s in (0, 45, 60, 90, 120, 300)]
    assert names == ["Off", "45 seconds", "1 minute", "90 seconds", "2 minutes", "5 minutes"]
    seen, value = [], 0
    for _ in range(7):
        value = next_time_limit(value)
        seen.append(value)
    assert seen == [45, 60, 90, 120, 180, 300, 0]  # the lesson plans' 45- and 90-second clocks among them
    assert next_rule("") == "status_quo" and next_rule("status_quo") == "computer"
    assert rule_button("computer") == "Computer decides" and rule_button("status_quo") == "Status quo holds"


def test_words_for_hand_over_and_time_out() -> None:
    assert we_are("British military mission") == "We are the British military mission — show our briefing"
    assert we_are("The Cabinet") == "We are The Cabinet — show our briefing"
    assert timeout_notice("status_quo", "Stall") == "Time ran out: the status quo holds — Stall."
    assert timeout_notice("", "Be warm") == "Time ran out: the computer decides — Be warm."
    assert (
        timeout_notice("status_quo", "Stall", "British military mission")
        == "Time ran out for the British military mission: the status quo holds — Stall."
    )
    assert "The others follow history until the game leaves it" in takeover_notice("French military mission", "1 Sept")
    assert takeover_notice("French military mission", "1 Sept").startswith("You now play the French military")


def test_transcript_files_sit_side_by_side() -> None:
    html, md = transcript_paths(Path("/saves"), "moscow_1939", dt.datetime(1939, 8, 21, 9, 5, 0))
    assert html == Path("/saves/transcript-moscow_1939-19390821-090500.html")
    assert md == html.with_suffix(".md")


def test_smallest_change_only_for_a_finished_other_ending(tiny) -> None:  # type: ignore[no-untyped-def]
    game = Game.new(tiny, seed=3, controllers={"red": "human", "blue": "historical"})
    assert smallest_change(game) is None  # not over yet
    game.choose("leave")
    change = smallest_change(game)
    assert change is not None and change.found and change.count == 1
    line = change.lines[0]
    assert (line.date, line.actor, line.choice, line.instead) == (
        "1 January 1900",
        "Red delegation",
        "Walk out",
        "Be warm",
    )

"""'Since your last turn' reads as sentences: the moves that changed a measure are joined one
after the other, never as '… figures.; The French …' (item 5 of the second play-test)."""

from __future__ import annotations

import pygame

from game.ui.settings import UISettings
from game.ui.table_turn import Change, join_sentences

from .conftest import FLAGSHIP
from .seating import sit_down, wait_until


def test_causes_are_joined_as_sentences() -> None:
    causes = ("The British government chose: Go slowly: no powers to sign, no figures.", "Paris waits")
    change = Change("Berlin's approach to Moscow", 2, 3, causes)
    words = change.words()
    assert ".;" not in words and ";" not in words
    assert words.endswith("no figures. Paris waits.")
    assert join_sentences(["Done?", " ", "fine;"]) == "Done? fine."


def test_the_summary_in_the_window_has_no_doubled_stops(make_pilot) -> None:  # type: ignore[no-untyped-def]
    """Several computer moves between two of the person's decisions, as in the play-test."""
    pilot = make_pilot(FLAGSHIP, settings=UISettings(computer_pause=0.0))
    app = pilot.app
    game = sit_down(pilot, {"britain": "human"})
    for _ in range(3):  # decide three times: the others move in between
        wait_until(pilot, lambda: game.ended or not game.computer_to_move, 20.0)
        if game.ended:
            break
        pilot.press(pygame.K_1)
    wait_until(pilot, lambda: game.ended or not game.computer_to_move, 20.0)
    scene = app.scene
    if scene.name != "play":
        return
    lines = [head for head, _ in scene.recap_lines()]
    causes = [c for change in scene.changes.values() for c in change.causes]
    assert len(causes) >= 1 and lines, "the test should reach a summary with a changed measure"
    for line in lines:
        assert ".;" not in line and ".." not in line, line

"""Counts on the window's screens agree with their nouns: the debrief said '1 decisions were yours'."""

from __future__ import annotations

import pygame

from game.engine import Game
from game.ui.classroom import time_limit_name
from game.ui.story import counted

from .conftest import TINY, MakePilot


def test_a_count_agrees_with_its_noun() -> None:
    assert counted(1, "decision") == "1 decision" and counted(0, "decision") == "0 decisions"
    assert counted(2, "person", "people") == "2 people" and counted(1, "person", "people") == "1 person"
    assert time_limit_name(1) == "1 second" and time_limit_name(45) == "45 seconds"
    assert time_limit_name(60) == "1 minute" and time_limit_name(120) == "2 minutes"


def test_the_debrief_says_one_decision_was_yours(make_pilot: MakePilot) -> None:
    pilot = make_pilot(TINY)
    app = pilot.app
    app.play(Game.new(app.scenario, seed=3, controllers={"red": "human", "blue": "historical"}))
    pilot.press(pygame.K_3)  # walk out: the game ends
    pilot.click("yes")
    assert app.scene.name == "debrief"
    drawn = app.scene.page_text()  # the lines drawn on the page
    assert "1 decision was yours." in drawn
    assert "decisions were yours" not in drawn and "1 decisions" not in drawn

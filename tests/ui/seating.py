"""Seating a game in the window for a test, and letting game time pass until something holds."""

from __future__ import annotations

from collections.abc import Callable

from game.classroom.settings import ClassroomSettings
from game.engine import Game
from game.ui.pilot import Pilot


def sit_down(pilot: Pilot, controllers: dict[str, str], projector: bool = False, start: str = "") -> Game:
    """A new game of the window's scenario (seed 1) with these controllers, on the play screen."""
    app = pilot.app
    assert app.scenario is not None
    game = Game.new(app.scenario, seed=1, controllers=controllers, start=start)
    ClassroomSettings(projector=projector).store(game)
    app.play(game)
    pilot.wait()
    return game


def wait_until(pilot: Pilot, done: Callable[[], bool], seconds: float = 6.0) -> None:
    """Let game time pass (the computer delegations' pauses) until ``done`` holds."""
    waited = 0.0
    while not done() and waited < seconds:
        pilot.wait(0.1)
        waited += 0.1
    assert done(), "the table did not get there in time"

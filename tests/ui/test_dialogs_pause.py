"""Nothing moves behind a dialog: while the Save screen, the quit question, the help, a briefing or
the pause menu is open, the computers make no move and the class clock stands still; when it
closes, the computers' pause goes on from where it stopped (the next move does not come at once,
as if it had been made behind the dialog). Driven by real key presses on the flagship."""

from __future__ import annotations

import pygame
import pytest

from game.classroom.settings import ClassroomSettings
from game.engine import Game
from game.engine.saves import read_save
from game.paths import saves_folder
from game.ui.pilot import Pilot
from game.ui.scenes.play import PlayScene
from game.ui.settings import UISettings

from .conftest import CURRENT_FLAGSHIP, MakePilot

PAUSE = 1.0  # the computers' pause in these tests, in seconds of game time


def play_scene(pilot: Pilot) -> PlayScene:
    scene = pilot.app.scene
    assert isinstance(scene, PlayScene), f"the {scene.name} screen is showing, not play"
    return scene


def seat_ussr(pilot: Pilot) -> Game:
    """The Soviet military delegation played by a person; the others' opening secret moves are due."""
    app = pilot.app
    assert app.scenario is not None
    game = Game.new(app.scenario, seed=1, controllers={"ussr": "human"})
    app.play(game)
    pilot.wait()
    assert game.computer_to_move and play_scene(pilot).pending is not None
    return game


def open_quit_question(pilot: Pilot) -> None:
    pygame.event.post(pygame.event.Event(pygame.QUIT))  # the window's close button
    pilot.wait()


DIALOGS = {
    "help": (lambda pilot: pilot.press(pygame.K_F1), "help"),
    "briefing": (lambda pilot: pilot.press(pygame.K_b), "message"),
    "pause menu": (lambda pilot: pilot.press(pygame.K_ESCAPE), "pause"),
    "quit question": (open_quit_question, "confirm"),
}


@pytest.mark.parametrize("dialog", list(DIALOGS))
def test_the_computers_wait_behind_a_dialog(make_pilot: MakePilot, dialog: str) -> None:
    pilot = make_pilot(CURRENT_FLAGSHIP, settings=UISettings(computer_pause=PAUSE))
    app = pilot.app
    game = seat_ussr(pilot)
    scene = app.scene
    pilot.wait(0.5)  # half the pause has gone
    opened, name = DIALOGS[dialog]
    opened(pilot)
    assert app.overlay is not None and app.overlay.name == name
    pilot.wait(20, step=0.5)
    assert game.moves == []  # nothing behind the dialog
    pilot.press(pygame.K_ESCAPE)  # closed: the safe way out of each
    assert app.overlay is None and app.running and app.scene is scene
    pilot.wait(0.2)
    assert game.moves == []  # the rest of the pause first, not an overdue move at once
    pilot.wait(0.6)
    assert len(game.moves) == 1


def test_a_named_save_holds_the_game_as_it_was_when_save_was_pressed(make_pilot: MakePilot) -> None:
    pilot = make_pilot(CURRENT_FLAGSHIP, settings=UISettings(computer_pause=PAUSE))
    app = pilot.app
    game = seat_ussr(pilot)
    pilot.wait(PAUSE + 0.2)
    made = len(game.moves)
    assert made == 1
    pilot.press(pygame.K_s, mod=pygame.KMOD_CTRL)
    assert app.scene.name == "saves"
    pilot.wait(30, step=0.5)  # a slow typist
    for _ in range(40):
        pilot.press(pygame.K_BACKSPACE)
    pilot.type("group four")
    pilot.press(pygame.K_RETURN)
    assert "group four" in play_scene(pilot).notice
    assert len(game.moves) == made
    path = next(saves_folder().glob("group four*"))
    assert len(read_save(path).moves) == made  # the game as it stood when Save was pressed


def test_the_class_clock_stands_still_behind_the_save_screen_and_the_quit_question(make_pilot: MakePilot) -> None:
    pilot = make_pilot(CURRENT_FLAGSHIP, settings=UISettings(computer_pause=0.0))
    app = pilot.app
    assert app.scenario is not None
    game = Game.new(app.scenario, seed=1, controllers={"kremlin": "human"})
    ClassroomSettings(60, "status_quo").store(game)
    app.play(game)
    for _ in range(40):  # the other governments' secret moves, at once
        if not game.computer_to_move:
            break
        pilot.wait(0.1)
    scene = play_scene(pilot)
    deadline = scene.deadline
    assert scene.acting() == "kremlin" and deadline is not None
    left = deadline.remaining(app.now)
    pilot.press(pygame.K_s, mod=pygame.KMOD_CTRL)
    pilot.wait(30, step=0.5)
    pilot.press(pygame.K_ESCAPE)
    open_quit_question(pilot)
    pilot.wait(30, step=0.5)
    pilot.press(pygame.K_ESCAPE)
    assert app.scene is scene and app.overlay is None
    assert left - 2 <= deadline.remaining(app.now) <= left

"""The opening of a game a person sets up, by real key presses: one person playing one delegation
reads their private briefing (and objectives) first, as a hot seat does after its hand-over; a
game taken up from a save opens straight on the play screen; and when the computers move first,
they wait until the person has read the introduction and pressed Begin."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.ui.pilot import Pilot
from game.ui.scenes.overlays import MessageOverlay
from game.ui.scenes.setup import SetupScene

from .conftest import CURRENT_FLAGSHIP, ROOT, MakePilot
from .seating import wait_until

TUTORIAL = ROOT / "scenarios" / "tutorial-negotiation.yaml"


def players(pilot: Pilot) -> dict[str, str]:
    """Who plays each delegation, as the setup screen has it now."""
    scene = pilot.app.scene
    assert isinstance(scene, SetupScene), f"the {scene.name} screen is showing, not the setup"
    return scene.players


def message_title(pilot: Pilot) -> str:
    """The title of the message box open over the screen ('' when none is)."""
    overlay = pilot.app.overlay
    return overlay.title if isinstance(overlay, MessageOverlay) else ""


def label(pilot: Pilot, key: str) -> str:
    return str(getattr(pilot.element(key), "text", ""))


def start_from_setup(pilot: Pilot) -> None:
    """N on the title, then Enter on the setup (Kestra, the first delegation, is the person's)."""
    pilot.press(pygame.K_n)
    assert players(pilot)["kestra"] == "human"
    pilot.press(pygame.K_RETURN)
    assert pilot.app.scene.name == "play"


def test_a_lone_player_reads_their_briefing_and_objectives_first(make_pilot: MakePilot, shots: Path) -> None:
    pilot = make_pilot(TUTORIAL)
    app = pilot.app
    start_from_setup(pilot)
    assert message_title(pilot) == "Kestra delegation: private briefing"
    shown = pilot.all_text()
    assert "You alone read the reservoir gauges" in shown  # the private briefing
    assert "Your objectives" in shown and "Kestra alone keeps the keys to the gates" in shown  # a secret objective
    assert "farmers are marching on the capital" in shown  # what only Kestra knows
    assert "at least half the summer flow, fixed" not in shown.lower()  # only its own objectives
    pilot.snapshot(shots / "opening-briefing.png")
    pilot.wait(5)
    assert app.game is not None and app.game.moves == []  # nobody moves while it is read
    pilot.press(pygame.K_RETURN)  # Enter closes it, as after a hot seat's hand-over
    assert app.overlay is None and app.scene.name == "play"
    pilot.press(pygame.K_b)  # and B shows it again, whoever is to move
    assert message_title(pilot) == "Kestra delegation: private briefing"
    pilot.press(pygame.K_ESCAPE)
    assert app.overlay is None


def test_a_game_taken_up_from_its_autosave_opens_without_the_briefing(make_pilot: MakePilot) -> None:
    pilot = make_pilot(TUTORIAL)
    app = pilot.app
    start_from_setup(pilot)
    pilot.click("ok")  # the button closes it too
    game = app.game
    assert game is not None and app.overlay is None
    pilot.press(pygame.K_SPACE)  # (the introduction read: the others may move)
    waited = 0.0
    while not game.moves and waited < 10:
        pilot.wait(0.1)
        waited += 0.1
    assert game.moves  # a move was made, and autosaved
    pilot.press(pygame.K_ESCAPE)
    pilot.click("title")
    assert app.scene.name == "title"
    pilot.press(pygame.K_c)  # continue
    assert app.scene.name == "play" and app.overlay is None


def test_the_flagships_introduction_stays_until_the_person_begins(make_pilot: MakePilot, shots: Path) -> None:
    """The Soviet delegation's first decision comes after the others' opening secret moves: the
    introduction ('How the summer came to this') stays on screen until Begin, however long it takes."""
    pilot = make_pilot(CURRENT_FLAGSHIP)
    app = pilot.app
    pilot.press(pygame.K_n)
    for _ in range(4):  # the Kremlin to the computer, and the Soviet military delegation to a person
        if players(pilot)["kremlin"] == "human":
            pilot.click("player_kremlin")
        if players(pilot)["ussr"] != "human":
            pilot.click("player_ussr")
    assert players(pilot)["ussr"] == "human" and players(pilot)["kremlin"] != "human"
    pilot.click("start")
    pilot.press(pygame.K_ESCAPE)  # the briefing, read
    game = app.game
    assert game is not None and app.overlay is None and game.computer_to_move
    pilot.wait(30, step=0.5)  # far longer than the computers' pause
    assert game.moves == [] and "How the summer came to this" in app.scene.texts["narration"].html_text
    assert label(pilot, "skip") == "Begin ▶" and app.scene.focus_key == "skip"
    pilot.snapshot(shots / "opening-begin.png")
    pilot.press(pygame.K_RETURN)  # Begin
    assert game.moves == [] and label(pilot, "skip") == "Skip wait"  # the first move after its pause
    wait_until(pilot, lambda: len(game.moves) >= 2)


def test_space_begins_too(make_pilot: MakePilot) -> None:
    pilot = make_pilot(TUTORIAL)
    app = pilot.app
    start_from_setup(pilot)
    pilot.press(pygame.K_RETURN)  # the briefing, read
    game = app.game
    assert game is not None and game.computer_to_move  # Dunmore opens the talks
    pilot.wait(10, step=0.5)
    assert game.moves == []
    pilot.press(pygame.K_SPACE)
    wait_until(pilot, lambda: bool(game.moves))

"""The opening of a game a person sets up, by real key presses: one person playing one delegation
reads their private briefing (and objectives) first, as a hot seat does after its hand-over; a
game taken up from a save opens straight on the play screen."""

from __future__ import annotations

import pygame

from game.ui.pilot import Pilot

from .conftest import ROOT, MakePilot

TUTORIAL = ROOT / "scenarios" / "tutorial-negotiation.yaml"


def start_from_setup(pilot: Pilot) -> None:
    """N on the title, then Enter on the setup (Kestra, the first delegation, is the person's)."""
    pilot.press(pygame.K_n)
    assert pilot.app.scene.name == "setup" and pilot.app.scene.players["kestra"] == "human"
    pilot.press(pygame.K_RETURN)
    assert pilot.app.scene.name == "play"


def test_a_lone_player_reads_their_briefing_and_objectives_first(make_pilot: MakePilot, shots) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(TUTORIAL)
    app = pilot.app
    start_from_setup(pilot)
    overlay = app.overlay
    assert overlay is not None and overlay.name == "message" and overlay.title == "Kestra delegation: private briefing"
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
    assert app.overlay is not None and app.overlay.title == "Kestra delegation: private briefing"
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

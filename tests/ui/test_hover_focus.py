"""Hover and keyboard focus look different (item 4 of the window's review): the mouse gives a
subtle fill and keeps the button's own border, the keyboard focus draws an outline; Enter presses
the focused button only, wherever the mouse is."""

from __future__ import annotations

import pygame

from game.engine import Game
from game.ui.settings import UISettings
from game.ui.theme import colour

from .conftest import TINY
from .seating import wait_until


def _edge(pilot, key: str) -> pygame.Color:  # type: ignore[no-untyped-def]
    """The colour of a button's left border, halfway down, as drawn."""
    rect = pilot.element(key).rect
    pilot.app.draw()
    return pilot.app.screen.get_at((rect.x + 1, rect.centery))


def _inside(pilot, key: str) -> pygame.Color:  # type: ignore[no-untyped-def]
    rect = pilot.element(key).rect
    pilot.app.draw()
    return pilot.app.screen.get_at((rect.x + 6, rect.y + 6))


def test_hover_fills_and_focus_outlines(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot()
    app = pilot.app
    assert app.scene.name == "title"
    palette = app.settings.palette
    app.focus("load")
    plain_fill = _inside(pilot, "settings")
    pilot.move(pilot.element("settings").rect.center)
    pilot.wait(0.1)
    focus = colour(palette, "focus")
    assert _edge(pilot, "load")[:3] == focus[:3]  # the keyboard's outline
    hovered_edge = _edge(pilot, "settings")
    assert hovered_edge[:3] != focus[:3]  # the mouse draws no outline ...
    assert hovered_edge[:3] == colour(palette, "border")[:3]
    assert _inside(pilot, "settings")[:3] != plain_fill[:3]  # ... but a fill
    assert _inside(pilot, "load")[:3] == plain_fill[:3]  # focus keeps the plain fill


def test_enter_presses_the_focused_button_not_the_hovered_one(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot()
    app = pilot.app
    pilot.move(pilot.element("quit").rect.center)  # the mouse rests on Quit
    pilot.wait(0.1)
    app.focus("settings")
    pilot.press(pygame.K_RETURN)
    assert app.running
    assert app.scene.name == "settings"


def _card_fill(pilot, key: str) -> pygame.Color:  # type: ignore[no-untyped-def]
    """The colour inside a choice card, right of its words and above them, as drawn."""
    rect = pilot.element(key).rect
    pilot.app.draw()
    return pilot.app.screen.get_at((rect.right - pilot.app.spacing.pad, rect.y + 4))


def test_cards_the_computer_is_choosing_from_do_not_light_up(make_pilot) -> None:  # type: ignore[no-untyped-def]
    """While the computer decides, its choice cards are shown but cannot be pressed: the mouse
    resting on one leaves it as it was (no hover fill), while at a person's turn it lights up."""
    pilot = make_pilot(TINY, settings=UISettings(computer_pause=30.0))
    app = pilot.app
    game = Game.new(app.scenario, seed=3, controllers={"red": "historical", "blue": "human"})
    app.play(game)
    pilot.move((2, 2))
    assert game.computer_to_move and "choice_1" in app.top.buttons
    plain = _card_fill(pilot, "choice_1")
    pilot.move(pilot.element("choice_1").rect.center)
    pilot.wait(0.1)
    assert _card_fill(pilot, "choice_1")[:3] == plain[:3]
    assert "choice_1" not in app.top.order  # nor does the keyboard stop on it
    pilot.click("skip")
    wait_until(pilot, lambda: not game.computer_to_move and "choice_1" in app.top.buttons)
    card = next(k for k in app.top.order if k.startswith("choice_") and k != app.top.focus_key)
    pilot.move((2, 2))
    plain = _card_fill(pilot, card)
    pilot.move(pilot.element(card).rect.center)
    pilot.wait(0.1)
    assert _card_fill(pilot, card)[:3] != plain[:3]  # a card a person may press lights up

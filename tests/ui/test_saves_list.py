"""The list of saves cuts a long name or line with an ellipsis and keeps the whole of it in the
card's tool tip (item 7 of the window's review: nothing truncated without its full text)."""

from __future__ import annotations

import pygame

from game.engine import Game
from game.engine.saves import save_game
from game.paths import saves_folder
from game.ui.settings import UISettings

from .conftest import TINY

LONG = "group three of the Tuesday afternoon class with a very long save name"[:64]


def test_a_cut_card_keeps_its_words_in_a_tip(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(TINY, size=(700, 500), settings=UISettings(text_size=3, computer_pause=0.4))  # a small window
    app = pilot.app
    game = Game.new(app.scenario, seed=3, controllers={"red": "human", "blue": "historical"})
    save_game(game, saves_folder(), LONG)
    pilot.press(pygame.K_l)
    scene = app.scene
    assert scene.name == "saves"
    button = scene.buttons["slot_0"]
    tip = button.tool_tip_text or ""
    assert LONG in tip and app.scenario.title in tip  # the whole name and line
    app.focus("back")
    pilot.hover("slot_0")
    assert LONG in pilot.tooltip_text()


def test_an_autosave_is_listed_as_autosave_not_by_its_file_name(make_pilot) -> None:  # type: ignore[no-untyped-def]
    from game.engine.saves import autosave

    pilot = make_pilot(TINY, settings=UISettings(computer_pause=0.4))
    app = pilot.app
    path = autosave(Game.new(app.scenario, seed=3, controllers={"red": "human", "blue": "historical"}), saves_folder())
    pilot.press(pygame.K_l)
    from game.ui.scenes.saves import describe

    label = describe(app.scene.saves[0]).label  # what its card says
    assert path.stem.startswith("autosave-") and label == "Autosave"

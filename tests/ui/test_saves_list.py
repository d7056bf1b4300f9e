"""The list of saves cuts a long name or line with an ellipsis and keeps the whole of it in the
card's tool tip (item 7 of the window's review: nothing truncated without its full text)."""

from __future__ import annotations

import pygame
import pytest

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


@pytest.mark.parametrize("size", [(1280, 720), (1024, 600)])
def test_every_save_is_on_some_page_at_projector_size(make_pilot, size) -> None:  # type: ignore[no-untyped-def]
    """Item 1 of the second play-test: cards whose line was cut stayed as tall as the whole line, so
    a page held fewer cards than counted and one save fell between two pages."""
    pilot = make_pilot(size=size, settings=UISettings(text_size=3, computer_pause=0.4))
    app = pilot.app
    game = Game.new(app.scenario, seed=3)
    names = [f"Moscow {day} Aug 1939" for day in range(12, 21)]
    for name in names:
        save_game(game, saves_folder(), name)
    pilot.press(pygame.K_l)
    scene = app.scene
    assert scene.name == "saves"
    seen: list[str] = []
    pages = 0
    while True:
        pages += 1
        keys = sorted((k for k in scene.buttons if k.startswith("slot_")), key=lambda k: int(k.split("_")[1]))
        assert keys, "an empty page"
        seen += [scene.saves[int(k.split("_")[1])].name for k in keys]
        for key in keys:  # each card wholly inside the window, above the footer
            assert scene.buttons[key].rect.bottom <= scene.buttons["back"].rect.top
        if "next" not in scene.buttons or not scene.buttons["next"].is_enabled:
            break
        pilot.click("next")
        scene = app.scene
    if size == (1024, 600):
        pilot.snapshot(f"/tmp/saves-projector-{size[0]}.png")
    assert pages > 1  # nine saves do not fit on one page at this size
    assert sorted(seen) == sorted(names) and len(seen) == len(set(seen))

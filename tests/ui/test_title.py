"""The title screen's words sit on a plain background: the map (and its place names) shows beside
the menu, never through the scenario's summary (item 10 of the window's review)."""

from __future__ import annotations

import pygame
import pytest

from game.ui.scenes.title import MENU
from game.ui.settings import PALETTES, UISettings
from game.ui.theme import colour

from .conftest import CURRENT_FLAGSHIP


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("palette", [p for p, _ in PALETTES])
def test_no_map_shows_through_the_summary(make_pilot, size, palette) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(CURRENT_FLAGSHIP, size=size, settings=UISettings(palette=palette, computer_pause=0.4))
    scene = pilot.app.scene
    assert scene.name == "title"
    backdrop = scene.backdrop
    behind = scene.texts["summary"].rect  # a text box: its words are not on the backdrop
    bg = colour(palette, "bg")
    same = pygame.mask.from_threshold(backdrop.subsurface(behind), bg, (2, 2, 2, 255))
    assert same.count() == behind.w * behind.h  # not one pixel of map under the words
    right = pygame.Rect(scene.buttons["new"].rect.right + 2, 0, 4, size[1])
    right = right.clip(backdrop.get_rect())
    assert pygame.mask.from_threshold(backdrop.subsurface(right), bg, (2, 2, 2, 255)).count() < right.w * right.h


def test_a_line_cut_to_fit_shows_whole_on_hover(make_pilot) -> None:  # type: ignore[no-untyped-def]
    """A tiny window at Projector size: the tagline is cut, its whole text on hover; the key hint
    wraps onto lines of its own instead, every key whole."""
    pilot = make_pilot(CURRENT_FLAGSHIP, size=(700, 500), settings=UISettings(text_size=3, computer_pause=0.4))
    app = pilot.app
    spot = app.scene.buttons.get("whole_tagline")
    assert spot is not None  # the tagline does not fit this small window at Projector size ...
    assert "whole_tagline" not in app.scene.order  # (a spot to point at, not a stop for Tab)
    pilot.hover("whole_tagline")
    assert "could have happened instead" in pilot.tooltip_text()  # ... and the whole line shows on hover
    keys = [name for name in app.scene.drawn if name.startswith("keys_")]
    assert len(keys) > 1 and not any(name.startswith("whole_keys") for name in app.scene.buttons)
    wide = make_pilot(CURRENT_FLAGSHIP, size=(1920, 1080))
    assert "whole_tagline" not in wide.app.scene.buttons and list(wide.app.scene.drawn).count("keys_0") == 1
    assert "keys_1" not in wide.app.scene.drawn  # one line where there is room


def test_a_scenario_that_names_no_map_gets_no_map(make_pilot) -> None:  # type: ignore[no-untyped-def]
    """Item 4 of the second play-test: the tutorial (an invented river case, no ``meta.map``) showed
    1939 Europe, captioned with its own date, on its Map tab and behind its title."""
    from game.engine import Game

    from .conftest import ROOT

    tutorial = ROOT / "scenarios" / "tutorial-negotiation.yaml"
    pilot = make_pilot(tutorial)
    app = pilot.app
    assert app.scenario is not None and not app.scenario.map_features
    scene = app.scene
    backdrop = scene.backdrop
    bg = colour("standard", "bg")
    # beside the menu, where the flagship's map shows (see the test above), the background is plain
    right = pygame.Rect(scene.buttons["new"].rect.right + 2, 0, 4, backdrop.get_height()).clip(backdrop.get_rect())
    assert pygame.mask.from_threshold(backdrop.subsurface(right), bg, (2, 2, 2, 255)).count() == right.w * right.h
    pilot.snapshot("/tmp/tutorial-title.png")
    app.play(Game.new(app.scenario, seed=2, controllers={"kestra": "human"}))
    pilot.wait()
    scene = app.scene
    assert "tab_story" in scene.buttons and "tab_log" in scene.buttons and "tab_map" not in scene.buttons
    scene.show_tab("map")  # asked for anyway: nothing happens
    assert scene.tab == "story" and not scene.layout.map.h
    pilot.snapshot("/tmp/tutorial-play.png")


@pytest.mark.parametrize("name,region", [("moscow-1939.yaml", "poland"), ("munich-1938.yaml", "czechoslovakia")])
def test_a_scenario_that_names_map_features_keeps_its_map(make_pilot, name: str, region: str) -> None:  # type: ignore[no-untyped-def]
    from game.engine import Game

    pilot = make_pilot(CURRENT_FLAGSHIP.parent / name)
    app = pilot.app
    assert app.scenario is not None and region in app.scenario.map_features
    person = next(iter(app.scenario.actors))
    app.play(Game.new(app.scenario, seed=2, controllers={person: "human"}))
    pilot.wait()
    pilot.click("tab_map")
    assert app.scene.tab == "map" and app.scene.layout.map.h > 0


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("text_size", [2, 3])
def test_the_menu_stays_in_place_when_the_autosave_line_appears(make_pilot, size, text_size) -> None:  # type: ignore[no-untyped-def]
    """Item 2 of the third play-test: at the larger text sizes the menu's buttons moved when the
    line 'Autosave: …' appeared under the summary. They stay, so a hand that knows where Continue
    is finds it there, and the line is drawn above the keys."""
    from game.engine import Game, load_scenario
    from game.engine.saves import autosave
    from game.paths import saves_folder

    from .checks import ink

    settings = UISettings(text_size=text_size, computer_pause=0.4)
    before = make_pilot(CURRENT_FLAGSHIP, size=size, settings=settings)
    assert not before.app.scene.autosave_line and not before.app.scene.buttons["continue"].is_enabled
    places = {key: pygame.Rect(button.rect) for key, button in before.app.scene.buttons.items()}
    scenario = load_scenario(str(CURRENT_FLAGSHIP))
    autosave(Game.new(scenario, seed=3), saves_folder())
    pilot = make_pilot(CURRENT_FLAGSHIP, size=size, settings=UISettings(text_size=text_size, computer_pause=0.4))
    app = pilot.app
    scene = app.scene
    assert scene.autosave_line.startswith("Autosave:")
    for key, _, _ in MENU:
        assert scene.buttons[key].rect == places[key], f"{key} moved from {places[key]} to {scene.buttons[key].rect}"
    app.draw()
    line = scene.drawn.get("autosave_0") or scene.buttons["whole_autosave_0"].rect
    assert ink(app.screen, line, colour("standard", "bg")).w > line.w // 2  # the line is drawn
    assert line.bottom <= scene.drawn["keys_0"].top
    pilot.click_at(places["continue"].center)  # where Continue always was
    assert app.scene.name in ("play", "handover") and app.game is not None and app.game.scenario.id == scenario.id

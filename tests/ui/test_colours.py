"""The colours tell things apart (item 16 of the window's review): in the colour-blind palette no two
delegations of the flagship or of Munich, nor a delegation and the sea, the land or the background,
look alike with normal sight, deuteranopia or protanopia; the settings sample shows no two colours
the same."""

from __future__ import annotations

import itertools

import pytest

from game.engine import load_scenario
from game.ui.scenes.settings import SWATCHES
from game.ui.theme import PALETTES, actor_colours

from .colour_science import VISIONS, delta_e, rgb
from .conftest import CURRENT_FLAGSHIP, ROOT

MUNICH = ROOT / "scenarios" / "munich-1938.yaml"
APART = 20.0  # CIE76: clearly different at a glance
SWATCHES_APART = 10.0


def test_colour_science_is_sane() -> None:
    assert delta_e(rgb("#000000"), rgb("#FFFFFF")) == pytest.approx(100, abs=0.5)
    red, green = rgb("#D62728"), rgb("#2CA02C")
    assert delta_e(red, green) > 60
    assert delta_e(red, green, "deuteranopia") < delta_e(red, green) / 2  # red and green run together


@pytest.mark.parametrize("path", [CURRENT_FLAGSHIP, MUNICH], ids=lambda p: p.stem)
@pytest.mark.parametrize("vision", VISIONS)
def test_safe_palette_keeps_every_delegation_apart(path, vision) -> None:  # type: ignore[no-untyped-def]
    scenario = load_scenario(str(path))
    given = {a.id: a.colour for a in scenario.actors.values()}
    colours = {a: rgb(c.hex[:7]) for a, c in actor_colours(list(scenario.actors), given, "safe").items()}
    if path == CURRENT_FLAGSHIP:
        assert len(colours) == 8  # all eight roles
    palette = PALETTES["safe"]
    scenery = {name: rgb(palette[name]) for name in ("sea", "land", "bg")}
    for (a, ca), (b, cb) in itertools.combinations(colours.items(), 2):
        assert delta_e(ca, cb, vision) >= APART, f"{a} and {b} look alike ({vision})"
    for actor, c in colours.items():
        for name, s in scenery.items():
            assert delta_e(c, s, vision) >= APART, f"{actor} looks like the {name} ({vision})"


@pytest.mark.parametrize("palette", list(PALETTES))
def test_the_settings_sample_shows_no_two_colours_alike(palette) -> None:  # type: ignore[no-untyped-def]
    shown = [(words, rgb(PALETTES[palette][name])) for name, words in SWATCHES]
    for (a, ca), (b, cb) in itertools.combinations(shown, 2):
        assert delta_e(ca, cb) >= SWATCHES_APART, f"{a} and {b} look alike in the {palette} palette"

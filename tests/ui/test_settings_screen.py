"""The settings screen shows every option at once (no cycle buttons hiding them), each explained by
a tool tip sized to its words; a click or Enter chooses one, and the chosen one looks chosen."""

from __future__ import annotations

import pygame
import pytest

from game.ui.settings import PALETTES, REASONS, TEXT_SIZES, UISettings

from .checks import check_layout
from .conftest import TINY


def open_settings(pilot):  # type: ignore[no-untyped-def]
    pilot.press(pygame.K_o)
    assert pilot.app.scene.name == "settings"
    return pilot.app.scene


def test_every_option_is_on_screen_and_a_click_chooses_it(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(TINY)
    app = pilot.app
    scene = open_settings(pilot)
    for i, (name, _) in enumerate(TEXT_SIZES):
        assert scene.buttons[f"text_size_{i}"].text == name
    for pid, label in PALETTES:
        assert scene.buttons[f"palette_{pid}"].text == label
    for rid, label in REASONS:
        assert scene.buttons[f"reasons_{rid}"].text == label
    assert "palette" not in scene.buttons and "text_size" not in scene.buttons  # no cycling buttons
    chosen = app.top.buttons["palette_standard"].class_ids
    assert "@chosen" in chosen
    pilot.click("palette_safe")
    assert app.settings.palette == "safe"
    assert "@chosen" in app.top.buttons["palette_safe"].class_ids
    assert "@chosen" not in app.top.buttons["palette_standard"].class_ids
    pilot.click("reasons_nothing")
    assert app.settings.reasons == "nothing"
    app.focus("text_size_2")
    pilot.press(pygame.K_RETURN)
    assert app.settings.text_size == 2
    assert app.top.focus_key == "text_size_2"  # the focus stays where it was after the rebuild


def test_option_tips_explain_and_fit_their_words(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(TINY)
    open_settings(pilot)
    pilot.hover("palette_safe")
    tip = pilot.tooltip_text()
    assert "colour blindness" in tip
    pilot.hover("reasons_reasons")
    assert "without its points" in pilot.tooltip_text()
    pilot.app.focus("text_size_0")  # a focused button takes no hover (pygame_gui): focus another
    pilot.hover("back")
    assert "Esc" in pilot.tooltip_text()
    tip_rect = next(b.tool_tip.rect for b in pilot.app.top.buttons.values() if getattr(b, "tool_tip", None) is not None)
    assert tip_rect.w < 400  # a short tip is a small box, not a 570-pixel one


def test_reasons_setting_persists(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(TINY, settings=UISettings.load(), persist=True)
    open_settings(pilot)
    pilot.click("reasons_reasons")
    assert UISettings.load().reasons == "reasons"


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("text", range(len(TEXT_SIZES)), ids=[name for name, _ in TEXT_SIZES])
def test_settings_layout_at_every_size(make_pilot, size, text) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(TINY, size=size, settings=UISettings(text_size=text, computer_pause=0.4))
    open_settings(pilot)
    check_layout(pilot.app, f"settings {size} {TEXT_SIZES[text][0]}")

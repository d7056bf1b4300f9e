"""Fonts come from the Source Sans Pro package; without it the window still works, with pygame's
and pygame_gui's bundled fonts."""

from __future__ import annotations

import pygame
import pytest

from game.ui import fonts, theme

from .checks import check_text_sizes


def test_source_sans_pro_is_used_when_installed() -> None:
    files = fonts.font_files()
    assert not files.bundled
    assert files.paths["regular"].endswith("SourceSansPro-Regular.ttf")  # type: ignore[union-attr]


def test_bundled_fonts_when_the_package_is_missing(make_pilot, shots, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    bundled = fonts.FontFiles("default", {style: None for style in fonts.STYLES})
    monkeypatch.setattr(fonts, "font_files", lambda: bundled)
    monkeypatch.setattr(theme, "font_files", lambda: bundled)
    fonts.font.cache_clear()
    try:
        pilot = make_pilot()
        pilot.press(pygame.K_n)
        pilot.press(pygame.K_RETURN)
        assert pilot.app.scene.name == "play"
        pilot.snapshot(shots / "17-play-with-bundled-fonts.png")
        check_text_sizes(pilot.app, "play with bundled fonts")  # the fallback reads as large
    finally:
        fonts.font.cache_clear()


def test_noto_sans_from_pygame_gui_is_the_first_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    real = fonts.importlib.util.find_spec
    monkeypatch.setattr(
        fonts.importlib.util, "find_spec", lambda name: None if name == "font_source_sans_pro" else real(name)
    )
    fonts.font_files.cache_clear()
    try:
        files = fonts.font_files()
        assert files.name == "noto_sans" and files.bundled
        assert theme.gui_font_name() == "noto_sans"
    finally:
        monkeypatch.undo()
        fonts.font_files.cache_clear()
    assert fonts.font_files().name == "source_sans"

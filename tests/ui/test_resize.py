"""Resizing the window, fullscreen and the text-size setting, checked on the live screen: the
choice buttons stay inside the window and clear of each other and of the narration."""

from __future__ import annotations

import pygame

from game.classroom.settings import ClassroomSettings
from game.engine import Game
from game.ui.settings import TEXT_SIZES, UISettings

from .conftest import FLAGSHIP


def choice_rects(app) -> list[pygame.Rect]:  # type: ignore[no-untyped-def]
    return [b.rect for k, b in app.scene.buttons.items() if k.startswith("choice_")]


def test_resizing_and_text_sizes_keep_choices_clear(make_pilot, flagship) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(FLAGSHIP, settings=UISettings(computer_pause=0.0))
    app = pilot.app
    game = Game.new(flagship, seed=11, controllers={a: "human" for a in flagship.actors})
    ClassroomSettings(projector=True).store(game)  # both at one screen: no hand-over screens
    app.play(game)
    while len(game.decision.choices) < 4:  # type: ignore[union-attr]
        pilot.press(pygame.K_0 + game.decision.open_choices[0].number)  # type: ignore[union-attr]
    for size in ((1024, 600), (1920, 1080), (1366, 768), (1280, 720)):
        pilot.resize(size)
        assert app.size == size
        for text in range(len(TEXT_SIZES)):
            app.settings.text_size = text
            app.apply_settings()
            pilot.wait()
            rects = choice_rects(app)
            assert len(rects) == len(game.decision.choices)  # type: ignore[union-attr]
            window = pygame.Rect((0, 0), size)
            narration = app.scene.texts["narration"].rect
            for i, rect in enumerate(rects):
                assert window.contains(rect), (size, text, rect)
                assert not rect.colliderect(narration)
                for other in rects[i + 1 :]:
                    assert not rect.colliderect(other), (size, text)
            assert app.scene.layout.fits


def test_fullscreen_toggles_and_window_size_is_kept(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot()
    app = pilot.app
    pilot.press(pygame.K_F11)
    assert app.settings.fullscreen
    pilot.press(pygame.K_F11)
    assert not app.settings.fullscreen
    assert app.size == (1280, 720)
    assert app.scene.name == "title"

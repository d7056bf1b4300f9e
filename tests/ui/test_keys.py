"""Number keys: one reading of 1–9 (main row and keypad) for every screen that takes them."""

from __future__ import annotations

import pygame
import pytest

from game.ui.keys import digit_of

from .conftest import TINY, MakePilot, human_tiny


@pytest.mark.parametrize("number", range(1, 10))
def test_main_row_and_keypad_digits_give_their_number(number: int) -> None:
    assert digit_of(pygame.K_0 + number) == number
    assert digit_of(pygame.K_KP1 + number - 1) == number


@pytest.mark.parametrize("key", [pygame.K_0, pygame.K_KP0, pygame.K_a, pygame.K_SPACE, pygame.K_F1, pygame.K_KP_ENTER])
def test_other_keys_are_no_number(key: int) -> None:
    assert digit_of(key) is None


def test_keypad_digits_choose_the_lens_and_the_choice(make_pilot: MakePilot) -> None:
    """The same keypad key works on the setup screen (the lens) and the play screen (the choice)."""
    pilot = make_pilot(TINY)
    app = pilot.app
    pilot.press(pygame.K_n)
    assert app.scene.name == "setup" and app.scene.lens == "hopeful"
    pilot.press(pygame.K_KP2)
    assert app.scene.lens == "gloomy"
    pilot.press(pygame.K_ESCAPE)
    game = human_tiny(pilot)
    decision = game.decision
    assert decision is not None
    number = decision.open_choices[-1].number
    pilot.press(pygame.K_KP1 + number - 1)
    assert len(game.moves) == 1 and game.moves[0].step == decision.open_choices[-1].step.id

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
    if app.overlay is not None and app.overlay.name == "confirm":  # the last choice ends the game
        pilot.click("yes")
    assert len(game.moves) == 1 and game.moves[0].step == decision.open_choices[-1].step.id


def test_t_is_the_tree_in_replay_too_and_p_takes_over(make_pilot: MakePilot) -> None:
    """One key map: T opens the tree on every screen (it used to take over in replay and end it)."""
    pilot = make_pilot(TINY)
    app = pilot.app
    pilot.press(pygame.K_r)
    assert app.scene.name == "play" and app.scene.history
    pilot.press(pygame.K_t)
    assert app.scene.name == "tree"
    pilot.press(pygame.K_ESCAPE)
    assert app.scene.name == "play" and app.scene.history  # still replaying: nothing was taken over
    pilot.press(pygame.K_p)
    assert not app.scene.history


def test_replay_has_one_way_back_and_take_over_stays_put(make_pilot: MakePilot) -> None:
    pilot = make_pilot(TINY)
    app = pilot.app
    pilot.press(pygame.K_r)
    assert "undo" not in app.scene.buttons and "back" in app.scene.buttons
    before = pilot.element("takeover").rect.copy()
    pilot.press(pygame.K_a)
    assert app.scene.auto and pilot.element("auto").text == "Stop"
    assert pilot.element("takeover").rect == before  # the button does not jump under the mouse
    pilot.press(pygame.K_a)


def test_the_ending_uses_the_same_keys_as_the_title_and_play(make_pilot: MakePilot) -> None:
    from game.engine import Game

    pilot = make_pilot(TINY)
    app = pilot.app
    app.play(Game.new(app.scenario, seed=3, controllers={"red": "human", "blue": "historical"}))
    pilot.press(pygame.K_3)  # walk out: the game ends
    pilot.click("yes")  # (the screen asks first)
    assert app.scene.name == "debrief"
    pilot.press(pygame.K_s)  # S is 'scenarios' on the title; it does not save here
    assert app.scene.name == "debrief"
    pilot.press(pygame.K_s, mod=pygame.KMOD_CTRL)  # Ctrl+S saves, as while playing
    assert app.scene.name == "saves"
    pilot.press(pygame.K_ESCAPE)
    assert app.scene.name == "debrief"
    pilot.press(pygame.K_r)  # R replays history, as on the title
    assert app.scene.name == "play" and app.scene.history


def test_setup_speaks_of_a_game_number_not_a_seed(make_pilot: MakePilot) -> None:
    pilot = make_pilot(TINY)
    pilot.press(pygame.K_n)
    assert pilot.app.scene.name == "setup"
    words = pilot.all_text() + pilot.element("new_seed").text
    assert "Another" in words and "seed" not in words.lower()


def test_space_never_presses_a_button_on_the_ending(make_pilot: MakePilot) -> None:
    """Space skips the computers' pause while playing; pressed a few times more as the game ends,
    it leaves the ending on screen (it used to press the highlighted 'New game')."""
    from game.engine import Game

    pilot = make_pilot(TINY)
    app = pilot.app
    app.play(Game.new(app.scenario, seed=3, controllers={"red": "human", "blue": "historical"}))
    pilot.press(pygame.K_3)  # walk out: the game ends
    pilot.click("yes")
    assert app.scene.name == "debrief" and app.scene.focus_key == "new"
    for _ in range(3):
        pilot.press(pygame.K_SPACE)
    assert app.scene.name == "debrief" and app.overlay is None
    pilot.press(pygame.K_RETURN)  # Enter still presses the highlighted button, as everywhere
    assert app.scene.name == "setup"

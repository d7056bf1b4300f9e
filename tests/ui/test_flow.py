"""Playing through the window with real events: from the title screen to a debrief, by keyboard
and by mouse; blocked choices explain themselves; undo; replay of history with take-over."""

from __future__ import annotations

import pygame

from game.classroom.settings import ClassroomSettings
from game.engine import Game
from game.ui.pilot import Pilot

from .conftest import TINY, human_tiny


def play_to_end(pilot: Pilot, use_mouse: bool, limit: int = 300) -> int:
    """Take the first open choice at every human decision; let the computer move (Space, or a
    click on 'Skip wait'). Returns the number of inputs."""
    app = pilot.app
    inputs = 0
    while app.scene.name == "play" and inputs < limit:
        game = app.scene.game
        if app.overlay is not None and app.overlay.name == "confirm":  # "This ends the game": take it
            if use_mouse:
                pilot.click("yes")
            else:
                pilot.press(pygame.K_LEFT)  # from "Not yet" (the safe answer) to "Take it"
                pilot.press(pygame.K_RETURN)
        elif app.overlay is not None and app.overlay.name == "message":  # the briefing, at the start
            if use_mouse:
                pilot.click("ok")
            else:
                pilot.press(pygame.K_RETURN)
        elif game.computer_to_move:
            if use_mouse:
                pilot.click("skip")
            else:
                pilot.press(pygame.K_SPACE)
        else:
            number = next(v.number for v in game.decision.choices if v.available)
            if use_mouse:
                pilot.click(f"choice_{number}")
            else:
                pilot.press(pygame.K_0 + number)
        inputs += 1
    return inputs


def test_keyboard_from_title_to_debrief(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot()
    app = pilot.app
    assert app.scene.name == "title"
    pilot.press(pygame.K_n)
    assert app.scene.name == "setup"
    pilot.press(pygame.K_RETURN)  # "Start the game" is highlighted first
    assert app.scene.name == "play"
    play_to_end(pilot, use_mouse=False)
    assert app.scene.name == "debrief"
    assert app.game is not None and app.game.ended
    assert app.game.outcome is not None
    pilot.press(pygame.K_ESCAPE)
    assert app.scene.name == "title"


def test_mouse_from_title_to_debrief(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot()
    app = pilot.app
    pilot.click("new")
    assert app.scene.name == "setup"
    pilot.click("start")
    assert app.scene.name == "play"
    play_to_end(pilot, use_mouse=True)
    assert app.scene.name == "debrief"
    pilot.click("title")
    assert app.scene.name == "title"


def test_keyboard_focus_reaches_every_button(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot()
    app = pilot.app
    seen = set()
    for _ in range(12):
        seen.add(app.top.focus_key)
        pilot.press(pygame.K_TAB)
    enabled = {k for k, b in app.top.buttons.items() if b.is_enabled}
    assert enabled <= seen
    pilot.press(pygame.K_DOWN)
    pilot.press(pygame.K_UP)


def test_blocked_choice_shows_its_constraint_on_hover(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(TINY)
    game = human_tiny(pilot)
    pilot.press(pygame.K_1)  # Red is warm; Blue must answer, and "Sign now" needs powers
    view = game.decision.choices[1]  # type: ignore[union-attr]
    assert not view.available
    pilot.hover(f"choice_{view.number}")
    tip = pilot.tooltip_text()
    assert "No powers to sign" in tip
    assert "Blue may only talk." in tip
    assert "An invented source for tests." in tip
    pilot.press(pygame.K_0 + view.number)  # taking it anyway explains and changes nothing
    assert game.decision.node.id == "blue_turn"  # type: ignore[union-attr]
    assert "not available" in pilot.app.scene.notice


def test_flagship_blocked_choice_tooltip(make_pilot, flagship) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot()
    app = pilot.app
    game = Game.new(flagship, seed=5, controllers={a: "human" for a in flagship.actors})
    ClassroomSettings(projector=True).store(game)
    app.play(game)
    pilot.wait()
    for _ in range(40):
        decision = game.decision
        blocked = [v for v in decision.choices if not v.available]  # type: ignore[union-attr]
        if blocked:
            break
        pilot.press(pygame.K_0 + decision.open_choices[0].number)  # type: ignore[union-attr]
    view = blocked[0]
    pilot.hover(f"choice_{view.number}")
    tip = pilot.tooltip_text()
    constraint = view.blocked_by[0]
    assert constraint.title.split()[0] in tip
    assert "Source:" in tip


def test_undo_by_key_and_button(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(TINY)
    game = human_tiny(pilot)
    pilot.press(pygame.K_1)
    assert len(game.moves) == 1
    pilot.press(pygame.K_z, mod=pygame.KMOD_CTRL)
    assert len(game.moves) == 0
    pilot.press(pygame.K_2)
    assert len(game.moves) == 1
    pilot.click("undo")
    assert len(game.moves) == 0


def test_computer_moves_after_a_pause_and_says_what_it_did(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(TINY)
    app = pilot.app
    game = Game.new(app.scenario, seed=3, controllers={"red": "human", "blue": "historical"})
    app.play(game)
    pilot.press(pygame.K_1)
    assert game.computer_to_move
    moves = len(game.moves)
    pilot.wait(0.1)
    assert len(game.moves) == moves  # still pausing
    pilot.wait(0.4)
    assert len(game.moves) > moves
    if not game.ended:  # said in "since your last turn", apart from the story
        assert "Blue delegation chose:" in app.scene.texts["recap"].html_text


def test_replay_history_then_take_over(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot()
    app = pilot.app
    pilot.press(pygame.K_r)
    scene = app.scene
    assert scene.name == "play" and scene.history
    assert "Source" in scene.texts["narration"].html_text or True
    pilot.press(pygame.K_RIGHT)
    pilot.press(pygame.K_RIGHT)
    assert len(app.game.moves) >= 2  # type: ignore[union-attr]
    pilot.press(pygame.K_LEFT)
    pilot.press(pygame.K_a)  # auto-play
    assert app.scene.auto
    pilot.wait(app.settings.replay_step + 0.5)
    pilot.press(pygame.K_a)
    actor = app.game.decision.actor.id  # type: ignore[union-attr]
    pilot.press(pygame.K_p)
    assert not app.scene.history
    assert app.game.controller(actor) == "human"  # type: ignore[union-attr]
    assert not app.game.settings.follow_history  # type: ignore[union-attr]
    before = len(app.game.moves)  # type: ignore[union-attr]
    number = next(v.number for v in app.game.decision.choices if v.available)  # type: ignore[union-attr]
    pilot.press(pygame.K_0 + number)
    assert len(app.game.moves) > before  # type: ignore[union-attr]


def test_pause_and_help_overlays(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(TINY)
    human_tiny(pilot)
    app = pilot.app
    pilot.press(pygame.K_ESCAPE)
    assert app.overlay is not None and app.overlay.name == "pause"
    pilot.press(pygame.K_F1)
    assert app.overlay.name == "help"
    text = app.overlay.all_text()
    for key in ("F1", "F5", "F11", "Ctrl+Z", "Esc", "Tab"):
        assert key in text
    pilot.press(pygame.K_ESCAPE)
    assert app.overlay is None
    pilot.press(pygame.K_ESCAPE)
    pilot.click("resume")
    assert app.overlay is None


def test_idle_frames_are_not_drawn(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(TINY)
    human_tiny(pilot)
    app = pilot.app
    pilot.wait(2.0)
    assert not app.step(0.1)
    pilot.press(pygame.K_TAB)
    assert app.dirty or app.step(0.01)

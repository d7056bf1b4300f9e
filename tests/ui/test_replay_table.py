"""History replay in the window on scenarios that open at the table: the flagship (a sealed move
first) and the tutorial (a negotiation first). Next ▶, → and Auto-play step through every kind of
step, and "Take over here" hands the person the move of the seat to act, by real key presses."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.engine import Game, load_scenario
from game.engine.history import historical_game
from game.ui.pilot import Pilot
from game.ui.scenes.play import PlayScene
from game.ui.settings import UISettings

from .conftest import CURRENT_FLAGSHIP, ROOT, MakePilot
from .seating import wait_until

TUTORIAL = ROOT / "scenarios" / "tutorial-negotiation.yaml"


def play_scene(pilot: Pilot) -> PlayScene:
    scene = pilot.app.scene
    assert isinstance(scene, PlayScene), f"the {scene.name} screen is showing, not play"
    return scene


def log_text(pilot: Pilot) -> str:
    return play_scene(pilot).log_html()


def replayed(pilot: Pilot) -> Game:
    """The game the window replays (or plays, after a take-over)."""
    game = pilot.app.game
    assert game is not None
    return game


def kind(game: Game) -> str:
    return game.node.kind if game.node is not None else ""


def test_the_flagships_first_days_step_by_key_from_the_title(make_pilot: MakePilot, shots: Path) -> None:
    pilot = make_pilot(CURRENT_FLAGSHIP)
    pilot.press(pygame.K_r)
    scene = play_scene(pilot)
    assert scene.history and kind(replayed(pilot)) == "sealed"
    assert scene._day_line(2000).startswith("Day 1 of 23") and "Nothing has been decided yet" in log_text(pilot)
    pilot.snapshot(shots / "replay-sealed-step.png")
    pilot.press(pygame.K_RIGHT)  # one seat's sealed move, as history made it
    assert len(replayed(pilot).moves) == 1 and "Nothing has been decided yet" not in log_text(pilot)
    for _ in range(7):  # the rest of the sealed move, then the first decisions
        pilot.press(pygame.K_RIGHT)
    game = replayed(pilot)
    assert game.date.day == 13 and len(game.moves) == 8
    assert scene._day_line(2000).startswith("Day 4 of 23")
    pilot.click("next")  # the button does the same as →
    assert len(game.moves) == 9
    pilot.press(pygame.K_a)  # auto-play goes on by itself, through the negotiation of 15 August
    wait_until(pilot, lambda: game.state.day > 5, seconds=60)
    pilot.press(pygame.K_a)
    assert not scene.auto and any(m.node == "cardinal_question" for m in game.moves)


def test_the_tutorial_replays_from_the_debrief_and_a_person_takes_over_at_the_table(make_pilot: MakePilot) -> None:
    pilot = make_pilot(TUTORIAL)
    app = pilot.app
    finished = historical_game(load_scenario(str(TUTORIAL)))
    finished.play_until_human()
    app.play(finished)
    pilot.wait()
    assert app.scene.name == "debrief"
    pilot.press(pygame.K_r)
    scene = play_scene(pilot)
    game = replayed(pilot)
    assert scene.history and kind(game) == "negotiation"
    pilot.press(pygame.K_RIGHT)  # history's opening proposal at the table
    assert len(game.moves) == 1 and game.moves[0].step == "propose"
    assert "Nothing has been decided yet" not in log_text(pilot)
    seat = game.turns[0].actor
    pilot.press(pygame.K_p)  # take over the first seat to answer
    assert not scene.history and game.controller(seat) == "human" and not game.settings.follow_history
    wait_until(pilot, lambda: scene.acting() == seat)
    assert scene.panel is not None and "act_reject" in scene.buttons  # the seat's answer is the person's
    pilot.click("act_reject")
    assert any(m.actor == seat and m.step == "reject" and m.by == "human" for m in game.moves)


def test_a_person_takes_over_a_seat_at_the_flagships_sealed_move(make_pilot: MakePilot, shots: Path) -> None:
    pilot = make_pilot(CURRENT_FLAGSHIP)
    app = pilot.app
    pilot.press(pygame.K_r)
    pilot.press(pygame.K_RIGHT)  # London has sealed as history did; Paris is the next seat
    game = replayed(pilot)
    assert kind(game) == "sealed"
    seat = game.turns[0].actor
    pilot.click("takeover")
    scene = play_scene(pilot)
    assert not scene.history and game.controller(seat) == "human"
    wait_until(pilot, lambda: scene.acting() == seat, seconds=10)  # the other seats seal first
    assert scene.choice_specs()  # the seat's own sealed choices are on the cards
    pilot.snapshot(shots / "replay-took-over-sealed.png")
    pilot.press(pygame.K_1)
    if app.overlay is not None and app.overlay.name == "confirm":
        pilot.click("yes")
    assert any(m.actor == seat and m.by == "human" and m.node == "first_orders" for m in game.moves)


def test_the_pause_menu_saves_no_replay_and_says_why(make_pilot: MakePilot) -> None:
    """Item 3 of the second play-test: the top bar's Save was greyed out while history replayed,
    but the pause menu's 'Save game' saved it (a save that loads as an all-computer game)."""
    from game.engine.saves import list_saves
    from game.paths import saves_folder
    from game.ui.settings import UISettings

    pilot = make_pilot(TUTORIAL, settings=UISettings(computer_pause=0.4, replay_step=30.0))
    app = pilot.app
    pilot.press(pygame.K_r)
    assert play_scene(pilot).history
    assert not play_scene(pilot).buttons["save"].is_enabled
    pilot.press(pygame.K_ESCAPE)
    assert app.overlay is not None and app.overlay.name == "pause"
    save = app.overlay.buttons["save"]
    assert "Take over here" in (save.tool_tip_text or "")
    pilot.hover("save")
    assert "History is replaying" in pilot.tooltip_text()  # the reason, on hover
    pilot.snapshot("/tmp/pause-replay.png")
    pilot.click("save")
    assert app.scene.name == "play" and app.overlay is not None and app.overlay.name == "pause"  # no saves screen
    app.focus("save")
    pilot.press(pygame.K_RETURN)  # nor by the keyboard
    assert app.scene.name == "play" and list_saves(saves_folder()) == []


def test_the_pause_menu_saves_a_game_being_played(make_pilot: MakePilot) -> None:
    pilot = make_pilot(TUTORIAL)
    app = pilot.app
    app.play(Game.new(app.scenario, seed=2, controllers={"kestra": "human"}))
    pilot.wait()
    pilot.press(pygame.K_ESCAPE)
    assert app.overlay is not None and app.overlay.buttons["save"].is_enabled
    pilot.click("save")
    assert app.scene.name == "saves"


def test_back_in_a_replay_says_where_it_stepped_back_to(make_pilot: MakePilot) -> None:
    """Item 5 of the second play-test: '◀ Back' in a replay said 'Undone.' (nothing was undone)."""
    from game.ui.settings import UISettings
    from game.ui.story import long_date

    pilot = make_pilot(TUTORIAL, settings=UISettings(computer_pause=0.4, replay_step=30.0))
    pilot.press(pygame.K_r)
    scene = play_scene(pilot)
    pilot.press(pygame.K_RIGHT)
    pilot.press(pygame.K_RIGHT)
    game = replayed(pilot)
    assert len(game.moves) == 2
    pilot.click("back")
    assert len(game.moves) == 1
    scene = play_scene(pilot)
    assert game.node is not None
    assert scene.notice == f"Stepped back to {long_date(game.date)}: {game.node.title}."
    assert "Undone" not in scene.narration_html() and "Stepped back to" in scene.narration_html()
    pilot.snapshot("/tmp/replay-back.png")
    pilot.click("back")
    assert play_scene(pilot).notice.startswith("Stepped back to") and not game.moves
    pilot.press(pygame.K_LEFT)  # at the start: nothing before it
    assert "history starts" in play_scene(pilot).notice


def test_replay_at_the_table_shows_the_offer_on_the_table(make_pilot: MakePilot) -> None:
    """Item 1 of the third play-test: replaying a negotiation, the offer on the table was nowhere
    on screen. It shows as a seat's panel shows it: the terms marked among the options, who
    offered them, every answer so far; no moves, and a click on a term changes nothing."""
    from game.ui.settings import UISettings
    from game.ui.theme import colour
    from game.ui.widgets.offer_panel import panel_layout

    from .checks import ink, near

    pilot = make_pilot(TUTORIAL, settings=UISettings(computer_pause=0.4, replay_step=30.0))
    app = pilot.app
    pilot.press(pygame.K_r)
    scene = play_scene(pilot)
    game = replayed(pilot)
    assert kind(game) == "negotiation" and scene.panel is not None  # nothing offered yet
    assert not any(o.selected for row in scene.panel.issues for o in row.options)
    for _ in range(3):  # Dunmore proposes, Kestra counters, the commission rejects: Kestra's terms
        pilot.press(pygame.K_RIGHT)
    talks = game.state.talks
    assert talks is not None and talks.offer and talks.round == 2
    scene = play_scene(pilot)
    panel = scene.panel
    assert panel is not None and not panel.actions
    assert {o.issue: o.option for row in panel.issues for o in row.options if o.selected} == dict(talks.offer)
    app.draw()
    accent = colour(app.settings.palette, "accent")
    for row in panel.issues:
        for option in row.options:
            button = scene.buttons[option.key]
            fill = app.screen.get_at((button.rect.x + 4, button.rect.centery))
            assert near(fill, accent, 12) == option.selected, f"{option.label} is drawn {fill}"
            assert option.key not in scene.order  # the keyboard walks Next and the rest, not the terms
    assert scene.layout is not None
    geo = panel_layout(panel, scene.layout.choices, scene.sp)
    said = {line.text: line.rect for line in geo.lines}
    offer = next(text for text in said if text.startswith("On the table, from Kestra delegation:"))
    answers = next(text for text in said if text.startswith("Answers:"))
    background = colour(app.settings.palette, "panel")
    for text in (offer, answers, geo.lines[0].text):
        assert ink(app.screen, said[text], background).w > said[text].w // 2, f"{text!r} is not drawn"
    other = next(o for row in panel.issues for o in row.options if not o.selected)
    pilot.click(other.key)
    assert dict(talks.offer) == dict(game.state.talks.offer) and len(game.moves) == 3


@pytest.mark.parametrize(("size", "text_size"), [((1280, 720), 1), ((1024, 600), 3)], ids=["normal", "projector"])
def test_next_stays_in_one_place_at_every_kind_of_step(make_pilot: MakePilot, size, text_size) -> None:  # type: ignore[no-untyped-def]
    """Next moved with the step (under the choices, at the table's foot, top right), so a second
    click where it had been hit a choice: clicked at one same place, it steps through sealed
    moves, decisions and the table alike, and is always there."""
    pilot = make_pilot(CURRENT_FLAGSHIP, size=size, settings=UISettings(computer_pause=0.0, text_size=text_size))
    pilot.press(pygame.K_r)
    scene = play_scene(pilot)
    spot = scene.buttons["next"].rect.center
    kinds = set()
    for _ in range(16):
        scene = play_scene(pilot)
        game = replayed(pilot)
        kinds.add(kind(game))
        assert scene.buttons["next"].rect.collidepoint(spot), f"Next moved at a {kind(game)} step"
        assert pygame.Rect((0, 0), size).contains(scene.buttons["next"].rect)
        before = len(game.log)
        pilot.click_at(spot)
        assert "Take over here" not in play_scene(pilot).notice, "the click at Next's place hit a choice"
        assert len(replayed(pilot).log) > before or replayed(pilot).ended
    assert {"decision", "sealed", "negotiation"} <= kinds

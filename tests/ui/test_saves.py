"""Save, quit, load and continue give back the same game; settings persist between runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pygame

from game.classroom.settings import ClassroomSettings
from game.engine import Game
from game.ui.settings import UISettings

from .conftest import ROOT, TINY


def state_of(game: Game) -> tuple:
    return (
        [m.to_dict() for m in game.moves],
        game.state.node,
        game.state.day,
        dict(game.state.values),
        game.settings.seed,
        dict(game.settings.controllers),
    )


def test_save_quit_load_and_continue_give_the_same_state(make_pilot, flagship) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot()
    app = pilot.app
    pilot.press(pygame.K_n)
    pilot.press(pygame.K_RETURN)
    for _ in range(8):
        game = app.scene.game
        if game.computer_to_move:
            pilot.press(pygame.K_SPACE)
        else:
            pilot.press(pygame.K_0 + game.decision.open_choices[-1].number)
    before = state_of(app.game)
    pilot.press(pygame.K_ESCAPE)
    pilot.click("save")
    entry = app.scene.buttons["name"]
    entry.set_text("")
    pilot.click("name")
    pilot.type("lesson 3")
    pilot.press(pygame.K_RETURN)
    assert app.scene.name == "play"
    assert "lesson 3" in app.scene.notice
    pilot.press(pygame.K_ESCAPE)
    pilot.click("quit")
    assert not app.running

    second = make_pilot()
    app2 = second.app
    second.press(pygame.K_l)
    names = [info.name for info in app2.scene.saves]
    assert "lesson 3" in names and any(name.startswith("autosave-") for name in names)  # one per game
    second.click(f"slot_{names.index('lesson 3')}")
    assert app2.scene.name == "play"
    assert state_of(app2.game) == before

    third = make_pilot()
    third.press(pygame.K_c)
    assert third.app.scene.name == "play"
    assert state_of(third.app.game) == before


def test_settings_persist_between_runs(make_pilot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(TINY, settings=UISettings.load(), persist=True)
    pilot.press(pygame.K_o)
    pilot.click("text_size")
    pilot.click("palette")
    saved = json.loads(Path(os.environ["PARLEY_SETTINGS"]).read_text())
    assert saved["text_size"] == 2 and saved["palette"] == "safe"
    again = UISettings.load()
    assert again.text_size == 2 and again.palette == "safe"
    Path(os.environ["PARLEY_SETTINGS"]).write_text("{ damaged")
    assert UISettings.load() == UISettings()


def test_reload_from_disk_shows_errors_then_replays(make_pilot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    copy = tmp_path / "tiny.yaml"
    text = TINY.read_text(encoding="utf-8")
    copy.write_text(text, encoding="utf-8")
    pilot = make_pilot(copy)
    app = pilot.app
    game = Game.new(app.scenario, seed=3, controllers={"red": "human", "blue": "human"})
    ClassroomSettings(projector=True).store(game)  # both at one screen: no hand-over screens
    app.play(game)
    pilot.press(pygame.K_1)
    copy.write_text(text.replace("next: blue_turn, historical: true", "next: nowhere, historical: true"), "utf-8")
    pilot.press(pygame.K_F5)
    assert app.overlay is not None
    body = app.overlay.texts["message_text"].html_text
    assert f"{copy}:" in body and "error" in body
    pilot.press(pygame.K_RETURN)
    copy.write_text(text.replace("label: Ask for powers", "label: Ask London for powers"), "utf-8")
    pilot.press(pygame.K_F5)
    assert app.game is not game and len(app.game.moves) == 1
    labels = [v.step.label for v in app.game.decision.choices]
    assert "Ask London for powers" in labels


def test_no_display_says_so_in_one_line() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    result = subprocess.run([sys.executable, "main.py"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert "no display" in lines[0] and "python main.py play --text" in lines[0]
    assert "Traceback" not in result.stderr


def test_replaying_history_never_overwrites_the_autosave(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(TINY)
    app = pilot.app
    game = Game.new(app.scenario, seed=3, controllers={"red": "human", "blue": "human"})
    ClassroomSettings(projector=True).store(game)  # both at one screen: no hand-over screens
    app.play(game)
    pilot.press(pygame.K_2)
    mine = state_of(game)
    pilot.press(pygame.K_ESCAPE)
    pilot.click("title")
    pilot.press(pygame.K_r)
    pilot.press(pygame.K_RIGHT)
    pilot.press(pygame.K_ESCAPE)
    pilot.click("title")
    pilot.press(pygame.K_c)
    assert state_of(app.game) == mine


def test_a_save_with_damaged_class_settings_is_refused_plainly(make_pilot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from game.engine.saves import save_game

    pilot = make_pilot(TINY)
    app = pilot.app
    game = Game.new(app.scenario, seed=3, controllers={"red": "human", "blue": "human"})
    game.settings.extras = {"classroom": {"time_limit": "soon"}}
    path = save_game(game, tmp_path, "group2")
    before = path.read_bytes()
    loaded, why = app.restore_save(path)
    assert loaded is None
    assert why.startswith("group2.json is damaged: the class's time limit should be a whole number"), why
    assert path.read_bytes() == before

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

from .conftest import ROOT, TINY, human_tiny


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
    assert app.running and app.overlay is not None and app.overlay.name == "confirm"  # a game in progress
    pilot.click("yes")
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
    pilot.click("text_size_2")
    pilot.click("palette_safe")
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


def _autosaved(path: Path, seed: int, moves: int) -> Path:
    """A game of the scenario at ``path``, ``moves`` decisions in, autosaved as the window would."""
    from game.engine import load_scenario
    from game.engine.saves import autosave
    from game.paths import saves_folder

    scenario = load_scenario(str(path))
    game = Game.new(scenario, seed=seed, controllers={a: "human" for a in scenario.actors})
    for _ in range(moves):
        assert game.decision is not None
        game.choose(game.decision.open_choices[0].number)
    return autosave(game, saves_folder())


def test_continue_resumes_the_chosen_scenarios_game_not_the_newest_of_any(make_pilot) -> None:  # type: ignore[no-untyped-def]
    from game.engine.saves import read_save

    TABLE = ROOT / "tests" / "fixtures" / "table.yaml"
    tiny_save = _autosaved(TINY, 5, 1)
    _autosaved(TABLE, 6, 0)  # newer, but of another scenario
    pilot = make_pilot(TINY)
    app = pilot.app
    assert "A tiny negotiation" in app.scene.autosave_line
    pilot.press(pygame.K_c)
    assert app.scene.name in ("play", "handover") and app.game is not None and app.game.scenario.id == "tiny"
    assert [m.to_dict() for m in app.game.moves] == [m.to_dict() for m in read_save(tiny_save).moves]


def test_continue_is_off_when_the_chosen_scenario_has_no_autosave(make_pilot) -> None:  # type: ignore[no-untyped-def]
    _autosaved(ROOT / "tests" / "fixtures" / "table.yaml", 6, 0)
    pilot = make_pilot(TINY)
    assert not pilot.app.scene.autosave_line and not pilot.app.scene.buttons["continue"].is_enabled
    pilot.press(pygame.K_c)
    assert pilot.app.scene.name == "title"


def test_closing_the_window_during_a_game_asks_first(make_pilot, shots) -> None:  # type: ignore[no-untyped-def]
    from game.engine.saves import latest_autosave
    from game.paths import saves_folder

    pilot = make_pilot(TINY)
    app = pilot.app
    pilot.press(pygame.K_n)
    pilot.press(pygame.K_RETURN)
    assert app.scene.name == "play"
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    pilot.wait()
    assert app.running and app.overlay is not None and app.overlay.name == "confirm"
    pilot.snapshot(shots / "40-quit-asks-during-a-game.png")
    pilot.press(pygame.K_RETURN)  # the focus is on the safe answer
    assert app.running and app.overlay is None and app.scene.name == "play"
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    pilot.wait()
    pilot.click("yes")
    assert not app.running and latest_autosave(saves_folder(), "tiny") is not None


def test_quitting_from_the_title_does_not_ask(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(TINY)
    pilot.press(pygame.K_q)
    assert not pilot.app.running


def test_saving_over_a_save_asks_and_keep_it_changes_nothing(make_pilot, shots) -> None:  # type: ignore[no-untyped-def]
    from game.paths import saves_folder

    pilot = make_pilot(TINY)
    app = pilot.app
    human_tiny(pilot)
    pilot.press(pygame.K_1)
    path = saves_folder() / "lesson.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    kept = _autosaved(TINY, 8, 0).read_bytes()
    path.write_bytes(kept)
    pilot.press(pygame.K_ESCAPE)
    pilot.click("save")
    app.scene.buttons["name"].set_text("")
    pilot.click("name")
    pilot.type("lesson")
    pilot.press(pygame.K_RETURN)
    assert app.overlay is not None and app.overlay.name == "confirm" and "lesson" in app.overlay.title
    pilot.snapshot(shots / "41-replace-a-save-asks.png")
    pilot.click("no")
    assert path.read_bytes() == kept and app.scene.name == "saves"
    pilot.click("save")
    pilot.click("yes")
    assert path.read_bytes() != kept and app.scene.name == "play"


def test_taking_over_history_never_overwrites_another_games_autosave(make_pilot) -> None:  # type: ignore[no-untyped-def]
    from game.engine.saves import latest_autosave
    from game.paths import saves_folder

    theirs = _autosaved(TINY, 5, 1)
    before = theirs.read_bytes()
    pilot = make_pilot(TINY)
    app = pilot.app
    pilot.press(pygame.K_r)
    assert app.scene.name == "play" and app.scene.history
    pilot.click("takeover")
    assert not app.scene.history
    pilot.wait(2)
    mine = latest_autosave(saves_folder(), "tiny")
    assert mine is not None and mine != theirs
    assert mine.name.rsplit(" ", 1)[0] != theirs.name.rsplit(" ", 1)[0]  # a game of its own
    assert theirs.read_bytes() == before


def test_continue_after_a_restart_resumes_the_scenario_last_played() -> None:
    """Item 2 of the second play-test: quit a tutorial game, start the window again (no scenario
    named, as a person starts it), and Continue must resume that tutorial game, not a Moscow one."""
    from game.paths import default_scenario
    from game.ui.app import App
    from game.ui.pilot import Pilot

    tutorial = ROOT / "scenarios" / "tutorial-negotiation.yaml"
    first = Pilot(App(None, settings=UISettings.load(), persist=True))
    app = first.app
    try:
        assert app.slot.path.resolve() == default_scenario().resolve() != tutorial.resolve()
        first.press(pygame.K_s)
        entry = next(i for i, e in enumerate(app.scene.entries) if e.path.resolve() == tutorial.resolve())
        app.scene.page = entry  # its card first on the page
        app.rebuild()
        first.click(f"scenario_{entry}")
        assert app.scene.name == "title" and app.scenario is not None and app.scenario.id == "weir_tutorial"
        app.play(Game.new(app.scenario, seed=5, controllers={"kestra": "human"}))
        first.wait()
        before = state_of(app.game)
        pygame.event.post(pygame.event.Event(pygame.QUIT))
        first.wait()
        assert app.overlay is not None and app.overlay.name == "confirm"  # a game in progress: asked first
        first.click("yes")
        assert not app.running
    finally:
        app.running = False
    remembered = json.loads(Path(os.environ["PARLEY_SETTINGS"]).read_text())["last_scenario"]
    assert Path(remembered).resolve() == tutorial.resolve()
    second = Pilot(App(None, settings=UISettings.load(), persist=True))
    try:
        assert second.app.scene.name == "title" and second.app.slot.path.resolve() == tutorial.resolve()
        second.press(pygame.K_c)
        assert second.app.scene.name == "play" and second.app.game is not None
        assert second.app.game.scenario.id == "weir_tutorial" and state_of(second.app.game) == before
    finally:
        second.app.running = False


def test_a_remembered_scenario_that_is_gone_opens_the_default(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from game.paths import default_scenario
    from game.ui.app import App

    UISettings(last_scenario=str(tmp_path / "deleted.yaml")).save()
    app = App(None, settings=UISettings.load(), persist=False)
    try:
        assert app.scenario is not None and app.slot.path.resolve() == default_scenario().resolve()
    finally:
        app.running = False


def test_quitting_at_a_hot_seats_hand_over_asks_and_keeps_the_game(make_pilot) -> None:  # type: ignore[no-untyped-def]
    """The hand-over screen lies over the game: quitting there is quitting a game in progress."""
    from game.engine.saves import latest_autosave
    from game.paths import saves_folder

    from .conftest import human_tiny

    pilot = make_pilot(TINY)
    app = pilot.app
    human_tiny(pilot, projector=False)
    assert app.scene.name == "handover"
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    pilot.wait()
    assert app.running and app.overlay is not None and app.overlay.name == "confirm"
    pilot.click("yes")
    assert not app.running and latest_autosave(saves_folder(), "tiny") is not None

"""Every screen renders, at the sizes a classroom meets, and a PNG of each goes to screenshots/
for a person to look at."""

from __future__ import annotations

import pygame
import pytest

from game.classroom.settings import ClassroomSettings
from game.engine import Game
from game.ui.settings import UISettings

from .conftest import TINY


def visit_every_screen(pilot, shots, prefix: str) -> list[str]:  # type: ignore[no-untyped-def]
    app = pilot.app
    names = []

    def shot(name: str) -> None:
        path = pilot.snapshot(shots / f"{prefix}{name}.png")
        assert path.stat().st_size > 1000
        names.append(name)

    shot("01-title")
    pilot.press(pygame.K_s)
    assert app.scene.name == "scenarios"
    shot("02-scenarios")
    pilot.press(pygame.K_ESCAPE)
    pilot.press(pygame.K_o)
    assert app.scene.name == "settings"
    shot("03-settings")
    pilot.press(pygame.K_ESCAPE)
    pilot.press(pygame.K_n)
    assert app.scene.name == "setup"
    shot("04-setup")
    pilot.press(pygame.K_RETURN)
    assert app.scene.name == "play"
    shot("05-play-computer-deciding")
    for _ in range(30):
        game = app.scene.game
        if not game.computer_to_move:
            break
        pilot.press(pygame.K_SPACE)
    shot("06-play-your-decision")
    scenario = app.scenario
    game = Game.new(scenario, seed=7, controllers={a: "human" for a in scenario.actors})
    ClassroomSettings(projector=True).store(game)  # every delegation at one screen, no hand-overs
    app.play(game)
    for _ in range(40):
        decision = game.decision
        blocked = [v for v in decision.choices if not v.available]
        if blocked:
            break
        pilot.press(pygame.K_0 + decision.open_choices[0].number)
    pilot.hover(f"choice_{blocked[0].number}")
    shot("07-play-blocked-tooltip")
    pilot.press(pygame.K_ESCAPE)
    assert app.overlay is not None
    shot("08-pause")
    pilot.press(pygame.K_F1)
    shot("09-help")
    pilot.press(pygame.K_ESCAPE)
    pilot.press(pygame.K_s, mod=pygame.KMOD_CTRL)
    assert app.scene.name == "saves"
    shot("10-save")
    pilot.press(pygame.K_RETURN)  # saves under the suggested name
    assert app.scene.name == "play"
    pilot.press(pygame.K_b)
    shot("11-briefing")
    pilot.press(pygame.K_ESCAPE)
    while not game.ended:
        pilot.press(pygame.K_0 + game.decision.open_choices[-1].number)
    assert app.scene.name == "debrief"
    shot("12-debrief")
    pilot.press(pygame.K_ESCAPE)
    pilot.press(pygame.K_l)
    assert app.scene.name == "saves"
    shot("13-load")
    pilot.press(pygame.K_ESCAPE)
    pilot.press(pygame.K_r)
    pilot.press(pygame.K_RIGHT)
    pilot.press(pygame.K_RIGHT)
    shot("14-replay-history")
    return names


def test_every_screen_renders_and_is_saved_as_png(make_pilot, shots) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot()
    names = visit_every_screen(pilot, shots, "")
    assert len(names) == 14


@pytest.mark.parametrize(
    ("size", "text", "palette"),
    [((1024, 600), 1, "standard"), ((1920, 1080), 3, "safe")],
    ids=["1024x600-normal", "1920x1080-projector-safe"],
)
def test_screens_at_the_extremes(make_pilot, shots, size, text, palette) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(size=size, settings=UISettings(text_size=text, palette=palette, computer_pause=0.2))
    visit_every_screen(pilot, shots, f"{size[0]}x{size[1]}-")


def test_damaged_scenario_and_save_are_listed(make_pilot, shots, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    saves = tmp_path / "saves"
    saves.mkdir()
    (saves / "broken.json").write_text("{ not json", encoding="utf-8")
    (saves / "other.json").write_text('{"parley_save": 1, "moves": 3}', encoding="utf-8")
    pilot = make_pilot(TINY)
    app = pilot.app
    pilot.press(pygame.K_l)
    scene = app.scene
    assert scene.name == "saves"
    damaged = [info for info in scene.saves if info.damaged]
    assert len(damaged) == 2
    pilot.snapshot(shots / "15-load-damaged.png")
    pilot.click("slot_0")
    assert app.overlay is not None and "damaged" in app.overlay.title
    pilot.press(pygame.K_RETURN)
    assert app.overlay is None


def test_scenario_chooser_lists_invalid_files_with_their_first_error(make_pilot, shots, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import game.paths

    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "a-tiny.yaml").write_text(TINY.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b-broken.yaml").write_text("format: 1\nmeta:\n  id: broken\n  title: [unclosed\n", encoding="utf-8")
    monkeypatch.setattr(game.paths, "SCENARIOS", folder)
    pilot = make_pilot(folder / "a-tiny.yaml")
    app = pilot.app
    pilot.press(pygame.K_s)
    scene = app.scene
    assert [e.valid for e in scene.entries] == [True, False]
    assert "b-broken.yaml:" in scene.entries[1].first_error
    pilot.snapshot(shots / "16-scenarios-with-an-invalid-file.png")
    pilot.hover("scenario_1")
    assert "First error" in pilot.tooltip_text()
    pilot.click("scenario_1")
    assert app.overlay is not None
    pilot.press(pygame.K_ESCAPE)
    pilot.click("scenario_0")
    assert app.scene.name == "title" and app.scenario is not None and app.scenario.id == "tiny"


def visit_class_screens(pilot, shots, prefix: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The class-play and authoring screens: setup with class options, hand-over, the briefing
    after it, the clock and "Why?", the decision tree, and the debrief's new parts."""
    app = pilot.app
    names = []

    def shot(name: str) -> None:
        path = pilot.snapshot(shots / f"{prefix}{name}.png")
        assert path.stat().st_size > 1000
        names.append(name)

    pilot.press(pygame.K_n)
    for _ in range(3):
        pilot.click("player_britain")
    pilot.click("time_limit")
    pilot.click("time_limit")
    shot("20-setup-class-play")
    pilot.click("start")
    assert app.scene.name == "handover"
    shot("21-hand-over")
    pilot.press(pygame.K_RETURN)
    shot("22-briefing-after-hand-over")
    pilot.press(pygame.K_ESCAPE)
    pilot.click("reason")
    pilot.type("Drax has no powers: stall for London")
    pilot.press(pygame.K_RETURN)
    pilot.wait(100, step=1.0)
    assert app.scene.clock_face.warning
    shot("23-play-clock-and-why")
    game = Game.new(app.scenario, seed=7, controllers={a: "human" for a in app.scenario.actors})
    ClassroomSettings(projector=True).store(game)
    app.play(game)
    for _ in range(9):
        pilot.press(pygame.K_0 + game.decision.open_choices[-1].number)
    pilot.press(pygame.K_t)
    assert app.scene.name == "tree"
    shot("24-tree")
    pilot.press(pygame.K_c)
    shot("25-tree-where-we-are")
    pilot.press(pygame.K_ESCAPE)
    while not game.ended:
        pilot.press(pygame.K_0 + game.decision.open_choices[-1].number)
    assert app.scene.name == "debrief" and app.scene.change is not None
    shot("26-debrief-smallest-change")
    pilot.press(pygame.K_e)
    shot("27-transcript-exported")
    pilot.press(pygame.K_RETURN)
    pilot.press(pygame.K_b)
    shot("28-debrief-briefings")
    return names


@pytest.mark.parametrize(
    ("size", "text", "palette"),
    [((1280, 720), 1, "standard"), ((1024, 600), 1, "standard"), ((1920, 1080), 3, "safe")],
    ids=["1280x720", "1024x600-normal", "1920x1080-projector-safe"],
)
def test_class_screens_render(make_pilot, shots, size, text, palette) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(size=size, settings=UISettings(text_size=text, palette=palette, computer_pause=0.2))
    prefix = "" if size == (1280, 720) else f"{size[0]}x{size[1]}-"
    assert len(visit_class_screens(pilot, shots, prefix)) == 9

"""Window tests run headless: SDL's dummy video driver, private saves and settings per test, and
a ``Pilot`` that posts real keyboard and mouse events. Screenshots go to ``screenshots/``."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"

import pytest

from game.classroom.settings import ClassroomSettings
from game.engine import Game
from game.ui.app import App
from game.ui.pilot import Pilot
from game.ui.settings import UISettings

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "screenshots"
TINY = ROOT / "tests" / "fixtures" / "tiny.yaml"
# The window's generic tests (screens, layout, saves, the tree) run on the archived format-1 flagship:
# a large decision tree with five delegations. The format-2 flagship has its own window test below.
FLAGSHIP = ROOT / "scenarios" / "archive" / "moscow-1939-v1.yaml"
CURRENT_FLAGSHIP = ROOT / "scenarios" / "moscow-1939.yaml"

MakePilot = Callable[..., Pilot]


@pytest.fixture
def make_pilot() -> Iterator[MakePilot]:
    """Open a window on a scenario (the flagship when present) and return its pilot."""
    apps: list[App] = []

    def make(
        scenario: Path | None = None,
        size: tuple[int, int] = (1280, 720),
        settings: UISettings | None = None,
        persist: bool = False,
    ) -> Pilot:
        path = scenario or (FLAGSHIP if FLAGSHIP.exists() else TINY)
        app = App(path, size=size, settings=settings or UISettings(computer_pause=0.4), persist=persist)
        apps.append(app)
        return Pilot(app)

    yield make
    for app in apps:
        app.running = False


@pytest.fixture(scope="session")
def flagship():  # type: ignore[no-untyped-def]
    """For window tests: the archived format-1 flagship (see FLAGSHIP)."""
    from game.engine import load_scenario

    return load_scenario(str(FLAGSHIP))


@pytest.fixture
def shots() -> Path:
    SHOTS.mkdir(exist_ok=True)
    return SHOTS


def human_tiny(pilot: Pilot, projector: bool = True) -> Game:
    """Both delegations played by people (in projector mode unless asked: no hand-over screens)."""
    app = pilot.app
    game = Game.new(app.scenario, seed=3, controllers={"red": "human", "blue": "human"})
    ClassroomSettings(projector=projector).store(game)
    app.play(game)
    pilot.wait()
    return game

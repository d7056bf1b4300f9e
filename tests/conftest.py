"""Shared fixtures: the small scenario every engine test uses, and the flagship when present."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from game.authoring.check import CheckReport

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TINY = FIXTURES / "tiny.yaml"
FLAGSHIP = ROOT / "scenarios" / "moscow-1939.yaml"
# The format-1 flagship, archived: tests of decision-tree play (one actor decides at a time) use it.
FLAGSHIP_V1 = ROOT / "scenarios" / "archive" / "moscow-1939-v1.yaml"
MUNICH = ROOT / "scenarios" / "munich-1938.yaml"


@pytest.fixture(autouse=True)
def _private_saves(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test writes into the real saves/ folder or the player's settings."""
    monkeypatch.setenv("PARLEY_SAVES", str(tmp_path / "saves"))
    monkeypatch.setenv("PARLEY_SETTINGS", str(tmp_path / "settings.json"))


@pytest.fixture(scope="session")
def tiny():
    from game.engine import load_scenario

    return load_scenario(str(TINY))


@pytest.fixture(scope="session")
def flagship():
    from game.engine import load_scenario, validate_file

    if not FLAGSHIP.exists():
        pytest.skip("the flagship scenario is not written yet")
    scenario, findings = validate_file(str(FLAGSHIP))
    assert scenario is not None, "\n".join(f.format() for f in findings)
    return load_scenario(str(FLAGSHIP))


@pytest.fixture(scope="session")
def flagship_v1():
    """The archived format-1 flagship: a large decision tree with no table."""
    from game.engine import load_scenario

    return load_scenario(str(FLAGSHIP_V1))


@pytest.fixture(scope="session")
def munich_check() -> CheckReport:
    """``check`` of the Munich scenario under its default lens, made once: several tests read the
    report (a report is never changed by reading it), and each check takes seconds."""
    from game.authoring.check import check_scenario
    from game.engine import load_scenario

    return check_scenario(load_scenario(str(MUNICH)))

"""Where Parley finds its scenarios, saves, assets and settings."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
ASSETS = ROOT / "assets"


def saves_folder() -> Path:
    """The save folder: ``PARLEY_SAVES`` if set, else ``saves/`` beside the game."""
    return Path(os.environ.get("PARLEY_SAVES") or ROOT / "saves")


def settings_file() -> Path:
    """Where the window's settings persist: ``PARLEY_SETTINGS`` if set, else the user's config
    folder (``$XDG_CONFIG_HOME`` or ``~/.config``), never the save folder, whose every file is a save."""
    if os.environ.get("PARLEY_SETTINGS"):
        return Path(os.environ["PARLEY_SETTINGS"])
    config = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(config) / "parley" / "settings.json"


def default_scenario() -> Path:
    """The scenario played when none is named: the file listed in ``scenarios/default.txt``."""
    marker = SCENARIOS / "default.txt"
    try:
        name = marker.read_text(encoding="utf-8").split()[0]
        return SCENARIOS / name
    except (OSError, IndexError):
        files = sorted(SCENARIOS.glob("*.yaml"))
        return files[0] if files else SCENARIOS / "missing.yaml"


def scenario_files() -> list[Path]:
    """Every scenario file in ``scenarios/``, in name order."""
    return sorted(p for p in SCENARIOS.glob("*.y*ml") if p.is_file())


def archived_scenario_files() -> list[Path]:
    """Earlier versions kept in ``scenarios/archive/`` so old saves replay; never offered for new games."""
    return sorted(p for p in (SCENARIOS / "archive").glob("*.y*ml") if p.is_file())


def resolve_scenario(name: str | None) -> Path:
    """A path for a scenario named by path, by file name in ``scenarios/``, or by id; default if None."""
    if not name:
        return default_scenario()
    path = Path(name)
    if path.exists() or path.suffix in (".yaml", ".yml") or os.sep in name:
        return path
    for candidate in (SCENARIOS / f"{name}.yaml", SCENARIOS / f"{name}.yml", SCENARIOS / name):
        if candidate.exists():
            return candidate
    return path

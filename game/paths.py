"""Where Parley finds its scenarios, saves, assets and settings: the one module that knows.

Run from a checkout, everything stays where it always was: ``scenarios/``, ``assets/`` and ``saves/``
at the top of the repository. Installed from a wheel (``pip install .``, ``pipx install .``), the
shipped scenarios and assets are package data (``game.data.scenarios``, ``game.data.assets``, mapped
from those same folders when the wheel is built), and a player's own scenarios and saves live in the
platform's user data folder, since site-packages is no place to write.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import platformdirs

from .engine.safefile import exists

APP = "parley"
ROOT = Path(__file__).resolve().parent.parent
# A checkout has the repository's own files beside the package; an installed wheel has neither.
IN_CHECKOUT = (ROOT / "pyproject.toml").is_file() and (ROOT / "scenarios").is_dir()


def _shipped(name: str) -> Path:
    """A folder of shipped data: the checkout's top-level folder, or the installed package data."""
    if IN_CHECKOUT:
        return ROOT / name
    folder = resources.files("game.data") / name
    if not isinstance(folder, Path):
        raise RuntimeError(f"Parley's {name} must be installed as files on disk, not inside an archive")
    return folder


SCENARIOS = _shipped("scenarios")
ASSETS = _shipped("assets")


def user_folder() -> Path:
    """The player's own Parley folder: ``PARLEY_DATA`` if set, else the platform's user data folder."""
    return Path(os.environ.get("PARLEY_DATA") or platformdirs.user_data_dir(APP, appauthor=False))


def user_scenarios() -> Path | None:
    """Where a player's own scenarios live when installed; None in a checkout, whose scenarios/ is theirs."""
    return None if IN_CHECKOUT else user_folder() / "scenarios"


def new_scenarios_folder() -> Path:
    """Where a newly written scenario goes by default: the checkout's scenarios/ or the user's folder."""
    return user_scenarios() or SCENARIOS


def saves_folder() -> Path:
    """The save folder: ``PARLEY_SAVES`` if set, else ``saves/`` in a checkout, else the user's folder."""
    if os.environ.get("PARLEY_SAVES"):
        return Path(os.environ["PARLEY_SAVES"])
    return ROOT / "saves" if IN_CHECKOUT else user_folder() / "saves"


def user_scenarios_folder() -> Path:
    """Where a save's scenario is looked for after the shipped ones: ``PARLEY_SCENARIOS`` if set,
    else the scenarios folder in the player's own Parley folder."""
    if os.environ.get("PARLEY_SCENARIOS"):
        return Path(os.environ["PARLEY_SCENARIOS"])
    return user_folder() / "scenarios"


def settings_file() -> Path:
    """Where the window's settings persist: ``PARLEY_SETTINGS`` if set, else the user's config
    folder (``$XDG_CONFIG_HOME`` or ``~/.config`` on Linux), never the save folder, whose every file is a save."""
    if os.environ.get("PARLEY_SETTINGS"):
        return Path(os.environ["PARLEY_SETTINGS"])
    return platformdirs.user_config_path(APP, appauthor=False) / "settings.json"


def default_scenario() -> Path:
    """The scenario played when none is named: the file listed in ``scenarios/default.txt``."""
    marker = SCENARIOS / "default.txt"
    try:
        name = marker.read_text(encoding="utf-8").split()[0]
        return SCENARIOS / name
    except (OSError, IndexError):
        files = scenario_files()
        return files[0] if files else SCENARIOS / "missing.yaml"


def _yaml_files(folder: Path | None) -> list[Path]:
    if folder is None or not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.y*ml") if p.is_file())


def scenario_files() -> list[Path]:
    """Every shipped scenario file in name order, then the player's own (when installed)."""
    return _yaml_files(SCENARIOS) + _yaml_files(user_scenarios())


def archived_scenario_files() -> list[Path]:
    """Earlier versions kept in ``scenarios/archive/`` so old saves replay; never offered for new games."""
    return sorted(p for p in (SCENARIOS / "archive").glob("*.y*ml") if p.is_file())


def resolve_scenario(name: str | None) -> Path:
    """A path for a scenario named by path, by file name in a scenario folder, or by id; default if None."""
    if not name:
        return default_scenario()
    path = Path(name)
    if exists(path) or os.sep in name or (os.altsep and os.altsep in name):
        return path
    for folder in (SCENARIOS, user_scenarios()):
        if folder is None:
            continue
        for candidate in (folder / name, folder / f"{name}.yaml", folder / f"{name}.yml"):
            if exists(candidate):
                return candidate
    return path

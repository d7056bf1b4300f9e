"""One way to name a save and to find the scenario it was played on, for every command that takes a
save (``play --load``/``--continue``, ``transcript``, ``report``, the window's load).

A save is named by a path to its file or by its slot name in the save folder ('group3' and
'group3.json' alike). Its scenario is looked for by the id the save records — in ``scenarios/``,
then in the user's scenario folder — and at the path it recorded only when that path is a regular
file (never a folder, a device or a pipe).
"""

from __future__ import annotations

import os
from pathlib import Path

from .engine import Scenario, validate_file
from .engine.safefile import is_regular
from .engine.saves import SaveData, SaveError, read_save, slot_path
from .paths import ROOT, SCENARIOS, archived_scenario_files, saves_folder, user_scenarios_folder


def save_path(name: str, folder: Path | None = None) -> Path:
    """The save file ``name`` means: an existing file or anything written as a path, else the slot
    of that name in the save folder. A bad slot name raises ``SaveError`` saying why."""
    path = Path(name)
    if is_regular(path) or os.sep in name or "/" in name:
        return path
    return slot_path(folder or saves_folder(), name)


def scenario_candidates(scenario_id: str, recorded: str = "") -> list[Path]:
    """Where the scenario with ``scenario_id`` may be, best first: by id in ``scenarios/`` and the
    user's scenario folder (files named after the id, then any other), then the recorded path."""
    out: list[Path] = []
    folders = [SCENARIOS, user_scenarios_folder()]
    for folder in folders:
        out += [folder / f"{scenario_id}.yaml", folder / f"{scenario_id}.yml"]
    for folder in folders:
        if folder.is_dir():
            out += sorted(p for p in folder.glob("*.y*ml") if is_regular(p))
    out += archived_scenario_files()  # earlier versions, for saves made on them
    if recorded:
        path = Path(recorded)
        out += [p for p in ([path] if path.is_absolute() else [path, ROOT / path]) if is_regular(p)]
    return [p for p in dict.fromkeys(out) if is_regular(p)]


def find_scenario(scenario_id: str, recorded: str = "", content_hash: str = "") -> Scenario | None:
    """The scenario a save was played on: among the candidates with its id, the one whose content
    hash the save recorded (an archived earlier version, say), else the first found (the current
    file); None when none has the id."""
    first: Scenario | None = None
    for path in scenario_candidates(scenario_id, recorded):
        scenario, _ = validate_file(str(path))
        if scenario is None or scenario.id != scenario_id:
            continue
        if not content_hash or scenario.content_hash == content_hash:
            return scenario
        first = first or scenario
    return first


def open_save(name: str) -> tuple[SaveData, Scenario]:
    """Read the save ``name`` (a name or a path) and find its scenario; ``SaveError`` if either fails."""
    data = read_save(save_path(name))
    scenario = find_scenario(data.scenario_id, data.scenario_path, data.scenario_hash)
    if scenario is None:
        raise SaveError(
            f"{name} is a save of '{data.scenario_id}', which is not in {SCENARIOS}, nor in "
            f"{user_scenarios_folder()}, nor at its recorded path {data.scenario_path or '(none)'}; "
            "name the scenario file too"
        )
    return data, scenario

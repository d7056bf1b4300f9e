"""Opening saves for transcripts and reports: find each save's scenario, then replay it.

A save records its scenario's id and the path it was loaded from. The scenario is looked for, in
order: the file named with ``--scenario``, then as ``savefiles.scenario_candidates`` says (by id in
``scenarios/`` and the user's scenario folder, earlier versions in ``scenarios/archive/``, then the
recorded path if it is a regular file). When several files have the id, the one whose content hash
the save recorded wins (an archived earlier version, say); otherwise the first found, so the current
file wins. Scenarios are loaded once and reused, so 200 saves of one scenario cost one load.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..engine import Game, Scenario, validate_file
from ..engine.safefile import is_regular, path_problem
from ..engine.saves import SaveData, SaveError, read_save, restore
from ..paths import SCENARIOS
from ..savefiles import save_path, scenario_candidates
from .settings import ClassroomSettings


class ClassroomError(ValueError):
    """A save or scenario that cannot be used here; the message says why, for the teacher."""


@dataclass
class LoadedSave:
    """A save replayed into a game, with what the teacher should know about the replay."""

    path: Path
    data: SaveData
    game: Game
    notice: str


class ScenarioFinder:
    """Finds and caches the scenario each save was played on."""

    def __init__(self, explicit: str | Path | None = None, folder: Path = SCENARIOS) -> None:
        self.explicit = Path(explicit) if explicit else None
        self.folder = folder
        self._by_path: dict[Path, Scenario | str] = {}  # a scenario, or why it could not be loaded

    def _load(self, path: Path) -> Scenario | str:
        key = _key(path)
        if key not in self._by_path:
            if path_problem(path):
                self._by_path[key] = f"{str(path)[:80]}…: {path_problem(path)}"
            elif not is_regular(key):  # a recorded path may name anything: only regular files are read
                self._by_path[key] = f"{path} does not exist"
            else:
                scenario, findings = validate_file(str(path))
                if scenario is None:
                    first = next((f.format() for f in findings if f.severity == "error"), "it has errors")
                    self._by_path[key] = f"{path} cannot be loaded: {first}"
                else:
                    self._by_path[key] = scenario
        return self._by_path[key]

    def _candidates(self, scenario_id: str, recorded: str) -> list[Path]:
        out = [self.explicit] if self.explicit else []
        if self.folder != SCENARIOS:
            out += [self.folder / f"{scenario_id}.yaml", self.folder / f"{scenario_id}.yml"]
            out += sorted(p for p in self.folder.glob("*.y*ml") if is_regular(p))
            out += sorted(p for p in (self.folder / "archive").glob("*.y*ml") if is_regular(p))
        return out + scenario_candidates(scenario_id, recorded)

    def find(self, scenario_id: str, recorded: str = "", content_hash: str = "") -> Scenario:
        """The scenario with ``scenario_id`` (the one with ``content_hash`` if several have the id), or
        ``ClassroomError`` saying where it was looked for."""
        seen: set[Path] = set()
        first: Scenario | None = None
        for path in self._candidates(scenario_id, recorded):
            key = _key(path)
            if key in seen:
                continue
            seen.add(key)
            loaded = self._load(path)
            if isinstance(loaded, Scenario) and loaded.id == scenario_id:
                if not content_hash or loaded.content_hash == content_hash:
                    return loaded
                first = first or loaded
        if first is not None:
            return first
        hint = ""
        if self.explicit:
            loaded = self._load(self.explicit)
            hint = f" ({loaded})" if isinstance(loaded, str) else f" ({self.explicit} is '{loaded.id}')"
        raise ClassroomError(
            f"the scenario '{scenario_id}' was not found: not at its recorded path "
            f"{recorded or '(none)'}, nor in {self.folder}{hint}; name its file with --scenario"
        )


def _key(path: Path) -> Path:
    """The path a scenario is cached under: resolved when it can be (a name too long or a loop of
    symbolic links cannot), else as given."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def load_save(path: str | Path, finder: ScenarioFinder) -> LoadedSave:
    """Read and replay one save, named by a path or by its name in the save folder; ``SaveError`` or
    ``ClassroomError`` say what is wrong."""
    return replay_save(read_save(save_path(str(path))), finder)


def replay_save(data: SaveData, finder: ScenarioFinder) -> LoadedSave:
    """Replay a save already read; ``SaveError`` or ``ClassroomError`` say what is wrong."""
    path = data.path
    scenario = finder.find(data.scenario_id, data.scenario_path, data.scenario_hash)
    try:
        restored = restore(data, scenario)
        ClassroomSettings.of(restored.game)
    except SaveError:
        raise
    except (ValueError, KeyError, TypeError) as exc:
        raise ClassroomError(f"{path.name} cannot be replayed: {exc}") from None
    return LoadedSave(path, data, restored.game, restored.notice())


def natural_key(name: str) -> tuple[tuple[int, int | str], ...]:
    """Sort 'group 2' before 'group 10'."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", name.lower()) if part)


def _named(name: str) -> Path:
    try:
        return save_path(name)
    except SaveError:
        return Path(name)


def save_files(items: list[str | Path], skip: set[Path] | None = None) -> tuple[list[Path], list[str]]:
    """Expand files and folders into save files (folders: their ``*.json``, by name, 'group 2'
    before 'group 10').

    Returns the files and the problems with arguments that are neither. A file named twice (on
    its own and in its folder, say) is listed once."""
    files: list[Path] = []
    problems: list[str] = []
    skip = {p.resolve() for p in (skip or set())}
    seen: set[Path] = set()
    for item in items:
        path = Path(item)
        problem = path_problem(path)
        if problem:
            problems.append(f"{str(path)[:80]}…: {problem}")
            continue
        if path.is_dir():
            found = sorted(
                (p for p in path.glob("*.json") if p.is_file() and p.resolve() not in skip),
                key=lambda p: (natural_key(p.stem), p.name),
            )
        elif path.is_file():
            found = [path]
        elif _named(str(item)).is_file():  # a save's name in the save folder, as 'play --load' takes it
            found = [_named(str(item))]
        else:
            problems.append(f"{path}: no such file or folder, nor a save of that name")
            continue
        for file in found:
            if file.resolve() not in seen:
                seen.add(file.resolve())
                files.append(file)
    return files, problems

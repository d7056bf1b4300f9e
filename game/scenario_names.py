"""Naming a scenario to play: by path, by file name in a scenario folder, or by the id in its ``meta``;
and, for a name that means none of these, plain words saying so, with the nearest names.

``paths.resolve_scenario`` knows files; the id needs each scenario's ``meta`` read, so it is looked
up here, and only when the name is not a file (the files are small, and only read to their meta).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .engine.safefile import exists, path_problem
from .engine.similar import ranked
from .engine.yamlread import read_document
from .paths import IN_CHECKOUT, SCENARIOS, resolve_scenario, scenario_files


@dataclass(frozen=True)
class KnownScenario:
    """A scenario file in a scenario folder, with the id and title its ``meta`` gives (empty if unreadable)."""

    path: Path
    id: str
    title: str

    def shown(self) -> str:
        """'yalta_1945 (yalta-1945.yaml)': the id and the file, or the file alone."""
        return f"{self.id} ({self.path.name})" if self.id else self.path.name


def _meta(path: Path) -> tuple[str, str]:
    """The id and title in a scenario's ``meta``, read from its YAML without building the scenario."""
    root = read_document(str(path)).root
    if not isinstance(root, yaml.MappingNode):
        return "", ""
    meta = next((value for key, value in root.value if key.value == "meta"), None)
    if not isinstance(meta, yaml.MappingNode):
        return "", ""
    fields = {key.value: value.value for key, value in meta.value if isinstance(value, yaml.ScalarNode)}
    return str(fields.get("id", "")), str(fields.get("title", ""))


def known_scenarios() -> list[KnownScenario]:
    """Every scenario file in the scenario folders (shipped, then the player's), with its id and title."""
    return [KnownScenario(path, *_meta(path)) for path in scenario_files()]


def find_scenario_file(name: str | None) -> Path | None:
    """The file ``name`` means (a path, a file name in a scenario folder, a scenario's id), the default
    scenario when no name is given; None when nothing is there."""
    path = resolve_scenario(name)
    if exists(path):
        return path
    if name:
        for known in known_scenarios():
            if known.id == name:
                return known.path
    return None


def similar_scenarios(name: str, known: list[KnownScenario]) -> list[KnownScenario]:
    """The scenarios whose id, file name, or a word of either or of the title is nearest ``name``,
    best first ('yalt' finds yalta_1945, 'crimea' one titled 'Yalta, in the Crimea')."""
    word = Path(name).stem.lower()
    by_name: dict[str, list[KnownScenario]] = {}
    for scenario in known:
        whole = [scenario.id, scenario.path.stem]
        words = re.findall(r"[a-z]{3,}", " ".join([*whole, scenario.title]).lower())
        for said in [*whole, *words]:
            if said and scenario not in by_name.setdefault(said.lower(), []):
                by_name[said.lower()].append(scenario)
    nearest = [word] if word in by_name else []  # a word of a title ('august') is as good as a near one
    near = [scenario for said in nearest + ranked(word, list(by_name), limit=6) for scenario in by_name[said]]
    return list(dict.fromkeys(near))[:3]


def unknown_scenario(name: str) -> str:
    """Why ``name`` cannot be played when no file is there, and the names that might be meant."""
    problem = path_problem(name)
    if problem:
        return f"{name[:40]}…: {problem}"
    known = known_scenarios()
    folder = "scenarios/" if IN_CHECKOUT else f"{SCENARIOS} or your own scenario folder"
    if not name:
        said = "the default scenario is missing"
    elif os.sep in name or "/" in name:
        said = f"there is no file {name}"
    else:
        said = (
            f"no scenario is called '{name}': it is not a file here, nor the file name or id of a scenario in {folder}"
        )
    near = similar_scenarios(name, known) if name else []
    if near:
        return f"{said}. Did you mean {' or '.join(s.shown() for s in near)}?"
    if known:
        return f"{said}. The scenarios are: {', '.join(s.shown() for s in known)}."
    return f"{said}, and {folder} has no scenarios."

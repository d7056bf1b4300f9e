"""The second scenario, the tutorial steps, ``play --from`` and generality: no scenario names in game/."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.authoring.check import CheckReport
from game.engine import ERROR, load_scenario, schema, validate_file
from game.engine.graphcheck import historical_path
from game.engine.model import Scenario

from .conftest import MUNICH, ROOT, TINY, TUTORIAL


@pytest.mark.parametrize("path", TUTORIAL, ids=lambda p: p.name)
def test_each_tutorial_step_validates(path) -> None:
    scenario, findings = validate_file(str(path))
    assert scenario is not None, [f.format() for f in findings]
    assert findings == []


def test_tutorial_has_five_growing_steps() -> None:
    sizes = [len(load_scenario(str(p)).nodes) for p in TUTORIAL]
    assert len(TUTORIAL) == 5 and sizes == sorted(sizes) and sizes[0] < sizes[-1]


def test_tutorial_ends_with_a_negotiation_in_format_2() -> None:
    last = load_scenario(str(TUTORIAL[-1]))
    assert last.format == 2 and [load_scenario(str(p)).format for p in TUTORIAL[:-1]] == [1, 1, 1, 1]
    assert any(n.kind == "negotiation" for n in last.nodes.values()) and last.issues


def _history_sources(scenario: Scenario, nid: str) -> list[str]:
    """The sources of what history did at a node, whatever its kind ('' where one is missing)."""
    node = scenario.nodes[nid]
    if node.negotiation is not None:
        table = node.negotiation
        outlet = table.deal if table.deal.historical else table.no_deal
        return [outlet.source] + [move.source for move in table.history]
    if node.sealed:
        chosen = [next((s for s in seat.choices if s.historical), None) for seat in node.sealed]
        return [s.source if s else "" for s in chosen] + [o.source for o in node.resolve if o.historical]
    step = scenario.historical_step(node)
    return [step.source if step else ""]


def test_munich_is_complete(munich, munich_check: CheckReport) -> None:
    assert len(munich.actors) >= 4 and any(a.seat == "offstage" for a in munich.actors.values())
    assert munich.constraints and munich.lenses and len(munich.sources) >= 5
    path, end = historical_path(munich)
    assert end == "munich_agreement" and munich.outcomes[end].historical
    assert all(all(_history_sources(munich, n)) for n in path)
    report = munich_check
    assert len(report.shortest) >= 4 and report.findings == []
    _, findings = validate_file(str(MUNICH))
    assert findings == []


def _scenario_ids(path: Path) -> set[str]:
    scenario = load_scenario(str(path))
    ids = {scenario.id}
    for group in (scenario.actors, scenario.nodes, scenario.variables, scenario.outcomes):
        ids |= {i for i in group if len(i) > 4}
    return ids


def _format_words() -> set[str]:
    """The format's own key names: code must use them, even where a scenario's id is the same word."""
    words: set[str] = set()
    seen: set[int] = set()

    def visit(spec: object) -> None:
        if id(spec) in seen:
            return
        seen.add(id(spec))
        if isinstance(spec, schema.Record):
            words.update(spec.by_name)
        for value in vars(spec).values() if hasattr(spec, "__dict__") else ():
            if isinstance(value, schema.Spec):
                visit(value)
            elif isinstance(value, list):
                for item in value:
                    visit(item.spec if isinstance(item, schema.Field) else item)

    visit(schema.SCENARIO)
    return words


def test_no_scenario_names_in_game_code() -> None:
    ids: dict[str, str] = {}
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        if validate_file(str(path))[0] is None:
            continue
        ids.update(dict.fromkeys(_scenario_ids(path), path.name))
    for word in _format_words():
        ids.pop(word, None)
    assert ids
    pattern = re.compile(r"\b(" + "|".join(sorted(map(re.escape, ids), key=len, reverse=True)) + r")\b")
    hits = []
    for source in sorted((ROOT / "game").rglob("*.py")):
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
            for match in pattern.finditer(line):
                hits.append(f"{source.relative_to(ROOT)}:{number}: {match.group(1)} ({ids[match.group(1)]})")
    assert not hits, "\n".join(hits)


def _play(*args: str, stdin: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy"}
    return subprocess.run(
        [sys.executable, "main.py", "play", "--text", "--no-autosave", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )


def test_play_from_a_node_with_values_set() -> None:
    done = _play(str(TINY), "--from", "final", "--set", "powers=sign", "--seed", "1", "--as", "blue", stdin="1\n")
    assert done.returncode == 0, done.stderr
    assert "Final session" in done.stdout and "Treaty signed" in done.stdout


def test_play_from_refuses_bad_values_and_nodes() -> None:
    bad = _play(str(TINY), "--from", "final", "--set", "powers=maybe", stdin="")
    assert bad.returncode == 2 and "talk, sign" in bad.stderr
    nowhere = _play(str(TINY), "--from", "nowhere", stdin="")
    assert nowhere.returncode == 2 and "no node 'nowhere'" in nowhere.stderr
    lonely = _play(str(TINY), "--set", "trust=1", stdin="")
    assert lonely.returncode == 2 and "--from" in lonely.stderr


def test_every_scenario_in_the_folder_has_no_errors() -> None:
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        _, findings = validate_file(str(path))
        assert not [f for f in findings if f.severity == ERROR], path


@pytest.mark.parametrize(
    "path",
    sorted((ROOT / "scenarios").glob("*.yaml")) + sorted((ROOT / "docs" / "tutorial").glob("*.yaml")),
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_shipped_files_validate_with_no_warnings(path: Path) -> None:
    scenario, findings = validate_file(str(path))
    assert scenario is not None and [f.format() for f in findings] == []

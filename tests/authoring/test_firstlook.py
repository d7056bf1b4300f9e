"""The first look at a re-check says only what the full check then says: each change it announces
is one a fresh check of the file shows, and ``check --watch`` prints each change once."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pytest

from game.authoring.absint import possible
from game.authoring.check import check_scenario, exploration_order, explore_play
from game.authoring.explore import explore, walks
from game.authoring.firstlook import first_look
from game.authoring.recheck import Rechecker, WatchedCheck
from game.authoring.validate import finding_lines
from game.authoring.watch import Early, watch
from game.engine import load_scenario
from game.engine.findings import Finding
from game.engine.loader import load_text

from .conftest import FIXTURES, TINY

# Edits to the tiny fixture: closing every way into 'luck' (the over-approximation proves it never
# reached), opening it again, and edits whose effect only exploring can tell.
ORIGINAL = TINY.read_text(encoding="utf-8")
CLOSED = (
    TINY.read_text(encoding="utf-8")
    .replace("days: 2, next: luck, historical: true", 'days: 2, if: "trust > 9", next: luck, historical: true', 1)
    .replace('if: "warned", next: luck', 'if: "warned and trust > 9", next: luck', 1)
)
TINY_EDITS = [
    CLOSED,
    CLOSED.replace('effects: ["trust += 1"]', 'effects: ["trust += 3"]', 1),  # 'luck' stays out of reach
    TINY.read_text(encoding="utf-8"),
    TINY.read_text(encoding="utf-8").replace('effects: ["trust += 1"]', 'effects: ["trust += 3"]', 1),
    ORIGINAL.replace("{id: leave, label: Walk out,", '{id: leave, label: Walk out, if: "trust > 9",'),
    TINY.read_text(encoding="utf-8"),
]
STUCK = (FIXTURES / "stuck.yaml").read_text(encoding="utf-8")
STUCK_EDITS = [STUCK.replace('if: "anger > 5"', 'if: "anger > 1"'), STUCK, STUCK.replace("anger += 2", "anger += 1")]
TABLES = (FIXTURES / "tables.yaml").read_text(encoding="utf-8")
NAVY = TABLES.replace("{id: navy, type: bool, initial: false", "{id: navy, type: bool, initial: true", 1)
TABLES_EDITS = [TABLES.replace("days: 10, next: last", "days: 1, next: last"), NAVY, TABLES]
# A sealed seat's choice shown only for some hidden draws (the explorer's draw is 6; the file says 5),
# then for none: the first look may claim only the second.
TABLE = (FIXTURES.parent / "table.yaml").read_text(encoding="utf-8")
WAIT = "{id: wait, label: Wait, status_quo: true}"
TABLE_EDITS = [
    TABLE.replace(WAIT, '{id: wait, label: Wait, if: "resolve >= 6", status_quo: true}'),
    TABLE.replace(WAIT, '{id: wait, label: Wait, if: "resolve >= 20", status_quo: true}'),
    TABLE,
]


def _key(finding: Finding) -> object:
    return finding_lines([finding])[0][0]


@pytest.mark.parametrize(
    ("first", "edits"),
    [(ORIGINAL, TINY_EDITS), (STUCK, STUCK_EDITS), (TABLES, TABLES_EDITS), (TABLE, TABLE_EDITS)],
    ids=["tiny", "stuck", "tables", "sealed-and-draws"],
)
def test_what_the_first_look_announces_a_fresh_check_reports(tmp_path: Path, first: str, edits: list[str]) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(first, encoding="utf-8")
    checker = Rechecker()
    checker.check(load_scenario(str(path)), first)
    said = 0
    for text in edits:
        assert checker.last is not None
        path.write_text(text, encoding="utf-8")
        scenario = load_scenario(str(path))
        look = first_look(scenario, text, checker.last)
        fresh = {_key(f) for f in check_scenario(load_scenario(str(path))).findings}
        assert all(_key(f) in fresh for f in look.new), [f.format() for f in look.new]
        assert not any(_key(f) in fresh for f in look.gone), [f.format() for f in look.gone]
        said += len(look.new) + len(look.gone)
        checker.check(scenario, text)
    assert said  # each file has an edit whose change is certain before exploring


def test_closing_every_way_into_a_node_is_announced_and_so_is_opening_it(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(TINY.read_text(encoding="utf-8"), encoding="utf-8")
    checker = Rechecker()
    checker.check(load_scenario(str(path)), path.read_text(encoding="utf-8"))
    path.write_text(CLOSED, encoding="utf-8")
    assert checker.last is not None
    look = first_look(load_scenario(str(path)), CLOSED, checker.last)
    assert any("node 'luck' is never reached" in f.message for f in look.new)
    checker.check(load_scenario(str(path)), CLOSED)
    path.write_text(TINY.read_text(encoding="utf-8"), encoding="utf-8")
    look = first_look(load_scenario(str(path)), path.read_text(encoding="utf-8"), checker.last)
    assert any("node 'luck' is never reached" in f.message for f in look.gone)


def _saves(path: Path, texts: list[str]):  # type: ignore[no-untyped-def]
    pending = list(texts)
    calls = {"n": 0}

    def sleep(_: float) -> None:
        calls["n"] += 1
        if pending:
            path.write_text(pending.pop(0), encoding="utf-8")
            stamp = time.time() + calls["n"]
            os.utime(path, (stamp, stamp))

    return sleep, lambda: not pending and calls["n"] > len(texts) + 1


def _blocks(output: str) -> list[tuple[str, list[str]]]:
    out = []
    for block in output.split("--- ")[1:]:
        head, *lines = block.rstrip("\n").split("\n")
        out.append((head.split(" ", 1)[1], lines))
    return out


def test_check_watch_prints_the_first_look_and_then_only_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    original = TINY.read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    sleep, stop = _saves(path, [CLOSED, original])
    watched = WatchedCheck(str(path))
    out = io.StringIO()
    assert watch([str(path)], watched.stages(), out, sleep=sleep, stop=stop) == 0
    blocks = _blocks(out.getvalue())
    stages = [head.split(":", 1)[0] for head, _ in blocks]
    assert stages == ["validation", "check", "validation", "check, first look", "check", "validation"] + [
        "check, first look",
        "check",
    ]
    look, check = blocks[3][1], blocks[4][1]
    assert any(line.startswith("+ ") and "node 'luck' is never reached" in line for line in look)
    assert not any("node 'luck'" in line for line in check)  # said once, by the first look
    assert any(line.startswith("- fixed: ") and "node 'luck'" in line for line in blocks[6][1])
    # What both printed is what changed between the two checks, as fresh checks give them.
    scenario, _ = load_text(str(path), CLOSED)
    assert scenario is not None
    closed = {f.format() for f in check_scenario(scenario, text=CLOSED).findings}
    for line in look + check:
        if line.startswith("+ ") and ": warning: " in line:
            assert line[2:] in closed


def test_an_early_stage_cannot_come_last(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="cannot come last"):
        watch([str(tmp_path / "s.yaml")], [Early(lambda: None)], io.StringIO(), stop=lambda: True)


@pytest.mark.parametrize(
    "path",
    [TINY, FIXTURES.parent / "table.yaml", *sorted(FIXTURES.glob("*.yaml"))],
    ids=lambda p: p.name,
)
def test_the_over_approximation_allows_everything_exploring_sees(path: Path) -> None:
    """The first look's proofs rest on it: whatever play does, it must allow (hidden draws too)."""
    scenario = load_scenario(str(path))
    maybe = possible(scenario)
    seen = explore_play(scenario).evidence
    assert seen.nodes <= set(maybe.at) and seen.outcomes <= maybe.outcomes
    assert {k for k in seen.open_steps if k[1] not in ("deal", "no_deal")} <= maybe.open_steps
    assert seen.visible_steps <= maybe.visible_steps
    assert set().union(set(), *seen.blocked_by.values()) <= maybe.bites


def test_hidden_draws_may_take_any_value_of_their_lens_range() -> None:
    scenario = load_scenario(str(FIXTURES.parent / "table.yaml"))
    drawn = possible(scenario).at[scenario.start_node]["resolve"]
    assert set(range(1, 5)) | set(range(6, 10)) <= drawn  # the lenses draw 1..4 and 6..9; it starts at 5


@pytest.mark.parametrize("path", [TINY, FIXTURES.parent / "table.yaml", FIXTURES / "tables.yaml"], ids=lambda p: p.name)
def test_random_walks_stay_inside_what_exploring_sees(path: Path) -> None:
    """Unlike random games, the walks follow only the explorer's edges (its deals, its sealed
    combinations, its draws): whatever they see, a complete exploration sees."""
    scenario = load_scenario(str(path))
    order = exploration_order(scenario, None)
    walked = walks(scenario, order, 50, seed=3)
    full = explore(scenario, order)
    assert not full.truncated and walked.reached_nodes and walked.reached_nodes <= full.reached_nodes
    assert walked.reached_outcomes <= full.reached_outcomes
    assert walked.open_steps <= full.open_steps and walked.visible_steps <= full.visible_steps
    assert all(names <= full.blocked_by.get(key, set()) for key, names in walked.blocked_by.items())

"""Analyses and computer players on scenarios built to make them run for ever: each stops, says so,
and reports what it found."""

from __future__ import annotations

import time
from pathlib import Path

from game.authoring import simulate as simulate_module
from game.authoring.check import check_scenario
from game.engine import Game, load_text
from game.engine.budget import Budget
from game.engine.loader import load_scenario
from game.engine.saves import autosave, read_save
from tests.hostile.conftest import CASES

HEAD = """format: 1
meta: {id: wide, title: Wide, summary: S., start: 1900-01-01, end: 1990-12-31, start_node: ping, fallback_outcome: done}
sources: [{id: src, citation: Invented.}]
actors: [{id: red, name: Red, colour: "#D55E00", seat: table, description: Red., briefing: Red.}]
variables: [{id: n, type: int, initial: 0, min: -1000000000, max: 1000000000}]
nodes:
  - id: ping
    date: 1900-01-01
    actor: red
    title: Ping
    text: Ping.
    choices:
"""
TAIL = """      - {id: finish, label: Finish, next: done, historical: true, source: src}
outcomes:
  - {id: done, title: Done, epilogue: Done., speculative: none, historical: true}
"""


def wide(choices: int) -> str:
    """A node with ``choices`` self-loops (each a day long) and one way out."""
    body = "".join(
        f'      - {{id: c{i}, label: C{i}, next: ping, days: 1, effects: ["n += {i % 7}"]}}\n' for i in range(choices)
    )
    return HEAD + body + TAIL


def test_check_on_10000_choices_in_one_node_stops_and_says_so() -> None:
    scenario, findings = load_text("wide.yaml", wide(10_000))
    assert scenario is not None, findings
    began = time.monotonic()
    report = check_scenario(scenario, text="", budget=Budget(200_000, 10.0))
    assert time.monotonic() - began < 20
    assert report.truncated and "stopped after" in report.stopped
    assert "did not finish" in "\n".join(report.summary_lines())
    assert report.states > 1  # what it found by then


def test_check_on_a_self_loop_with_a_distant_end_is_bounded() -> None:
    scenario = load_scenario(str(CASES / "scenarios" / "selfloop.yaml"))
    began = time.monotonic()
    report = check_scenario(scenario, budget=Budget(300_000, 10.0))
    assert time.monotonic() - began < 20 and report.states


def test_simulate_stops_when_its_budget_runs_out(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    scenario, _ = load_text("wide.yaml", wide(2_000))
    assert scenario is not None
    monkeypatch.setattr(simulate_module, "SIMULATE_STEPS", 100_000)
    tally = simulate_module.simulate(scenario, 50, workers=1)
    assert tally.stopped and tally.games < 50


def test_computer_players_that_loop_end_and_autosave_per_move_stays_cheap(tmp_path: Path) -> None:
    scenario = load_scenario(str(CASES / "scenarios" / "cloop.yaml"))
    game = Game.new(scenario, None, 1, {"red": "historical"})
    began = time.monotonic()
    times = []
    while not game.ended:
        game.play_computer()
        start = time.perf_counter()
        autosave(game, tmp_path)
        times.append(time.perf_counter() - start)
    assert len(game.moves) >= 9_000 and time.monotonic() - began < 120
    early, late = sorted(times[10:110])[50], sorted(times[-100:])[50]
    assert late < max(5 * early, 0.005)  # per-move cost does not grow with the game
    assert len(read_save(next(tmp_path.glob("autosave-*.json"))).moves) == len(game.moves)


def test_graph_of_a_40000_character_title_is_quick(tmp_path: Path) -> None:
    from game.cli import main

    began = time.monotonic()
    assert main(["graph", str(CASES / "scenarios" / "title-40000.yaml"), "-o", str(tmp_path / "x.svg")]) == 0
    assert time.monotonic() - began < 20


def test_graph_layout_keeps_to_its_budget_and_says_so(flagship) -> None:  # type: ignore[no-untyped-def]
    from game.authoring.graph import layout, to_svg
    from game.engine.budget import Budget

    full = layout(flagship)
    assert full.stopped == ""
    cut = layout(flagship, budget=Budget(10))
    assert "stopped after 10 steps" in cut.stopped
    assert set(cut.boxes) == set(full.boxes)  # every box is still drawn, only less tidily
    assert "<svg" in to_svg(flagship, cut)

"""Whole-graph checks the validator runs on a scenario that has no errors of shape or reference:
unreachable parts, loops that stop the clock, dates outside the scenario, the historical path, and
(``disclosure``) text whose conditions give private values away.

These look only at the graph, not at variable values; ``python main.py check`` explores the full
state space for the deeper questions (choices never enabled, constraints that never bite).
"""

from __future__ import annotations

from collections import deque

from . import disclosure
from .cycles import cycles
from .findings import WARNING, Finding
from .model import Scenario
from .schema import Path, Walk


def successors(scenario: Scenario, node_id: str) -> list[tuple[str, int]]:
    """(target, days) for every step out of a node."""
    return [(e.next, e.days) for e in scenario.nodes[node_id].exits]


def reachable(scenario: Scenario) -> set[str]:
    """Every node and outcome some path of steps and event jumps can reach."""
    seen = {scenario.start_node, scenario.fallback_outcome}
    seen.update(e.goto for e in scenario.events if e.goto)
    queue = deque(seen)
    while queue:
        current = queue.popleft()
        if current not in scenario.nodes:
            continue
        for target, _ in successors(scenario, current):
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def zero_time_loops(scenario: Scenario) -> list[list[str]]:
    """Cycles along which the clock need not move (every step 0 days): play could go round forever."""
    edges = {
        nid: [t for t, days in successors(scenario, nid) if days == 0 and t in scenario.nodes] for nid in scenario.nodes
    }
    return [sorted(group, key=list(scenario.nodes).index) for group in cycles(scenario.nodes, edges)]


def historical_path(scenario: Scenario) -> tuple[list[str], str]:
    """The node ids along historical steps from the start, and where it ends ('' if it breaks off)."""
    path: list[str] = []
    current = scenario.start_node
    while current in scenario.nodes and current not in path:
        path.append(current)
        target = scenario.historical_exit(scenario.nodes[current])
        if not target:
            return path, ""
        current = target
    return path, current if current in scenario.outcomes else ""


def check(scenario: Scenario, walk: Walk) -> list[Finding]:
    """Graph findings, placed at the lines of the things they are about."""
    node_index = {nid: i for i, nid in enumerate(scenario.nodes)}
    outcome_index = {oid: i for i, oid in enumerate(scenario.outcomes)}
    out: list[Finding] = []

    def warn(code: str, path: Path, message: str, hint: str = "") -> None:
        line, col = walk.at(path)
        out.append(Finding(WARNING, code, message, walk.file, line, col, hint))

    seen = reachable(scenario)
    for nid in scenario.nodes:
        if nid not in seen:
            warn(
                "unreachable",
                ("nodes", node_index[nid]),
                f"node {nid!r} cannot be reached from the start",
                "point a choice's 'next' at it, or remove it",
            )
    for oid in scenario.outcomes:
        if oid not in seen:
            warn(
                "unreachable",
                ("outcomes", outcome_index[oid]),
                f"outcome {oid!r} cannot be reached",
                "point a choice's 'next' or an event's 'goto' at it",
            )

    for loop in zero_time_loops(scenario):
        first = loop[0]
        warn(
            "zero-time-loop",
            ("nodes", node_index[first]),
            f"play can go round {' -> '.join(loop)} forever without the clock moving",
            "give one step of the loop 'days: 1' or more",
        )

    for nid, node in scenario.nodes.items():
        if node.date > scenario.end:
            warn(
                "date-range",
                ("nodes", node_index[nid], "date"),
                f"node {nid!r} is dated {node.date}, after the scenario's end ({scenario.end})",
                "it can never be played",
            )
        if node.date < scenario.start:
            warn(
                "date-range",
                ("nodes", node_index[nid], "date"),
                f"node {nid!r} is dated {node.date}, before the scenario's start ({scenario.start})",
            )

    used = {cid for node in scenario.nodes.values() for step in node.choices for cid in step.constraints}
    used |= {
        cid for node in scenario.nodes.values() for seat in node.sealed for s in seat.choices for cid in s.constraints
    }
    used |= {r.constraint for node in scenario.nodes.values() if node.negotiation for r in node.negotiation.rules}
    for index, cid in enumerate(scenario.constraints):
        if cid not in used:
            warn(
                "unused",
                ("constraints", index),
                f"no choice or term rule names the constraint {cid!r}",
                "list it in a choice's 'constraints' or a negotiation's 'rules'",
            )

    path, end = historical_path(scenario)
    historical_outcomes = [o.id for o in scenario.outcomes.values() if o.historical]
    if historical_outcomes:
        if not end:
            last = path[-1] if path else scenario.start_node
            warn(
                "historical-path",
                ("nodes", node_index.get(last, 0)),
                f"the historical path stops at {last!r}: nothing there is marked historical"
                + (
                    " (mark 'deal' or 'no_deal')"
                    if scenario.nodes.get(last) and scenario.nodes[last].negotiation
                    else ""
                ),
                "mark what really happened with 'historical: true'",
            )
        elif end not in historical_outcomes and not any(e.historical and e.goto for e in scenario.events):
            warn(
                "historical-path",
                ("outcomes", outcome_index[end]),
                f"the historical path ends in {end!r}, which is not marked historical",
            )
    out.extend(disclosure.check(scenario, walk))
    return out

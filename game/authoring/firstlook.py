"""A first look at a re-check: what it will certainly find changed, known in a fraction of a second,
before the exploration that takes seconds.

After a save that changes rules, ``check --watch`` explores the game again. Before it does, two cheap
things settle part of the answer for certain:

- What can never happen: the over-approximation (``absint.possible``) proves nodes and endings
  unreachable, constraints that no choice naming them can ever show, and choices never shown or
  branches never drawn at the nodes history passes through before anything else is explored;
  history is followed as the full check follows it. These findings are worded and placed exactly as
  the check will word them.
- What does happen: a hundred random games from the explorer's own hidden draws. A finding of the
  last check that something never happens (a node never reached, a choice never open or never
  shown, a branch never drawn, a constraint that never bites) is gone once a game sees it happen.

Nothing else is claimed, so the first look never says what the full check will not, as long as the
check finishes within its step and time budget (when it does not, it says so, and its block in the
watch corrects the first look).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..engine import rules, talks
from ..engine.budget import Budget
from ..engine.findings import Finding
from ..engine.model import Node, Scenario, Step
from ..engine.state import GameState
from . import tables
from .absint import possible
from .check import (
    MAX_STATES,
    CheckReport,
    Evidence,
    Findings,
    Subject,
    constraint_findings,
    exploration_order,
    history_findings,
    naming_choices,
    reach_findings,
    step_findings,
)
from .playouts import Seen, playouts

GAMES = 100  # enough to see what most edits open up, in a small part of a second
GAME_STEPS = 200_000


@dataclass(frozen=True)
class FirstLook:
    """What the next check will certainly report that the last did not (``new``), and which of the
    last check's findings it certainly will not report (``gone``)."""

    new: list[Finding]
    gone: list[Finding]


def _happened(subject: Subject, seen: Seen) -> bool:
    """Whether a game saw what a finding about ``subject`` says never happens."""
    kind, *ids = subject
    if kind == "node":
        return ids[0] in seen.nodes
    if kind == "outcome":
        return ids[0] in seen.outcomes
    if kind == "step":
        return (ids[0], ids[1]) in seen.open_steps
    if kind == "shown":
        key = (ids[0], ids[1])
        return key in seen.visible_steps or key in seen.open_steps
    if kind == "constraint":
        return any(ids[0] in names for names in seen.blocked_by.values())
    return False


def certain_findings(scenario: Scenario, text: str, lens: str | None = None) -> list[Finding]:
    """The findings a check of ``scenario`` (counterfactuals under ``lens``) reports whatever its
    exploration finds: what the over-approximation proves never happens, and history the rules do
    not allow."""
    maybe = possible(scenario, budget=Budget(GAME_STEPS, 1.0))  # out of budget, all is possible: sound
    nothing_seen = Evidence(set(), set(), {}, set(), set(), maybe)
    out = Findings(scenario, text)
    reach_findings(scenario, nothing_seen, out)
    shown = maybe.visible_steps
    before = len(out.out)
    constraint_findings(scenario, nothing_seen, out)
    # A constraint's wording depends on whether a choice naming it is ever shown: keep it only when
    # no such choice can be, so the check cannot word it the other way.
    named = naming_choices(scenario)
    out.out[before:] = [f for f in out.out[before:] if not any(key in shown for key in named.get(out.about[f][1], ()))]
    before = len(out.out)
    first = Evidence(set(), set(), {}, explored_first(scenario, lens), set(), maybe)
    step_findings(scenario, first, out)
    # A choice possibly shown but never open is 'always blocked' by the constraints exploring sees
    # biting: not certain. Never shown, or a branch never drawn, is worded the same whatever it sees.
    out.out[before:] = [f for f in out.out[before:] if out.about[f][0] == "shown" or f.code == "never-drawn"]
    history_findings(scenario, out)
    return out.out


def _combinations(node: Node) -> int:
    """At most how many ways out of a sealed move the explorer follows (0 elsewhere)."""
    if not node.sealed:
        return 0
    every = 1
    for seat in node.sealed:
        every *= max(1, len(seat.choices))
    return min(every, tables.MAX_COMBINATIONS + sum(len(seat.choices) for seat in node.sealed))


def _historical_picks(scenario: Scenario, node: Node, state: GameState) -> list[Step] | None:
    """Each seat's historical choice at a sealed move, when every one is open (the explorer's one
    combination without a departure there); None otherwise."""
    picks = []
    for seat in node.sealed:
        history = next((s for s in seat.choices if s.historical), None)
        if history is None or not rules.visible(history, state) or rules.blockers(scenario, history, state):
            return None
        picks.append(history)
    return picks


def explored_first(scenario: Scenario, lens: str | None) -> set[str]:
    """Nodes the check's exploration certainly reaches, whatever else it finds: those history passes
    through under the first lens explored, up to the first node where history's way on is not the
    one way on without a departure (a closed choice, a branch that cannot be drawn, a table). The
    explorer follows steps without departures first, so it reaches these before anything else; a
    path whose nodes offer more steps than it explores states is not counted on."""
    state = rules.initial_state(scenario, exploration_order(scenario, lens)[0] or None, 0)
    rules.move(scenario, state, scenario.start_node, None)
    out: set[str] = set()
    offered = 0
    while not state.outcome and state.turn < rules.MAX_TURNS:
        node = scenario.nodes[state.node]
        offered += len(node.steps) + 1 + _combinations(node)
        if offered > MAX_STATES:
            break
        out.add(node.id)
        if node.negotiation is not None:
            if not node.negotiation.no_deal.historical:
                break  # a historical deal is followed only if bargaining finds its package
            talks.conclude(scenario, state, None, None)
            continue
        if node.sealed:
            picks = _historical_picks(scenario, node, state)
            if picks is None:
                break
            for seat, step in zip(node.sealed, picks, strict=True):
                talks.seal(scenario, state, seat.actor, step, None)
            continue
        history = scenario.historical_step(node)
        if history is None:
            break
        if node.is_chance:
            drawn = [s for s in node.steps if s.weight is not None and int(s.weight(state.values)) > 0]
            if history not in (drawn or node.steps[:1]):
                break
        elif history not in rules.open_steps(scenario, node, state):
            break
        rules.take(scenario, state, history, None)
    return out


def first_look(
    scenario: Scenario, text: str, last: CheckReport, memo: tables.Memo | None = None, lens: str | None = None
) -> FirstLook:
    """What the check of ``scenario`` (its file reading ``text``, counterfactuals under ``lens``)
    will certainly report differently from ``last``, the check of the file before this save."""
    certain = certain_findings(scenario, text, lens)
    known = set(last.findings)
    seen = playouts(scenario, GAMES, budget=Budget(GAME_STEPS, 1.0), memo=memo, explored_draws=True)
    gone = [f for f in last.findings if f in last.about and _happened(last.about[f], seen)]
    return FirstLook([f for f in certain if f not in known], gone)

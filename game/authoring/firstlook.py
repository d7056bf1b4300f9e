"""A first look at a re-check: what it will certainly find changed, known in a fraction of a second,
before the exploration that takes seconds.

After a save that changes rules, ``check --watch`` explores the game again. Before it does, two cheap
things settle part of the answer for certain:

- What does happen, seen two ways that stay inside the check's own graph: the first states its
  exploration expands (the explorer is deterministic and goes nearest to history first, so the
  check expands these same states before any other), and random walks that follow the explorer's
  own edges (``explore.walks``). A finding of the last check that something never happens (a node
  never reached, a choice never open or never shown, a branch never drawn, a constraint that never
  bites) is gone once either shows it happen.
- What can never happen: the over-approximation (``absint.possible``) proves nodes and endings
  unreachable, constraints that no choice naming them can ever show, and choices never shown or
  branches never drawn at the nodes the first states reach; history is followed as the check
  follows it. These findings are worded and placed exactly as the check will word them.

Nothing else is claimed, so the first look never says what the check will not, as long as the check
finishes within its step and time budget (when it does not, it says so, and its block in the watch
corrects the first look).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..engine.budget import Budget
from ..engine.findings import Finding
from ..engine.model import Scenario
from . import tables
from .absint import possible
from .check import (
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
from .explore import StateSpace, collector_paused, explore, walks

FIRST_STATES = 1_000  # a tenth of a second, and the part of the game nearest to history
WALKS = 40  # enough to see what many edits open up further away
STEPS = 500_000
SECONDS = 0.2  # for each of the three parts; stopping sooner says less, never something false


@dataclass(frozen=True)
class FirstLook:
    """What the next check will certainly report that the last did not (``new``), and which of the
    last check's findings it certainly will not report (``gone``)."""

    new: list[Finding]
    gone: list[Finding]


def first_states(scenario: Scenario, lens: str | None, memo: tables.Memo | None = None) -> StateSpace:
    """The states the check of ``scenario`` (counterfactuals under ``lens``) expands first."""
    with collector_paused():
        order = exploration_order(scenario, lens)
        return explore(scenario, order, FIRST_STATES, budget=Budget(STEPS, SECONDS), memo=memo)


def _happened(subject: Subject, spaces: tuple[StateSpace, ...]) -> bool:
    """Whether the states seen show what a finding about ``subject`` says never happens."""
    return any(_happened_in(subject, seen) for seen in spaces)


def _happened_in(subject: Subject, seen: StateSpace) -> bool:
    kind, *ids = subject
    if kind == "node":
        return ids[0] in seen.reached_nodes
    if kind == "outcome":
        return ids[0] in seen.reached_outcomes
    if kind == "step":
        return (ids[0], ids[1]) in seen.open_steps
    if kind == "shown":
        key = (ids[0], ids[1])
        return key in seen.visible_steps or key in seen.open_steps
    if kind == "constraint":
        return any(ids[0] in names for names in seen.blocked_by.values())
    return False


def certain_findings(scenario: Scenario, text: str, reached: set[str]) -> list[Finding]:
    """The findings a check of ``scenario`` reports whatever the rest of its exploration finds: what
    the over-approximation proves never happens (choices and branches only at the nodes in
    ``reached``, which the check certainly reaches), and history the rules do not allow."""
    maybe = possible(scenario, budget=Budget(STEPS, SECONDS))  # out of budget, all is possible: sound
    nothing_seen = Evidence(set(), set(), {}, set(), set(), maybe)
    out = Findings(scenario, text)
    reach_findings(scenario, nothing_seen, out)
    before = len(out.out)
    constraint_findings(scenario, nothing_seen, out)
    # A constraint's wording depends on whether a choice naming it is ever shown: keep it only when
    # no such choice can be, so the check cannot word it the other way.
    named = naming_choices(scenario)
    shown = maybe.visible_steps
    out.out[before:] = [f for f in out.out[before:] if not any(key in shown for key in named.get(out.about[f][1], ()))]
    before = len(out.out)
    step_findings(scenario, Evidence(set(), set(), {}, reached, set(), maybe), out)
    # A choice possibly shown but never open is 'always blocked' by the constraints exploring sees
    # biting: not certain. Never shown, or a branch never drawn, is worded the same whatever it sees.
    out.out[before:] = [f for f in out.out[before:] if out.about[f][0] == "shown" or f.code == "never-drawn"]
    history_findings(scenario, out)
    return out.out


def first_look(
    scenario: Scenario, text: str, last: CheckReport, memo: tables.Memo | None = None, lens: str | None = None
) -> FirstLook:
    """What the check of ``scenario`` (its file reading ``text``, counterfactuals under ``lens``)
    will certainly report differently from ``last``, the check of the file before this save. ``memo``
    may bring what bargaining gave in the last check (see ``tables.Memo``)."""
    first = first_states(scenario, lens, memo)
    with collector_paused():
        walked = walks(scenario, exploration_order(scenario, lens), WALKS, budget=Budget(STEPS, SECONDS), memo=memo)
    certain = certain_findings(scenario, text, first.reached_nodes)
    known = set(last.findings)
    gone = [f for f in last.findings if f in last.about and _happened(last.about[f], (first, walked))]
    return FirstLook([f for f in certain if f not in known], gone)

"""A first look at a re-check: what it will certainly find changed, known in a fraction of a second,
before the exploration that takes seconds.

After a save that changes rules, ``check --watch`` explores the game again. Before it does, two cheap
things settle part of the answer for certain:

- What can never happen: the over-approximation (``absint.possible``) proves nodes and endings
  unreachable, and constraints that no choice naming them can ever show; history is followed as the
  full check follows it. These findings are worded and placed exactly as the check will word them.
- What does happen: a hundred random games from the explorer's own hidden draws. A finding of the
  last check that something never happens (a node never reached, a choice never open or never
  shown, a branch never drawn, a constraint that never bites) is gone once a game sees it happen.

Nothing else is claimed, so the first look never says what the full check will not.
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
    history_findings,
    naming_choices,
    reach_findings,
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


def certain_findings(scenario: Scenario, text: str) -> list[Finding]:
    """The findings a check of ``scenario`` reports whatever its exploration finds: what the
    over-approximation proves never happens, and history the rules do not allow."""
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
    history_findings(scenario, out)
    return out.out


def first_look(scenario: Scenario, text: str, last: CheckReport, memo: tables.Memo | None = None) -> FirstLook:
    """What the check of ``scenario`` (its file reading ``text``) will certainly report differently
    from ``last``, the check of the file before this save."""
    certain = certain_findings(scenario, text)
    known = set(last.findings)
    seen = playouts(scenario, GAMES, budget=Budget(GAME_STEPS, 1.0), memo=memo, explored_draws=True)
    gone = [f for f in last.findings if f in last.about and _happened(last.about[f], seen)]
    return FirstLook([f for f in certain if f not in known], gone)

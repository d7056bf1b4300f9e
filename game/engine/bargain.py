"""How a delegation values packages of terms, and how a computer delegation bargains.

An actor's confidential values give points for each option of each issue (integer expressions over
the state), bonuses for combinations, and a walk-away value: what no deal is worth to it now.
A computer delegation accepts an offer worth at least its walk-away value plus its margin; otherwise
it counters with the package best for itself among those it judges enough others would accept, or
rejects, or walks away when no package could beat going without. Every answer comes with reasons,
item by item, in players' words.

Computer delegations judge what others would accept from the others' own values: a stand-in for
what diplomats learn of each other at a table, stated here so nobody mistakes it for a leak — the
reasons they give name only their own values.

The search is bounded in steps (``MAX_PACKAGES``), never in time, so replays never depend on the
machine.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .expr import Value, Values
from .model import Actor, Negotiation, Scenario
from .state import GameState
from .talks import Package, term_blockers, terms_values

MAX_PACKAGES = 20_000  # packages a computer delegation weighs at most when it counters


@dataclass(frozen=True)
class Item:
    """One line of an appraisal: a term or combination and what it is worth."""

    text: str
    points: int

    def words(self) -> str:
        return f"{self.text}: {self.points:+d}".replace("-", "−")


@dataclass(frozen=True)
class Appraisal:
    """What a package is worth to one actor now, item by item, beside what no deal is worth."""

    total: int
    items: tuple[Item, ...]
    walk_away: int

    @property
    def surplus(self) -> int:
        return self.total - self.walk_away


@dataclass(frozen=True)
class Response:
    """A computer delegation's move at the table and why."""

    move: str  # "propose", "accept", "reject", "counter" or "walk"
    package: Mapping[str, str]
    reasons: str


def option_points(actor: Actor, issue: str, option: str, values: Values) -> int:
    fn = actor.valuation.points.get(issue, {}).get(option)
    return int(fn(values)) if fn is not None else 0


def walk_away(actor: Actor, values: Values) -> int:
    fn = actor.valuation.walk_away
    return int(fn(values)) if fn is not None else 0


def appraise(scenario: Scenario, actor: Actor, package: Package, values: Values) -> Appraisal:
    """The worth of ``package`` to ``actor``, with every item that counts."""
    items = []
    for iid, oid in package.items():
        points = option_points(actor, iid, oid, values)
        if points:
            issue = scenario.issues[iid]
            option = issue.option(oid)
            items.append(Item(f"{issue.title}: {option.label if option else oid}", points))
    merged = terms_values(values, package)
    for bonus in actor.valuation.bonuses:
        if bonus.condition(merged):
            items.append(Item(bonus.text, bonus.points))
    return Appraisal(sum(i.points for i in items), tuple(items), walk_away(actor, values))


def reasons(appraisal: Appraisal, verdict: str) -> str:
    """'Passage: Vilna corridor: +4. No treaty of aid: −3. Without a deal: 6. Refused.'"""
    lines = [item.words() + "." for item in appraisal.items] or ["Nothing in it matters to us."]
    lines.append(f"Worth {appraisal.total} to us; without a deal, {appraisal.walk_away}.")
    lines.append(verdict)
    return " ".join(lines)


# -- searching packages -------------------------------------------------------------------------


class _Table:
    """Every party's option points at this state, computed once, so a package sums in a few steps."""

    def __init__(self, scenario: Scenario, negotiation: Negotiation, values: Values) -> None:
        self.scenario = scenario
        self.negotiation = negotiation
        self.values = values
        self.issues = negotiation.issues
        self.options = [tuple(o.id for o in scenario.issues[i].options) for i in self.issues]
        self.points = {
            p: [
                [option_points(scenario.actors[p], i, o, values) for o in opts]
                for i, opts in zip(self.issues, self.options, strict=True)
            ]
            for p in negotiation.parties
        }
        self.walk = {p: walk_away(scenario.actors[p], values) for p in negotiation.parties}
        self.margin = {p: scenario.actors[p].disposition.accept_margin for p in negotiation.parties}

    def packages(self) -> Sequence[tuple[int, ...]]:
        combos = itertools.product(*(range(len(o)) for o in self.options))
        return list(itertools.islice(combos, MAX_PACKAGES))

    def package(self, choice: Sequence[int]) -> dict[str, str]:
        return {i: self.options[n][c] for n, (i, c) in enumerate(zip(self.issues, choice, strict=True))}

    def worth(self, party: str, choice: Sequence[int], merged: Mapping[str, Value]) -> int:
        table = self.points[party]
        total = sum(table[n][c] for n, c in enumerate(choice))
        for bonus in self.scenario.actors[party].valuation.bonuses:
            if bonus.condition(merged):
                total += bonus.points
        return total

    def accepts(self, party: str, worth: int) -> bool:
        return worth >= self.walk[party] + self.margin[party]


def best_package(
    scenario: Scenario, state: GameState, negotiation: Negotiation, actor: str
) -> tuple[dict[str, str], bool]:
    """The package best for ``actor`` among those it may propose and judges enough parties would
    accept (ties to the one the others like best, then to file order); with none, its best of all.
    Returns (package, judged acceptable)."""
    table = _Table(scenario, negotiation, state.values)
    best: tuple[int, int] | None = None
    best_any: tuple[int, int] | None = None
    chosen: dict[str, str] = {}
    fallback: dict[str, str] = {}
    others = [p for p in negotiation.parties if p != actor]
    for choice in table.packages():
        package = table.package(choice)
        merged = terms_values(state.values, package)
        mine = table.worth(actor, choice, merged)
        if best is not None and mine < best[0]:
            continue  # an acceptable package already serves us better
        if term_blockers(scenario, negotiation, "propose", actor, package, state):
            continue
        theirs = {p: table.worth(p, choice, merged) for p in others}
        key = (mine, sum(theirs.values()))
        if best_any is None or key > best_any:
            best_any, fallback = key, package
        accepted = {
            p
            for p in negotiation.parties
            if (p == actor or table.accepts(p, theirs[p]))
            and not term_blockers(scenario, negotiation, "accept", p, package, state)
        }
        enough = sum(1 for p in negotiation.needs if p in accepted) >= negotiation.needs_count
        if (
            (best is None or key > best)
            and enough
            and not term_blockers(scenario, negotiation, "deal", actor, package, state)
        ):
            best, chosen = key, package
    if best is not None:
        return chosen, True
    return fallback, False


def respond(scenario: Scenario, state: GameState, actor: str) -> Response:
    """What a computer delegation does now at the negotiation under way, with its reasons."""
    node = scenario.nodes[state.node]
    negotiation, talks = node.negotiation, state.talks
    assert negotiation is not None and talks is not None
    player = scenario.actors[actor]
    margin = player.disposition.accept_margin
    if not talks.offer:
        package, hopeful = best_package(scenario, state, negotiation, actor)
        appraisal = appraise(scenario, player, package, state.values)
        if appraisal.total < appraisal.walk_away and not hopeful:
            return Response("walk", {}, reasons(appraisal, "No package we could offer beats going without: we leave."))
        verdict = "We propose it." if hopeful else "We propose it, though we doubt the others will agree."
        return Response("propose", package, reasons(appraisal, verdict))
    offer = appraise(scenario, player, talks.offer, state.values)
    blocked = term_blockers(scenario, negotiation, "accept", actor, talks.offer, state)
    if offer.surplus >= margin and not blocked:
        return Response("accept", {}, reasons(offer, "Accepted."))
    why = " ".join(f"{c.title}: {c.explanation}" for c in blocked)
    package, hopeful = best_package(scenario, state, negotiation, actor)
    better = appraise(scenario, player, package, state.values)
    last_round = talks.round >= negotiation.rounds
    if better.total < better.walk_away and not hopeful:
        return Response(
            "walk", {}, reasons(offer, (why + " " if why else "") + "Nothing on offer beats going without: we leave.")
        )
    if hopeful and not last_round and better.total > offer.total and package != talks.offer:
        verdict = (why + " " if why else "") + "Refused; we counter."
        return Response("counter", package, reasons(offer, verdict))
    return Response("reject", {}, reasons(offer, (why + " " if why else "") + "Refused."))


def would_accept(scenario: Scenario, state: GameState, negotiation: Negotiation, package: Package) -> dict[str, bool]:
    """Whether each party's computer player would accept ``package`` now (for analysis)."""
    table = _Table(scenario, negotiation, state.values)
    merged = terms_values(state.values, package)
    choice = [table.options[n].index(package[i]) for n, i in enumerate(table.issues)]
    return {p: table.accepts(p, table.worth(p, choice, merged)) for p in negotiation.parties}

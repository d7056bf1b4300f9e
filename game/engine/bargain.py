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

import functools
import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from .expr import Value, Values
from .model import Actor, Negotiation, Scenario
from .state import GameState
from .talks import Package, term_blockers, terms_values

MAX_PACKAGES = 20_000  # packages a computer delegation weighs at most when it counters


def number(value: int) -> str:
    """A whole number as players read it, with a true minus sign."""
    return f"−{-value}" if value < 0 else str(value)


@dataclass(frozen=True)
class Item:
    """One line of an appraisal: a term or combination and what it is worth."""

    text: str
    points: int

    def words(self) -> str:
        return f"{self.text}: {'+' if self.points >= 0 else ''}{number(self.points)}"


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
    lines.append(f"Worth {number(appraisal.total)} to us; without a deal, {number(appraisal.walk_away)}.")
    lines.append(verdict)
    return " ".join(lines)


# -- searching packages -------------------------------------------------------------------------


class _Table:
    """Every party's option points at this state, computed once, so a package sums in a few steps;
    and the term rules that bite now, so a package is checked against those alone."""

    def __init__(self, scenario: Scenario, negotiation: Negotiation, state: GameState) -> None:
        values = state.values
        self.scenario = scenario
        self.issues = negotiation.issues
        self.needs = negotiation.needs
        self.needs_count = negotiation.needs_count
        self.options = [tuple(o.id for o in scenario.issues[i].options) for i in self.issues]
        self.points = {
            p: [
                [option_points(scenario.actors[p], i, o, values) for o in opts]
                for i, opts in zip(self.issues, self.options, strict=True)
            ]
            for p in negotiation.parties
        }
        self.bonuses = {p: scenario.actors[p].valuation.bonuses for p in negotiation.parties}
        self.walk = {p: walk_away(scenario.actors[p], values) for p in negotiation.parties}
        self.margin = {p: scenario.actors[p].disposition.accept_margin for p in negotiation.parties}
        biting = [r for r in negotiation.rules if not scenario.constraints[r.constraint].unless(values)]
        self.rules = {
            (moment, p): [r.terms for r in biting if r.on == moment and (not r.actors or p in r.actors)]
            for moment in ("propose", "accept", "deal")
            for p in negotiation.parties
        }
        self.work: dict[str, Value] = dict(values)  # the state with a package's terms written in

    def packages(self) -> list[tuple[int, ...]]:
        combos = itertools.product(*(range(len(o)) for o in self.options))
        return list(itertools.islice(combos, MAX_PACKAGES))

    def bases(self, party: str, packages: list[tuple[int, ...]]) -> list[int]:
        """``base`` of each of ``packages`` (which are ``packages()``), summed issue by issue for all of
        them at once: one addition per package and issue, not a call per package."""
        total = 1
        for options in self.options:
            total *= len(options)
        if total > len(packages):  # cut short at MAX_PACKAGES: sum the ones kept
            return [self.base(party, choice) for choice in packages]
        sums = [0]
        for row in self.points[party]:
            sums = [before + points for before in sums for points in row]  # the last issue varies fastest
        return sums

    def base(self, party: str, choice: Sequence[int]) -> int:
        table = self.points[party]
        return sum(table[n][c] for n, c in enumerate(choice))

    def bonus(self, party: str) -> int:
        """The party's bonuses for the package last written into ``work``."""
        bonuses = self.bonuses[party]
        if not bonuses:
            return 0
        work = self.work
        return sum(b.points for b in bonuses if b.condition(work))

    def forbids(self, moment: str, party: str) -> bool:
        """Whether a term rule forbids ``party`` to ``moment`` the package last written into ``work``."""
        work = self.work
        return any(terms(work) for terms in self.rules[(moment, party)])

    def accepts(self, party: str, worth: int) -> bool:
        return worth >= self.walk[party] + self.margin[party]

    def most_bonus(self, party: str) -> int:
        """The most the party's bonuses can add to any package."""
        return sum(max(0, b.points) for b in self.bonuses[party])

    def within_reach(self, bases: Mapping[str, Sequence[int]], count: int) -> list[int]:
        """For each of ``count`` packages (``bases``: each needed party's ``base`` of each), how many of
        the parties whose acceptance counts could accept it, with the most their bonuses could add."""
        lowest = {p: self.walk[p] + self.margin[p] - self.most_bonus(p) for p in self.needs}  # the base it takes
        willing = [[base >= lowest[p] for base in bases[p]] for p in self.needs]
        if not willing:
            return [0] * count
        return [sum(flags) for flags in zip(*willing, strict=True)]

    def could_be_deals(self, actor: str, bases: Mapping[str, Sequence[int]]) -> list[bool]:
        """For each package (``bases``: each party's ``base`` of each), whether it could be proposed
        by ``actor`` as a deal, judged by bounds alone: enough for ``actor`` and for enough of the
        parties needed, with the most their bonuses could add (``actor`` counts itself if needed)."""
        lowest = self.walk[actor] + self.margin[actor] - self.most_bonus(actor)
        return [
            base >= lowest and count >= self.needs_count
            for base, count in zip(bases[actor], self.within_reach(bases, len(bases[actor])), strict=True)
        ]


# -- the search ---------------------------------------------------------------------------------


def best_package(
    scenario: Scenario, state: GameState, negotiation: Negotiation, actor: str
) -> tuple[dict[str, str], bool]:
    """The package best for ``actor`` among those it may propose and judges enough parties would
    accept (ties to the one the others like best, then to file order); with none, its best of all.
    Returns (package, judged acceptable). Packages are weighed from the best for ``actor`` down, and
    the search stops once no package left could beat the one found: nor, while none is acceptable,
    reach ``actor``'s own threshold or beat its best of all. The others' worth is summed only for a
    package that could still be chosen."""
    table = _Table(scenario, negotiation, state)
    work = table.work
    others = [p for p in negotiation.parties if p != actor]
    packages = table.packages()
    terms = _terms(tuple(table.issues), tuple(table.options))
    bases = {p: table.bases(p, packages) for p in negotiation.parties}
    mine_base, most_bonus = bases[actor], table.most_bonus(actor)
    ranked = sorted(range(len(packages)), key=mine_base.__getitem__, reverse=True)  # stable: ties in file order
    possible = table.could_be_deals(actor, bases)
    last_hope = max((place for place, number in enumerate(ranked) if possible[number]), default=-1)
    best: tuple[int, int] | None = None
    best_any: tuple[int, int] | None = None
    chosen: Package = {}
    fallback: Package = {}
    for place, number in enumerate(ranked):
        base = mine_base[number]
        if best is not None:
            if base + most_bonus < best[0]:
                break  # nothing further down can beat an acceptable package already found
        elif place > last_hope and best_any is not None and base + most_bonus < best_any[0]:
            break  # nothing further down can be a deal, nor beat our best of all
        package = terms[number]
        work.update(package)
        if table.forbids("propose", actor):
            continue
        mine = base + table.bonus(actor)
        could_be_chosen = place <= last_hope and table.accepts(actor, mine) and (best is None or mine >= best[0])
        if not could_be_chosen and best_any is not None and mine < best_any[0]:
            continue  # neither a possible deal better than ours, nor our best of all: skip the others' sums
        theirs = {p: bases[p][number] + table.bonus(p) for p in others}
        key = (mine, sum(theirs.values()))
        if best_any is None or key > best_any:
            best_any, fallback = key, package
        if best is not None and key <= best:
            continue
        if not table.accepts(actor, mine):
            continue  # worse for us than no deal: not worth proposing as a deal
        accepted = [
            p
            for p in negotiation.needs
            if (p == actor or table.accepts(p, theirs[p])) and not table.forbids("accept", p)
        ]
        if len(accepted) >= negotiation.needs_count and not table.forbids("deal", actor):
            best, chosen = key, package
    if best is not None:
        return dict(chosen), True
    return dict(fallback), False


@functools.lru_cache(maxsize=64)
def _terms(issues: tuple[str, ...], options: tuple[tuple[str, ...], ...]) -> tuple[Package, ...]:
    """Every package of these issues' options as terms, in ``_Table.packages`` order: made once per
    negotiation, not per package weighed (shared: never changed by a reader)."""
    combos = itertools.islice(itertools.product(*options), MAX_PACKAGES)
    return tuple(dict(zip(issues, combo, strict=True)) for combo in combos)


BestPackage = Callable[[Scenario, GameState, Negotiation, str], tuple[dict[str, str], bool]]


def respond(scenario: Scenario, state: GameState, actor: str, search: BestPackage | None = None) -> Response:
    """What a computer delegation does now at the negotiation under way, with its reasons. ``search``
    stands in for ``best_package`` (analysis tools pass one that remembers its answers)."""
    search = search or best_package
    node = scenario.nodes[state.node]
    negotiation, talks = node.negotiation, state.talks
    assert negotiation is not None and talks is not None
    player = scenario.actors[actor]
    margin = player.disposition.accept_margin
    if not talks.offer:
        package, hopeful = search(scenario, state, negotiation, actor)
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
    package, hopeful = search(scenario, state, negotiation, actor)
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


def acceptance(scenario: Scenario, state: GameState, negotiation: Negotiation) -> Callable[[Package], dict[str, bool]]:
    """A judge of many packages at one state: whether each party's computer player would accept a
    package now (for analysis). The parties' values are weighed once for all the packages judged."""
    table = _Table(scenario, negotiation, state)

    def verdicts(package: Package) -> dict[str, bool]:
        table.work.update(package)
        choice = [table.options[n].index(package[i]) for n, i in enumerate(table.issues)]
        return {
            p: table.accepts(p, table.base(p, choice) + table.bonus(p)) and not table.forbids("accept", p)
            for p in negotiation.parties
        }

    return verdicts


def would_accept(scenario: Scenario, state: GameState, negotiation: Negotiation, package: Package) -> dict[str, bool]:
    """Whether each party's computer player would accept ``package`` now (for analysis)."""
    return acceptance(scenario, state, negotiation)(package)


def maybe_acceptable(scenario: Scenario, state: GameState, negotiation: Negotiation) -> list[bool]:
    """For every package, in file order (at most ``MAX_PACKAGES``), whether enough of the parties whose
    acceptance counts could accept it at the most their bonuses add: the packages it rules out need
    not be judged one by one (for analysis)."""
    table = _Table(scenario, negotiation, state)
    packages = table.packages()
    reach = table.within_reach({p: table.bases(p, packages) for p in negotiation.needs}, len(packages))
    return [count >= negotiation.needs_count for count in reach]

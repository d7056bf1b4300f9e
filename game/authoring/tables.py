"""Negotiation and sealed nodes as the analysis tools see them.

The explorer and the playouts step through decisions one choice at a time; a negotiation or a
sealed move is many moves by many parties. For analysis each is folded into the ways it can end:

- a negotiation ends in a deal on some package, or in no deal. The packages followed are those a
  party could put forward and the table could conclude: each party's own best (``bargain``), the
  offers history records, and enough acceptable packages that every option some acceptable deal
  contains is among them. Whether any package is acceptable at all (enough of the parties whose
  acceptance counts at or above their walk-away values) is the checker's 'deal nobody accepts'.
- a sealed move ends in one combination of the seats' open choices; the combinations followed are
  bounded, but every open choice of every seat is in at least one of them.

Each way out is named by a stand-in ``Step`` (its id, label and whether history took it), so paths
through tables print like paths through decisions.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from ..engine import bargain, rules, talks, turns
from ..engine.expr import Value, Values
from ..engine.model import Negotiation, Node, Scenario, Step
from ..engine.state import GameState
from .liveness import negotiation_reads

MAX_SCAN = 512  # packages weighed at one negotiation state when looking for acceptable deals
MAX_COMBINATIONS = 64  # combinations of sealed choices followed from one state

Package = Mapping[str, str]


# -- negotiations -------------------------------------------------------------------------------


def all_packages(scenario: Scenario, negotiation: Negotiation) -> Iterator[dict[str, str]]:
    """Every package of the table's issues, in file order."""
    pools = [[o.id for o in scenario.issues[i].options] for i in negotiation.issues]
    for choice in itertools.product(*pools):
        yield dict(zip(negotiation.issues, choice, strict=True))


def package_count(scenario: Scenario, negotiation: Negotiation) -> int:
    count = 1
    for issue in negotiation.issues:
        count *= len(scenario.issues[issue].options)
    return count


def concludable(scenario: Scenario, state: GameState, negotiation: Negotiation, package: Package) -> bool:
    """Whether the table's term rules let ``package`` become a deal now: some party may propose and
    conclude it, and enough of the parties whose acceptance counts may accept it."""
    may_accept = sum(
        1 for p in negotiation.needs if not talks.term_blockers(scenario, negotiation, "accept", p, package, state)
    )
    if may_accept < negotiation.needs_count:
        return False
    return any(
        not talks.term_blockers(scenario, negotiation, "propose", p, package, state)
        and not talks.term_blockers(scenario, negotiation, "deal", p, package, state)
        for p in negotiation.parties
    )


def acceptable(
    scenario: Scenario,
    state: GameState,
    negotiation: Negotiation,
    package: Package,
    judge: Callable[[Package], Mapping[str, bool]] | None = None,
) -> bool:
    """A deal the table could conclude with enough needed parties at or above their walk-away values.
    ``judge`` (from ``bargain.acceptance``) saves weighing the parties' values afresh for each package."""
    verdicts = (judge or bargain.acceptance(scenario, state, negotiation))(package)
    enough = sum(1 for p in negotiation.needs if verdicts[p]) >= negotiation.needs_count
    return enough and concludable(scenario, state, negotiation, package)


def historical_offers(negotiation: Negotiation) -> list[dict[str, str]]:
    """The complete packages history records being put on the table, in order."""
    return [
        dict(h.terms)
        for h in negotiation.history
        if h.move in ("propose", "counter") and set(h.terms) == set(negotiation.issues)
    ]


def historical_package(negotiation: Negotiation) -> dict[str, str] | None:
    """The terms of the deal history struck (the last offer it records), when the deal is history's."""
    if not negotiation.deal.historical:
        return None
    offers = historical_offers(negotiation)
    return offers[-1] if offers else None


@dataclass(frozen=True)
class Deals:
    """The deals followed from one negotiation state, and whether any package is acceptable there
    (None when there were too many packages to weigh and none of those followed is)."""

    packages: tuple[dict[str, str], ...]
    acceptable: bool | None


def deals(scenario: Scenario, state: GameState, node: Node, search: bargain.BestPackage | None = None) -> Deals:
    """The deals to follow from a negotiation node in ``state`` (see the module's docstring); ``search``
    stands in for ``bargain.best_package``."""
    negotiation = node.negotiation
    assert negotiation is not None
    search = search or bargain.best_package
    candidates = historical_offers(negotiation)
    for party in negotiation.parties:
        package, _hopeful = search(scenario, state, negotiation, party)
        if set(package) == set(negotiation.issues):
            candidates.append(package)
    found: bool | None = None
    judge = bargain.acceptance(scenario, state, negotiation)
    if package_count(scenario, negotiation) <= MAX_SCAN:
        found = False
        covered: set[tuple[str, str]] = set()
        maybe = bargain.maybe_acceptable(scenario, state, negotiation)  # ruled out by bounds: not weighed
        for package, possible in zip(all_packages(scenario, negotiation), maybe, strict=True):
            if possible and acceptable(scenario, state, negotiation, package, judge):
                found = True
                if not set(package.items()) <= covered:
                    candidates.append(package)
                    covered |= set(package.items())
    elif any(acceptable(scenario, state, negotiation, p, judge) for p in candidates):
        found = True
    out: list[dict[str, str]] = []
    for package in candidates:
        if package not in out and concludable(scenario, state, negotiation, package):
            out.append(package)
    return Deals(tuple(out), found)


class Memo:
    """What bargaining at each negotiation gives, remembered for one scenario. Bargaining reads only a
    few of the state's values (``liveness.negotiation_reads``); states that agree on those share the
    deals to follow and every party's best package, so each is worked out once, not once per state
    (the search weighs every package: it is most of the cost of exploring and of random games)."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self._reads = {
            nid: tuple(sorted(negotiation_reads(scenario, node)))
            for nid, node in scenario.nodes.items()
            if node.negotiation is not None
        }
        self._node_of = {id(n.negotiation): nid for nid, n in scenario.nodes.items() if n.negotiation is not None}
        self._deals: dict[tuple[str, tuple[Value, ...]], Deals] = {}
        self._best: dict[tuple[str, str, tuple[Value, ...]], tuple[dict[str, str], bool]] = {}

    def carried_to(self, scenario: Scenario) -> Memo:
        """This memo's answers for a new version of the scenario whose tables (negotiations, issues,
        actors' values and dispositions, constraints) are the same: the caller vouches for that."""
        memo = Memo(scenario)
        memo._deals, memo._best = self._deals, self._best
        return memo

    def _key(self, nid: str, values: Values) -> tuple[Value, ...]:
        return tuple(values[name] for name in self._reads[nid])

    def deals(self, state: GameState, node: Node) -> Deals:
        """``deals`` at ``node`` in ``state``, worked out once per set of the values bargaining reads."""
        key = (node.id, self._key(node.id, state.values))
        found = self._deals.get(key)
        if found is None:
            found = self._deals[key] = deals(self.scenario, state, node, self.best_package)
        return found

    def best_package(
        self, scenario: Scenario, state: GameState, negotiation: Negotiation, actor: str
    ) -> tuple[dict[str, str], bool]:
        """``bargain.best_package``, worked out once per party and set of the values bargaining reads."""
        nid = self._node_of[id(negotiation)]
        key = (nid, actor, self._key(nid, state.values))
        found = self._best.get(key)
        if found is None:
            found = self._best[key] = bargain.best_package(scenario, state, negotiation, actor)
        return dict(found[0]), found[1]


def deal_step(scenario: Scenario, node: Node, package: Package) -> Step:
    """The stand-in step for a deal on ``package``."""
    negotiation = node.negotiation
    assert negotiation is not None
    history = historical_package(negotiation)
    historical = negotiation.deal.historical and (history is None or dict(package) == history)
    return Step(
        f"deal[{','.join(package.values())}]",
        "Deal: " + talks.describe(scenario, package),
        negotiation.deal.next,
        days=negotiation.deal.days,
        historical=historical,
    )


def no_deal_step(node: Node) -> Step:
    negotiation = node.negotiation
    assert negotiation is not None
    outlet = negotiation.no_deal
    return Step("no_deal", "No deal", outlet.next, days=outlet.days, historical=outlet.historical)


# -- sealed moves -------------------------------------------------------------------------------


def seat_key(actor: str, step: Step) -> str:
    """How a seat's choice is named among a node's steps: ``actor.choice`` (seats may share ids)."""
    return f"{actor}.{step.id}"


def combinations(seats: Sequence[tuple[str, Sequence[Step]]]) -> list[tuple[Step, ...]]:
    """Combinations of one choice per seat, at most ``MAX_COMBINATIONS`` unless more are needed to
    take every choice once: history's (or the first) combination, each choice with the others at
    history's, then the rest in order."""
    pools = [list(options) for _, options in seats]
    total = 1
    for pool in pools:
        total *= len(pool)
    if total <= MAX_COMBINATIONS:
        return list(itertools.product(*pools))
    base = [next((s for s in pool if s.historical), pool[0]) for pool in pools]
    out: dict[tuple[str, ...], tuple[Step, ...]] = {}
    out[tuple(s.id for s in base)] = tuple(base)
    for index, pool in enumerate(pools):
        for step in pool:
            combo = (*base[:index], step, *base[index + 1 :])
            out.setdefault(tuple(s.id for s in combo), combo)
    for combo in itertools.product(*pools):
        if len(out) >= MAX_COMBINATIONS:
            break
        out.setdefault(tuple(s.id for s in combo), combo)
    return list(out.values())


def seat_options(scenario: Scenario, node: Node, state: GameState, actor: str) -> list[Step]:
    """A seat's open choices; with none open, every choice (as computer players then do)."""
    seat = node.seat(actor)
    assert seat is not None
    return turns.seal_options(scenario, node, state, actor) or list(seat.choices)


def sealed_step(scenario: Scenario, node: Node, picks: Sequence[Step]) -> Step:
    """The stand-in step for one combination of sealed choices (in seat order)."""
    names = [seat_key(seat.actor, step) for seat, step in zip(node.sealed, picks, strict=True)]
    label = "; ".join(
        f"{scenario.actors[seat.actor].name}: {step.label}" for seat, step in zip(node.sealed, picks, strict=True)
    )
    return Step("+".join(names), label, "", historical=all(s.historical for s in picks))


def history_step(scenario: Scenario, node: Node) -> Step | None:
    """What history did at ``node``, as a step or a stand-in step (None where it records nothing)."""
    if node.negotiation is not None:
        if node.negotiation.no_deal.historical:
            return no_deal_step(node)
        if node.negotiation.deal.historical:
            package = historical_package(node.negotiation)
            if package is None:
                return Step("deal", "Deal", node.negotiation.deal.next, historical=True)
            return deal_step(scenario, node, package)
        return None
    if node.sealed:
        picks = [next((s for s in seat.choices if s.historical), None) for seat in node.sealed]
        chosen = [p for p in picks if p is not None]
        return sealed_step(scenario, node, chosen) if len(chosen) == len(picks) else None
    return scenario.historical_step(node)


def departing_actor(node: Node, picks: Sequence[Step]) -> str:
    """Who a sealed combination's departure from history is put down to: the first seat off history."""
    for seat, step in zip(node.sealed, picks, strict=True):
        if not step.historical:
            return seat.actor
    return node.sealed[0].actor if node.sealed else ""


# -- how many options a turn offers -------------------------------------------------------------


def open_options(scenario: Scenario, state: GameState, turn: turns.Turn) -> int:
    """How many courses ``turn`` offers its actor now: open choices at a decision or a sealed seat;
    at the table, the kinds of move allowed (propose, pass or walk; accept, reject, counter or walk)."""
    node = scenario.nodes[turn.node]
    if turn.kind == "choose":
        return len(rules.open_steps(scenario, node, state))
    if turn.kind == "seal":
        return len(turns.seal_options(scenario, node, state, turn.actor))
    negotiation = node.negotiation
    assert negotiation is not None
    proposable = any(
        not talks.term_blockers(scenario, negotiation, "propose", turn.actor, package, state)
        for package in itertools.islice(all_packages(scenario, negotiation), MAX_SCAN)
    )
    if turn.kind == "propose":
        return 2 + proposable
    offer = state.talks.offer if state.talks is not None else {}
    accept = not talks.term_blockers(scenario, negotiation, "accept", turn.actor, offer, state)
    return 2 + accept + proposable

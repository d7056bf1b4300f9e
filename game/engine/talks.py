"""The rules of a negotiation node and of a sealed move.

A negotiation runs in rounds. The proposer puts a package on the table (one option for each issue);
every other party answers it: accept, reject, counter with a package of its own, or walk away. When
all have answered, the deal is struck if enough of those whose acceptance counts have accepted (the
proposer accepts its own offer) and no term rule forbids it; otherwise the first counter-offer
becomes the next round's offer, or, with none, the next party proposes. A walk-out by a party whose
acceptance is needed, or the last round passing without a deal, ends the talks without one.

A sealed move collects one choice from each seat, hidden, and reveals them together: the choices'
effects apply in seat order, then the first ``resolve`` entry whose condition holds says where play
goes.

Like ``rules``, these functions change a ``GameState`` in place and append to an optional log.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from . import rules
from .expr import Value
from .model import Constraint, HistoricalMove, Negotiation, Node, Outlet, Scenario, Step
from .narrate import PUBLIC, render
from .rules import Happening, HappeningKind, Log
from .state import GameState, TalksState

Package = Mapping[str, str]


class TalksError(ValueError):
    """A move the table cannot take: not this party's turn, an incomplete package, a forbidden term."""


def terms_values(values: Mapping[str, Value], package: Package) -> dict[str, Value]:
    """The state's values with the package's terms in place of the issues' current values, so
    conditions over terms (bonuses, term rules) read as if the package were agreed."""
    merged: dict[str, Value] = dict(values)
    merged.update(package)
    return merged


def describe(scenario: Scenario, package: Package) -> str:
    """A package in players' words: 'Passage: Vilna corridor; Signing: at once'."""
    parts = []
    for iid, oid in package.items():
        issue = scenario.issues[iid]
        option = issue.option(oid)
        parts.append(f"{issue.title}: {option.label if option else oid}")
    return "; ".join(parts)


# -- who must act -------------------------------------------------------------------------------


def waiting(node: Node, state: GameState) -> tuple[str, ...]:
    """The actors who must act now at a negotiation or sealed node, in speaking order."""
    if node.negotiation is not None:
        talks = state.talks
        if talks is None:
            return ()
        if not talks.offer:
            return (talks.proposer,)
        return tuple(p for p in node.negotiation.parties if p != talks.proposer and p not in talks.answers)
    return tuple(seat.actor for seat in node.sealed if seat.actor not in state.picks)


# -- term rules ---------------------------------------------------------------------------------


def term_blockers(
    scenario: Scenario, negotiation: Negotiation, moment: str, actor: str, package: Package, state: GameState
) -> list[Constraint]:
    """The constraints that forbid ``actor`` to ``moment`` (propose, accept, deal) this package now."""
    values = state.values
    merged: dict[str, Value] | None = None
    out = []
    for rule in negotiation.rules:
        if rule.on != moment or (rule.actors and actor not in rule.actors):
            continue
        constraint = scenario.constraints[rule.constraint]
        if constraint.unless(values):
            continue  # the constraint does not bite now, whatever the terms
        if merged is None:
            merged = terms_values(values, package)
        if rule.terms(merged):
            out.append(constraint)
    return out


def check_package(scenario: Scenario, negotiation: Negotiation, package: Package) -> None:
    """A package names one known option for every issue on the table, and nothing else."""
    missing = [i for i in negotiation.issues if i not in package]
    extra = [i for i in package if i not in negotiation.issues]
    if missing or extra:
        raise TalksError(
            "a package names one option for each issue on the table: "
            + ", ".join(scenario.issues[i].title for i in negotiation.issues)
        )
    for iid, oid in package.items():
        if scenario.issues[iid].option(oid) is None:
            known = ", ".join(o.id for o in scenario.issues[iid].options)
            raise TalksError(f"{oid!r} is not an option of {scenario.issues[iid].title} ({known})")


# -- moves --------------------------------------------------------------------------------------


def _talks(node: Node, state: GameState) -> tuple[Negotiation, TalksState]:
    if node.negotiation is None or state.talks is None:
        raise TalksError("no negotiation is under way")
    return node.negotiation, state.talks


def propose(scenario: Scenario, state: GameState, actor: str, package: Package, log: Log, text: str = "") -> None:
    """Put a package on the table."""
    node = scenario.nodes[state.node]
    negotiation, talks = _talks(node, state)
    if talks.offer or actor != talks.proposer:
        raise TalksError(f"it is not {scenario.actors[actor].name}'s turn to propose")
    check_package(scenario, negotiation, package)
    blocked = term_blockers(scenario, negotiation, "propose", actor, package, state)
    if blocked:
        raise TalksError(" ".join(f"{c.title}: {c.explanation}" for c in blocked))
    talks.offer = dict(package)
    talks.answers, talks.counters = {}, {}
    state.turn += 1
    if not _follows_history(negotiation, talks, actor, "propose", package):
        state.leave_history()
    if log is not None:
        _log(
            log,
            "offer",
            state,
            f"{scenario.actors[actor].name} proposes",
            describe(scenario, package),
            actor,
            node,
            text,
            "propose",
        )


def answer(
    scenario: Scenario,
    state: GameState,
    actor: str,
    kind: str,
    log: Log,
    package: Package | None = None,
    text: str = "",
) -> None:
    """Answer the offer on the table: accept, reject, counter (with ``package``) or walk away; or
    pass: to a proposer, make no offer; to an offer, make no answer (refer it home, as history records
    of envoys without powers), which leaves it unaccepted like a rejection."""
    node = scenario.nodes[state.node]
    negotiation, talks = _talks(node, state)
    if actor not in waiting(node, state):
        raise TalksError(f"it is not {scenario.actors[actor].name}'s turn at the table")
    if not talks.offer and kind not in ("walk", "pass"):
        raise TalksError(f"{scenario.actors[actor].name} is to propose: there is no offer to {kind}")
    if kind == "accept":
        blocked = term_blockers(scenario, negotiation, "accept", actor, talks.offer, state)
        if blocked:
            raise TalksError(" ".join(f"{c.title}: {c.explanation}" for c in blocked))
    elif kind == "counter":
        if package is None:
            raise TalksError("a counter-offer needs a package")
        check_package(scenario, negotiation, package)
        blocked = term_blockers(scenario, negotiation, "propose", actor, package, state)
        if blocked:
            raise TalksError(" ".join(f"{c.title}: {c.explanation}" for c in blocked))
        talks.counters[actor] = dict(package)
    elif kind not in ("reject", "walk", "pass"):
        raise TalksError(f"{kind!r} is not an answer: accept, reject, counter or walk (or pass, to propose nothing)")
    talks.answers[actor] = kind
    state.turn += 1
    if not _follows_history(negotiation, talks, actor, kind, package or {}):
        state.leave_history()
    if log is not None:
        words = {
            "accept": "accepts",
            "reject": "rejects the offer",
            "counter": "counters",
            "walk": "walks away",
            "pass": "makes no answer" if talks.offer else "makes no offer",
        }[kind]
        detail = describe(scenario, package) if kind == "counter" and package else ""
        _log(log, "answer", state, f"{scenario.actors[actor].name} {words}", detail, actor, node, text, kind)
    if not talks.offer or not waiting(node, state):
        _close_round(scenario, state, node, negotiation, talks, log)


def historical_move(negotiation: Negotiation, talks: TalksState, actor: str) -> HistoricalMove | None:
    """What history records as this party's next move at this table, if anything."""
    own = negotiation.history_of(actor)
    made = talks.made.get(actor, 0)
    return own[made] if made < len(own) else None


def _follows_history(negotiation: Negotiation, talks: TalksState, actor: str, kind: str, package: Package) -> bool:
    """Whether this move is the one history records next for the party; counts the move made. To an
    offer, rejecting and making no answer are the same move (neither accepts nor counters): a person
    who rejects where the record says the envoy referred the offer home has not left history."""
    expected = historical_move(negotiation, talks, actor)
    talks.made[actor] = talks.made.get(actor, 0) + 1
    if expected is None:
        return False
    same = expected.move == kind or (bool(talks.offer) and {expected.move, kind} == {"reject", "pass"})
    return same and (not expected.terms or dict(expected.terms) == dict(package))


def deal_reached(scenario: Scenario, negotiation: Negotiation, talks: TalksState, state: GameState) -> bool:
    """Enough of those whose acceptance counts have accepted. The proposer accepts its own offer,
    unless a term rule forbids it to accept those terms (an envoy may propose what it may not sign)."""
    own = (
        set()
        if term_blockers(scenario, negotiation, "accept", talks.proposer, talks.offer, state)
        else {talks.proposer}
    )
    return _enough(negotiation, talks, own)


def _enough(negotiation: Negotiation, talks: TalksState, also: set[str]) -> bool:
    accepted = {a for a, k in talks.answers.items() if k == "accept"} | also
    return sum(1 for a in negotiation.needs if a in accepted) >= negotiation.needs_count


def _close_round(
    scenario: Scenario, state: GameState, node: Node, negotiation: Negotiation, talks: TalksState, log: Log
) -> None:
    if any(k == "walk" and a in negotiation.needs for a, k in talks.answers.items()):
        _leave(scenario, state, negotiation.no_deal, log, "no_deal", "The talks break down")
        return
    own = term_blockers(scenario, negotiation, "accept", talks.proposer, talks.offer, state) if talks.offer else []
    if own and log is not None and _enough(negotiation, talks, {talks.proposer}):
        why = " ".join(f"{c.title}: {c.explanation}" for c in own)
        log.append(Happening("answer", state.day, "The terms cannot hold", why, actor=talks.proposer, node=node.id))
    if talks.offer and deal_reached(scenario, negotiation, talks, state):
        blocked = term_blockers(scenario, negotiation, "deal", talks.proposer, talks.offer, state)
        if not blocked:
            for iid, oid in talks.offer.items():
                state.values[iid] = oid
            title = "Agreement: " + describe(scenario, talks.offer) if log is not None else ""
            _leave(scenario, state, negotiation.deal, log, "deal", title)
            return
        if log is not None:
            why = " ".join(f"{c.title}: {c.explanation}" for c in blocked)
            log.append(Happening("answer", state.day, "The terms cannot hold", why, node=node.id))
    talks.round += 1
    if talks.round > negotiation.rounds:
        _leave(scenario, state, negotiation.no_deal, log, "no_deal", "The talks end without agreement")
        return
    countered = next((p for p in negotiation.parties if p in talks.counters), "")
    if countered:
        talks.proposer, talks.offer = countered, dict(talks.counters[countered])
        if log is not None:
            name = scenario.actors[countered].name
            title = f"Round {talks.round}: {name}'s counter-offer is on the table"
            log.append(
                Happening("offer", state.day, title, describe(scenario, talks.offer), actor=countered, node=node.id)
            )
    else:
        parties = negotiation.parties
        talks.proposer = parties[(parties.index(talks.proposer) + 1) % len(parties)]
        talks.offer = {}
    talks.answers, talks.counters = {}, {}


def settled_issues(scenario: Scenario, log: Iterable[Happening]) -> frozenset[str]:
    """The issues some deal has settled so far (read from the game's log: the state keeps only the
    agreed options, and an option agreed may be the status quo itself)."""
    settled: set[str] = set()
    for happening in log:
        node = scenario.nodes.get(happening.node) if happening.kind == "deal" else None
        if node is not None and node.negotiation is not None:
            settled.update(node.negotiation.issues)
    return frozenset(settled)


def conclude(scenario: Scenario, state: GameState, package: Package | None, log: Log) -> None:
    """End the negotiation under way at once: with ``package`` as the deal, or without one (None)."""
    node = scenario.nodes[state.node]
    negotiation = node.negotiation
    assert negotiation is not None
    if package is None:
        _leave(scenario, state, negotiation.no_deal, log, "no_deal", "The talks end without agreement")
        return
    for iid, oid in package.items():
        state.values[iid] = oid
    _leave(scenario, state, negotiation.deal, log, "deal", "Agreement: " + describe(scenario, package) if log else "")


# -- sealed moves -------------------------------------------------------------------------------


def seal(scenario: Scenario, state: GameState, actor: str, step: Step, log: Log) -> bool:
    """Record one seat's hidden choice; reveal and resolve when every seat has chosen. Returns
    whether the move was revealed."""
    node = scenario.nodes[state.node]
    seat = node.seat(actor)
    if seat is None or actor in state.picks:
        raise TalksError(f"{scenario.actors[actor].name} has no sealed choice to make here")
    if step not in seat.choices:
        raise TalksError(f"{step.id!r} is not one of {scenario.actors[actor].name}'s choices here")
    state.picks[actor] = step.id
    state.turn += 1
    if not step.historical:
        state.leave_history()
    if waiting(node, state):
        if log is not None:
            log.append(
                Happening("sealed", state.day, f"{scenario.actors[actor].name} has chosen", actor=actor, node=node.id)
            )
        return False
    taken_on = state.day
    for seat in node.sealed:
        chosen = next(s for s in seat.choices if s.id == state.picks[seat.actor])
        for effect in chosen.effects:
            effect(state.values)
        if log is not None:
            log.append(
                Happening(
                    "decision",
                    taken_on,
                    chosen.label,
                    render(chosen.text, chosen.text_parts, state.values, PUBLIC),
                    actor=seat.actor,
                    node=node.id,
                    step=chosen.id,
                    source=chosen.source,
                    historical=chosen.historical,
                    effects=chosen.effect_texts,
                )
            )
    state.picks = {}
    outlet = next((o for o in node.resolve if o.condition is None or o.condition(state.values)), None)
    if outlet is None:
        rules.end(scenario, state, scenario.fallback_outcome, log, "stuck", "No way on was open after the reveal.")
        return True
    _leave(scenario, state, outlet, log, "reveal", "")
    return True


# -- leaving a node -----------------------------------------------------------------------------


def _leave(scenario: Scenario, state: GameState, outlet: Outlet, log: Log, kind: HappeningKind, title: str) -> None:
    """Take an outlet: its effects, its days, then on to where it leads."""
    node_id = state.node
    state.talks = None
    taken_on = state.day
    text = render(outlet.text, outlet.text_parts, state.values, PUBLIC) if log is not None else ""
    for effect in outlet.effects:
        effect(state.values)
    if outlet.days:
        rules.set_day(scenario, state, state.day + outlet.days)
    if log is not None and (title or text):
        log.append(
            Happening(
                kind,
                taken_on,
                title or "",
                text,
                node=node_id,
                source=outlet.source,
                historical=outlet.historical,
                effects=outlet.effect_texts,
            )
        )
    rules.move(scenario, state, outlet.next, log, taken_on + 1 if outlet.days else taken_on)


def _log(
    log: Log,
    kind: HappeningKind,
    state: GameState,
    title: str,
    detail: str,
    actor: str,
    node: Node,
    text: str,
    move: str = "",
) -> None:
    """A line of the table's history; ``move`` (in ``step``) names the talk move that made it."""
    if log is not None:
        # The terms first, then the mover's reason on a line of its own (views may hide the reason).
        body = detail + ("\n" + text if text else "")
        log.append(Happening(kind, state.day, title, body, actor=actor, node=node.id, step=move))

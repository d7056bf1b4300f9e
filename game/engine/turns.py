"""Whose turn it is, at any kind of node, and how a computer player takes it.

A decision waits for one actor; a negotiation for the proposer, then for every party that has not
answered; a sealed move for every seat that has not chosen. ``Game`` and the fast tools
(``autoplay``, ``foresight``, ``simulate``) all go through these functions, so a negotiation or a
sealed move plays the same everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from . import rules, talks
from .model import Node, Scenario, Step
from .rules import Log
from .state import GameState
from .wording import as_recorded

TURN_KINDS = ("choose", "propose", "answer", "seal")


@dataclass(frozen=True)
class Turn:
    """One actor's pending move: ``kind`` is one of TURN_KINDS."""

    actor: str
    kind: str
    node: str


@dataclass(frozen=True)
class TableMove:
    """A move at a negotiation or sealed node: ``move`` is a talk move or the sealed choice's id."""

    actor: str
    move: str
    package: Mapping[str, str] = field(default_factory=dict)
    reason: str = ""


def pending(scenario: Scenario, state: GameState) -> tuple[Turn, ...]:
    """Every actor who must act now, in speaking order (empty when the game is over)."""
    if state.outcome or not state.node:
        return ()
    node = scenario.nodes[state.node]
    if node.negotiation is not None:
        kind = "answer" if state.talks is not None and state.talks.offer else "propose"
        return tuple(Turn(a, kind, node.id) for a in talks.waiting(node, state))
    if node.sealed:
        return tuple(Turn(a, "seal", node.id) for a in talks.waiting(node, state))
    if node.is_chance:
        return ()
    return (Turn(node.actor, "choose", node.id),)


def seal_options(scenario: Scenario, node: Node, state: GameState, actor: str) -> list[Step]:
    """A seat's open choices in a sealed move (visible and not blocked)."""
    seat = node.seat(actor)
    if seat is None:
        return []
    values = state.values
    return [
        s
        for s in seat.choices
        if (s.condition is None or s.condition(values))
        and not any(not scenario.constraints[c].unless(values) for c in s.constraints)
    ]


def apply(scenario: Scenario, state: GameState, move: TableMove, log: Log, pick: rules.Picker) -> None:
    """Carry out a move at a negotiation or sealed node, then settle any chance that follows."""
    node = scenario.nodes[state.node]
    if node.negotiation is not None:
        if move.move == "propose":
            talks.propose(scenario, state, move.actor, move.package, log, move.reason)
        else:
            talks.answer(scenario, state, move.actor, move.move, log, move.package or None, move.reason)
    else:
        seat = node.seat(move.actor)
        step = next((s for s in seat.choices if s.id == move.move), None) if seat else None
        if step is None:
            raise talks.TalksError(f"{move.move!r} is not a choice of {move.actor!r} here")
        talks.seal(scenario, state, move.actor, step, log)
    rules.settle(scenario, state, log, pick)


# -- computer players at the table ----------------------------------------------------------------


def historical_table_move(scenario: Scenario, state: GameState, turn: Turn) -> TableMove | None:
    """What history records for this actor now, if the game still follows history and it is legal."""
    if state.off_history:
        return None
    node = scenario.nodes[turn.node]
    if node.negotiation is not None and state.talks is not None:
        recorded = talks.historical_move(node.negotiation, state.talks, turn.actor)
        answers = ("accept", "reject", "counter", "walk", "pass")  # pass: no answer, the offer referred home
        allowed = ("propose", "walk", "pass") if turn.kind == "propose" else answers
        if recorded is None or recorded.move not in allowed:
            return None
        if recorded.move == "accept":
            forbidden = talks.term_blockers(scenario, node.negotiation, "accept", turn.actor, state.talks.offer, state)
        elif recorded.move in ("propose", "counter"):
            forbidden = talks.term_blockers(scenario, node.negotiation, "propose", turn.actor, recorded.terms, state)
        else:
            forbidden = []
        if forbidden:  # a term rule binds the actor now (a game started partway): play it, not the record
            return None
        return TableMove(turn.actor, recorded.move, dict(recorded.terms), recorded.text or as_recorded(scenario))
    if node.sealed:
        step = next((s for s in seal_options(scenario, node, state, turn.actor) if s.historical), None)
        return TableMove(turn.actor, step.id, reason=as_recorded(scenario)) if step else None
    return None

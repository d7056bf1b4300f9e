"""A played game beside the historical path, for the transcripts and the class report.

Both paths are sequences of recorded moves (decisions and chance results); where they part is the
engine's turning point (``engine.history``), the same rule the window's debrief uses. Side by side,
the two are read pair by pair only that far (``paired_length``): after it, one path may take a
decision the other never meets, so the same position in each is no longer the same situation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from ..engine import Move, Node, Scenario
from ..engine import Step as ScenarioStep
from ..engine.history import aligned_history, turning_point
from ..engine.wording import long_date

ENDED_EARLY = "this game ended before history's did"  # the turning point of a game that ended on history's road
TALK_WORDS = {
    "propose": "proposes",
    "accept": "accepts",
    "reject": "rejects the offer",
    "counter": "counters",
    "walk": "walks away",
    "pass": "passes",  # no offer, or no answer to one: the move alone does not say which
}


def paired_length(played: list[Move], history: list[Move]) -> int:
    """How many moves of the two paths can be read side by side, pair by pair.

    That is the common prefix and, when both paths are then at the same node, the turning point
    itself (the same decision, another choice). After it the paths go their own ways: the same
    position in two lists is no longer the same situation, so they are not paired. (Whether the
    played game is finished makes no difference: a path that is the start of history's is paired
    whole either way.)"""
    turn = turning_point(played, history, finished=True)
    history = aligned_history(played, history)
    if turn is None:
        return min(len(played), len(history))
    if turn < len(played) and turn < len(history) and played[turn].node == history[turn].node:
        return turn + 1
    return turn


@dataclass(frozen=True)
class Step:
    """One move as it reads in a comparison: date, who, the situation and what was taken."""

    date: dt.date
    node: str
    node_title: str
    actor: str  # actor name, or "" for chance
    step: str
    label: str
    chance: bool


def terms_words(scenario: Scenario, package: Mapping[str, str]) -> str:
    """A package in players' words: 'Passage: A narrow corridor; Signing: Later' (unknown ids as they are)."""
    parts = []
    for iid, oid in package.items():
        issue = scenario.issues.get(iid)
        option = issue.option(oid) if issue else None
        parts.append(f"{issue.title if issue else iid}: {option.label if option else oid}")
    return "; ".join(parts)


def _label(scenario: Scenario, node: Node | None, move: Move) -> str:
    """What the move took, in words: a choice's or branch's label, a sealed choice, or a talk move with its terms."""
    if node is None:
        return move.step
    if node.negotiation is not None:
        words = TALK_WORDS.get(move.step, move.step)
        return f"{words}: {terms_words(scenario, move.terms)}" if move.terms else words
    return step_label(node, move.actor, move.step)


def step_label(node: Node, actor: str, step_id: str) -> str:
    """A choice's or branch's label at ``node`` (a sealed seat's own choices for ``actor``), or the id."""
    seat = node.seat(actor)
    step = next((s for s in seat.choices if s.id == step_id), None) if seat else node.step(step_id)
    return step.label if step else step_id


def historical_choice(node: Node, actor: str) -> ScenarioStep | None:
    """What history did at a decision or chance node, or at a sealed move what ``actor``'s seat did
    (None at a negotiation: history there is a run of talk moves, not one choice)."""
    seat = node.seat(actor)
    choices = seat.choices if seat else node.steps
    return next((step for step in choices if step.historical), None)


def who_moves(scenario: Scenario, node: Node) -> str:
    """Who acts at a node, in words: its actor, the table, the secret choices, or chance."""
    if node.negotiation is not None:
        return "at the table"
    if node.sealed:
        return "secret choices"
    actor = scenario.actors.get(node.actor)
    return actor.name if actor else "chance"


def describe(scenario: Scenario, move: Move) -> Step:
    """A move in words (ids that no longer exist in the scenario are shown as they are)."""
    node = scenario.nodes.get(move.node)
    actor = scenario.actors.get(move.actor)
    return Step(
        scenario.date_of(move.day),
        move.node,
        node.title if node else move.node,
        actor.name if actor else "",
        move.step,
        _label(scenario, node, move),
        move.by == "chance",
    )


def parting_words(step: Step) -> str:
    """How the turning point reads: who (or chance) took another way, and where."""
    who = "Chance" if step.chance else step.actor
    return f"{long_date(step.date)}, {step.node_title}: {who} — {step.label}"

"""A played game beside the historical path: where they parted (the turning point).

Both paths are sequences of recorded moves (decisions and chance results). Under the same lens the
rules are deterministic, so the two agree move for move until the first move that differs: that is
the turning point. Side by side, the two are read pair by pair only that far (``paired_length``):
after it, one path may take a decision the other never meets, so the same position in each is no
longer the same situation. The historical path is played once per (scenario, lens) and cached, so a
class report of many saves pays for it once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..engine import Game, Move, Scenario
from ..terminal.replay import historical_game

_CACHE: dict[tuple[str, str, str], Game] = {}


def historical_path(scenario: Scenario, lens: str) -> Game:
    """The finished historical game under ``lens`` (shared: do not change it)."""
    key = (scenario.id, scenario.content_hash, lens)
    game = _CACHE.get(key)
    if game is None or game.scenario is not scenario:
        game = historical_game(scenario, lens or None)
        game.play_until_human()
        if len(_CACHE) > 32:
            _CACHE.clear()
        _CACHE[key] = game
    return game


def turning_point(played: list[Move], history: list[Move]) -> int | None:
    """The index of the first move where the played path left history; None if it never did."""
    for index, (mine, theirs) in enumerate(zip(played, history, strict=False)):
        if (mine.node, mine.step) != (theirs.node, theirs.step):
            return index
    if len(played) > len(history):
        return len(history)
    return None


def paired_length(played: list[Move], history: list[Move]) -> int:
    """How many moves of the two paths can be read side by side, pair by pair.

    That is the common prefix and, when both paths are then at the same node, the turning point
    itself (the same decision, another choice). After it the paths go their own ways: the same
    position in two lists is no longer the same situation, so they are not paired."""
    turn = turning_point(played, history)
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


def describe(scenario: Scenario, move: Move) -> Step:
    """A move in words (ids that no longer exist in the scenario are shown as they are)."""
    node = scenario.nodes.get(move.node)
    step = node.step(move.step) if node else None
    actor = scenario.actors.get(move.actor)
    return Step(
        scenario.date_of(move.day),
        move.node,
        node.title if node else move.node,
        actor.name if actor else "",
        move.step,
        step.label if step else move.step,
        move.by == "chance",
    )


def parting_words(step: Step) -> str:
    """How the turning point reads: who (or chance) took another way, and where."""
    who = "Chance" if step.chance else step.actor
    return f"{step.date.day} {step.date:%B %Y}, {step.node_title}: {who} — {step.label}"

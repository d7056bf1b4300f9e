"""How long a lesson's play takes, counted from the scenario's historical path rather than written
down by hand, so the pack's figures (and the tests that hold the teacher's guide to them) follow the
scenario when its path changes.

A hot-seat class makes every move in turn, each after a hand-over; a networked class makes each round
of secret choices at once, as one turn. A turn's clock is a ceiling: the figures are the most play can
take on history's path, without pauses. A game that leaves history can take more (a sitting at the
table may run to several rounds).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from ..engine.history import played_history
from ..engine.model import Scenario

HANDOVER_SECONDS = 10  # passing the computer to the next group in hot seat
CLOCKS = (45, 60, 90)  # the turn clocks the lesson plans use, in seconds


@dataclass(frozen=True)
class PlayLength:
    """The moves on the historical path that people make, by kind."""

    decisions: int  # every decision that is not at the table, secret choices included
    sealed: int  # of them, the secret choices
    sealed_rounds: int  # the rounds of secret choices (each revealed together)
    table: int  # offers, answers and passes at the table

    @property
    def moves(self) -> int:
        """Moves in sequence on one computer (hot seat)."""
        return self.decisions + self.table

    @property
    def turns(self) -> int:
        """Turns on a networked class: each round of secret choices is made at once, as one turn."""
        return self.moves - self.sealed + self.sealed_rounds


NO_MOVES = PlayLength(0, 0, 0, 0)


def play_length(scenario: Scenario, computer: Iterable[str] = ()) -> PlayLength:
    """The historical path's moves that people make when the computer plays ``computer`` (actor ids)."""
    left_out = set(computer)
    decisions = sealed = rounds = table = 0
    last_round = ""
    for move in played_history(scenario).moves:
        node = scenario.nodes.get(move.node)
        if node is None or not move.actor or move.by == "chance" or move.actor in left_out:
            continue
        if node.negotiation is not None:
            table += 1
            continue
        decisions += 1
        if node.sealed:
            sealed += 1
            key = f"{move.node}@{move.day}"
            rounds += key != last_round
            last_round = key
    return PlayLength(decisions, sealed, rounds, table)


def hot_seat_minutes(length: PlayLength, clock: int) -> int:
    """The most play takes on one computer with a ``clock``-second turn clock, hand-overs included."""
    return math.ceil(length.moves * (clock + HANDOVER_SECONDS) / 60)


def networked_minutes(length: PlayLength, clock: int) -> int:
    """The most play takes with every group on its own device and a ``clock``-second turn clock."""
    return math.ceil(length.turns * clock / 60)

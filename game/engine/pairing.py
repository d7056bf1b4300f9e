"""Which stored move made which line of a game's log: transcripts name who chose and why on each line,
and a hosted class marks the lines its turn clock made, so both must pair lines with moves alike."""

from __future__ import annotations

from collections.abc import Sequence

from .game import Move
from .model import Scenario
from .rules import Happening

MOVE_KINDS = ("decision", "offer", "answer", "sealed")  # the log lines a seat's own move may make


def move_lines(scenario: Scenario, log: Sequence[Happening], moves: Sequence[Move]) -> dict[int, int]:
    """Each log line a move made, by the line's index: the index of that move in ``moves``.

    Moves are read in order (chance draws aside). A decision's line takes the next move; an offer or
    an answer takes the next move when it is that delegation's talk move named in the line; a sealed
    choice takes its move at its ``has chosen`` line and again at its revealed choice (the last seat
    to choose, whose move comes at the reveal, takes it there). Lines no move made (a deal, a
    counter-offer put on the table, terms that cannot hold) take none."""
    made = [(number, m) for number, m in enumerate(moves) if m.by != "chance"]
    position = 0
    hidden: dict[tuple[str, str], int] = {}  # (node, actor) -> a sealed move awaiting its reveal
    pairs: dict[int, int] = {}
    for index, line in enumerate(log):
        if line.kind not in MOVE_KINDS:
            continue
        node = scenario.nodes.get(line.node)
        sealed = node is not None and node.kind == "sealed"
        if line.kind == "decision" and sealed and (line.node, line.actor) in hidden:
            pairs[index] = hidden.pop((line.node, line.actor))
            continue
        if position >= len(made):
            continue
        number, move = made[position]
        if line.kind == "decision" and not sealed:
            position += 1
            pairs[index] = number
            continue
        if (move.node, move.actor) != (line.node, line.actor):
            continue
        if line.kind in ("offer", "answer") and (not line.step or move.step != line.step):
            continue
        position += 1
        if line.kind == "sealed":
            hidden[(line.node, line.actor)] = number
        pairs[index] = number
    return pairs

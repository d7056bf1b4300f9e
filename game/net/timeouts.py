"""What the turn clock did for a seat, in words that never read as the students' own choice: the log
line of a move the clock made, as its seat and the rest of the table read it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..classroom.pace import COMPUTER
from ..engine.game import Move
from ..engine.model import Scenario
from ..engine.rules import Happening

MOVE_KINDS = ("decision", "offer", "answer", "sealed")  # the log lines of a seat's own move
Base = tuple[str, str, str, str]  # a log line's kind, date (ISO), title and actor
Key = tuple[str, str, str, str, int]  # and how many lines alike came before it: one line of the log

# (for the seat, for everyone else), by what the clock did
WORDS: dict[str, tuple[str, str]] = {
    "kept": ("kept as it was for you", "kept as it was"),
    "computer": ("chosen for you by the computer", "chosen by the computer"),
    "answer": ("the offer lapsed for you, as a rejection", "the offer lapsed, as a rejection"),
    "propose": ("no offer was made for you: the turn passed", "no offer was made: the turn passed"),
}


@dataclass(frozen=True)
class TimedOut:
    """A log line the clock made for ``seat``: found again in a view by ``key`` (``line_keys``)."""

    key: Key
    seat: str
    title: str
    how: str  # a key of WORDS
    move: int  # the move's index in the game's moves

    def heading(self, heading: str, viewer: str) -> str:
        """The line's heading (``heading``: as players read it) saying time ran out, and what was done."""
        own, others = WORDS[self.how]
        return f"Time ran out: {heading} ({own if viewer == self.seat else others})"

    def notice(self) -> str:
        """What the seat's own page says at its turn until it acts again."""
        return f"Time ran out: “{self.title}” ({WORDS[self.how][0]})."


def line_keys(bases: Iterable[Base]) -> list[Key]:
    """Each line's key: its kind, date, title and actor, and how many lines alike came before it (a
    seat may pass twice in a day, once for itself and once when time ran out)."""
    seen: dict[Base, int] = {}
    keys = []
    for base in bases:
        keys.append((*base, seen.get(base, 0)))
        seen[base] = seen.get(base, 0) + 1
    return keys


def happening_keys(scenario: Scenario, log: list[Happening]) -> list[Key]:
    return line_keys((h.kind, scenario.date_of(h.day).isoformat(), h.title, h.actor) for h in log)


def clock_marks(scenario: Scenario, log: list[Happening], moves: list[Move], rule: str) -> dict[Key, TimedOut]:
    """The log lines the clock made, read from the moves as stored: in class a move made in a seat on
    its behalf (``proxy``) is one made when time ran out, so a restarted host marks the same lines.
    ``rule`` is the class's rule at a decision (``pace``)."""
    if not any(m.by == "proxy" for m in moves):
        return {}
    keys = happening_keys(scenario, log)
    marks: dict[Key, TimedOut] = {}
    for index, number in _own_lines(scenario, log, moves):
        move = moves[number]
        if move.by == "proxy":
            marks[keys[index]] = TimedOut(keys[index], move.actor, log[index].title, _how(scenario, move, rule), number)
    return marks


def _how(scenario: Scenario, move: Move, rule: str) -> str:
    """What the clock did (a key of WORDS): a decision by the class's ``rule``; at the table an answer
    lapses, a proposer passes, a sealed seat keeps its status quo."""
    node = scenario.nodes.get(move.node)
    if node is None or node.kind == "decision":
        return "computer" if rule == COMPUTER else "kept"
    if node.kind == "negotiation":
        return "propose" if move.step == "pass" else "answer"
    return "kept"


def _own_lines(scenario: Scenario, log: list[Happening], moves: list[Move]) -> Iterator[tuple[int, int]]:
    """Each move's own line in ``log``: the line's index and the move's, paired as the transcripts
    pair them. A decision's line takes the next move; an offer or answer the next move when it is
    that delegation's talk move named in the line; a sealed choice its ``has chosen`` line, or for the
    last seat to choose, its revealed choice. Lines no move made (a deal, a counter-offer put on the
    table, terms that cannot hold), and a revealed choice paired already, take none."""
    made = [(number, m) for number, m in enumerate(moves) if m.by != "chance"]
    position = 0
    hidden: set[tuple[str, str]] = set()  # (node, actor): a sealed choice paired, awaiting its reveal
    for index, line in enumerate(log):
        node = scenario.nodes.get(line.node)
        sealed = node is not None and node.kind == "sealed"
        if line.kind == "decision" and sealed and (line.node, line.actor) in hidden:
            hidden.discard((line.node, line.actor))
            continue
        if line.kind not in MOVE_KINDS or position >= len(made):
            continue
        number, move = made[position]
        if line.kind == "decision" and not sealed:
            position += 1
            yield index, number
            continue
        if (move.node, move.actor) != (line.node, line.actor):
            continue
        if line.kind in ("offer", "answer") and (not line.step or move.step != line.step):
            continue
        position += 1
        if line.kind == "sealed":
            hidden.add((line.node, line.actor))
        yield index, number

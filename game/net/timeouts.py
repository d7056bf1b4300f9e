"""What the turn clock did for a seat, in words that never read as the students' own choice: the log
line of a move the clock made, as its seat and the rest of the table read it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..classroom.pace import COMPUTER
from ..engine.game import Move
from ..engine.model import Scenario
from ..engine.pairing import move_lines
from ..engine.rules import Happening

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
    marked: set[int] = set()
    for index, number in move_lines(scenario, log, moves).items():
        move = moves[number]
        if move.by == "proxy" and number not in marked:  # a sealed move's line, not its reveal too
            marked.add(number)
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

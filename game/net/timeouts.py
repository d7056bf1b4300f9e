"""What the turn clock did for a seat, in words that never read as the students' own choice: the log
line of a move the clock made, as its seat and the rest of the table read it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..classroom.pace import COMPUTER
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


def timed_out(
    scenario: Scenario, log: list[Happening], happened: list[Happening], seat: str, turn: str, rule: str
) -> TimedOut | None:
    """The clock's move for ``seat`` among ``happened`` (the latest lines of the game's ``log``);
    ``turn`` is what was due: ``decision`` (the class's ``rule`` chose), ``answer``, ``propose`` or
    ``seal`` (the status quo)."""
    made = next((h for h in happened if h.actor == seat and h.kind in MOVE_KINDS), None)
    index = next((i for i, h in enumerate(log) if h is made), None)
    if made is None or index is None:
        return None
    how = "computer" if turn == "decision" and rule == COMPUTER else turn if turn in ("answer", "propose") else "kept"
    return TimedOut(happening_keys(scenario, log)[index], seat, made.title, how)

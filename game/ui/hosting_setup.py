"""What the hosting screen offers a teacher before a class starts, in the teacher's words: the
scenario, the lens, one game for every table or a different one at each, how many tables (or a
class dealt out evenly), minutes per turn, what happens when time runs out, and which delegations
the computer plays. No pygame here: the choices and their words are tested without a window.
"""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass, field
from pathlib import Path

from ..classroom.pace import COMPUTER, RULES
from ..engine import Scenario
from ..net import option_help
from ..net.room import ClassOptions, tables_for
from ..net.running import HostRequest
from .classroom import rule_button, time_limit_name
from .story import counted, esc

TABLE_COUNTS = tuple(range(1, 13))
CLASS_SIZES = (10, 15, 20, 25, 30, 35)  # students, for a class dealt out evenly
MINUTES = (0, 0.75, 1, 1.5, 2, 4, 6, 10)  # for each turn (0.75: 45 seconds); 0: no clock
TableChoice = tuple[int, int]  # (tables, 0) or (0, students)
TABLE_CHOICES: tuple[TableChoice, ...] = tuple((n, 0) for n in TABLE_COUNTS) + tuple((0, s) for s in CLASS_SIZES)


def _cycle(values: tuple[object, ...], current: object) -> int:
    """The index after ``current`` in ``values`` (round the list; the first when it is not there)."""
    return (values.index(current) + 1) % len(values) if current in values else 0


@dataclass
class ClassSetup:
    """The teacher's choices for a class, starting from what ``host`` was asked (or its defaults)."""

    path: Path
    scenario: Scenario
    tables: int = 2
    students: int = 0  # more than 0: deal this many students out evenly instead of ``tables``
    same_game: bool = False
    lens: str = ""  # '' for the scenario's own default
    minutes: float = 0
    rule: str = COMPUTER
    computer: set[str] = field(default_factory=set)  # the delegations the computer plays
    seed: int = field(default_factory=lambda: random.SystemRandom().randrange(1, 1_000_000))

    @classmethod
    def of(cls, request: HostRequest, scenario: Scenario) -> ClassSetup:
        options = request.options
        people = set(options.people or scenario.actors)
        return cls(
            Path(request.scenario),
            scenario,
            options.tables,
            0,
            options.same_game,
            options.lens if options.lens in scenario.lenses else "",
            options.minutes,
            options.rule,
            {a for a in scenario.actors if a not in people},
            options.seed,
        )

    # -- changing a choice -------------------------------------------------------------------------

    def use_scenario(self, path: Path, scenario: Scenario) -> None:
        """Another scenario: its own default lens, and students at every delegation."""
        self.path, self.scenario, self.lens, self.computer = path, scenario, "", set()

    def next_tables(self) -> None:
        index = _cycle(TABLE_CHOICES, (self.tables if not self.students else 0, self.students))
        choice = TABLE_CHOICES[index]
        self.tables, self.students = (choice[0], 0) if choice[0] else (self.tables, choice[1])

    def next_lens(self) -> None:
        lenses = tuple(self.scenario.lenses)
        if lenses:
            self.lens = lenses[_cycle(lenses, self.chosen_lens)]

    def next_minutes(self) -> None:
        self.minutes = MINUTES[_cycle(MINUTES, self.minutes)]

    def next_rule(self) -> None:
        self.rule = RULES[_cycle(RULES, self.rule)]

    def toggle_same_game(self) -> None:
        self.same_game = not self.same_game

    def toggle_computer(self, actor: str) -> bool:
        """The computer takes ``actor`` over, or gives it back to the students; False (nothing
        changed) for the last delegation students play, since a class needs a seat to join."""
        if actor in self.computer:
            self.computer.discard(actor)
            return True
        if len(self.people) <= 1:
            return False
        self.computer.add(actor)
        return True

    # -- what is chosen ------------------------------------------------------------------------------

    @property
    def chosen_lens(self) -> str:
        return self.lens or self.scenario.default_lens or next(iter(self.scenario.lenses), "")

    @property
    def people(self) -> tuple[str, ...]:
        return tuple(a for a in self.scenario.actors if a not in self.computer)

    @property
    def table_count(self) -> int:
        return min(max(TABLE_COUNTS), tables_for(self.students, len(self.people))) if self.students else self.tables

    def request(self, asked: HostRequest) -> HostRequest:
        """What to host: these choices, served where ``host`` asked (port, name, this computer only)."""
        options = ClassOptions(
            self.table_count,
            self.people,
            self.seed,
            self.lens,
            self.minutes,
            asked.options.reasons,
            self.rule,
            self.same_game,
        )
        return dataclasses.replace(asked, scenario=str(self.path), options=options, resume="")

    # -- in words, for the buttons and their tool tips -------------------------------------------------

    def tables_label(self) -> str:
        if self.students:
            count = self.table_count
            return f"Deal out {counted(self.students, 'student')}: {counted(count, 'table')}"
        return f"Tables: {self.tables}"

    def lens_label(self) -> str:
        lens = self.scenario.lenses.get(self.chosen_lens)
        return f"Lens: {lens.name}" if lens is not None else "Lens: none"

    def game_label(self) -> str:
        return "The same game at every table" if self.same_game else "A different game at each table"

    def minutes_label(self) -> str:
        return f"Clock per turn: {time_limit_name(round(self.minutes * 60)).lower() if self.minutes else 'none'}"

    def rule_label(self) -> str:
        return f"Time runs out: {rule_button(self.rule)}"

    def seat_label(self, actor: str) -> str:
        who = "computer" if actor in self.computer else "students"
        return f"{self.scenario.actors[actor].name}: {who}"

    def tip(self, key: str) -> str:
        """The tool tip of a choice: the ``host`` option it is, and what it does."""
        lens = self.scenario.lenses.get(self.chosen_lens)
        tips = {
            "scenario": ("SCENARIO", option_help.SCENARIO),
            "lens": ("--lens", option_help.LENS + (f". {lens.text}" if lens else "")),
            "same_game": ("--same-game", option_help.SAME_GAME + "; otherwise each table plays its own game"),
            "tables": ("--tables / --students", f"{option_help.TABLES}; or {option_help.STUDENTS}"),
            "minutes": ("--minutes", option_help.MINUTES),
            "rule": ("--when-time-runs-out", option_help.RULE),
            "seat_pick": ("--people", "choose the delegation the next button gives to the students or the computer"),
        }
        option, words = tips.get(key, ("--people", option_help.PEOPLE))
        return f"<b>{esc(option)}</b><br>{esc(words[:1].upper() + words[1:])}."

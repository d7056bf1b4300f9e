"""The scenario as the engine sees it: immutable, checked, with expressions compiled.

A ``Scenario`` is built once by the loader and never changes; everything that changes during play
lives in ``GameState``. Positions (line numbers) are kept so later tools can point at the source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, get_args

from .expr import Compiled, Effect, Value, VarType


@dataclass(frozen=True)
class Source:
    id: str
    citation: str
    url: str = ""
    note: str = ""


@dataclass(frozen=True)
class Goal:
    """What a computer player wants: ``weight × expr`` after a choice, or reaching ``outcome``."""

    text: str
    weight: int
    expr_text: str = ""
    expr: Compiled | None = None
    outcome: str = ""


Seat = Literal["table", "offstage"]  # at the negotiating table, or acting on it from outside
SEATS: tuple[Seat, ...] = get_args(Seat)


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    short: str
    leaders: tuple[str, ...]
    colour: str
    seat: Seat
    description: str
    briefing: str
    goals: tuple[Goal, ...] = ()


@dataclass(frozen=True)
class Variable:
    id: str
    type: VarType
    initial: Value
    label: str
    description: str = ""
    visible: bool = True
    source: str = ""


@dataclass(frozen=True)
class Lens:
    id: str
    name: str
    text: str
    source: str
    values: Mapping[str, Value] = field(default_factory=dict)


@dataclass(frozen=True)
class Constraint:
    id: str
    title: str
    explanation: str
    source: str
    unless_text: str
    unless: Compiled


@dataclass(frozen=True)
class Step:
    """A choice at a decision, or a branch of a chance node: both lead somewhere with effects."""

    id: str
    label: str
    next: str
    text: str = ""
    effects: tuple[Effect, ...] = ()
    effect_texts: tuple[str, ...] = ()
    days: int = 0
    historical: bool = False
    source: str = ""
    condition_text: str = ""
    condition: Compiled | None = None
    constraints: tuple[str, ...] = ()
    weight_text: str = ""
    weight: Compiled | None = None
    line: int = 0
    status_quo: bool = False


@dataclass(frozen=True)
class Node:
    id: str
    date: dt.date
    day: int  # days since the scenario's start
    actor: str  # "" for chance nodes
    title: str
    text: str
    sources: tuple[str, ...] = ()
    map: tuple[str, ...] = ()
    choices: tuple[Step, ...] = ()
    chance: tuple[Step, ...] = ()
    line: int = 0

    @property
    def is_chance(self) -> bool:
        return bool(self.chance)

    @property
    def steps(self) -> tuple[Step, ...]:
        return self.chance or self.choices

    def step(self, step_id: str) -> Step | None:
        for step in self.steps:
            if step.id == step_id:
                return step
        return None


@dataclass(frozen=True)
class Event:
    id: str
    title: str
    text: str
    date: dt.date | None = None
    day: int | None = None
    condition_text: str = ""
    condition: Compiled | None = None
    effects: tuple[Effect, ...] = ()
    effect_texts: tuple[str, ...] = ()
    goto: str = ""
    historical: bool = False
    source: str = ""


@dataclass(frozen=True)
class Outcome:
    id: str
    title: str
    epilogue: str
    speculative: str
    date: dt.date | None = None
    historical: bool = False
    speculation: str = ""
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scenario:
    """A loaded scenario. Collections are ordered as in the file."""

    id: str
    title: str
    summary: str
    start: dt.date
    end: dt.date
    start_node: str
    fallback_outcome: str
    default_lens: str
    sources: Mapping[str, Source]
    actors: Mapping[str, Actor]
    variables: Mapping[str, Variable]
    lenses: Mapping[str, Lens]
    constraints: Mapping[str, Constraint]
    nodes: Mapping[str, Node]
    events: tuple[Event, ...]
    outcomes: Mapping[str, Outcome]
    path: str = ""
    content_hash: str = ""
    authors: tuple[str, ...] = ()

    @property
    def last_day(self) -> int:
        return (self.end - self.start).days

    def date_of(self, day: int) -> dt.date:
        return self.start + dt.timedelta(days=day)

    def initial_values(self, lens: str | None) -> dict[str, Value]:
        """Variable values at the start under ``lens`` (the default lens if None)."""
        values: dict[str, Value] = {v.id: v.initial for v in self.variables.values()}
        chosen = self.lenses.get(lens or self.default_lens)
        if chosen:
            values.update(chosen.values)
        return values

    @property
    def first_at_table(self) -> str:
        """The actor a person plays when nobody is named: the first at the table (else the first)."""
        actors = list(self.actors.values())
        return next((a.id for a in actors if a.seat == "table"), actors[0].id)

    def historical_step(self, node: Node) -> Step | None:
        for step in node.steps:
            if step.historical:
                return step
        return None

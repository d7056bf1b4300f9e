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
class Excerpt:
    """A short extract of a source for students (format 2): the source's own words when ``quote``,
    else a summary in the designers' words; ``who`` says whose words, ``where`` where in the work."""

    text: str
    quote: bool = False
    who: str = ""
    where: str = ""


@dataclass(frozen=True)
class Source:
    id: str
    citation: str
    url: str = ""
    note: str = ""
    excerpts: tuple[Excerpt, ...] = ()


@dataclass(frozen=True)
class Dated:
    """A dated event before play (format 2): the background's timeline, which stops before the game
    starts so that it cannot tell what happens in it. ``when`` is shown instead of the date if given."""

    date: dt.date
    text: str
    sources: tuple[str, ...] = ()
    when: str = ""


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
class TextPart:
    """One paragraph of text that varies: shown when ``condition`` holds (always, without one) and,
    with ``known_to``, only to those actors (and the teacher)."""

    text: str
    condition_text: str = ""
    condition: Compiled | None = None
    known_to: tuple[str, ...] = ()


@dataclass(frozen=True)
class Bonus:
    """Points an actor adds to a package when a condition over its terms holds (combinations)."""

    text: str
    points: int
    condition_text: str
    condition: Compiled


@dataclass(frozen=True)
class Valuation:
    """An actor's confidential values: points per issue option (integer expressions over the state),
    bonuses for combinations, and the walk-away value: what no deal is worth to it now."""

    points: Mapping[str, Mapping[str, Compiled]] = field(default_factory=dict)
    point_texts: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    bonuses: tuple[Bonus, ...] = ()
    walk_away_text: str = "0"
    walk_away: Compiled | None = None

    @property
    def empty(self) -> bool:
        return not self.points and not self.bonuses and self.walk_away is None


@dataclass(frozen=True)
class Objective:
    """What a player of this actor is scored on at the ending: ``points`` when ``condition`` holds
    (it may read ``outcome``, the ending's id). Secret objectives are shown to their actor only."""

    id: str
    text: str
    points: int
    condition_text: str
    condition: Compiled
    secret: bool = False


@dataclass(frozen=True)
class Disposition:
    """How a computer player of this actor behaves once play has left history: choices it would
    never make and choices it tends to make, as ``node.choice`` references."""

    never: frozenset[tuple[str, str]] = frozenset()
    tends: frozenset[tuple[str, str]] = frozenset()
    accept_margin: int = 0


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
    briefing_parts: tuple[TextPart, ...] = ()
    valuation: Valuation = field(default_factory=Valuation)
    objectives: tuple[Objective, ...] = ()
    disposition: Disposition = field(default_factory=Disposition)


@dataclass(frozen=True)
class Variable:
    id: str
    type: VarType
    initial: Value
    label: str
    description: str = ""
    visible: bool = True
    source: str = ""
    known_to: tuple[str, ...] = ()  # empty: everyone may know it
    drawn: bool = False  # a hidden draw: set at the start from the lens's range (or min..max)


@dataclass(frozen=True)
class Lens:
    id: str
    name: str
    text: str
    source: str
    values: Mapping[str, Value] = field(default_factory=dict)
    draws: Mapping[str, tuple[int, int]] = field(default_factory=dict)


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
    text_parts: tuple[TextPart, ...] = ()
    deliberate_block: bool = False  # meant to stay blocked: shows what the actor could not do


@dataclass(frozen=True)
class IssueOption:
    id: str
    label: str
    text: str = ""


@dataclass(frozen=True)
class Issue:
    """Something bargained over: one option per issue makes a package. The issue is also an enum
    variable of the same id, holding the option agreed (``initial`` until a deal says otherwise)."""

    id: str
    title: str
    description: str
    options: tuple[IssueOption, ...]
    initial: str
    source: str = ""

    def option(self, option_id: str) -> IssueOption | None:
        return next((o for o in self.options if o.id == option_id), None)


ANSWERS = ("accept", "reject", "counter", "walk", "pass")  # "pass": no offer this round, or no answer to one
TALK_MOVES = ("propose", *ANSWERS)
RULE_MOMENTS = ("propose", "accept", "deal")


@dataclass(frozen=True)
class TermRule:
    """A constraint on terms: while ``constraint`` blocks, ``actors`` (everyone, if empty) may not
    ``on`` (propose, accept, or conclude as a deal) a package whose terms make ``terms`` true."""

    constraint: str
    on: str  # one of RULE_MOMENTS
    terms_text: str
    terms: Compiled
    actors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Outlet:
    """Where play goes from a negotiation or a sealed move, with what it does on the way."""

    next: str
    text: str = ""
    effects: tuple[Effect, ...] = ()
    effect_texts: tuple[str, ...] = ()
    days: int = 0
    condition_text: str = ""
    condition: Compiled | None = None
    historical: bool = False
    source: str = ""
    text_parts: tuple[TextPart, ...] = ()


@dataclass(frozen=True)
class HistoricalMove:
    """What one party really did at the table: proposed or countered with ``terms``, or answered."""

    actor: str
    move: str  # one of TALK_MOVES
    terms: Mapping[str, str] = field(default_factory=dict)
    text: str = ""
    source: str = ""


@dataclass(frozen=True)
class Negotiation:
    """A negotiation node's rules: who is at the table, over which issues, for how many rounds, whose
    acceptance a deal needs, and where play goes with a deal and without one."""

    parties: tuple[str, ...]
    issues: tuple[str, ...]
    opener: str
    rounds: int
    needs: tuple[str, ...]  # whose acceptance counts
    needs_count: int  # how many of ``needs`` must accept (the proposer accepts its own offer)
    rules: tuple[TermRule, ...]
    deal: Outlet
    no_deal: Outlet
    history: tuple[HistoricalMove, ...] = ()

    def history_of(self, actor: str) -> tuple[HistoricalMove, ...]:
        """What history records ``actor`` doing at this table, in order (worked out once)."""
        cached: dict[str, tuple[HistoricalMove, ...]] | None = self.__dict__.get("_history_of")
        if cached is None:
            cached = {p: tuple(h for h in self.history if h.actor == p) for p in self.parties}
            object.__setattr__(self, "_history_of", cached)  # a cache, not a change: the value is derived
        return cached.get(actor, ())


@dataclass(frozen=True)
class SealedSeat:
    """One actor's options in a sealed move: chosen at the same time as the others, revealed together."""

    actor: str
    choices: tuple[Step, ...]
    known_to: tuple[str, ...] = ()  # who reads the choice once revealed, besides the actor (empty: everyone)


@dataclass(frozen=True)
class Exit:
    """A way out of a node: where it leads, the days it takes, whether history went that way."""

    next: str
    days: int
    historical: bool


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
    text_parts: tuple[TextPart, ...] = ()
    negotiation: Negotiation | None = None
    sealed: tuple[SealedSeat, ...] = ()
    resolve: tuple[Outlet, ...] = ()

    @property
    def is_chance(self) -> bool:
        return bool(self.chance)

    @property
    def exits(self) -> tuple[Exit, ...]:
        """Every way out of the node, whatever its kind."""
        if self.negotiation is not None:
            outlets: tuple[Outlet, ...] = (self.negotiation.deal, self.negotiation.no_deal)
        elif self.sealed:
            outlets = self.resolve
        else:
            return tuple(Exit(s.next, s.days, s.historical) for s in self.steps)
        return tuple(Exit(o.next, o.days, o.historical) for o in outlets)

    @property
    def kind(self) -> str:
        """ "decision", "chance", "negotiation" or "sealed"."""
        if self.negotiation is not None:
            return "negotiation"
        if self.sealed:
            return "sealed"
        return "chance" if self.chance else "decision"

    def seat(self, actor: str) -> SealedSeat | None:
        return next((s for s in self.sealed if s.actor == actor), None)

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
    known_to: tuple[str, ...] = ()
    text_parts: tuple[TextPart, ...] = ()


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
    epilogue_parts: tuple[TextPart, ...] = ()
    debrief_questions: tuple[str, ...] = ()  # the author's questions for a class that reached this ending


@dataclass(frozen=True)
class Knowledge:
    """A line of private knowledge: shown in the briefings of the actors it is known to."""

    id: str
    text: str
    known_to: tuple[str, ...]
    source: str = ""
    condition_text: str = ""
    condition: Compiled | None = None


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
    format: int = 1
    invented: bool = False  # a made-up case: what it marks 'historical' is only its written course
    issues: Mapping[str, Issue] = field(default_factory=dict)
    knowledge: tuple[Knowledge, ...] = ()
    renames: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # kind -> earlier id -> id
    # The map features ``meta.map`` names (regions, routes…): none for a scenario that uses no map.
    map_features: tuple[str, ...] = ()
    timeline: tuple[Dated, ...] = ()  # the road to the start, in date order (format 2)

    def renamed(self, kind: str, old: str, scope: str = "") -> str:
        """Today's id for an id a save may hold from before a rename (itself when not renamed)."""
        return self.renames.get(kind, {}).get(f"{scope}.{old}" if scope else old, old)

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

    def historical_exit(self, node: Node) -> str:
        """Where history went from ``node`` ('' when nothing there is marked historical). A sealed
        move with no resolution marked historical follows its first resolution."""
        exit_ = next((e for e in node.exits if e.historical), None)
        if exit_ is None and node.sealed and node.resolve:
            exit_ = node.exits[0]
        return exit_.next if exit_ else ""

    def historical_step(self, node: Node) -> Step | None:
        for step in node.steps:
            if step.historical:
                return step
        return None

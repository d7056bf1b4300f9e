"""One role's sheet in the classroom pack: everything the role may read before play, and nothing
private to another.

Who may read what follows the engine's rule (``narrate.may_know``): the sheet holds the role's own
briefing, objectives (secret ones included), confidential values, walk-away and knowledge. Text that
depends on the state of a game (a paragraph shown only "if" something holds) is printed with its
condition in words, and only when the role may know every value the condition reads; a hidden draw
is never evaluated, since no game has been played.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass

from ..engine.disclosure import names_read
from ..engine.expr import Compiled, Value
from ..engine.history import historical_game, played_history
from ..engine.model import Actor, Lens, Node, Scenario, TextPart, Variable
from ..engine.narrate import PUBLIC, may_know
from ..engine.scoring import best_total
from ..engine.wording import show_value
from .condition_words import condition_words


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of a handout, with the condition under which it applies ('' : always)."""

    text: str
    when: str = ""


@dataclass(frozen=True)
class Worth:
    """A number on a role's sheet: its value at the start (None when it cannot be known before play)
    and what it changes with. A number that reads a hidden draw has no start value but the range it
    can take over the draw's possible values (``low``..``high``), and who knows the draw."""

    start: int | None
    changes_with: tuple[str, ...] = ()
    hidden: bool = False  # it also reads something this role does not know
    low: int | None = None
    high: int | None = None
    known_by: tuple[str, ...] = ()  # the roles that know the hidden draw it reads (none: nobody)


@dataclass(frozen=True)
class IssueValues:
    title: str
    options: tuple[tuple[str, Worth], ...]  # (option label, points)


@dataclass(frozen=True)
class Goal:
    text: str
    points: int
    how: str  # the condition in words
    secret: bool


@dataclass(frozen=True)
class Measure:
    """A value known to this role only (with others perhaps): a confidential measure."""

    label: str
    description: str
    start: str  # its value at the start, or how it is drawn
    shared_with: tuple[str, ...] = ()  # the other roles that know it (names)


@dataclass(frozen=True)
class Decision:
    """A moment the role acts: a decision, a secret choice or a negotiation, with its options."""

    date: dt.date
    title: str
    kind: str  # "decision" | "sealed" | "negotiation"
    situation: tuple[str, ...]
    options: tuple[str, ...]
    on_history: bool = True  # the historical path comes to it; otherwise only some games do


@dataclass(frozen=True)
class RoleSheet:
    actor: str
    name: str
    leaders: tuple[str, ...]
    colour: str
    at_table: bool
    description: str
    briefing: tuple[Paragraph, ...]
    objectives: tuple[Goal, ...]
    values: tuple[IssueValues, ...]
    bonuses: tuple[tuple[str, int], ...]
    walk_away: Worth | None
    measures: tuple[Measure, ...]
    knowledge: tuple[Paragraph, ...]
    decisions: tuple[Decision, ...]
    limits: tuple[tuple[str, str], ...] = ()  # rules that bind the role at the table: (title, explanation)
    needed: bool = False  # whether a deal at the table needs this role's acceptance
    best: int = 0  # the most it can score at any one ending (less than the sum when objectives exclude each other)


def _known(scenario: Scenario, text: str, actor: str) -> bool:
    """Whether ``actor`` may know every value ``text`` reads (no hidden draw unless it is theirs)."""
    for name in names_read(text):
        variable = scenario.variables.get(name)
        if variable is not None and not may_know(variable.known_to, actor):
            return False
        if variable is not None and variable.drawn and not variable.known_to:
            return False  # a draw hidden from everyone
    return True


def readable(scenario: Scenario, plain: str, parts: tuple[TextPart, ...], viewer: str) -> tuple[Paragraph, ...]:
    """The paragraphs ``viewer`` may read, each with its condition in words."""
    if not parts:
        return tuple(Paragraph(p.strip()) for p in plain.split("\n\n") if p.strip())
    out = []
    for part in parts:
        if not part.text or not may_know(part.known_to, viewer):
            continue
        if part.condition_text and not _known(scenario, part.condition_text, viewer):
            continue
        out.append(Paragraph(part.text, condition_words(scenario, part.condition_text) if part.condition_text else ""))
    return tuple(out)


def always_shown(scenario: Scenario, plain: str, parts: tuple[TextPart, ...], viewer: str) -> tuple[str, ...]:
    """Only the paragraphs that always show to ``viewer`` (a situation before any game is played)."""
    return tuple(p.text for p in readable(scenario, plain, parts, viewer) if not p.when)


_MOST_COMBINATIONS = 4096  # hidden draws read together: beyond this many combinations no range is given


def _draw_range(scenario: Scenario, variable: Variable, lens: Lens | None) -> range:
    """The values a hidden draw may take under ``lens`` (its type's bounds when the lens sets none)."""
    low, high = lens.draws[variable.id] if lens is not None and variable.id in lens.draws else (None, None)
    low = variable.type.minimum if low is None else low
    high = variable.type.maximum if high is None else high
    return range(low, high + 1)


def _over_draws(
    compiled: Compiled, draws: list[Variable], scenario: Scenario, start: Mapping[str, Value], lens: Lens | None
) -> tuple[int, int] | None:
    """The least and the most ``compiled`` gives over every value the hidden ``draws`` may take."""
    ranges = [_draw_range(scenario, v, lens) for v in draws]
    if math.prod(len(r) for r in ranges) > _MOST_COMBINATIONS:
        return None
    results = []
    for combination in itertools.product(*ranges):
        values = dict(start) | {v.id: n for v, n in zip(draws, combination, strict=True)}
        value = compiled(values)
        if not isinstance(value, (int, bool)):
            return None
        results.append(int(value))
    return (min(results), max(results)) if results else None


def _worth(
    scenario: Scenario,
    text: str,
    compiled: Compiled | None,
    actor: str,
    start: Mapping[str, Value],
    lens: Lens | None = None,
) -> Worth:
    """A points expression for ``actor``: its start value when it reads only what the actor knows;
    when it reads a hidden draw, the range it may take over the draw's values under ``lens`` (no game
    has drawn one yet)."""
    variables = [scenario.variables[n] for n in sorted(names_read(text)) if n in scenario.variables]
    labels = tuple(v.label or v.id for v in variables if may_know(v.known_to, actor) and not v.drawn)
    unknown = [v for v in variables if not may_know(v.known_to, actor) or v.drawn]
    if unknown:
        draws = [v for v in unknown if v.drawn]
        spread = (
            _over_draws(compiled, draws, scenario, start, lens) if compiled and len(draws) == len(unknown) else None
        )
        knowers = tuple(
            dict.fromkeys(scenario.actors[a].name for v in draws for a in v.known_to if a in scenario.actors)
        )
        if spread is None:
            return Worth(None, labels, hidden=True, known_by=knowers)
        return Worth(None, labels, hidden=True, low=spread[0], high=spread[1], known_by=knowers)
    if compiled is None:
        return Worth(None, labels)
    value = compiled(start)
    return Worth(int(value) if isinstance(value, (int, bool)) else None, labels)


def _objectives(scenario: Scenario, actor: Actor) -> tuple[Goal, ...]:
    return tuple(
        Goal(o.text, o.points, condition_words(scenario, o.condition_text), o.secret) for o in actor.objectives
    )


def _values(scenario: Scenario, actor: Actor, start: Mapping[str, Value], lens: Lens | None) -> tuple[IssueValues, ...]:
    out = []
    for iid, issue in scenario.issues.items():
        points = actor.valuation.points.get(iid)
        if points is None:
            continue
        texts = actor.valuation.point_texts.get(iid, {})
        options = tuple(
            (o.label, _worth(scenario, texts.get(o.id, "0"), points.get(o.id), actor.id, start, lens))
            for o in issue.options
        )
        out.append(IssueValues(issue.title, options))
    return tuple(out)


def _measures(scenario: Scenario, actor: str, start: Mapping[str, Value]) -> tuple[Measure, ...]:
    """The values known to this role and not to everyone: its confidential measures."""
    out = []
    for v in scenario.variables.values():
        if not v.known_to or actor not in v.known_to:
            continue
        shared = tuple(scenario.actors[a].name for a in v.known_to if a != actor and a in scenario.actors)
        if v.drawn:
            ranges = [
                f"{lens.name}: {lens.draws[v.id][0]} to {lens.draws[v.id][1]}"
                for lens in scenario.lenses.values()
                if v.id in lens.draws
            ]
            how = "drawn in secret when the game starts" + (f" ({'; '.join(ranges)})" if ranges else "")
            out.append(Measure(v.label or v.id, v.description, how + "; you learn it when play begins", shared))
        else:
            out.append(Measure(v.label or v.id, v.description, show_value(start.get(v.id, v.initial)), shared))
    return tuple(out)


def _limits(scenario: Scenario, actor: str) -> tuple[tuple[str, str], ...]:
    """The rules that bind ``actor`` at a negotiation (Drax may talk, not sign), each once."""
    found: dict[str, tuple[str, str]] = {}
    for node in scenario.nodes.values():
        talks = node.negotiation
        if talks is None or actor not in talks.parties:
            continue
        for rule in talks.rules:
            constraint = scenario.constraints.get(rule.constraint)
            if constraint is not None and (not rule.actors or actor in rule.actors):
                found.setdefault(constraint.id, (constraint.title, constraint.explanation))
    return tuple(found.values())


def _knowledge(scenario: Scenario, actor: str) -> tuple[Paragraph, ...]:
    out = []
    for line in scenario.knowledge:
        if not may_know(line.known_to, actor):
            continue
        if line.condition_text and not _known(scenario, line.condition_text, actor):
            continue
        out.append(Paragraph(line.text, condition_words(scenario, line.condition_text) if line.condition_text else ""))
    return tuple(out)


def _options(scenario: Scenario, node: Node, actor: str) -> tuple[str, ...]:
    if node.negotiation is not None:
        return tuple(
            f"{scenario.issues[i].title}: {', '.join(o.label for o in scenario.issues[i].options)}"
            for i in node.negotiation.issues
        )
    seat = node.seat(actor)
    return tuple(step.label for step in (seat.choices if seat else node.choices))


OPENING_ON_BACKGROUND = "The game's first scene: read it on the background sheet, under How it begins."


def _decisions(scenario: Scenario, actor: str) -> tuple[Decision, ...]:
    """Every moment ``actor`` may act, by date: its decisions, its secret choices, its negotiations."""
    out = []
    on_history = {move.node for move in played_history(scenario).moves}
    for node in scenario.nodes.values():
        if node.negotiation is not None and actor in node.negotiation.parties:
            kind = "negotiation"
        elif node.seat(actor) is not None:
            kind = "sealed"
        elif node.kind == "decision" and node.actor == actor:
            kind = "decision"
        else:
            continue
        situation = always_shown(scenario, node.text, node.text_parts, actor)
        if node.id == scenario.start_node:  # the opening everyone reads on the background: not again here
            public = set(always_shown(scenario, node.text, node.text_parts, PUBLIC))
            own = tuple(text for text in situation if text not in public)
            if len(own) < len(situation):
                situation = (OPENING_ON_BACKGROUND, *own)
        options = _options(scenario, node, actor)
        out.append(Decision(node.date, node.title, kind, situation, options, node.id in on_history))
    out.sort(key=lambda d: d.date)  # stable: nodes of one day stay in file order
    return tuple(out)


def role_sheet(scenario: Scenario, actor: Actor, start: Mapping[str, Value], lens: Lens | None = None) -> RoleSheet:
    """Everything one role may read before play, and nothing private to another; numbers under ``lens``."""
    valuation = actor.valuation
    walk = (
        _worth(scenario, valuation.walk_away_text, valuation.walk_away, actor.id, start, lens)
        if valuation.walk_away is not None
        else None
    )
    return RoleSheet(
        actor.id,
        actor.name,
        actor.leaders,
        actor.colour,
        actor.seat == "table",
        actor.description,
        readable(scenario, actor.briefing, actor.briefing_parts, actor.id),
        _objectives(scenario, actor),
        _values(scenario, actor, start, lens),
        tuple((b.text, b.points) for b in valuation.bonuses),
        walk,
        _measures(scenario, actor.id, start),
        _knowledge(scenario, actor.id),
        _decisions(scenario, actor.id),
        _limits(scenario, actor.id),
        any(n.negotiation is not None and actor.id in n.negotiation.needs for n in scenario.nodes.values()),
        best_total(scenario, actor.id),
    )


def start_values(scenario: Scenario, lens: str | None = None) -> Mapping[str, Value]:
    """The values at the start under ``lens`` (default: the scenario's); hidden draws are never read
    from them."""
    return dict(historical_game(scenario, lens).state.values)

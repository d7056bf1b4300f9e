"""The classroom pack as data, built from a scenario alone: a sheet per role, the background every
student reads, the sources, the reasons worksheets and the debrief questions for each ending.

Who may read what follows the engine's rule (``narrate.may_know``): a role's sheet holds its own
briefing, objectives (secret ones included), confidential values, walk-away and knowledge, and
nothing private to any other role. Text that depends on the state of a game (a paragraph shown
only "if" something holds) is printed with its condition in words, and only when the role may know
every value the condition reads; a hidden draw is never evaluated, since no game has been played.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..engine.disclosure import names_read
from ..engine.expr import Compiled, Value
from ..engine.game import Game
from ..engine.history import historical_game, played_history
from ..engine.model import Actor, Node, Scenario, TextPart
from ..engine.narrate import PUBLIC, may_know
from ..engine.wording import show_value
from .condition_words import OUTCOME, condition_words


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of a handout, with the condition under which it applies ('' : always)."""

    text: str
    when: str = ""


@dataclass(frozen=True)
class Worth:
    """A number on a role's sheet: its value at the start (None when it cannot be known before play)
    and what it changes with."""

    start: int | None
    changes_with: tuple[str, ...] = ()
    hidden: bool = False  # it also reads something this role does not know


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


@dataclass(frozen=True)
class Decision:
    """A moment the role acts: a decision, a secret choice or a negotiation, with its options."""

    date: dt.date
    title: str
    kind: str  # "decision" | "sealed" | "negotiation"
    situation: tuple[str, ...]
    options: tuple[str, ...]


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


@dataclass(frozen=True)
class Cited:
    """A source as the pages list it: numbered, with the scenario's own words that cite it."""

    number: int
    id: str
    citation: str
    url: str
    note: str
    passages: tuple[tuple[str, str], ...]  # (where in the scenario, its words)


@dataclass(frozen=True)
class Dated:
    """One step of the historical path on the background's timeline."""

    date: dt.date
    heading: str
    who: str
    what: str
    text: str
    sources: tuple[int, ...]


@dataclass(frozen=True)
class LensNote:
    name: str
    text: str
    sources: tuple[int, ...]
    default: bool


@dataclass(frozen=True)
class EndingDebrief:
    id: str
    title: str
    date: dt.date | None
    historical: bool
    speculative: str
    speculation: str
    authored: tuple[str, ...]
    general: tuple[str, ...]


@dataclass(frozen=True)
class Pack:
    scenario_id: str
    title: str
    summary: str
    start: dt.date
    end: dt.date
    roles: tuple[RoleSheet, ...]
    timeline: tuple[Dated, ...]
    lenses: tuple[LensNote, ...]
    issues: tuple[tuple[str, str, tuple[str, ...]], ...]  # (title, description, option labels)
    public_knowledge: tuple[str, ...]
    sources: tuple[Cited, ...]
    endings: tuple[EndingDebrief, ...]
    map_features: frozenset[str]  # actor ids and features the decisions name: what a map may show
    colours: Mapping[str, str]
    history_ending: str  # how history ended, in words ('' when the historical path reaches no ending)
    default_lens: str  # the reading whose values the sheets give "at the start" ('' : none)


def _known(scenario: Scenario, text: str, actor: str) -> bool:
    """Whether ``actor`` may know every value ``text`` reads (no hidden draw unless it is theirs)."""
    for name in names_read(text):
        variable = scenario.variables.get(name)
        if variable is not None and not may_know(variable.known_to, actor):
            return False
        if variable is not None and variable.drawn and not variable.known_to:
            return False  # a draw hidden from everyone
    return True


def _paragraphs(scenario: Scenario, plain: str, parts: tuple[TextPart, ...], viewer: str) -> tuple[Paragraph, ...]:
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


def _always(scenario: Scenario, plain: str, parts: tuple[TextPart, ...], viewer: str) -> tuple[str, ...]:
    """Only the paragraphs that always show to ``viewer`` (a situation before any game is played)."""
    return tuple(p.text for p in _paragraphs(scenario, plain, parts, viewer) if not p.when)


def _worth(scenario: Scenario, text: str, compiled: Compiled | None, actor: str, start: Mapping[str, Value]) -> Worth:
    """A points expression for ``actor``: its start value when it reads only what the actor knows
    (never a hidden draw: no game has drawn one yet)."""
    variables = [scenario.variables[n] for n in sorted(names_read(text)) if n in scenario.variables]
    labels = tuple(v.label or v.id for v in variables if may_know(v.known_to, actor) and not v.drawn)
    if any(not may_know(v.known_to, actor) or v.drawn for v in variables):
        return Worth(None, labels, hidden=True)
    if compiled is None:
        return Worth(None, labels)
    value = compiled(start)
    return Worth(int(value) if isinstance(value, (int, bool)) else None, labels)


def _objectives(scenario: Scenario, actor: Actor) -> tuple[Goal, ...]:
    return tuple(
        Goal(o.text, o.points, condition_words(scenario, o.condition_text), o.secret) for o in actor.objectives
    )


def _values(scenario: Scenario, actor: Actor, start: Mapping[str, Value]) -> tuple[IssueValues, ...]:
    out = []
    for iid, issue in scenario.issues.items():
        points = actor.valuation.points.get(iid)
        if points is None:
            continue
        texts = actor.valuation.point_texts.get(iid, {})
        options = tuple(
            (o.label, _worth(scenario, texts.get(o.id, "0"), points.get(o.id), actor.id, start)) for o in issue.options
        )
        out.append(IssueValues(issue.title, options))
    return tuple(out)


def _measures(scenario: Scenario, actor: str, start: Mapping[str, Value]) -> tuple[Measure, ...]:
    """The values known to this role and not to everyone: its confidential measures."""
    out = []
    for v in scenario.variables.values():
        if not v.known_to or actor not in v.known_to:
            continue
        if v.drawn:
            ranges = [
                f"{lens.name}: {lens.draws[v.id][0]} to {lens.draws[v.id][1]}"
                for lens in scenario.lenses.values()
                if v.id in lens.draws
            ]
            how = "drawn in secret when the game starts" + (f" ({'; '.join(ranges)})" if ranges else "")
            out.append(Measure(v.label or v.id, v.description, how + "; you learn it when play begins"))
        else:
            out.append(Measure(v.label or v.id, v.description, show_value(start.get(v.id, v.initial))))
    return tuple(out)


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


def _decisions(scenario: Scenario, actor: str) -> tuple[Decision, ...]:
    """Every moment ``actor`` may act, by date: its decisions, its secret choices, its negotiations."""
    out = []
    for node in scenario.nodes.values():
        if node.negotiation is not None and actor in node.negotiation.parties:
            kind = "negotiation"
        elif node.seat(actor) is not None:
            kind = "sealed"
        elif node.kind == "decision" and node.actor == actor:
            kind = "decision"
        else:
            continue
        situation = _always(scenario, node.text, node.text_parts, actor)
        out.append(Decision(node.date, node.title, kind, situation, _options(scenario, node, actor)))
    out.sort(key=lambda d: d.date)  # stable: nodes of one day stay in file order
    return tuple(out)


def role_sheet(scenario: Scenario, actor: Actor, start: Mapping[str, Value]) -> RoleSheet:
    """Everything one role may read before play, and nothing private to another."""
    valuation = actor.valuation
    walk = (
        _worth(scenario, valuation.walk_away_text, valuation.walk_away, actor.id, start)
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
        _paragraphs(scenario, actor.briefing, actor.briefing_parts, actor.id),
        _objectives(scenario, actor),
        _values(scenario, actor, start),
        tuple((b.text, b.points) for b in valuation.bonuses),
        walk,
        _measures(scenario, actor.id, start),
        _knowledge(scenario, actor.id),
        _decisions(scenario, actor.id),
    )


class _Numbers:
    """Sources numbered in the scenario's order; an id it does not list is left out."""

    def __init__(self, scenario: Scenario) -> None:
        self.of = {sid: n for n, sid in enumerate(scenario.sources, 1)}

    def __call__(self, *ids: str) -> tuple[int, ...]:
        return tuple(dict.fromkeys(self.of[i] for i in ids if i in self.of))


def _talk_source(node: Node, actor: str, counts: dict[tuple[str, str], int]) -> tuple[str, str]:
    """The text and source of ``actor``'s next recorded move at a negotiation."""
    assert node.negotiation is not None
    index = counts.get((node.id, actor), 0)
    counts[(node.id, actor)] = index + 1
    moves = node.negotiation.history_of(actor)
    move = moves[index] if index < len(moves) else None
    return (move.text, move.source) if move else ("", "")


def _timeline(scenario: Scenario, numbers: _Numbers) -> tuple[Dated, ...]:
    """The historical path as the whole room may read it: public lines only, each with its sources."""
    game = played_history(scenario)
    counts: dict[tuple[str, str], int] = {}
    out = []
    for item in game.log:
        node = scenario.nodes.get(item.node)
        actor = scenario.actors.get(item.actor)
        date = scenario.date_of(item.day)
        if item.kind == "sealed" or item.kind == "outcome":
            continue  # a secret choice shows when it is revealed; the ending closes the page
        if item.kind == "event":
            event = next((e for e in scenario.events if e.id == item.node), None)
            if event is not None and event.known_to:
                continue
            out.append(Dated(date, "Event", "", item.title, item.text, numbers(item.source)))
            continue
        heading = node.title if node else ""
        who = actor.name if actor else ""
        if item.kind in ("offer", "answer") and node is not None and node.negotiation is not None:
            text, source = _talk_source(node, item.actor, counts)
            terms = item.text.split("\n")[0] if item.kind == "offer" else ""
            body = "\n\n".join(dict.fromkeys(t for t in (terms, text or item.text) if t))
            out.append(Dated(date, heading, who, item.title, body, numbers(source, *node.sources)))
            continue
        out.append(Dated(date, heading, who, item.title, item.text, numbers(item.source)))
    return tuple(out)


def _passages(scenario: Scenario) -> dict[str, list[tuple[str, str]]]:
    """The scenario's public words that cite each source: lenses, historical steps, public events,
    issues, rules and endings (never a private paragraph, nor knowledge known to some only)."""
    found: dict[str, list[tuple[str, str]]] = {sid: [] for sid in scenario.sources}

    def add(source: str, where: str, text: str) -> None:
        if source in found and text.strip() and (where, text) not in found[source]:
            found[source].append((where, " ".join(text.split())))

    for lens in scenario.lenses.values():
        add(lens.source, f"Reading: {lens.name}", lens.text)
    for node in scenario.nodes.values():
        when = f"{node.date.day} {node.date:%B %Y}, {node.title}"
        for sid in node.sources:
            add(sid, when, " ".join(_always(scenario, node.text, node.text_parts, PUBLIC)))
        steps = list(node.steps) + [s for seat in node.sealed for s in seat.choices]
        for step in steps:
            if step.historical and step.source:
                add(step.source, when, " ".join(t for t in (step.label + ".", step.text) if t.strip()))
        if node.negotiation is not None:
            for move in node.negotiation.history:
                actor = scenario.actors.get(move.actor)
                if move.source and move.text:
                    add(move.source, f"{when} ({actor.name if actor else move.actor})", move.text)
    for event in scenario.events:
        if not event.known_to and event.source:
            add(event.source, event.title, " ".join(_always(scenario, event.text, event.text_parts, PUBLIC)))
    for issue in scenario.issues.values():
        if issue.source:
            add(issue.source, f"Issue: {issue.title}", issue.description)
    for rule in scenario.constraints.values():
        add(rule.source, f"Rule: {rule.title}", rule.explanation)
    for variable in scenario.variables.values():
        if variable.source and variable.visible and not variable.known_to and variable.description:
            add(variable.source, f"Measure: {variable.label}", variable.description)
    for outcome in scenario.outcomes.values():
        if outcome.historical:
            for sid in outcome.sources:
                add(sid, f"Ending: {outcome.title}", outcome.speculation or outcome.title)
    return found


def _sources(scenario: Scenario) -> tuple[Cited, ...]:
    passages = _passages(scenario)
    return tuple(
        Cited(n, s.id, s.citation, s.url, s.note, tuple(passages[s.id]))
        for n, s in enumerate(scenario.sources.values(), 1)
    )


def _asks_for(text: str, outcome: str) -> bool:
    """Whether an objective's condition asks for this ending (``outcome == 'x'`` or ``outcome in [..'x'..]``;
    not ``!=`` nor ``not in``, which ask for any other)."""
    quoted = rf"""['"]{re.escape(outcome)}['"]"""
    return bool(
        re.search(rf"\b{OUTCOME}\s*==\s*{quoted}", text) or re.search(rf"""\b{OUTCOME}\s+in\s*\[[^\]]*{quoted}""", text)
    )


def _general(scenario: Scenario, outcome_id: str) -> tuple[str, ...]:
    """Questions any ending raises, made from its data (never from a secret objective)."""
    outcome = scenario.outcomes[outcome_id]
    questions = []
    if outcome.historical:
        questions.append(
            "Your game ended as history did. Which decision in your game came closest to changing the "
            "ending, and why did it not?"
        )
    else:
        questions.append(
            f"This ending did not happen; it is {outcome.speculative}ly speculative. Which step on the way to it "
            "is the least likely to have happened in reality, and why?"
        )
    roles = [
        a.name
        for a in scenario.actors.values()
        if any(not o.secret and _asks_for(o.condition_text, outcome_id) for o in a.objectives)
    ]
    if roles:
        questions.append(
            f"This ending is an objective of: {', '.join(roles)}. Did they work together to reach it, or did "
            "one of them get there at another's expense? Who lost most by it?"
        )
    questions.append(
        "Read your reasons worksheet: which assumption about another delegation turned out wrong, and when "
        "did you find out?"
    )
    return tuple(questions)


def _endings(scenario: Scenario) -> tuple[EndingDebrief, ...]:
    return tuple(
        EndingDebrief(
            o.id,
            o.title,
            o.date,
            o.historical,
            o.speculative,
            o.speculation,
            o.debrief_questions,
            _general(scenario, o.id),
        )
        for o in scenario.outcomes.values()
    )


def start_values(scenario: Scenario) -> Mapping[str, Value]:
    """The values at the start under the default lens (hidden draws are never read from them)."""
    game: Game = historical_game(scenario)
    return dict(game.state.values)


def build_pack(scenario: Scenario) -> Pack:
    """The whole classroom pack for ``scenario``."""
    start = start_values(scenario)
    numbers = _Numbers(scenario)
    features = set(scenario.actors) | {f for node in scenario.nodes.values() for f in node.map}
    return Pack(
        scenario.id,
        scenario.title,
        scenario.summary,
        scenario.start,
        scenario.end,
        tuple(role_sheet(scenario, a, start) for a in scenario.actors.values()),
        _timeline(scenario, numbers),
        tuple(
            LensNote(lens.name, lens.text, numbers(lens.source), lens.id == scenario.default_lens)
            for lens in scenario.lenses.values()
        ),
        tuple((i.title, i.description, tuple(o.label for o in i.options)) for i in scenario.issues.values()),
        tuple(k.text for k in scenario.knowledge if not k.known_to and not k.condition_text),
        _sources(scenario),
        _endings(scenario),
        frozenset(features),
        {a.id: a.colour for a in scenario.actors.values()},
        _history_ending(scenario),
        scenario.lenses[scenario.default_lens].name if scenario.default_lens in scenario.lenses else "",
    )


def _history_ending(scenario: Scenario) -> str:
    outcome = played_history(scenario).outcome
    if outcome is None:
        return ""
    return f"{outcome.title} ({outcome.date.day} {outcome.date:%B %Y})" if outcome.date else outcome.title

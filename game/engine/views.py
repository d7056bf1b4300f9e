"""What one viewer may see of a game: every front end renders from a ``View``, never from the game.

A viewer is an actor (a delegation's seat), ``PUBLIC`` (the projector: what the whole room may see)
or ``TEACHER`` (everything). A view holds plain, frozen data and nothing private to anyone else:
other delegations' briefings, confidential values, secret objectives, private variables, events and
paragraphs known to others, sealed choices before the reveal, and other delegations' typed reasons.
Hidden draws and every score are revealed to all once the game has ended.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from . import bargain, scoring, talks
from .expr import Value
from .game import Game
from .model import Scenario
from .narrate import PUBLIC, TEACHER, may_know, render
from .preview import ChoicePreview, effect_texts_known, preview
from .rules import Happening
from .wording import draw_words, round_words

REASON_LEVELS = ("numbers", "reasons", "nothing")  # how much of computer delegations' reasons a class sees
_POINTS = re.compile(r": [+−-]\d+(?=\.)|\s*Worth [−-]?\d+ to us; without a deal, [−-]?\d+\.")
# A computer's appraisal of a package ends with its worth; what follows is its verdict and the rules that bind it.
_WORTH = re.compile(r"Worth [−-]?\d+ to us; without a deal, [−-]?\d+\.\s*")


@dataclass(frozen=True)
class ActorCard:
    id: str
    name: str
    short: str
    colour: str
    seat: str
    description: str
    played_by_person: bool


@dataclass(frozen=True)
class Meter:
    id: str
    label: str
    value: Value
    description: str
    private: bool  # known to some only (the viewer among them)


@dataclass(frozen=True)
class Line:
    """One line of the game's history as this viewer may read it."""

    kind: str
    date: dt.date
    title: str
    text: str
    actor: str = ""
    historical: bool = False
    source: str = ""
    effects: tuple[str, ...] = ()


@dataclass(frozen=True)
class ObjectiveLine:
    actor: str
    id: str
    text: str
    points: int
    secret: bool
    met: bool | None = None  # known once the game has ended


@dataclass(frozen=True)
class ChoiceLine:
    number: int
    id: str
    label: str
    available: bool
    why_blocked: str
    effects: tuple[str, ...]
    preview: ChoicePreview = field(default_factory=ChoicePreview)  # what the viewer may know it does


@dataclass(frozen=True)
class IssueLine:
    id: str
    title: str
    options: tuple[tuple[str, str], ...]  # (option id, label)
    description: str = ""  # what the issue is about, in the scenario's words
    explained: Mapping[str, str] = field(default_factory=dict)  # option id -> what it means, where said


@dataclass(frozen=True)
class TableView:
    """A negotiation under way, as the viewer sees it."""

    node: str
    issues: tuple[IssueLine, ...]
    parties: tuple[str, ...]
    round: int
    rounds: int
    proposer: str
    offer: Mapping[str, str]
    answers: Mapping[str, str]
    waiting: tuple[str, ...]
    needs: tuple[str, ...]
    needs_count: int
    offer_worth: bargain.Appraisal | None  # what the offer is worth to the viewer's delegation
    may_accept: bool  # the viewer's delegation may accept the offer (no term rule forbids it)
    accept_blocked: str  # why not, in players' words
    round_words: str  # 'Round 2 of 3', and in the last round that it is the last


@dataclass(frozen=True)
class Turn:
    """The viewer's own pending move: its kind and, for a choice, the choices."""

    kind: str
    choices: tuple[ChoiceLine, ...] = ()


@dataclass(frozen=True)
class View:
    viewer: str
    scenario_id: str
    title: str
    date: dt.date
    node_title: str
    narration: str
    actors: tuple[ActorCard, ...]
    meters: tuple[Meter, ...]
    log: tuple[Line, ...]
    briefing: str
    knowledge: tuple[str, ...]
    objectives: tuple[ObjectiveLine, ...]
    values: Mapping[str, Mapping[str, int]]  # the viewer's confidential points: issue -> option -> points
    walk_away: int | None
    turn: Turn | None
    waiting_for: tuple[str, ...]
    table: TableView | None
    ended: bool
    outcome_title: str = ""
    epilogue: str = ""
    scores: Mapping[str, int] | None = None
    revealed: Mapping[str, Value] | None = None  # hidden draws, once the game has ended
    revealed_words: tuple[str, ...] = ()  # the same in words, with the range each was drawn from


def view(game: Game, viewer: str, reasons: str = "numbers") -> View:
    """Everything ``viewer`` may see of ``game`` now."""
    scenario, state = game.scenario, game.state
    actor = scenario.actors.get(viewer)
    values = state.values
    node = game.node
    ended = game.ended
    return View(
        viewer=viewer,
        scenario_id=scenario.id,
        title=scenario.title,
        date=game.date,
        node_title=node.title if node else "",
        narration=render(node.text, node.text_parts, values, viewer) if node else "",
        actors=tuple(
            ActorCard(a.id, a.name, a.short, a.colour, a.seat, a.description, game.controller(a.id) == "human")
            for a in scenario.actors.values()
        ),
        meters=_meters(scenario, values, viewer, ended),
        log=_log(game, viewer, reasons),
        briefing=_briefing(scenario, viewer, values),
        knowledge=tuple(
            k.text
            for k in scenario.knowledge
            if viewer != PUBLIC and may_know(k.known_to, viewer) and (k.condition is None or k.condition(values))
        ),
        objectives=_objectives(game, viewer),
        values=_values(scenario, viewer, values) if actor or viewer == TEACHER else {},
        walk_away=bargain.walk_away(actor, values) if actor and not actor.valuation.empty else None,
        turn=_turn(game, viewer),
        waiting_for=tuple(t.actor for t in game.turns),
        table=_table(game, viewer),
        ended=ended,
        outcome_title=game.outcome.title if game.outcome else "",
        epilogue=render(game.outcome.epilogue, game.outcome.epilogue_parts, values, viewer) if game.outcome else "",
        scores={a: s.total for a, s in scoring.scores(scenario, state).items()} if ended else None,
        revealed={v.id: values[v.id] for v in scenario.variables.values() if v.drawn} if ended else None,
        revealed_words=draw_words(scenario, game.settings.lens, values) if ended else (),
    )


def _meters(scenario: Scenario, values: Mapping[str, Value], viewer: str, ended: bool) -> tuple[Meter, ...]:
    out = []
    for variable in scenario.variables.values():
        if not variable.visible and viewer != TEACHER:
            continue
        known = may_know(variable.known_to, viewer) or (ended and variable.drawn)
        if not known:
            continue
        out.append(
            Meter(variable.id, variable.label, values[variable.id], variable.description, bool(variable.known_to))
        )
    return tuple(out)


def _briefing(scenario: Scenario, viewer: str, values: Mapping[str, Value]) -> str:
    if viewer == TEACHER:
        return "\n\n".join(
            f"{a.name}: {render(a.briefing, a.briefing_parts, values, viewer)}" for a in scenario.actors.values()
        )
    actor = scenario.actors.get(viewer)
    return render(actor.briefing, actor.briefing_parts, values, viewer) if actor else ""


def _objectives(game: Game, viewer: str) -> tuple[ObjectiveLine, ...]:
    scenario = game.scenario
    final = scoring.scores(scenario, game.state) if game.ended else {}
    out = []
    for actor in scenario.actors.values():
        met = {r.objective.id: r.met for r in final[actor.id].results} if actor.id in final else {}
        for o in actor.objectives:
            if o.secret and not (viewer in (actor.id, TEACHER) or game.ended):
                continue
            out.append(ObjectiveLine(actor.id, o.id, o.text, o.points, o.secret, met.get(o.id)))
    return tuple(out)


def _values(scenario: Scenario, viewer: str, values: Mapping[str, Value]) -> dict[str, dict[str, int]]:
    actor = scenario.actors.get(viewer)
    if actor is None:
        return {}
    return {
        iid: {o.id: bargain.option_points(actor, iid, o.id, values) for o in issue.options}
        for iid, issue in scenario.issues.items()
        if iid in actor.valuation.points
    }


def _event_known(scenario: Scenario, item: Happening, viewer: str) -> bool:
    if item.kind != "event":
        return True
    event = next((e for e in scenario.events if e.id == item.node), None)
    return event is None or may_know(event.known_to, viewer)


def _revealed_to(game: Game, item: Happening, viewer: str) -> bool:
    """A sealed choice, once revealed, is read by the seats its ``known_to`` names (and the actor
    itself) while the game goes on: a government's instructions to its own envoy are not the room's.
    Everyone reads every choice once the game has ended."""
    if item.kind != "decision" or game.ended:
        return True
    node = game.scenario.nodes.get(item.node)
    seat = node.seat(item.actor) if node is not None and node.sealed else None
    return seat is None or may_know((*seat.known_to, seat.actor) if seat.known_to else (), viewer)


def _log(game: Game, viewer: str, reasons: str) -> tuple[Line, ...]:
    scenario = game.scenario
    out = []
    for item in game.log:
        if not _event_known(scenario, item, viewer) or not _revealed_to(game, item, viewer):
            continue
        text = item.text
        if item.kind in ("offer", "answer") and item.actor and item.actor != viewer and viewer != TEACHER:
            text = _reasons_for(game, item, reasons)
        out.append(
            Line(
                item.kind,
                scenario.date_of(item.day),
                item.title,
                text,
                item.actor,
                item.historical,
                item.source,
                effect_texts_known(scenario, item.effects, viewer),
            )
        )
    return tuple(out)


def _reasons_for(game: Game, item: Happening, level: str) -> str:
    """Another delegation's words at the table: the terms always; a computer's reasons at the class's
    level but never its numbers (they are its confidential values: only its own seat and the teacher
    read them); a person's typed reasons never (they are the delegation's own notes)."""
    detail, _, reason = item.text.partition("\n")
    if game.controller(item.actor) == "human" or level == "nothing" or not reason:
        return detail
    worth = _WORTH.search(reason)
    # Without its numbers an appraisal only lists the terms again: others read the verdict alone.
    reason = reason[worth.end() :].strip() if worth else _POINTS.sub("", reason)
    return "\n".join(t for t in (detail, reason) if t)


def _turn(game: Game, viewer: str) -> Turn | None:
    mine = next((t for t in game.turns if t.actor == viewer), None)
    if mine is None:
        return None
    if mine.kind in ("choose", "seal"):
        decision = game.decision_for(viewer)
        if decision is None:
            return Turn(mine.kind)
        choices = tuple(
            ChoiceLine(
                c.number,
                c.step.id,
                c.step.label,
                c.available,
                c.why_blocked(),
                effect_texts_known(game.scenario, c.step.effect_texts, viewer),
                preview(game.scenario, decision.node, c.step, viewer, game.state.values),
            )
            for c in decision.choices
        )
        return Turn(mine.kind, choices)
    return Turn(mine.kind)


def _table(game: Game, viewer: str) -> TableView | None:
    node, state, scenario = game.node, game.state, game.scenario
    if node is None or node.negotiation is None or state.talks is None:
        return None
    negotiation, under_way = node.negotiation, state.talks
    actor = scenario.actors.get(viewer)
    worth = None
    blocked: list[str] = []
    if actor is not None and under_way.offer:
        worth = bargain.appraise(scenario, actor, under_way.offer, state.values)
        blocked = [
            f"{c.title}: {c.explanation}"
            for c in talks.term_blockers(scenario, negotiation, "accept", viewer, under_way.offer, state)
        ]
    return TableView(
        node.id,
        tuple(
            IssueLine(
                i,
                scenario.issues[i].title,
                tuple((o.id, o.label) for o in scenario.issues[i].options),
                scenario.issues[i].description,
                {o.id: o.text for o in scenario.issues[i].options if o.text},
            )
            for i in negotiation.issues
        ),
        negotiation.parties,
        under_way.round,
        negotiation.rounds,
        under_way.proposer,
        dict(under_way.offer),
        dict(under_way.answers),
        tuple(t.actor for t in game.turns),
        negotiation.needs,
        negotiation.needs_count,
        worth,
        not blocked,
        " ".join(blocked),
        round_words(under_way.round, negotiation.rounds),
    )

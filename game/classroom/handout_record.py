"""The record in the classroom pack: the historical path as the whole room may read it, and the
sources the scenario cites, numbered, with the scenario's own words that cite each.

Only public text: a paragraph, event or piece of knowledge known to some roles never appears here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..engine.history import played_history
from ..engine.model import Excerpt, Node, Scenario
from ..engine.narrate import PUBLIC, render
from ..engine.wording import long_date
from .role_sheets import always_shown


@dataclass(frozen=True)
class Cited:
    """A source as the pages list it: numbered, with the scenario's own words that cite it."""

    number: int
    id: str
    citation: str
    url: str
    note: str
    passages: tuple[Passage, ...]  # what the scenario takes from it, for the teacher's page
    excerpts: tuple[Excerpt, ...] = ()  # short passages for students, before play


@dataclass(frozen=True)
class Passage:
    """Where the scenario draws on a source, and its words there."""

    kind: str  # one of PASSAGE_KINDS
    where: str  # e.g. "15 August, the Soviet delegation" or the issue's title
    text: str


PASSAGE_KINDS = {
    "reading": "Readings of the evidence",
    "path": "The historical path",
    "branch": "Branches the game imagines, off the historical path",
    "event": "Events",
    "issue": "What is negotiated",
    "rule": "The game's rules drawn from it",
    "measure": "What the game keeps track of",
    "ending": "The ending",
}


@dataclass(frozen=True)
class Before:
    """An event on the road to the start, on the background's timeline before play."""

    date: dt.date
    when: str  # the date in words, as the scenario gives it or as the pack writes it
    text: str
    sources: tuple[int, ...]


@dataclass(frozen=True)
class Dated:
    """One step of the historical path on the background's "What really happened"."""

    date: dt.date
    heading: str
    who: str
    what: str
    text: str
    sources: tuple[int, ...]


class Numbers:
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


_GAME_NOTE = re.compile(r"\s*\((?:ends|closes) the [^)]*\)$")  # "(ends the game)": a note to players, not history


def _what(title: str) -> str:
    """A choice's label as history tells it: without the note to players that a choice ends the game."""
    return _GAME_NOTE.sub("", title)


def _no_deal(scenario: Scenario, node: Node | None) -> str:
    """How a negotiation without agreement reads: adjourned when play goes on, ended when it closes the game."""
    outlet = node.negotiation.no_deal if node is not None and node.negotiation is not None else None
    if outlet is not None and outlet.next and outlet.next not in scenario.outcomes:
        return "No agreement: the talks are adjourned"
    return "The talks end without agreement"


def timeline(scenario: Scenario, numbers: Numbers) -> tuple[Dated, ...]:
    """The historical path as the whole room may read it: public lines only, each with who acted and
    its sources. Only the record: an event the scenario does not mark as historical (a signal the game
    draws, say) and the game's own words for a move it has no recorded text for are left out."""
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
            if event is not None and (event.known_to or not event.historical):
                continue
            out.append(Dated(date, "Event", "", item.title, item.text, numbers(item.source)))
            continue
        heading = node.title if node else ""
        who = actor.name if actor else ""
        if item.kind in ("offer", "answer") and node is not None and node.negotiation is not None:
            text, source = _talk_source(node, item.actor, counts)
            terms = item.text.split("\n")[0] if item.kind == "offer" else ""
            body = "\n\n".join(dict.fromkeys(t for t in (terms, text) if t))
            out.append(Dated(date, heading, who, item.title, body, numbers(source, *node.sources)))
            continue
        if item.kind == "no_deal":
            out.append(Dated(date, heading, "", _no_deal(scenario, node), item.text, numbers(item.source)))
            continue
        out.append(Dated(date, heading, who, _what(item.title), item.text, numbers(item.source)))
    return tuple(out)


def opening_story(scenario: Scenario) -> tuple[str, str, tuple[str, ...]]:
    """How the game opens, for everyone: the first scene's title, date in words and the paragraphs
    every game shows everyone (for most scenarios, the road to the crisis). A paragraph on a condition
    is left out: it could tell a hidden draw or a delegation's private measure."""
    node = scenario.nodes[scenario.start_node]
    shown = always_shown(scenario, node.text, node.text_parts, PUBLIC)
    paragraphs = tuple(p.strip() for text in shown for p in text.split("\n\n") if p.strip())
    return node.title, long_date(node.date), paragraphs


def history_epilogue(scenario: Scenario) -> tuple[str, ...]:
    """What followed the historical ending, as the scenario's epilogue tells it for the historical game
    (public paragraphs only): the days after the game ends."""
    game = played_history(scenario)
    outcome = game.outcome
    if outcome is None:
        return ()
    text = render(outcome.epilogue, outcome.epilogue_parts, game.state.values, PUBLIC)
    return tuple(p.strip() for p in text.split("\n\n") if p.strip())


def _passages(scenario: Scenario) -> dict[str, list[Passage]]:
    """The scenario's public words that cite each source: lenses, historical steps, public events,
    issues, rules and the historical ending (never a private paragraph, nor knowledge known to some only)."""
    found: dict[str, list[Passage]] = {sid: [] for sid in scenario.sources}
    on_path = _historical_nodes(scenario)

    def add(source: str, kind: str, where: str, text: str) -> None:
        excerpt = Passage(kind, where, " ".join(text.split()))
        if source in found and excerpt.text and excerpt not in found[source]:
            found[source].append(excerpt)

    for lens in scenario.lenses.values():
        add(lens.source, "reading", lens.name, lens.text)
    for node in scenario.nodes.values():
        when = f"{node.date.day} {node.date:%B}, {node.title}"
        path = "path" if node.id in on_path else "branch"
        for sid in node.sources:
            add(sid, path, when, " ".join(always_shown(scenario, node.text, node.text_parts, PUBLIC)))
        steps = [(node.actor, s) for s in node.steps] + [(seat.actor, s) for seat in node.sealed for s in seat.choices]
        for actor_id, step in steps:
            if step.historical and step.source:
                actor = scenario.actors.get(actor_id)
                who = f"{when} ({actor.name})" if actor else when
                add(step.source, path, who, " ".join(t for t in (step.label + ".", step.text) if t.strip()))
        if node.negotiation is not None:
            for move in node.negotiation.history:
                actor = scenario.actors.get(move.actor)
                if move.source and move.text:
                    add(move.source, path, f"{when} ({actor.name if actor else move.actor})", move.text)
    for event in scenario.events:
        if not event.known_to and event.source:
            text = " ".join(always_shown(scenario, event.text, event.text_parts, PUBLIC))
            when = f"{event.date.day} {event.date:%B}, {event.title}" if event.date else event.title
            add(event.source, "event", when, text)
    for issue in scenario.issues.values():
        if issue.source:
            add(issue.source, "issue", issue.title, issue.description)
    for rule in scenario.constraints.values():
        add(rule.source, "rule", rule.title, rule.explanation)
    for variable in scenario.variables.values():
        if variable.source and variable.visible and not variable.known_to and variable.description:
            add(variable.source, "measure", variable.label, variable.description)
    for outcome in scenario.outcomes.values():
        if outcome.historical:
            epilogue = always_shown(scenario, outcome.epilogue, outcome.epilogue_parts, PUBLIC)
            for sid in outcome.sources:
                add(sid, "ending", outcome.title, epilogue[0] if epilogue else "")
    return found


def _historical_nodes(scenario: Scenario) -> frozenset[str]:
    """The scenes the historical path passes through: a scene only a departure reaches (a convention
    initialled, a counterfactual ending's road) is a branch, never listed as the historical path."""
    game = played_history(scenario)
    return frozenset({scenario.start_node} | {m.node for m in game.moves} | {h.node for h in game.log if h.node})


def cited_sources(scenario: Scenario) -> tuple[Cited, ...]:
    passages = _passages(scenario)
    return tuple(
        Cited(n, s.id, s.citation, s.url, s.note, tuple(passages[s.id]), s.excerpts)
        for n, s in enumerate(scenario.sources.values(), 1)
    )


def road_to_start(scenario: Scenario, numbers: Numbers) -> tuple[Before, ...]:
    """The scenario's timeline before play (format 2; none otherwise), its sources numbered."""
    return tuple(
        Before(d.date, d.when or f"{d.date.day} {d.date:%B %Y}", d.text, numbers(*d.sources)) for d in scenario.timeline
    )


def history_ending(scenario: Scenario) -> str:
    """How history ended, in words ('' when the historical path reaches no ending)."""
    outcome = played_history(scenario).outcome
    if outcome is None:
        return ""
    return f"{outcome.title} ({outcome.date.day} {outcome.date:%B %Y})" if outcome.date else outcome.title

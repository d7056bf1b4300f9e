"""What the window says about a game, in words: plain sentences for happenings, the catalogue of
scenarios and the path a game took. No pygame here and no rules: everything is read from the
engine's public API (dates, citations, the historical path and the turning point are the engine's
own, ``engine.wording`` and ``engine.history``), so these functions are tested without a window.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ..engine import ERROR, Finding, Game, Move, Scenario, validate_file
from ..engine.wording import cite as cite  # re-exported: the screens say dates and sources as the engine does
from ..engine.wording import long_date as long_date
from ..engine.wording import short_date as short_date
from ..paths import scenario_files


def counted(number: int, thing: str, things: str = "") -> str:
    """'1 decision', '3 decisions': a count with its noun agreeing ('1 decisions' read as a slip).
    ``things`` for a plural not made with -s ('people')."""
    return f"{number} {thing if number == 1 else things or thing + 's'}"


def esc(text: str) -> str:
    """Text made safe for pygame_gui's HTML subset."""
    return html.escape(text or "", quote=False).replace("\n\n", "<br><br>").replace("\n", " ")


def said_html(text: str) -> str:
    """A move's words: the terms, then what was said about them in italics after a dash (they come as
    lines, which the window's text would otherwise run together: "Kestra alone Our farms need...")."""
    detail, _, reason = (text or "").partition("\n")
    reason = " ".join(reason.split())
    if not detail.strip():
        return f"<i>{esc(reason)}</i>" if reason else ""
    return esc(detail) + (f" — <i>{esc(reason)}</i>" if reason else "")


def actor_name(scenario: Scenario, actor: str) -> str:
    return scenario.actors[actor].name if actor in scenario.actors else actor


class Said(Protocol):
    """A line of a game's history: a ``Happening``, or a view's ``Line`` of one."""

    @property
    def kind(self) -> str: ...

    @property
    def actor(self) -> str: ...

    @property
    def title(self) -> str: ...


def plain(scenario: Scenario, item: Said) -> str:
    """One happening as a plain sentence, for the narration and the log."""
    if item.kind == "decision":
        return f"{actor_name(scenario, item.actor)} chose: {item.title}."
    if item.kind == "chance":
        return f"By chance: {item.title}."
    if item.kind == "event":
        return f"Meanwhile — {item.title}."
    if item.kind in ("outcome", "deadline", "stuck"):
        return f"The end: {item.title}."
    return item.title


@dataclass
class CatalogueEntry:
    """A scenario file as the chooser lists it: playable, or with its first error."""

    path: Path
    scenario: Scenario | None = None
    first_error: str = ""
    findings: list[Finding] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return self.scenario is not None


def check_file(path: Path) -> CatalogueEntry:
    try:
        scenario, findings = validate_file(str(path))
    except Exception as exc:  # a reader bug must not stop the title screen from listing the rest
        return CatalogueEntry(path, None, f"{path.name}: cannot be read ({exc.__class__.__name__}: {exc})")
    if scenario is not None:
        return CatalogueEntry(path, scenario, "", findings)
    errors = [f for f in findings if f.severity == ERROR] or findings
    first = errors[0].format() if errors else f"{path}: cannot be played"
    return CatalogueEntry(path, None, first, findings)


def catalogue(extra: list[Path] | None = None) -> list[CatalogueEntry]:
    """Every scenario file in ``scenarios/`` (and any ``extra`` path), valid ones first, by title."""
    paths = list(scenario_files())
    for path in extra or []:
        if path.resolve() not in {p.resolve() for p in paths}:
            paths.append(path)
    entries = [check_file(p) for p in paths]
    return sorted(entries, key=lambda e: (not e.valid, e.scenario.title.casefold() if e.scenario else "", e.path.name))


@dataclass
class PathStep:
    """One line of a path for the debrief: a decision or a chance result, dated."""

    move: Move
    date: dt.date
    text: str


def path_of(game: Game) -> list[PathStep]:
    """The game's recorded moves in words."""
    scenario = game.scenario
    out = []
    for move in game.moves:
        node = scenario.nodes.get(move.node)
        step = node.step(move.step) if node else None
        label = step.label if step else move.step
        who = "By chance" if move.by == "chance" else actor_name(scenario, move.actor)
        out.append(PathStep(move, scenario.date_of(move.day), f"{who}: {label}"))
    return out


def sources_of(game: Game) -> list[str]:
    """Source ids cited along the game's path and by its ending, first mention first."""
    scenario = game.scenario
    seen: list[str] = []

    def add(source: str) -> None:
        if source and source not in seen:
            seen.append(source)

    for move in game.moves:
        node = scenario.nodes.get(move.node)
        if node:
            for source in node.sources:
                add(source)
    for item in game.log:
        add(item.source)
    outcome = game.outcome
    if outcome:
        for source in outcome.sources:
            add(source)
    return seen


SPECULATION_WORDS = {
    "none": "Not speculative: this is what happened.",
    "low": "A little speculative: a small and plausible change from the record.",
    "medium": "Speculative: historians disagree whether this could have happened.",
    "high": "Highly speculative: an informed guess beyond the record.",
}

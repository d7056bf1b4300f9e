"""The classroom pack as data, built from a scenario alone: a sheet per role (``role_sheets``), the
background every student reads and the sources (``handout_record``), the debrief questions for
each ending (``handout_debrief``), and how long play takes (``play_length``). ``handouts_html`` makes the pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from ..engine.model import Scenario
from .handout_debrief import EndingDebrief, endings
from .handout_record import (
    Before,
    Cited,
    Dated,
    Numbers,
    cited_sources,
    history_ending,
    history_epilogue,
    opening_story,
    road_to_start,
    timeline,
)
from .play_length import NO_MOVES, PlayLength, play_length
from .role_sheets import RoleSheet, role_sheet, start_values


@dataclass(frozen=True)
class LensNote:
    name: str
    text: str
    sources: tuple[int, ...]
    default: bool


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
    lens: str  # the reading whose values the sheets give "at the start" ('' : none)
    lens_is_default: bool  # whether it is the scenario's default reading
    history_epilogue: tuple[str, ...] = ()  # what followed the historical ending, in the scenario's words
    opening: tuple[str, str, tuple[str, ...]] = ("", "", ())  # the first scene: title, date, public paragraphs
    length: PlayLength = NO_MOVES  # the moves people make on the historical path
    road: tuple[Before, ...] = ()  # the dated road to the start, read before play
    invented: bool = False  # an invented case: its "historical" path is only the course it is written to take


def build_pack(scenario: Scenario, lens: str | None = None) -> Pack:
    """The whole classroom pack for ``scenario``, its numbers under ``lens`` (default: the scenario's
    default lens). An unknown lens is a ``KeyError``: the command checks it first."""
    lens_id = lens or scenario.default_lens
    chosen = scenario.lenses[lens_id] if lens else scenario.lenses.get(lens_id)
    start = start_values(scenario, chosen.id if chosen else None)
    numbers = Numbers(scenario)
    features = set(scenario.actors) | {f for node in scenario.nodes.values() for f in node.map}
    return Pack(
        scenario.id,
        scenario.title,
        scenario.summary,
        scenario.start,
        scenario.end,
        tuple(role_sheet(scenario, a, start, chosen) for a in scenario.actors.values()),
        timeline(scenario, numbers),
        tuple(
            LensNote(each.name, each.text, numbers(each.source), each.id == scenario.default_lens)
            for each in scenario.lenses.values()
        ),
        tuple((i.title, i.description, tuple(o.label for o in i.options)) for i in scenario.issues.values()),
        tuple(k.text for k in scenario.knowledge if not k.known_to and not k.condition_text),
        cited_sources(scenario),
        endings(scenario),
        frozenset(features),
        {a.id: a.colour for a in scenario.actors.values()},
        history_ending(scenario),
        chosen.name if chosen else "",
        chosen is not None and chosen.id == scenario.default_lens,
        history_epilogue(scenario),
        opening_story(scenario),
        play_length(scenario),
        road_to_start(scenario, numbers),
        scenario.invented,
    )

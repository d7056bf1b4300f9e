"""What the debrief says, as plain data: every delegation's score and what earned it, the measures
day by day, the path beside history aligned by date with the departures marked, the turning point
in words and the sources as numbered notes. No pygame here, so each is tested without a window;
the debrief screen lays them out on one page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from ..classroom.history import Step, describe
from ..engine import Game, Move
from ..engine.history import aligned_history, turning_point
from ..engine.model import Scenario, Variable
from ..engine.narrate import may_know
from ..engine.wording import cite, long_date, short_date, value_words


@dataclass(frozen=True)
class Series:
    """One measure over the game: its label, its range and its value at the end of each day. A yes/no
    measure runs 0–1 and an issue's terms run over its options' places; ``words`` then says each value
    as players read it (empty for a number, which says itself)."""

    id: str
    label: str
    low: int
    high: int
    values: tuple[int, ...]
    kind: str = "number"  # "number" | "yes/no" | "terms"
    words: tuple[str, ...] = ()

    def said(self, index: int) -> str:
        """The value at ``index`` in players' words."""
        return self.words[index] if self.words else str(self.values[index])

    @property
    def changed(self) -> bool:
        return len(set(self.values)) > 1


def measures(game: Game) -> tuple[list[dt.date], list[Series]]:
    """The public measures at the start and at the end of each day a move was made on (rebuilt by
    replaying the record up to there: the game keeps only its latest state). Every number is kept;
    a yes/no measure or an issue's terms only when it changed, so a chart shows what moved."""
    scenario = game.scenario
    shown = [
        v
        for v in scenario.variables.values()
        if v.visible and v.type.kind in ("int", "bool", "enum") and may_know(v.known_to, "*public") and not v.drawn
    ]
    if not shown:
        return [], []
    cuts: list[tuple[dt.date, int]] = [(scenario.date_of(0), 0)]
    for index, move in enumerate(game.moves, start=1):
        day = scenario.date_of(move.day)
        if cuts and cuts[-1][0] == day and cuts[-1][1] != 0:
            cuts[-1] = (day, index)
        else:
            cuts.append((day, index))
    rows: list[dict[str, object]] = []
    settings = replace(game.settings, controllers=dict(game.settings.controllers))
    for _, count in cuts:
        if count == len(game.moves):
            state = game.state
        else:
            state = Game.replay(scenario, settings, list(game.moves[:count]))[0].state
        rows.append({v.id: state.values.get(v.id) for v in shown})
    series = [_series(scenario, v, [r[v.id] for r in rows]) for v in shown]
    return [d for d, _ in cuts], [one for one in series if one.kind == "number" or one.changed]


def _series(scenario: Scenario, variable: Variable, values: list[object]) -> Series:
    """A measure's values as a line: numbers as they are, yes/no as 1/0, an enum by its option's place."""
    label = variable.label or variable.id
    kind = variable.type.kind
    if kind == "int":
        numbers = tuple(_number(v) for v in values)
        return Series(variable.id, label, variable.type.minimum, variable.type.maximum, numbers)
    words = tuple(value_words(scenario.issues, variable.id, v) for v in values)
    if kind == "bool":
        return Series(variable.id, label, 0, 1, tuple(_number(v) for v in values), "yes/no", words)
    options = list(variable.type.values)
    places = tuple(options.index(v) if v in options else 0 for v in values)
    return Series(variable.id, label, 0, max(1, len(options) - 1), places, "terms", words)


def _number(value: object) -> int:
    return int(value) if isinstance(value, int | bool) else 0


def change_words(dates: list[dt.date], one: Series) -> str:
    """'Height of the weir: High at the start, Middle from 9 May': where a measure began and each
    change after, in players' words (for terms, which are choices and not amounts to chart)."""
    said = [f"{one.said(0)} at the start"]
    for index in range(1, len(one.values)):
        if one.values[index] != one.values[index - 1]:
            said.append(f"{one.said(index)} from {short_date(dates[index])}")
    return f"{one.label}: " + ", ".join(said)


@dataclass(frozen=True)
class PathRow:
    """A line of the path beside history: the same date, what this game did and what history did
    (either may be empty), whether they differ, and the numbers of the notes citing the scene."""

    date: dt.date
    mine: str
    theirs: str
    departs: bool
    notes: tuple[int, ...] = ()


class Notes:
    """Sources numbered in order of first mention."""

    def __init__(self) -> None:
        self.ids: list[str] = []

    def number(self, source: str) -> int:
        if source not in self.ids:
            self.ids.append(source)
        return self.ids.index(source) + 1


def _words(step: Step) -> str:
    who = "Chance" if step.chance else step.actor
    return f"{who}: {step.label}" if who else step.label


def aligned_paths(game: Game, history: Game, notes: Notes) -> list[PathRow]:
    """Both paths side by side, date by date: on each date the moves made at the same scene face
    each other, the rest take lines of their own; a line where they differ departs from history."""
    scenario = game.scenario
    mine = [(m, describe(scenario, m)) for m in game.moves]
    theirs = [(m, describe(scenario, m)) for m in history.moves]
    dates = sorted({s.date for _, s in mine} | {s.date for _, s in theirs})
    rows: list[PathRow] = []
    for date in dates:
        left = [(m, s) for m, s in mine if s.date == date]
        right = [(m, s) for m, s in theirs if s.date == date]
        for a, b in _pair(left, right):
            cited = dict.fromkeys(_sources(game, a[0] if a else b[0] if b else None))  # each note once
            refs = tuple(notes.number(src) for src in cited)
            departs = (
                a is None or b is None or (a[0].node, a[0].actor, a[1].label) != (b[0].node, b[0].actor, b[1].label)
            )
            rows.append(PathRow(date, _words(a[1]) if a else "", _words(b[1]) if b else "", departs, refs))
    return rows


def _pair(
    left: list[tuple[Move, Step]], right: list[tuple[Move, Step]]
) -> list[tuple[tuple[Move, Step] | None, tuple[Move, Step] | None]]:
    """Match each of ``left`` with the first unmatched move of ``right`` at the same scene and seat."""
    used: set[int] = set()
    out: list[tuple[tuple[Move, Step] | None, tuple[Move, Step] | None]] = []
    for item in left:
        match = next(
            (
                i
                for i, other in enumerate(right)
                if i not in used and (other[0].node, other[0].actor) == (item[0].node, item[0].actor)
            ),
            None,
        )
        if match is None:
            out.append((item, None))
        else:
            used.add(match)
            out.append((item, right[match]))
    out += [(None, other) for i, other in enumerate(right) if i not in used]
    return out


def _sources(game: Game, move: Move | None) -> tuple[str, ...]:
    """What a scene cites, and what the choice or branch taken there cites."""
    node = game.scenario.nodes.get(move.node) if move else None
    if node is None or move is None:
        return ()
    step = node.step(move.step)
    return (*node.sources, step.source) if step is not None and step.source else node.sources


def turning_words(game: Game, history: Game) -> str:
    """Where this game left history, as a sentence (a choice or a chance result), or that it did not."""
    turn = turning_point(game.moves, history.moves, finished=game.ended)
    if turn is None:
        return "You followed history all the way: every decision matched the record."
    if turn >= len(game.moves):
        return "Your game ended before history's did, on history's own road."
    scenario = game.scenario
    mine = describe(scenario, game.moves[turn])
    record = aligned_history(game.moves, history.moves)
    other = record[turn] if turn < len(record) else None
    theirs = describe(scenario, other) if other is not None and other.node == game.moves[turn].node else None
    where = f"{long_date(mine.date)}, {mine.node_title}"
    if mine.chance:
        said = f"The turning point, {where}: chance went another way — “{mine.label}”"
        return said + (f", where in history “{theirs.label}”." if theirs else ".")
    said = f"The turning point, {where}: {mine.actor or 'the table'} chose “{mine.label}”"
    return said + (f", where history had “{theirs.label}”." if theirs else ".")


def note_lines(game: Game, notes: Notes) -> list[str]:
    """The numbered notes: every source cited along either path, then the ending's."""
    outcome = game.outcome
    if outcome is not None:
        for source in outcome.sources:
            notes.number(source)
    return [f"{i}. {cite(game.scenario, source)}" for i, source in enumerate(notes.ids, start=1)]

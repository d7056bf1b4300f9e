"""Class results: many groups' saves gathered into outcomes, departures from history and a table.

Each save is replayed on its scenario (loaded once per scenario) and compared with that scenario's
historical path under the save's lens. Saves of different scenarios make separate sections.
Damaged saves are skipped and listed with the reason, so one bad file never sinks the lesson.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..engine import Game, Scenario
from ..engine.saves import SaveError
from . import history
from .chart import Bar, Chart
from .loading import ClassroomError, LoadedSave, ScenarioFinder, load_save

UNFINISHED = "Not finished"
TOP_DEPARTURES = 10  # rows shown in the report; the model keeps them all


@dataclass(frozen=True)
class GroupResult:
    """One group's game: a row of the class table."""

    name: str
    path: Path
    lens: str
    seed: int
    outcome_id: str  # "" when unfinished
    outcome: str
    turning_point: str  # "" when the game never left history
    decisions: int
    reasons: int
    notice: str = ""


@dataclass(frozen=True)
class Departure:
    """A decision (or chance node) and how often groups left history there."""

    node: str
    where: str
    reached: int  # groups whose game passed here
    parted: int  # groups whose turning point this was
    otherwise: int  # groups that took something other than the historical choice here
    alternative: str  # the most common other choice, with its count


@dataclass
class ScenarioResults:
    scenario_id: str
    title: str
    groups: list[GroupResult] = field(default_factory=list)
    outcome_counts: list[Bar] = field(default_factory=list)
    departures: list[Departure] = field(default_factory=list)

    @property
    def chart(self) -> Chart:
        return Chart(f"Outcomes of {len(self.groups)} game(s): {self.title}", tuple(self.outcome_counts))


@dataclass
class ClassReport:
    sections: list[ScenarioResults]
    skipped: list[tuple[str, str]]  # (file, why)

    @property
    def total(self) -> int:
        return sum(len(s.groups) for s in self.sections)


def natural_key(name: str) -> tuple[tuple[int, int | str], ...]:
    """Sort 'group 2' before 'group 10'."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", name.lower()) if part)


class _Tally:
    """Counts for one scenario while saves are read."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.groups: list[GroupResult] = []
        self.outcomes: Counter[str] = Counter()
        self.reached: Counter[str] = Counter()
        self.parted: Counter[str] = Counter()
        self.otherwise: Counter[str] = Counter()
        self.alternatives: dict[str, Counter[str]] = {}

    def add(self, loaded: LoadedSave) -> None:
        game = loaded.game
        past = history.historical_path(self.scenario, game.settings.lens)
        turn = history.turning_point(game.moves, past.moves)
        words = ""
        if turn is not None and turn < len(game.moves):
            self.parted[game.moves[turn].node] += 1
            words = history.parting_words(history.describe(self.scenario, game.moves[turn]))
        self._count_choices(game)
        outcome = game.outcome
        self.outcomes[outcome.id if outcome else ""] += 1
        lens = self.scenario.lenses.get(game.settings.lens)
        self.groups.append(GroupResult(
            loaded.data.name, loaded.path, lens.name if lens else game.settings.lens, game.settings.seed,
            outcome.id if outcome else "", outcome.title if outcome else UNFINISHED, words,
            sum(1 for m in game.moves if m.by != "chance"), sum(1 for m in game.moves if m.reason), loaded.notice))

    def _count_choices(self, game: Game) -> None:
        """Count groups, not moves: a game that comes back to a decision counts there once."""
        for node_id in dict.fromkeys(m.node for m in game.moves):
            self.reached[node_id] += 1
        others: dict[str, set[str]] = {}
        for move in game.moves:
            node = self.scenario.nodes.get(move.node)
            expected = self.scenario.historical_step(node) if node else None
            if node is None or expected is None or expected.id == move.step:
                continue
            step = node.step(move.step)
            others.setdefault(move.node, set()).add(step.label if step else move.step)
        for node_id, labels in others.items():
            self.otherwise[node_id] += 1
            self.alternatives.setdefault(node_id, Counter()).update(labels)

    def results(self) -> ScenarioResults:
        scenario = self.scenario
        bars = [Bar(o.title, self.outcomes[o.id], o.historical) for o in scenario.outcomes.values()]
        if self.outcomes[""]:
            bars.append(Bar(UNFINISHED, self.outcomes[""], unfinished=True))
        departures = []
        for node_id in set(self.parted) | set(self.otherwise):
            node = scenario.nodes.get(node_id)
            actor = scenario.actors.get(node.actor) if node else None
            where = (f"{node.date.day} {node.date:%b}, {node.title} ({actor.name if actor else 'chance'})"
                     if node else node_id)
            top = self.alternatives.get(node_id, Counter()).most_common(1)
            alternative = f"{top[0][0]} ({top[0][1]})" if top else "—"
            departures.append(Departure(node_id, where, self.reached[node_id], self.parted[node_id],
                                        self.otherwise[node_id], alternative))
        order = {node_id: i for i, node_id in enumerate(scenario.nodes)}
        departures.sort(key=lambda d: (-d.parted, -d.otherwise, order.get(d.node, len(order))))
        groups = sorted(self.groups, key=lambda g: natural_key(g.name))
        return ScenarioResults(scenario.id, scenario.title, groups, bars, departures)


def build_report(paths: list[Path], finder: ScenarioFinder | None = None) -> ClassReport:
    """Read every save in ``paths``; damaged or unplayable ones go to ``skipped`` with the reason."""
    finder = finder or ScenarioFinder()
    tallies: dict[tuple[str, int], _Tally] = {}
    skipped: list[tuple[str, str]] = []
    for path in paths:
        try:
            loaded = load_save(path, finder)
        except (SaveError, ClassroomError) as exc:
            skipped.append((str(path), str(exc)))
            continue
        scenario = loaded.game.scenario
        key = (scenario.id, id(scenario))
        if key not in tallies:
            tallies[key] = _Tally(scenario)
        tallies[key].add(loaded)
    return ClassReport([t.results() for t in tallies.values()], skipped)

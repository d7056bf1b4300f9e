"""Class results: many groups' saves gathered into outcomes, departures from history and a table.

Each save is replayed on its scenario (loaded once per scenario) and compared with that scenario's
historical path under the save's lens. Saves of different scenarios make separate sections.
Damaged saves are skipped and listed with the reason, so one bad file never sinks the lesson.

A group is named by its file (``group3.json`` is "group3"), not by the name stored inside it: a
copy of ``autosave.json`` renamed for each group still says "autosave" inside. Two files holding
exactly the same game (scenario, settings and moves) are one game: it is counted once and the
copy is listed in ``duplicates``. A file a group named is preferred to an autosave of the same game
(``autosave-<scenario>-<hash>.json``), so "group 3" names the game, not a hash.

Scenarios whose delegations have objectives (format 2) also get a score table: each group's score
for each role, and each role's mean over the finished games, so a class can compare its tables
role by role. Format-1 scenarios have no objectives and no such table.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..engine import Game, Scenario
from ..engine.history import played_history, turning_point
from ..engine.saves import AUTOSAVE, SaveData, SaveError, read_save
from ..engine.scoring import best_total, scores
from . import history
from .chart import Bar, Chart
from .loading import ClassroomError, LoadedSave, ScenarioFinder, natural_key, replay_save
from .played import Played, played
from .transcript import tally

UNFINISHED = "Not finished"
NO_LENS = "(no lens)"
TOP_DEPARTURES = 10  # rows shown in the report; the model keeps them all


@dataclass(frozen=True)
class RoleResult:
    """One delegation's score in one group's finished game, and which objectives earned it."""

    total: int
    possible: int  # the most it can score at one ending (``scoring.best_total``)
    met: tuple[str, ...]  # objective ids
    missed: tuple[str, ...]
    played: Played  # who played the delegation, from its moves

    @property
    def by_people(self) -> bool:
        """The class took most of the delegation's decisions: the score is theirs."""
        return self.played.mostly_students


@dataclass(frozen=True)
class Role:
    """A delegation scored in this scenario: a column of the score table."""

    actor: str
    name: str
    possible: int  # the most it can score at one ending (``scoring.best_total``)
    mean: float | None  # over the finished games; None when no game finished
    games: int  # finished games counted in the mean


@dataclass(frozen=True)
class GroupResult:
    """One group's game: a row of the class table."""

    name: str  # the file's name without .json: what the teacher named it
    path: Path
    lens: str
    seed: int
    outcome_id: str  # "" when unfinished
    outcome: str
    turning_point: str  # "" when the game never left history
    decisions: int
    reasons: int
    notice: str = ""
    saved_as: str = ""  # the name stored inside the save, when it differs from the file's name
    by_class: int = 0  # decisions taken by people (the rest by the computer or the clock)
    scores: Mapping[str, RoleResult] = field(default_factory=dict)  # actor -> score; empty while unfinished
    played: Mapping[str, Played] = field(default_factory=dict)  # actor -> who played it, finished or not


@dataclass(frozen=True)
class Departure:
    """A decision (or chance node) and how often groups left history there."""

    node: str
    where: str
    reached: int  # groups whose game passed here
    parted: int  # groups whose turning point this was
    otherwise: int  # groups that took something other than the historical choice here
    alternative: str  # the most common other choice, with its count


@dataclass(frozen=True)
class LensRow:
    """One ending and how many groups reached it under each lens (in ``ScenarioResults.lenses`` order)."""

    label: str
    counts: tuple[int, ...]
    historical: bool = False
    unfinished: bool = False


@dataclass
class ScenarioResults:
    scenario_id: str
    title: str
    groups: list[GroupResult] = field(default_factory=list)
    outcome_counts: list[Bar] = field(default_factory=list)
    departures: list[Departure] = field(default_factory=list)
    lenses: list[str] = field(default_factory=list)  # names of the lenses groups played under
    by_lens: list[LensRow] = field(default_factory=list)  # ending x lens
    roles: list[Role] = field(default_factory=list)  # delegations with objectives, in the scenario's order

    @property
    def lens_totals(self) -> tuple[int, ...]:
        """How many groups played under each lens."""
        return tuple(sum(row.counts[i] for row in self.by_lens) for i in range(len(self.lenses)))

    @property
    def chart(self) -> Chart:
        return Chart(f"Outcomes of {len(self.groups)} game(s): {self.title}", tuple(self.outcome_counts))


@dataclass
class ClassReport:
    sections: list[ScenarioResults]
    skipped: list[tuple[str, str]]  # (file, why)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (copy, the file counted), both as given

    @property
    def total(self) -> int:
        return sum(len(s.groups) for s in self.sections)

    def copies_words(self) -> str:
        """'1 copy counted once', '3 copies counted once', or '' when there were none."""
        count = len(self.duplicates)
        return f"{count} {'copy' if count == 1 else 'copies'} counted once" if count else ""


class _Tally:
    """Counts for one scenario while saves are read."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.groups: list[GroupResult] = []
        self.outcomes: Counter[str] = Counter()
        self.by_lens: Counter[tuple[str, str]] = Counter()  # (lens id, outcome id or "")
        self.reached: Counter[str] = Counter()
        self.parted: Counter[str] = Counter()
        self.otherwise: Counter[str] = Counter()
        self.alternatives: dict[str, Counter[str]] = {}

    def add(self, loaded: LoadedSave) -> None:
        game = loaded.game
        past = played_history(self.scenario, game.settings.lens, game.settings.seed)
        turn = turning_point(game.moves, past.moves, finished=game.ended)
        words = ""
        if turn is not None and turn < len(game.moves):
            self.parted[game.moves[turn].node] += 1
            words = history.parting_words(history.describe(self.scenario, game.moves[turn]))
        elif turn is not None:
            words = history.ENDED_EARLY
        self._count_choices(game)
        outcome = game.outcome
        self.outcomes[outcome.id if outcome else ""] += 1
        self.by_lens[(game.settings.lens, outcome.id if outcome else "")] += 1
        name = loaded.path.stem
        count = tally(game.moves)
        self.groups.append(
            GroupResult(
                name,
                loaded.path,
                self._lens_name(game.settings.lens),
                game.settings.seed,
                outcome.id if outcome else "",
                outcome.title if outcome else UNFINISHED,
                words,
                count.total,
                sum(1 for m in game.moves if m.reason and m.in_persons_seat),
                loaded.notice,
                loaded.data.name if loaded.data.name != name else "",
                count.by_class,
                self._scores(game),
                {actor: played(game, actor) for actor in self.scenario.actors},
            )
        )

    @staticmethod
    def _scores(game: Game) -> dict[str, RoleResult]:
        if not game.ended:
            return {}
        out = {}
        for actor, score in scores(game.scenario, game.state).items():
            met = tuple(r.objective.id for r in score.results if r.met)
            missed = tuple(r.objective.id for r in score.results if not r.met)
            best = best_total(game.scenario, actor)
            out[actor] = RoleResult(score.total, best, met, missed, played(game, actor))
        return out

    def _roles(self) -> list[Role]:
        roles = []
        for actor in self.scenario.actors.values():
            if not actor.objectives:
                continue
            totals = [g.scores[actor.id].total for g in self.groups if actor.id in g.scores]
            possible = best_total(self.scenario, actor.id)  # at one ending: objectives may exclude each other
            mean = sum(totals) / len(totals) if totals else None
            roles.append(Role(actor.id, actor.name, possible, mean, len(totals)))
        return roles

    def _actor_name(self, actor_id: str) -> str:
        actor = self.scenario.actors.get(actor_id)
        return actor.name if actor else actor_id

    def _lens_name(self, lens_id: str) -> str:
        lens = self.scenario.lenses.get(lens_id)
        return lens.name if lens else (lens_id or NO_LENS)

    def _count_choices(self, game: Game) -> None:
        """Count groups, not moves: a game that comes back to a decision counts there once."""
        for node_id in dict.fromkeys(m.node for m in game.moves):
            self.reached[node_id] += 1
        others: dict[str, set[str]] = {}
        for move in game.moves:
            node = self.scenario.nodes.get(move.node)
            expected = history.historical_choice(node, move.actor) if node else None
            if node is None or expected is None or expected.id == move.step:
                continue
            label = history.step_label(node, move.actor, move.step)
            if node.sealed:  # several seats choose here: say whose choice it was
                label = f"{self._actor_name(move.actor)}: {label}"
            others.setdefault(move.node, set()).add(label)
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
            where = (
                f"{node.date.day} {node.date:%b}, {node.title} ({history.who_moves(scenario, node)})"
                if node
                else node_id
            )
            top = self.alternatives.get(node_id, Counter()).most_common(1)
            alternative = f"{top[0][0]} ({top[0][1]})" if top else "—"
            departures.append(
                Departure(
                    node_id, where, self.reached[node_id], self.parted[node_id], self.otherwise[node_id], alternative
                )
            )
        order = {node_id: i for i, node_id in enumerate(scenario.nodes)}
        departures.sort(key=lambda d: (-d.parted, -d.otherwise, order.get(d.node, len(order))))
        groups = sorted(self.groups, key=lambda g: natural_key(g.name))
        lens_ids, by_lens = self._lens_table()
        return ScenarioResults(
            scenario.id,
            scenario.title,
            groups,
            bars,
            departures,
            [self._lens_name(i) for i in lens_ids],
            by_lens,
            self._roles(),
        )

    def _lens_table(self) -> tuple[list[str], list[LensRow]]:
        """The lenses played (the scenario's order, then any it no longer has) and ending x lens counts."""
        played = {lens for lens, _ in self.by_lens}
        lens_ids = [i for i in self.scenario.lenses if i in played] + sorted(played - set(self.scenario.lenses))
        rows = [
            LensRow(o.title, tuple(self.by_lens[(i, o.id)] for i in lens_ids), o.historical)
            for o in self.scenario.outcomes.values()
        ]
        if self.outcomes[""]:
            rows.append(LensRow(UNFINISHED, tuple(self.by_lens[(i, "")] for i in lens_ids), unfinished=True))
        return lens_ids, rows


BY_COMPUTER = "†"  # marks a score the computer earned (it took most of the delegation's decisions)


def score_text(group: GroupResult, actor: str) -> str:
    """A group's score for a role: '12', '12 †' when the computer took most of its decisions, '—' when
    unfinished. A seat the computer took over late stays the students' score."""
    result = group.scores.get(actor)
    if result is None:
        return "—"
    return str(result.total) if result.by_people else f"{result.total} {BY_COMPUTER}"


def mean_text(role: Role) -> str:
    """A role's mean score to one decimal ('—' when no game finished)."""
    return "—" if role.mean is None else f"{role.mean:.1f}"


def fingerprint(data: SaveData) -> str:
    """What makes two saves the same game: scenario id, settings and moves (not the name or dates)."""
    return json.dumps(
        [data.scenario_id, data.settings.to_dict(), [m.to_dict() for m in data.moves]],
        sort_keys=True,
        ensure_ascii=False,
    )


def is_autosave_file(path: Path) -> bool:
    """Whether the file's name is an autosave's (``autosave.json``, ``autosave-<scenario>-<hash>.json``),
    not a name a group chose."""
    return path.stem == AUTOSAVE or path.stem.startswith(f"{AUTOSAVE}-")


def build_report(paths: list[Path], finder: ScenarioFinder | None = None) -> ClassReport:
    """Read every save in ``paths``; damaged or unplayable ones go to ``skipped`` with the reason,
    and copies of a game already counted go to ``duplicates``."""
    finder = finder or ScenarioFinder()
    tallies: dict[tuple[str, int], _Tally] = {}
    skipped: list[tuple[str, str]] = []
    duplicates: list[tuple[str, str]] = []
    counted: dict[str, Path] = {}  # fingerprint -> the file counted for it
    for path in sorted(paths, key=is_autosave_file):  # named saves first; otherwise in the order given
        try:
            data = read_save(path)
            mark = fingerprint(data)
            same = counted.get(mark)
            if same is not None:
                duplicates.append((str(path), str(same)))
                continue
            loaded = replay_save(data, finder)
        except (SaveError, ClassroomError) as exc:
            skipped.append((str(path), str(exc)))
            continue
        counted[mark] = path
        scenario = loaded.game.scenario
        key = (scenario.id, id(scenario))
        if key not in tallies:
            tallies[key] = _Tally(scenario)
        tallies[key].add(loaded)
    return ClassReport([t.results() for t in tallies.values()], skipped, duplicates)

"""Objectives and scores: what each delegation's players are scored on, and what they earned.

An objective is met when its condition holds on the finished game: the final state, the deal's terms
(the issue variables) and ``outcome``, the ending's id. A delegation's score is the sum of the points
of the objectives it met; secret objectives count like public ones but are shown to their own players.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from .disclosure import names_read
from .expr import Value
from .model import Objective, Scenario
from .state import GameState

OUTCOME = "outcome"


@dataclass(frozen=True)
class ObjectiveResult:
    objective: Objective
    met: bool

    @property
    def points(self) -> int:
        return self.objective.points if self.met else 0


@dataclass(frozen=True)
class Score:
    """One delegation's score and what earned it."""

    actor: str
    results: tuple[ObjectiveResult, ...]

    @property
    def total(self) -> int:
        return sum(r.points for r in self.results)

    @property
    def possible(self) -> int:
        return sum(r.objective.points for r in self.results if r.objective.points > 0)


def objective_values(state: GameState) -> dict[str, Value]:
    values: dict[str, Value] = dict(state.values)
    values[OUTCOME] = state.outcome
    return values


def score(scenario: Scenario, state: GameState, actor: str) -> Score:
    """``actor``'s score on ``state`` (meaningful once the game has ended)."""
    values = objective_values(state)
    results = tuple(ObjectiveResult(o, bool(o.condition(values))) for o in scenario.actors[actor].objectives)
    return Score(actor, results)


def scores(scenario: Scenario, state: GameState) -> dict[str, Score]:
    """Every delegation's score that has objectives, in the scenario's order."""
    return {a: score(scenario, state, a) for a, actor in scenario.actors.items() if actor.objectives}


MAX_TRIED = 4096  # assignments tried for one objective at one ending; beyond it, it is taken as possible


def _domain(scenario: Scenario, name: str) -> tuple[Value, ...] | None:
    """The values a variable can take, or None when there are too many to try."""
    variable = scenario.variables.get(name)
    if variable is None:
        return None
    kind = variable.type
    if kind.kind == "bool":
        return (False, True)
    if kind.kind == "enum":
        return kind.values
    if kind.maximum - kind.minimum < MAX_TRIED:
        return tuple(range(kind.minimum, kind.maximum + 1))
    return None


def _can_hold(scenario: Scenario, objective: Objective, outcome: str) -> bool:
    """Whether some values of the variables ``objective`` reads meet it at ``outcome`` (True when that
    cannot be told cheaply: the answer errs towards possible)."""
    names = sorted(n for n in names_read(objective.condition_text) if n in scenario.variables)
    domains = [_domain(scenario, n) for n in names]
    if any(d is None for d in domains) or math.prod(len(d or ()) for d in domains) > MAX_TRIED:
        return True
    base: dict[str, Value] = dict(scenario.initial_values(None))
    base[OUTCOME] = outcome
    for values in itertools.product(*(d or () for d in domains)):
        try:
            if objective.condition({**base, **dict(zip(names, values, strict=True))}):
                return True
        except (ArithmeticError, KeyError, TypeError, ValueError):
            return True
    return False


def best_total(scenario: Scenario, actor: str) -> int:
    """The most ``actor`` can score at any one ending: the sum of the objectives that can hold
    there. It is below the sum of all points when objectives exclude each other (one needs the pact,
    another a convention; one a high hidden draw, another a low one), so a sheet never promises a
    score no game can give. It does not ask whether play can reach every such combination."""
    objectives = [o for o in scenario.actors[actor].objectives if o.points > 0]
    if not objectives:
        return 0
    return max(sum(o.points for o in objectives if _can_hold(scenario, o, outcome)) for outcome in scenario.outcomes)

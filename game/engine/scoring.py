"""Objectives and scores: what each delegation's players are scored on, and what they earned.

An objective is met when its condition holds on the finished game: the final state, the deal's terms
(the issue variables) and ``outcome``, the ending's id. A delegation's score is the sum of the points
of the objectives it met; secret objectives count like public ones but are shown to their own players.
"""

from __future__ import annotations

from dataclasses import dataclass

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

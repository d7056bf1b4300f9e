"""Computer players. Each policy picks one of the open choices for the actor whose turn it is.

- ``historical``: what really happened, while the game is still on the historical path; once any
  step has left it, the situation is no longer history's, so it plays by ``goals``.
- ``goals``: scores each open choice by the actor's goals in the scenario, after its effects.
- ``random``: any open choice, evenly.
Randomness comes from ``rules.policy_seed`` (game seed, turn, actor), never from the game's own
generator, so recorded games replay exactly without re-running the players.
"""

from __future__ import annotations

from collections.abc import Callable

from .expr import Value
from .model import Actor, Scenario, Step
from .rules import policy_seed
from .state import GameState, draw_below

Policy = Callable[[Scenario, GameState, list[Step], str, int], Step]


def _pick(options: list[Step], seed: int, state: GameState, actor: str) -> Step:
    if len(options) == 1:
        return options[0]
    _, index = draw_below(policy_seed(seed, state.turn, actor), len(options))
    return options[index]


def random_policy(scenario: Scenario, state: GameState, options: list[Step], actor: str, seed: int) -> Step:
    return _pick(options, seed, state, actor)


def score(scenario: Scenario, actor: Actor, state: GameState, step: Step) -> int:
    """How well ``step`` serves ``actor``'s goals: its effects applied to a copy of the values."""
    values: dict[str, Value] = dict(state.values)
    for effect in step.effects:
        effect(values)
    if step.days:
        values["day"] = int(values["day"]) + step.days
        values["days_left"] = int(values["days_left"]) - step.days
    total = 0
    for goal in actor.goals:
        if goal.expr is not None:
            total += goal.weight * int(goal.expr(values))
        elif goal.outcome == step.next:
            total += goal.weight
    return total


def goals_policy(scenario: Scenario, state: GameState, options: list[Step], actor: str, seed: int) -> Step:
    player = scenario.actors[actor]
    if not player.goals:
        return _pick(options, seed, state, actor)
    scored = [(score(scenario, player, state, step), step) for step in options]
    best = max(s for s, _ in scored)
    return _pick([step for s, step in scored if s == best], seed, state, actor)


def historical_policy(scenario: Scenario, state: GameState, options: list[Step], actor: str, seed: int) -> Step:
    if not state.off_history:
        for step in options:
            if step.historical:
                return step
    return goals_policy(scenario, state, options, actor, seed)


POLICIES: dict[str, Policy] = {
    "historical": historical_policy,
    "goals": goals_policy,
    "random": random_policy,
}
CONTROLLERS = ("human", *POLICIES)

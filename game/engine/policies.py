"""Computer players. Each policy picks one of the open choices for the actor whose turn it is.

- ``historical``: what really happened, while the game is still on the historical path; once any
  step has left it, the situation is no longer history's, so it plays by ``goals``.
- ``goals``: foresees where each open choice leads (``foresight``) and takes the one whose ending
  best serves the actor's goals in the scenario.
- ``random``: any open choice, evenly.
Randomness comes from ``rules.policy_seed`` (game seed, turn, actor), never from the game's own
generator, so recorded games replay exactly without re-running the players.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, get_args

from .foresight import foresee, immediate_score
from .model import Scenario, Step
from .rules import policy_seed
from .state import GameState, draw_below

Policy = Callable[[Scenario, GameState, list[Step], str, int], Step]
PolicyName = Literal["historical", "goals", "random"]
Controller = Literal["human", PolicyName]  # who plays an actor: a person, or a computer policy
FORESIGHT = 2  # how deeply goal-driven players model the others (see foresight.py)


def _pick(options: list[Step], seed: int, state: GameState, actor: str) -> Step:
    if len(options) == 1:
        return options[0]
    _, index = draw_below(policy_seed(seed, state.turn, actor), len(options))
    return options[index]


def random_policy(scenario: Scenario, state: GameState, options: list[Step], actor: str, seed: int) -> Step:
    return _pick(options, seed, state, actor)


def goals_policy(scenario: Scenario, state: GameState, options: list[Step], actor: str, seed: int) -> Step:
    """The choice whose foreseen ending best serves the actor's goals; ties go to the one that
    serves them best at once, then to chance."""
    player = scenario.actors[actor]
    if not player.goals or len(options) == 1:
        return _pick(options, seed, state, actor)
    scored = [
        ((foresee(scenario, state, step, actor, FORESIGHT), immediate_score(player, state, step)), step)
        for step in options
    ]
    best = max(s for s, _ in scored)
    return _pick([step for s, step in scored if s == best], seed, state, actor)


def historical_policy(scenario: Scenario, state: GameState, options: list[Step], actor: str, seed: int) -> Step:
    if not state.off_history:
        for step in options:
            if step.historical:
                return step
    return goals_policy(scenario, state, options, actor, seed)


POLICIES: dict[PolicyName, Policy] = {
    "historical": historical_policy,
    "goals": goals_policy,
    "random": random_policy,
}
CONTROLLERS: tuple[Controller, ...] = get_args(Controller)


def policy_named(name: str) -> Policy:
    """The policy called ``name``; ``ValueError`` naming the policies there are."""
    for key, policy in POLICIES.items():
        if key == name:
            return policy
    raise ValueError(f"no computer player {name!r}; use one of {', '.join(POLICIES)}")


def controller_named(name: str) -> Controller | None:
    """``name`` as a controller, or None when nothing of that name can play."""
    return next((c for c in CONTROLLERS if c == name), None)

"""Fast games with computer players only: no log, no undo, no records — for simulation and analysis.

Uses the same rule functions as ``Game``, so a fast game and a recorded one cannot disagree.
"""

from __future__ import annotations

from collections.abc import Mapping

from . import rules
from .model import Scenario
from .policies import Policy, policy_named
from .state import GameState


def play_out(
    scenario: Scenario,
    lens: str | None,
    seed: int,
    policies: Mapping[str, Policy] | str = "random",
    follow_history: bool = False,
) -> GameState:
    """Play one whole game; ``policies`` maps actors to policies, or names one policy for all."""
    if isinstance(policies, str):
        chosen = policy_named(policies)
        by_actor: Mapping[str, Policy] = dict.fromkeys(scenario.actors, chosen)
    else:
        by_actor = policies
    pick = rules.historical_branch if follow_history else rules.draw_branch
    state = rules.initial_state(scenario, lens, seed)
    options = rules.start(scenario, state, None, pick)
    nodes = scenario.nodes
    while not state.outcome:
        actor = nodes[state.node].actor
        rules.take(scenario, state, by_actor[actor](scenario, state, options, actor, seed), None)
        options = rules.settle(scenario, state, None, pick)
    return state

"""Fast games with computer players only: no log, no undo, no records — for simulation and analysis.

Uses the same rule functions as ``Game``, so a fast game and a recorded one cannot disagree.
"""

from __future__ import annotations

from collections.abc import Mapping

from . import rules
from .model import Scenario
from .policies import POLICIES, Policy
from .state import GameState


def play_out(scenario: Scenario, lens: str | None, seed: int, policies: Mapping[str, Policy] | str = "random",
             follow_history: bool = False) -> GameState:
    """Play one whole game; ``policies`` maps actors to policies, or names one policy for all."""
    if isinstance(policies, str):
        chosen = POLICIES[policies]
        by_actor: Mapping[str, Policy] = dict.fromkeys(scenario.actors, chosen)
    else:
        by_actor = policies
    pick = rules.historical_branch if follow_history else rules.draw_branch
    state = rules.initial_state(scenario, lens, seed)
    rules.start(scenario, state, None, pick)
    nodes = scenario.nodes
    while not state.outcome:
        node = nodes[state.node]
        options = rules.open_steps(scenario, node, state)
        step = by_actor[node.actor](scenario, state, options, node.actor, seed)
        rules.take(scenario, state, step, None)
        rules.settle(scenario, state, None, pick)
    return state

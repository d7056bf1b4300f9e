"""Fast games with computer players only: no log, no undo, no records — for simulation and analysis.

Uses the same rule functions as ``Game``, so a fast game and a recorded one cannot disagree.
"""

from __future__ import annotations

from collections.abc import Mapping

from . import rules, turns
from .model import Scenario
from .policies import PolicyName, computer_table_move, policy_named
from .state import GameState
from .turns import Turn


def play_turn(scenario: Scenario, state: GameState, turn: Turn, policy: str, seed: int, pick: rules.Picker) -> None:
    """A computer player takes ``turn``: a choice, a move at the table or a sealed choice."""
    if turn.kind == "choose":
        node = scenario.nodes[turn.node]
        options = rules.open_steps(scenario, node, state)
        rules.take(scenario, state, policy_named(policy)(scenario, state, options, turn.actor, seed), None, turn.actor)
        rules.settle(scenario, state, None, pick)
        return
    turns.apply(scenario, state, computer_table_move(scenario, state, turn, policy, seed), None, pick)


def play_out(
    scenario: Scenario,
    lens: str | None,
    seed: int,
    policies: Mapping[str, PolicyName] | PolicyName = "random",
    follow_history: bool = False,
) -> GameState:
    """Play one whole game; ``policies`` maps actors to policy names, or names one policy for all.
    Decisions take a fast path (the open choices ``settle`` found are used as they are); a table
    node goes through ``play_turn``."""
    by_actor: Mapping[str, PolicyName] = (
        dict.fromkeys(scenario.actors, policies) if isinstance(policies, str) else policies
    )
    choose = {actor: policy_named(name) for actor, name in by_actor.items()}
    pick = rules.historical_branch if follow_history else rules.draw_branch
    state = rules.initial_state(scenario, lens, seed)
    options = rules.start(scenario, state, None, pick)
    nodes = scenario.nodes
    for _ in range(rules.MAX_TURNS):
        if state.outcome:
            break
        node = nodes[state.node]
        if node.negotiation is None and not node.sealed:
            actor = node.actor
            rules.take(scenario, state, choose[actor](scenario, state, options, actor, seed), None, actor)
            options = rules.settle(scenario, state, None, pick)
            continue
        turn = turns.pending(scenario, state)[0]
        play_turn(scenario, state, turn, by_actor[turn.actor], seed, pick)
        if not state.outcome and nodes[state.node].kind == "decision":
            options = rules.open_steps(scenario, nodes[state.node], state)
    return state

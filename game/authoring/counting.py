"""Real decisions: the turns where a role had two or more open options.

A turn with one open option is no decision at all, so balance is judged by the turns that offer a
choice: decisions, sealed seats and turns at the table (where the options are the kinds of move
allowed: propose or walk away; accept, reject, counter or walk away). ``play_counted`` plays one
computer game exactly as ``simulate`` does and counts, per role, its real decisions and the open
options they offered.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..engine import rules, turns
from ..engine.autoplay import play_turn
from ..engine.budget import Budget
from ..engine.model import Scenario
from ..engine.policies import policy_named
from ..engine.state import GameState
from .tables import open_options

REAL = 2  # open options that make a turn a real decision


@dataclass
class Counted:
    """A finished game, with each role's real decisions and the open options they offered in all."""

    state: GameState
    decisions: dict[str, int] = field(default_factory=dict)
    options: dict[str, int] = field(default_factory=dict)

    def count(self, actor: str, options: int) -> None:
        if options >= REAL:
            self.decisions[actor] = self.decisions.get(actor, 0) + 1
            self.options[actor] = self.options.get(actor, 0) + options


def play_counted(
    scenario: Scenario,
    lens: str | None,
    policy: str,
    seed: int,
    pick: rules.Picker = rules.draw_branch,
    budget: Budget | None = None,
) -> Counted:
    """One game with every actor played by ``policy`` (chance by ``pick``), counting real decisions.
    Each turn spends a step of ``budget`` per option at its node; the game stops where it runs out."""
    chooser = policy_named(policy)  # an unknown name fails here, before any game
    state = rules.initial_state(scenario, lens, seed)
    rules.start(scenario, state, None, pick)
    counted = Counted(state, dict.fromkeys(scenario.actors, 0), dict.fromkeys(scenario.actors, 0))
    for _ in range(rules.MAX_TURNS):
        waiting = turns.pending(scenario, state)
        if not waiting:
            break
        turn = waiting[0]
        if budget is not None and not budget.spend(len(scenario.nodes[turn.node].steps) or 1):
            break
        if turn.kind == "choose":  # as ``play_turn`` does, with the open choices counted on the way
            options = rules.open_steps(scenario, scenario.nodes[turn.node], state)
            counted.count(turn.actor, len(options))
            rules.take(scenario, state, chooser(scenario, state, options, turn.actor, seed), None, turn.actor)
            rules.settle(scenario, state, None, pick)
            continue
        counted.count(turn.actor, open_options(scenario, state, turn))
        play_turn(scenario, state, turn, policy, seed, pick)
    return counted

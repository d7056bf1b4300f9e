"""Random games that record what they saw: a cheap way to find concrete examples (an open choice,
a drawn branch, a stuck decision) in a state space too big to explore in full. Anything a playout
sees really happens; what none sees may still be possible.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..engine import rules
from ..engine.model import Scenario
from ..engine.state import derive_seed, draw_below


@dataclass
class Seen:
    open_steps: set[tuple[str, str]] = field(default_factory=set)
    visible_steps: set[tuple[str, str]] = field(default_factory=set)
    blocked_by: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    nodes: set[str] = field(default_factory=set)
    outcomes: set[str] = field(default_factory=set)
    stuck: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # node -> the steps that led there


def playouts(scenario: Scenario, games: int, seed: int = 0, lenses: list[str] | None = None) -> Seen:
    """Play ``games`` games choosing uniformly among open choices and drawn-possible branches."""
    seen = Seen()
    chosen = lenses if lenses is not None else (list(scenario.lenses) or [""])
    for number in range(games):
        lens = chosen[number % len(chosen)]
        state = rules.initial_state(scenario, lens or None, derive_seed(seed, number))
        rules.move(scenario, state, scenario.start_node, None)
        rng = derive_seed(seed, number, "playout")
        path: list[tuple[str, str]] = []
        while not state.outcome and state.turn < rules.MAX_TURNS:
            node = scenario.nodes[state.node]
            seen.nodes.add(node.id)
            values = state.values
            if node.is_chance:
                options = [s for s in node.chance if rules.branch_weight(s, values) > 0] or [node.chance[0]]
            else:
                options = []
                for step in node.choices:
                    if not rules.visible(step, state):
                        continue
                    seen.visible_steps.add((node.id, step.id))
                    blocking = rules.blockers(scenario, step, state)
                    if blocking:
                        seen.blocked_by.setdefault((node.id, step.id), set()).update(c.id for c in blocking)
                    else:
                        options.append(step)
            if not options:
                seen.stuck.setdefault(node.id, list(path))
                rules.end(scenario, state, scenario.fallback_outcome, None)
                break
            rng, pick = draw_below(rng, len(options))
            step = options[pick]
            seen.open_steps.add((node.id, step.id))
            path.append((node.id, step.id))
            rules.take(scenario, state, step, None)
        if state.outcome:
            seen.outcomes.add(state.outcome)
    return seen

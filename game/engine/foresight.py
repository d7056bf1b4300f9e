"""Foresight for computer players: play the rest of the game out in the mind, cheaply.

A goal such as "reach a convention" pays only at the end, so a player that looks one step ahead
cannot pursue it. Here each option is followed to an ending on the assumption that everyone after
it takes the choice that serves their goals best at once, chance taking its likeliest branch. The
result depends on the state alone, so it is memoised: a computer-only game costs little more.
"""

from __future__ import annotations

from . import bargain, rules, talks, turns
from .expr import Value
from .model import Actor, Node, Scenario, Step
from .scoring import objective_values
from .state import GameState

_MEMO_LIMIT = 400_000
LOOKAHEAD_STEPS = 2_000  # moves one outlook plays out in the mind: in steps, never time, so replays never differ
_memos: dict[int, tuple[Scenario, dict[tuple[object, ...], int]]] = {}


def immediate_score(actor: Actor, state: GameState, step: Step) -> int:
    """How well ``step`` serves ``actor``'s goals at once: its effects applied to a copy of the values."""
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


def final_score(actor: Actor, state: GameState) -> int:
    """The actor's goals and objectives scored on a finished game: its end state and its ending."""
    total = sum(o.points for o in actor.objectives if o.condition(objective_values(state)))
    for goal in actor.goals:
        if goal.expr is not None:
            total += goal.weight * int(goal.expr(state.values))
        elif goal.outcome == state.outcome:
            total += goal.weight
    return total


def likeliest_branch(node: Node, state: GameState) -> tuple[Step, bool]:
    """Chance as a planner sees it: the branch with the greatest weight (the first on ties)."""
    values = state.values
    weights = [rules.branch_weight(step, values) for step in node.chance]
    return node.chance[weights.index(max(weights))], False


def _greedy(scenario: Scenario, state: GameState, options: list[Step], actor: str) -> Step:
    player = scenario.actors[actor]
    if not player.goals:
        return options[0]
    scores = [immediate_score(player, state, step) for step in options]
    return options[scores.index(max(scores))]


def _memo(scenario: Scenario) -> dict[tuple[object, ...], int]:
    entry = _memos.get(id(scenario))
    if entry is None or entry[0] is not scenario:
        if len(_memos) > 8:
            _memos.clear()
        entry = _memos[id(scenario)] = (scenario, {})
    if len(entry[1]) > _MEMO_LIMIT:
        entry[1].clear()
    return entry[1]


def _key(actor: str, state: GameState, depth: int) -> tuple[object, ...]:
    table = (tuple(sorted(state.picks.items())), repr(state.talks.to_dict()) if state.talks else "")
    return (
        actor,
        depth,
        state.node,
        state.day,
        tuple(state.values.values()),
        tuple(state.fired),
        state.off_history,
        table,
    )


def settle_table(scenario: Scenario, state: GameState) -> None:
    """A negotiation or sealed move as a planner expects it: the opener offers the package best for
    it that it judges enough parties would accept, and they do (no deal if there is none); each
    seat of a sealed move chooses what serves its goals best at once."""
    node = scenario.nodes[state.node]
    if node.negotiation is not None:
        package, hopeful = bargain.best_package(scenario, state, node.negotiation, node.negotiation.opener)
        talks.conclude(scenario, state, package if hopeful else None, None)
    else:
        for seat in node.sealed:
            if state.node != node.id or state.outcome:
                break  # the last seat's choice revealed the move and play went on
            if seat.actor not in state.picks:
                options = turns.seal_options(scenario, node, state, seat.actor) or list(seat.choices)
                talks.seal(scenario, state, seat.actor, _greedy(scenario, state, options, seat.actor), None)
    rules.settle(scenario, state, None, likeliest_branch)


def _planned(scenario: Scenario, state: GameState, options: list[Step], actor: str, depth: int) -> Step:
    """What ``actor`` is expected to choose: by foresight of one level less, or greedily at the bottom."""
    player = scenario.actors[actor]
    if depth <= 1 or len(options) == 1 or not (player.goals or player.objectives):
        return _greedy(scenario, state, options, actor)
    scored = [foresee(scenario, state, step, actor, depth - 1) for step in options]
    return options[scored.index(max(scored))]


def outlook(scenario: Scenario, state: GameState, actor: str, depth: int = 1) -> int:
    """``actor``'s final score if play goes on from ``state`` (settled) as the planner expects:
    everyone choosing with foresight ``depth - 1`` (greedily at depth 1). A game that does not end
    within ``LOOKAHEAD_STEPS`` moves is scored where the lookahead stopped."""
    memo = _memo(scenario)
    player = scenario.actors[actor]
    current = state.copy()
    seen: list[tuple[object, ...]] = []
    value: int | None = None
    for _ in range(LOOKAHEAD_STEPS):
        if current.outcome:
            break
        key = _key(actor, current, depth)
        value = memo.get(key)
        if value is not None:
            break
        seen.append(key)
        node = scenario.nodes[current.node]
        if node.kind != "decision":
            settle_table(scenario, current)
            continue
        options = rules.open_steps(scenario, node, current)
        rules.take(scenario, current, _planned(scenario, current, options, node.actor, depth), None)
        rules.settle(scenario, current, None, likeliest_branch)
    if value is None:
        value = final_score(player, current)
    for key in seen:
        memo[key] = value
    return value


def foresee(scenario: Scenario, state: GameState, step: Step, actor: str, depth: int = 1) -> int:
    """``actor``'s expected final score if it takes ``step`` now (others planned at ``depth``)."""
    after = state.copy()
    if scenario.nodes[state.node].sealed:
        talks.seal(scenario, after, actor, step, None)
        if not after.outcome and after.node == state.node:
            settle_table(scenario, after)
    else:
        rules.take(scenario, after, step, None)
    rules.settle(scenario, after, None, likeliest_branch)
    return outlook(scenario, after, actor, depth)

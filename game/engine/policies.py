"""Computer players. Each policy picks one of the open choices for the actor whose turn it is.

- ``historical``: what really happened, while the game is still on the historical path; once any
  step has left it, the situation is no longer history's, so it plays by ``goals``.
- ``goals``: foresees where each open choice leads (``foresight``) and takes the one whose ending
  best serves the actor's goals in the scenario.
- ``disposition``: history while the game follows it; after a departure, the actor's historical
  disposition as the scenario states it: never a choice it would never make (while any other is
  open), a choice it tends to make where one is open, and otherwise its goals. The default for
  actors nobody plays.
- ``random``: any open choice, evenly.
At a negotiation, every policy but ``random`` bargains (``bargain``); at a sealed move each seat
chooses as at a decision. Every computer move can be explained in a line (``explain``).
Goal-driven play looks ``FORESIGHT`` levels deep and its search is bounded in steps, never in time.
Randomness comes from ``rules.policy_seed`` (game seed, turn, actor), never from the game's own
generator, so recorded games replay exactly without re-running the players.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, get_args

from . import bargain, turns
from .foresight import foresee, immediate_score
from .model import Scenario, Step
from .rules import policy_seed
from .state import GameState, draw_below
from .talks import term_blockers
from .turns import TableMove, Turn
from .wording import as_recorded

Policy = Callable[[Scenario, GameState, list[Step], str, int], Step]
PolicyName = Literal["historical", "disposition", "goals", "random"]
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
    if not (player.goals or player.objectives) or len(options) == 1:
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


def disposition_policy(scenario: Scenario, state: GameState, options: list[Step], actor: str, seed: int) -> Step:
    if not state.off_history:
        for step in options:
            if step.historical:
                return step
    disposition = scenario.actors[actor].disposition
    allowed = [s for s in options if (state.node, s.id) not in disposition.never] or options
    leaning = [s for s in allowed if (state.node, s.id) in disposition.tends]
    return goals_policy(scenario, state, leaning or allowed, actor, seed)


POLICIES: dict[PolicyName, Policy] = {
    "historical": historical_policy,
    "disposition": disposition_policy,
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


# -- at negotiation and sealed nodes -------------------------------------------------------------


def computer_table_move(scenario: Scenario, state: GameState, turn: Turn, policy: str, seed: int) -> TableMove:
    """A computer player's move at a negotiation or sealed node, with its reason."""
    if policy in ("historical", "disposition"):
        recorded = turns.historical_table_move(scenario, state, turn)
        if recorded is not None:
            return recorded
    node = scenario.nodes[turn.node]
    if node.negotiation is not None:
        if policy == "random":
            return _random_talk(scenario, state, turn, seed)
        response = bargain.respond(scenario, state, turn.actor)
        return TableMove(turn.actor, response.move, dict(response.package), response.reasons)
    options = turns.seal_options(scenario, node, state, turn.actor)
    if not options:
        seat = node.seat(turn.actor)
        assert seat is not None
        options = list(seat.choices)
    chosen = policy_named(policy)(scenario, state, options, turn.actor, seed)
    return TableMove(turn.actor, chosen.id, reason=explain(scenario, state, options, turn.actor, policy, chosen))


def explain(scenario: Scenario, state: GameState, options: list[Step], actor: str, policy: str, chosen: Step) -> str:
    """Why a computer player made its choice, in one line for the log, transcript and debrief."""
    if len(options) == 1:
        return "No other course was open."
    if policy == "random":
        return "Chosen at random."
    if policy in ("historical", "disposition") and not state.off_history and chosen.historical:
        return as_recorded(scenario)
    disposition = scenario.actors[actor].disposition
    if policy == "disposition" and (state.node, chosen.id) in disposition.tends:
        return f"It tends to choose this ({chosen.label})."
    player = scenario.actors[actor]
    if not (player.goals or player.objectives):
        return "It has no stated aims here, so any course would do."
    scored = {s.id: foresee(scenario, state, s, actor, FORESIGHT) for s in options}
    rival = max((s for s in options if s.id != chosen.id), key=lambda s: scored[s.id])
    return (
        f"Looking ahead, this serves its aims best: {scored[chosen.id]} against {scored[rival.id]} for '{rival.label}'."
    )


def _random_talk(scenario: Scenario, state: GameState, turn: Turn, seed: int) -> TableMove:
    node = scenario.nodes[turn.node]
    negotiation = node.negotiation
    assert negotiation is not None
    rng = policy_seed(seed, state.turn, turn.actor)
    choices = [scenario.issues[iid].options for iid in negotiation.issues]
    combinations = 1
    for options in choices:
        combinations *= len(options)
    rng, number = draw_below(rng, combinations)  # one draw, read as one option per issue
    package: dict[str, str] = {}
    for iid, options in zip(negotiation.issues, choices, strict=True):
        number, index = divmod(number, len(options))
        package[iid] = options[index].id
    if term_blockers(scenario, negotiation, "propose", turn.actor, package, state):
        package = {}
    if turn.kind == "propose":
        return TableMove(turn.actor, "propose", package) if package else TableMove(turn.actor, "walk")
    assert state.talks is not None
    moves = ["reject", "walk"]
    if not term_blockers(scenario, negotiation, "accept", turn.actor, state.talks.offer, state):
        moves.append("accept")
    if package:
        moves.append("counter")
    _, index = draw_below(rng, len(moves))
    return TableMove(turn.actor, moves[index], package if moves[index] == "counter" else {})

"""Scripted lines and a best-response search: how far one role (or a few acting together) can push a
game towards an aim, against the default computer players.

Balance asks "can a single role force this ending?". Two tools answer it on fixed seeds:

- ``play_with`` plays a game in which some roles follow a script (``Scripted``: a chosen option at
  named nodes, the default policy elsewhere) and the rest their computer policies;
- ``best_response`` searches one role's options, branching at its first ``depth`` real decisions
  (two or more open options) and letting it play its default policy after them, for the line that
  scores best on an ``aim`` (for instance: 1 if the game ends in a given ending). The others play
  their policies, chance draws as in any game of that seed, so the search sees the seed's hidden
  draws: it bounds from above what any strategy of that role could achieve in that game.

At the table a role's options are the move its computer player would make, accepting the offer when
it may, rejecting it and walking away; proposing, that move or walking away. Work is
bounded in moves played (steps), never in time, so the figures are the same on every machine.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ..engine import rules, talks, turns
from ..engine.autoplay import play_turn
from ..engine.budget import Budget
from ..engine.model import Scenario, Step
from ..engine.policies import PolicyName, computer_table_move
from ..engine.state import GameState
from ..engine.turns import TableMove, Turn

Option = Step | TableMove  # a choice at a decision or sealed seat, or a move at the table
Aim = Callable[[GameState], int]
SEARCH_STEPS = 200_000  # moves a search may play in all, over every line it follows


def ending_aim(outcome: str) -> Aim:
    """An aim worth 1 when the game ends in ``outcome``, else 0."""
    return lambda state: int(state.outcome == outcome)


def options(
    scenario: Scenario, state: GameState, turn: Turn, policy: PolicyName = "disposition", seed: int = 0
) -> list[Option]:
    """The distinct things ``turn.actor`` may do now, in a stable order; at the table, the move its
    computer player (``policy``) would make comes first."""
    node = scenario.nodes[turn.node]
    if turn.kind == "choose":
        return list(rules.open_steps(scenario, node, state))
    if turn.kind == "seal":
        return list(turns.seal_options(scenario, node, state, turn.actor))
    own = computer_table_move(scenario, state, turn, policy, seed)
    found: list[Option] = [own]
    negotiation = node.negotiation
    assert negotiation is not None
    kinds = ["walk"] if turn.kind == "propose" else ["accept", "reject", "walk"]
    offer = state.talks.offer if state.talks is not None else {}
    if "accept" in kinds and talks.term_blockers(scenario, negotiation, "accept", turn.actor, offer, state):
        kinds.remove("accept")
    for kind in kinds:
        if kind != own.move:
            found.append(TableMove(turn.actor, kind))
    return found


def option_id(option: Option) -> str:
    return option.id if isinstance(option, Step) else option.move


def take(scenario: Scenario, state: GameState, turn: Turn, option: Option, pick: rules.Picker) -> None:
    """Carry out ``option`` for ``turn`` and settle what follows."""
    if turn.kind == "choose":
        assert isinstance(option, Step)
        rules.take(scenario, state, option, None, turn.actor)
        rules.settle(scenario, state, None, pick)
    elif isinstance(option, Step):
        turns.apply(scenario, state, TableMove(turn.actor, option.id), None, pick)
    else:
        turns.apply(scenario, state, option, None, pick)


Chooser = Callable[[Scenario, GameState, Turn, list[Option]], Option | None]


def accept_when_allowed(scenario: Scenario, state: GameState, turn: Turn, open_: list[Option]) -> Option | None:
    """A table chooser: take the offer whenever the term rules allow it; otherwise bargain as usual."""
    return next((o for o in open_ if isinstance(o, TableMove) and o.move == "accept"), None)


@dataclass(frozen=True)
class Scripted:
    """A role's script: option ids wanted at named nodes (the first of them that is open is taken);
    at the table, ``table`` picks the move (None: the computer's own); elsewhere the default policy."""

    at: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    table: Chooser | None = None

    def __call__(self, scenario: Scenario, state: GameState, turn: Turn, open_: list[Option]) -> Option | None:
        node = scenario.nodes[turn.node]
        if node.negotiation is not None:
            return self.table(scenario, state, turn, open_) if self.table else None
        for wanted in self.at.get(turn.node, ()):
            for option in open_:
                if option_id(option) == wanted:
                    return option
        return None


def play_with(
    scenario: Scenario,
    lens: str | None,
    seed: int,
    policies: Mapping[str, PolicyName],
    players: Mapping[str, Chooser],
    budget: Budget | None = None,
) -> GameState:
    """One game: roles in ``players`` choose by their chooser (None from it: their policy), the rest by
    ``policies``. Stops where ``budget`` (moves) runs out."""
    state = rules.initial_state(scenario, lens, seed)
    rules.start(scenario, state, None, rules.draw_branch)
    _finish(scenario, state, seed, policies, players, budget)
    return state


def _finish(
    scenario: Scenario,
    state: GameState,
    seed: int,
    policies: Mapping[str, PolicyName],
    players: Mapping[str, Chooser],
    budget: Budget | None,
) -> None:
    for _ in range(rules.MAX_TURNS):
        waiting = turns.pending(scenario, state)
        if not waiting or (budget is not None and not budget.spend()):
            return
        turn = waiting[0]
        chooser = players.get(turn.actor)
        policy = policies[turn.actor]
        chosen = chooser(scenario, state, turn, options(scenario, state, turn, policy, seed)) if chooser else None
        if chosen is None:
            play_turn(scenario, state, turn, policy, seed, rules.draw_branch)
        else:
            take(scenario, state, turn, chosen, rules.draw_branch)


@dataclass(frozen=True)
class Found:
    """The best line a search found: its score on the aim, the options taken at the branched decisions
    (node and option id), the lines followed to an end, and why it stopped early ('' if it did not)."""

    value: int
    line: tuple[tuple[str, str], ...]
    lines: int
    stopped: str = ""


def best_response(
    scenario: Scenario,
    lens: str | None,
    seed: int,
    actor: str,
    aim: Aim,
    policies: Mapping[str, PolicyName],
    depth: int = 3,
    steps: int = SEARCH_STEPS,
) -> Found:
    """The best ``actor`` can do on ``aim`` in game ``seed``, branching at its first ``depth`` real
    decisions; the others (and ``actor`` after those) play ``policies``. Bounded in ``steps`` moves."""
    budget = Budget(steps)
    state = rules.initial_state(scenario, lens, seed)
    rules.start(scenario, state, None, rules.draw_branch)
    counter = [0]
    value, line = _search(scenario, state, seed, actor, aim, policies, depth, budget, counter)
    return Found(value, line, counter[0], budget.stopped)


def _search(
    scenario: Scenario,
    state: GameState,
    seed: int,
    actor: str,
    aim: Aim,
    policies: Mapping[str, PolicyName],
    depth: int,
    budget: Budget,
    counter: list[int],
) -> tuple[int, tuple[tuple[str, str], ...]]:
    """Play on until ``actor`` faces a real decision with depth left, then try each option."""
    for _ in range(rules.MAX_TURNS):
        waiting = turns.pending(scenario, state)
        if not waiting or not budget.spend():
            break
        turn = waiting[0]
        mine = turn.actor == actor and depth > 0
        open_ = options(scenario, state, turn, policies[actor], seed) if mine else []
        if len(open_) < 2:
            play_turn(scenario, state, turn, policies[turn.actor], seed, rules.draw_branch)
            continue
        best: tuple[int, tuple[tuple[str, str], ...]] | None = None
        for option in open_:
            branch = state.copy()
            take(scenario, branch, turn, option, rules.draw_branch)
            value, rest = _search(scenario, branch, seed, actor, aim, policies, depth - 1, budget, counter)
            if best is None or value > best[0]:
                best = (value, ((turn.node, option_id(option)), *rest))
            if budget.exhausted:
                break
        assert best is not None
        return best
    counter[0] += 1
    return aim(state), ()

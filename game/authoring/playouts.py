"""Random games that record what they saw: a cheap way to find concrete examples (an open choice,
a drawn branch, a stuck decision, a deal struck) in a state space too big to explore in full, and
a sample of how many real decisions each role gets. Anything a playout sees really happens; what
none sees may still be possible.

Choices and branches are taken uniformly among those open; at a negotiation every party bargains
as a computer delegation does (``bargain.respond``), so the deals seen are deals delegations strike;
each seat of a sealed move picks uniformly among its open choices.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..engine import bargain, rules, talks, turns
from ..engine.budget import Budget
from ..engine.model import Node, Scenario, Step
from ..engine.rules import Happening
from ..engine.state import GameState, derive_seed, draw_below
from . import tables
from .counting import REAL
from .explore import Skip, note_skips, watched_events


@dataclass
class Seen:
    open_steps: set[tuple[str, str]] = field(default_factory=set)
    visible_steps: set[tuple[str, str]] = field(default_factory=set)
    blocked_by: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    nodes: set[str] = field(default_factory=set)
    outcomes: set[str] = field(default_factory=set)
    stuck: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # node -> the steps that led there
    deal_terms: set[tuple[str, str]] = field(default_factory=set)  # (issue, option) in some deal struck
    acceptable: set[str] = field(default_factory=set)  # negotiations where an acceptable deal was struck
    skipped: dict[tuple[str, str, str], Skip] = field(default_factory=dict)
    decisions: dict[str, list[int]] = field(default_factory=dict)  # role -> real decisions in each game


class _Game:
    """One playout under way: its state, its own generator, the path so far and the decisions made."""

    def __init__(self, scenario: Scenario, seen: Seen, state: GameState, rng: int, memo: tables.Memo) -> None:
        self.scenario = scenario
        self.memo = memo
        self.seen = seen
        self.state = state
        self.rng = rng
        self.path: list[tuple[str, str]] = []
        self.made = dict.fromkeys(scenario.actors, 0)
        self.watch = watched_events(scenario)

    def pick(self, options: list[Step]) -> Step:
        self.rng, index = draw_below(self.rng, len(options))
        return options[index]

    def moved(self, node: Node, step: Step, before: int) -> None:
        self.path.append((node.id, step.id))
        if self.watch and self.state.day > before:
            note_skips(self.scenario, self.seen.skipped, self.watch, node, step, before, self.state)

    def decide(self, node: Node) -> bool:
        """A decision or a chance node; False when no choice is open (the game then ends)."""
        scenario, seen, state = self.scenario, self.seen, self.state
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
            if len(options) >= REAL:
                self.made[node.actor] += 1
        if not options:
            seen.stuck.setdefault(node.id, list(self.path))
            rules.end(scenario, state, scenario.fallback_outcome, None)
            return False
        step = self.pick(options)
        seen.open_steps.add((node.id, step.id))
        before = state.day
        rules.take(scenario, state, step, None)
        self.moved(node, step, before)
        return True

    def bargain(self, node: Node) -> None:
        """One move at the table, as a computer delegation makes it."""
        scenario, state = self.scenario, self.state
        turn = turns.pending(scenario, state)[0]
        if tables.open_options(scenario, state, turn) >= REAL:
            self.made[turn.actor] += 1
        response = bargain.respond(scenario, state, turn.actor, self.memo.best_package)
        log: list[Happening] = []
        before = state.day
        table = state.copy() if response.move != "propose" else state  # as it was, should a deal be struck
        try:
            if response.move == "propose":
                talks.propose(scenario, state, turn.actor, response.package, log)
            else:
                talks.answer(scenario, state, turn.actor, response.move, log, response.package or None)
        except talks.TalksError:
            talks.answer(scenario, state, turn.actor, "walk", log)
        ended = next((h for h in log if h.kind in ("deal", "no_deal")), None)
        if ended is None:
            return
        if ended.kind == "deal":
            negotiation = node.negotiation
            assert negotiation is not None
            package = {i: str(state.values[i]) for i in negotiation.issues}
            self.seen.deal_terms.update(package.items())
            if tables.acceptable(scenario, table, negotiation, package):
                self.seen.acceptable.add(node.id)
            step = tables.deal_step(scenario, node, package)
        else:
            step = tables.no_deal_step(node)
        self.moved(node, step, before)

    def seal(self, node: Node) -> None:
        """Every seat chooses at random among its open choices; then the move is revealed."""
        scenario, seen, state = self.scenario, self.seen, self.state
        values = state.values
        picks = []
        for seat in node.sealed:
            options = []
            for step in seat.choices:
                key = (node.id, tables.seat_key(seat.actor, step))
                if not rules.visible(step, state):
                    continue
                seen.visible_steps.add(key)
                blocking = [c for c in step.constraints if not scenario.constraints[c].unless(values)]
                if blocking:
                    seen.blocked_by.setdefault(key, set()).update(blocking)
                else:
                    options.append(step)
            if len(options) >= REAL:
                self.made[seat.actor] += 1
            chosen = self.pick(options or list(seat.choices))
            if options:
                seen.open_steps.add((node.id, tables.seat_key(seat.actor, chosen)))
            picks.append(chosen)
        before = state.day
        for seat, step in zip(node.sealed, picks, strict=True):
            talks.seal(scenario, state, seat.actor, step, None)
        self.moved(node, tables.sealed_step(scenario, node, picks), before)


def playouts(
    scenario: Scenario,
    games: int,
    seed: int = 0,
    lenses: list[str] | None = None,
    budget: Budget | None = None,
    memo: tables.Memo | None = None,
) -> Seen:
    """Play ``games`` games, recording what each sees (see the module's docstring). Each turn spends
    a step of ``budget`` per option weighed; the games stop when it runs out. ``memo`` keeps what
    bargaining gives (see ``tables.Memo``)."""
    seen = Seen()
    memo = memo or tables.Memo(scenario)
    chosen = lenses if lenses is not None else (list(scenario.lenses) or [""])
    for number in range(games):
        if budget is not None and budget.exhausted:
            break
        lens = chosen[number % len(chosen)]
        state = rules.initial_state(scenario, lens or None, derive_seed(seed, number))
        rules.move(scenario, state, scenario.start_node, None)
        game = _Game(scenario, seen, state, derive_seed(seed, number, "playout"), memo)
        while not state.outcome and state.turn < rules.MAX_TURNS:
            node = scenario.nodes[state.node]
            seen.nodes.add(node.id)
            if budget is not None and not budget.spend(len(node.steps) or 1):
                break
            if node.negotiation is not None:
                game.bargain(node)
            elif node.sealed:
                game.seal(node)
            elif not game.decide(node):
                break
        if state.outcome:
            seen.outcomes.add(state.outcome)
        for actor, made in game.made.items():
            seen.decisions.setdefault(actor, []).append(made)
    return seen

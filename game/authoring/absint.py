"""A quick over-approximation of play, so the checker can prove that something can *never* happen
even when the exact state space is too big to explore in full.

Instead of one state at a time, each node keeps the set of values each variable (and the date) might
have there, ignoring how the variables relate to each other. Conditions are tried on every
combination of the values of the variables they read; events are assumed to fire or not. Everything
play can do, this allows, so when it says a choice can never open, no play can open it. It may allow
more than play does: then the checker says nothing rather than something false.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..engine.budget import Budget
from ..engine.expr import FOLLOWS_HISTORY, Compiled, Effect, Value
from ..engine.model import Node, Outlet, Scenario, Step
from .liveness import effect_parts, reads
from .tables import seat_key

Sets = dict[str, frozenset[Value]]  # variable -> values it may have; "day" -> days
MAX_COMBINATIONS = 50_000
DAY = "day"


def _above_zero(weight: Compiled) -> Compiled:
    """A condition: the weight is above 0."""
    return lambda values: int(weight(values)) > 0


def _negated(test: Compiled) -> Compiled:
    return lambda values: not test(values)


@dataclass
class Possible:
    """What play might do: the places, choices, branches, endings and blocks it may reach."""

    at: dict[str, Sets] = field(default_factory=dict)
    outcomes: set[str] = field(default_factory=set)
    open_steps: set[tuple[str, str]] = field(default_factory=set)
    visible_steps: set[tuple[str, str]] = field(default_factory=set)
    bites: set[str] = field(default_factory=set)


def _names(texts: list[str]) -> list[str]:
    found: set[str] = set()
    for text in texts:
        found |= reads(text)
    if found & {"day", "days_left"}:
        found -= {"days_left"}
        found.add(DAY)
    return sorted(found)


def _combinations(sets: Sets, names: list[str], last_day: int) -> Iterator[dict[str, Value]] | None:
    """Every assignment of the named variables, or None when there are too many to try."""
    pools = [sorted(sets[n], key=repr) for n in names]
    size = 1
    for pool in pools:
        size *= len(pool)
    if size > MAX_COMBINATIONS:
        return None

    def generate() -> Iterator[dict[str, Value]]:
        for values in itertools.product(*pools):
            combo = dict(zip(names, values, strict=False))
            if DAY in combo:
                combo["days_left"] = last_day - int(combo[DAY])
            yield combo

    return generate()


class _Analysis:
    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.last = scenario.last_day
        self.result = Possible()
        self.queue: list[str] = []

    # -- sets ------------------------------------------------------------------------------

    def filter(self, sets: Sets, tests: list[tuple[str, Compiled]]) -> Sets | None:
        """``sets`` narrowed to the combinations where every test holds (None if none does)."""
        if not tests:
            return sets
        names = _names([text for text, _ in tests])
        combos = _combinations(sets, names, self.last)
        if combos is None:
            return sets  # too many to try: assume some combination passes
        kept: dict[str, set[Value]] = {n: set() for n in names}
        for combo in combos:
            if all(fn(combo) for _, fn in tests):
                for n in names:
                    kept[n].add(combo[n])
        if names and not kept[names[0]]:
            return None
        if not names:
            return sets if all(fn({}) for _, fn in tests) else None
        return {**sets, **{n: frozenset(v) for n, v in kept.items()}}

    def apply(self, sets: Sets, texts: tuple[str, ...], effects: tuple[Effect, ...]) -> Sets:
        sets = dict(sets)
        for text, effect in zip(texts, effects, strict=False):
            target, op, _used = effect_parts(text)
            names = _names([text[text.index(op) + len(op) :]]) if op else []
            names = sorted(set(names) | {target})
            combos = _combinations(sets, names, self.last)
            if combos is None:
                sets[target] = self.everything(target)
                continue
            out: set[Value] = set()
            for combo in combos:
                values = dict(combo)
                effect(values)
                out.add(values[target])
            sets[target] = frozenset(out)
        return sets

    def everything(self, name: str) -> frozenset[Value]:
        vtype = self.scenario.variables[name].type
        if vtype.kind == "bool":
            return frozenset((True, False))
        if vtype.kind == "enum":
            return frozenset(vtype.values)
        return frozenset(range(vtype.minimum, vtype.maximum + 1))

    # -- moving ----------------------------------------------------------------------------

    def enter(self, target: str, sets: Sets, depth: int = 0) -> None:
        scenario = self.scenario
        if target in scenario.outcomes:
            self.result.outcomes.add(target)
            return
        if depth > len(scenario.events) + 2:
            return
        node = scenario.nodes[target]
        sets = {**sets, DAY: frozenset(max(int(d), node.day) for d in sets[DAY])}
        for event in scenario.events:
            fires = dict(sets)
            if event.day is not None:
                days = frozenset(d for d in sets[DAY] if int(d) >= event.day)
                if not days:
                    continue
                fires[DAY] = days
            tests = [(event.condition_text, event.condition)] if event.condition is not None else []
            narrowed = self.filter(fires, tests)
            if narrowed is None:
                continue
            fired = self.apply(narrowed, event.effect_texts, event.effects)
            if event.goto:
                self.enter(event.goto, fired, depth + 1)
            else:
                sets = {k: sets[k] | fired[k] for k in sets}
        if any(int(d) > self.last for d in sets[DAY]):
            self.result.outcomes.add(scenario.fallback_outcome)
            days = frozenset(d for d in sets[DAY] if int(d) <= self.last)
            if not days:
                return
            sets = {**sets, DAY: days}
        known = self.result.at.get(target)
        if known is None:
            self.result.at[target] = sets
        else:
            merged = {k: known[k] | sets[k] for k in known}
            if merged == known:
                return
            self.result.at[target] = merged
        if target not in self.queue:
            self.queue.append(target)

    def take(self, nid: str, step: Step, sets: Sets) -> None:
        after = self.apply(sets, step.effect_texts, step.effects)
        if step.days:
            after[DAY] = frozenset(int(d) + step.days for d in after[DAY])
        self.enter(step.next, after)

    def open_choice(self, key: tuple[str, str], step: Step, sets: Sets) -> Sets | None:
        """The sets where a choice (or seat's choice) is shown and not blocked, noting what was seen."""
        scenario = self.scenario
        tests = [(step.condition_text, step.condition)] if step.condition is not None else []
        shown = self.filter(sets, tests)
        if shown is None:
            return None
        self.result.visible_steps.add(key)
        for cid in step.constraints:
            constraint = scenario.constraints[cid]
            if self.filter(shown, [(constraint.unless_text, _negated(constraint.unless))]):
                self.result.bites.add(cid)
        unless = [(scenario.constraints[c].unless_text, scenario.constraints[c].unless) for c in step.constraints]
        allowed = self.filter(shown, unless)
        if allowed is not None:
            self.result.open_steps.add(key)
        return allowed

    def leave(self, outlet: Outlet, sets: Sets) -> None:
        after = self.apply(sets, outlet.effect_texts, outlet.effects)
        if outlet.days:
            after[DAY] = frozenset(int(d) + outlet.days for d in after[DAY])
        self.enter(outlet.next, after)

    def negotiate(self, node: Node, sets: Sets) -> None:
        """A deal may agree any option of each issue at the table; no deal leaves them as they are."""
        negotiation = node.negotiation
        assert negotiation is not None
        self.result.open_steps |= {(node.id, "deal"), (node.id, "no_deal")}
        agreed = {**sets, **{i: self.everything(i) for i in negotiation.issues}}
        self.leave(negotiation.deal, agreed)
        self.leave(negotiation.no_deal, sets)

    def seal(self, node: Node, sets: Sets) -> None:
        """Each seat's choice that may be open, in every combination (or, with too many, any value for
        what their effects set), then the first resolution whose 'if' may hold."""
        scenario = self.scenario
        pools: list[list[Step]] = []
        for seat in node.sealed:
            pool = []
            for step in seat.choices:
                if self.open_choice((node.id, seat_key(seat.actor, step)), step, sets) is not None:
                    pool.append(step)
            pools.append(pool or list(seat.choices))
        combos = 1
        for pool in pools:
            combos *= len(pool)
        if combos <= 64:
            revealed: Sets | None = None
            for combo in itertools.product(*pools):
                after = sets
                for step in combo:
                    after = self.apply(after, step.effect_texts, step.effects)
                revealed = after if revealed is None else {k: revealed[k] | after[k] for k in revealed}
            assert revealed is not None
        else:
            touched = {effect_parts(t)[0] for pool in pools for s in pool for t in s.effect_texts}
            revealed = {**sets, **{n: self.everything(n) for n in touched if n}}
        for outlet in node.resolve:
            tests = [(outlet.condition_text, outlet.condition)] if outlet.condition is not None else []
            taken = self.filter(revealed, tests)
            if taken is not None:
                self.leave(outlet, taken)
            if outlet.condition is None:
                return
        self.result.outcomes.add(scenario.fallback_outcome)  # no resolution might hold

    def expand(self, nid: str) -> None:
        scenario = self.scenario
        node = scenario.nodes[nid]
        sets = self.result.at[nid]
        if node.negotiation is not None:
            self.negotiate(node, sets)
            return
        if node.sealed:
            self.seal(node, sets)
            return
        if node.is_chance:
            zero_possible = True
            for step in node.chance:
                assert step.weight is not None
                weight = step.weight
                positive = self.filter(sets, [(step.weight_text, _above_zero(weight))])
                if positive is not None:
                    self.result.open_steps.add((nid, step.id))
                    self.take(nid, step, positive)
                if self.filter(sets, [(step.weight_text, _negated(_above_zero(weight)))]) is None:
                    zero_possible = False
            if zero_possible:
                self.result.open_steps.add((nid, node.chance[0].id))
                self.take(nid, node.chance[0], sets)
            return
        for step in node.choices:
            allowed = self.open_choice((nid, step.id), step, sets)
            if allowed is not None:
                self.take(nid, step, allowed)
        # A decision where every choice might be closed ends in the fallback.
        self.result.outcomes.add(scenario.fallback_outcome)


def _everything(scenario: Scenario) -> Possible:
    """The bound that claims nothing: every place, step, ending and block might happen."""
    steps = {(nid, step.id) for nid, node in scenario.nodes.items() for step in node.steps}
    return Possible(
        {nid: {} for nid in scenario.nodes},
        set(scenario.outcomes),
        set(steps),
        set(steps),
        set(scenario.constraints),
    )


def _draws(scenario: Scenario, lens: str) -> dict[str, set[Value]]:
    """What each hidden draw may give under ``lens``: play draws it at the start, over the lens's range
    (else the variable's bounds), whatever its declared initial value."""
    chosen = scenario.lenses.get(lens or scenario.default_lens)
    out: dict[str, set[Value]] = {}
    for variable in scenario.variables.values():
        if variable.drawn:
            low, high = variable.type.minimum, variable.type.maximum
            if chosen is not None and variable.id in chosen.draws:
                low, high = chosen.draws[variable.id]
            out[variable.id] = set(range(low, high + 1))
    return out


def possible(scenario: Scenario, lenses: list[str] | None = None, budget: Budget | None = None) -> Possible:
    """Over-approximate everything play can reach under ``lenses`` (default: every lens). Each step
    weighed spends one of ``budget``; if it runs out, the bound says everything is possible (still sound)."""
    analysis = _Analysis(scenario)
    chosen = lenses if lenses is not None else (list(scenario.lenses) or [""])
    start: dict[str, set[Value]] = {v: set() for v in scenario.variables}
    for lens in chosen:
        for name, value in scenario.initial_values(lens or None).items():
            start[name].add(value)
        start.update({name: start[name] | drawn for name, drawn in _draws(scenario, lens).items()})
    sets: Sets = {k: frozenset(v) for k, v in start.items()}
    sets[DAY] = frozenset((0,))
    sets[FOLLOWS_HISTORY] = frozenset((True, False))  # any step may leave history
    analysis.enter(scenario.start_node, sets)
    while analysis.queue:
        nid = analysis.queue.pop(0)
        if budget is not None and not budget.spend(len(scenario.nodes[nid].steps) or 1):
            return _everything(scenario)
        analysis.expand(nid)
    return analysis.result

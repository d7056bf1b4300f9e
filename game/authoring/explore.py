"""Every state a scenario can reach, explored once each, and what the checker and debrief read from it.

A state is (node, day, variable values, events fired): the chance generator is left out because it
decides which branch is taken, not which branches exist. Every open choice and every chance branch
with positive weight is followed, using the engine's own rule functions (``log=None``), so the
checker can never disagree with play. States are memoised, which keeps even large scenarios fast.
Endings are states too (node ``""``), so every edge leads to a state index. A negotiation or a
sealed move is followed to each of the ways it can end (``tables``). Moves that jump the clock past
a dated historical event whose 'if' then never holds are noted as they are made.
"""

from __future__ import annotations

import gc
import heapq
import operator
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import NamedTuple

from ..engine import rules, talks
from ..engine.budget import Budget
from ..engine.cycles import cycles
from ..engine.expr import Value
from ..engine.model import Event, Node, Scenario, Step
from ..engine.state import GameState, derive_seed, draw_below
from . import tables
from .absint import possible
from .liveness import live_variables

MAX_STATES = 2_000_000
COUNTERFACTUAL_STATES = 200_000  # the debrief's budget: endings not found within it are left out

STUCK = "stuck"  # the pseudo-step of a decision with no open choice: play ends in the fallback


class Edge(NamedTuple):
    """A move from one state to another (a tuple, because there are very many of them). At a
    negotiation or sealed node ``step`` is a stand-in for one way the table ends (``tables``)."""

    target: int
    node: str
    step: Step | None  # None: the decision had no open choice
    departure: bool  # history took another step here, and it was open
    actor: str = ""  # who took it, where the node has no single actor (a table)


@dataclass(frozen=True)
class Skip:
    """A move that jumped the clock past a dated historical event whose 'if' then never held."""

    event: str
    node: str
    step: Step
    before: int  # the day the move was made on
    after: int  # the day it reached


@dataclass(frozen=True)
class PathStep:
    """One step along a path through the state space, in words a report can print."""

    node: str
    step: str
    label: str
    actor: str  # "" for chance branches
    day: int
    departure: bool
    instead_of: str = ""  # the historical step's label, when this is a departure


@dataclass(frozen=True)
class Departure:
    """A place where the path leaves history: ``step`` was taken where history took ``instead_of``."""

    node: str
    step: str
    instead_of: str
    actor: str
    day: int
    label: str
    instead_label: str

    def describe(self, scenario: Scenario) -> str:
        node = scenario.nodes[self.node]
        who = scenario.actors[self.actor].name if self.actor else "Chance"
        when = scenario.date_of(self.day).strftime("%d %b %Y").lstrip("0")
        return f"{when}, {node.title}: {who} — '{self.label}' instead of '{self.instead_label}'"


@dataclass
class StateSpace:
    """The explored graph, plus what was seen along the way (for the checker's findings)."""

    scenario: Scenario
    keys: list[Hashable] = field(default_factory=list)
    node_of: list[str] = field(default_factory=list)  # "" for endings
    outcome_of: list[str] = field(default_factory=list)  # "" for nodes
    day_of: list[int] = field(default_factory=list)
    edges: list[list[Edge]] = field(default_factory=list)
    roots: dict[str, int] = field(default_factory=dict)  # lens id ("" if none) -> state
    open_steps: set[tuple[str, str]] = field(default_factory=set)  # choices ever open, branches ever drawn
    visible_steps: set[tuple[str, str]] = field(default_factory=set)  # choices whose 'if' ever held
    blocked_by: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # constraints seen blocking
    stuck: dict[str, int] = field(default_factory=dict)  # node -> first state stuck there
    deal_terms: set[tuple[str, str]] = field(default_factory=set)  # (issue, option) in some deal followed
    acceptable: dict[str, bool | None] = field(default_factory=dict)  # negotiation -> some deal acceptable
    skipped: dict[tuple[str, str, str], Skip] = field(default_factory=dict)  # (event, node, step) -> first seen
    truncated: bool = False  # the state budget ran out
    stopped: bool = False  # ``until`` was satisfied before the space was explored

    def __len__(self) -> int:
        return len(self.keys)

    def add(self, key: Hashable, state: GameState) -> int:
        """A new state's number: its key, node, ending and day recorded, with no edges yet."""
        self.keys.append(key)
        self.node_of.append(state.node)
        self.outcome_of.append(state.outcome)
        self.day_of.append(state.day)
        self.edges.append([])
        return len(self.keys) - 1

    @property
    def reached_nodes(self) -> set[str]:
        return {n for n in self.node_of if n}

    @property
    def reached_outcomes(self) -> set[str]:
        return {o for o in self.outcome_of if o}


def _state_key(value_keys: dict[str, Callable[[dict], Hashable]], state: GameState) -> Hashable:
    """What identifies a state: its node, day, the values that still matter there and the events
    fired (an ending: its outcome alone)."""
    if state.outcome:
        return ("", state.outcome)
    return (state.node, state.day, value_keys[state.node](state.values), frozenset(state.fired))


def _getter(names: tuple[str, ...]) -> Callable[[dict], Hashable]:
    if not names:
        return lambda values: ()
    getter = operator.itemgetter(*names)
    return getter if len(names) > 1 else (lambda values: (getter(values),))


def _value_keys(scenario: Scenario) -> dict[str, Callable[[dict], Hashable]]:
    """Per node, the values that go into a state's key: only those that can still matter there."""
    return {nid: _getter(names) for nid, names in live_variables(scenario).items()}


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while exploring. Exploring makes hundreds of thousands of small
    objects that all stay alive (states, edges, keys) and no cycles, so the collector, which runs
    whenever enough objects have been made, finds nothing but walks them all again each time.
    Objects are still freed as soon as nothing refers to them; the collector runs again after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def explore(
    scenario: Scenario,
    lenses: Iterable[str] | None = None,
    max_states: int = MAX_STATES,
    until: set[str] | None = None,
    budget: Budget | None = None,
    memo: tables.Memo | None = None,
) -> StateSpace:
    """Explore from the start under each of ``lenses`` in turn (default: every lens, or none).

    States are expanded nearest to history first (fewest departures, then fewest steps), so when
    ``max_states`` cuts a huge space short, what was explored is what lies closest to history.
    With ``until``, stop as soon as each of those endings has been reached with the fewest
    departures possible (the rest of the space is then left unexplored: ``stopped`` is set).
    Each edge followed spends one step of ``budget``; when it runs out the space is ``truncated``
    (a state with 10,000 choices costs 10,000 steps, not one). ``memo`` keeps what bargaining at the
    tables gives, and may be shared with other work on the same scenario.
    """
    space = StateSpace(scenario)
    index: dict[Hashable, int] = {}
    pending: list[GameState | None] = []
    best: list[tuple[int, int]] = []
    value_keys = _value_keys(scenario)
    plans = _plans(scenario)
    watch = watched_events(scenario)
    heap: list[tuple[int, int, int]] = []
    memo = memo or tables.Memo(scenario)

    def intern(state: GameState) -> int:
        key = _state_key(value_keys, state)
        found = index.get(key)
        if found is not None:
            return found
        found = index[key] = space.add(key, state)
        pending.append(None if state.outcome else state)
        best.append((1 << 60, 0))
        return found

    def reach(target: int, cost: tuple[int, int]) -> None:
        if cost < best[target]:
            best[target] = cost
            if pending[target] is not None:
                heapq.heappush(heap, (*cost, target))

    for lens in list(lenses) if lenses is not None else (list(scenario.lenses) or [""]):
        root = rules.initial_state(scenario, lens or None, 0)
        rules.move(scenario, root, scenario.start_node, None)
        space.roots[lens] = intern(root)
        reach(space.roots[lens], (0, 0))
        while heap:
            if len(space.keys) > max_states:
                space.truncated = True
                return space
            departures, steps, current = heapq.heappop(heap)
            if until is not None and _settled(until, index, best, departures):
                space.stopped = True
                return space
            state = pending[current]
            if state is None or best[current] < (departures, steps):
                continue
            pending[current] = None
            edges = _expand(scenario, space, current, state, plans[state.node], intern, memo, watch)
            space.edges[current] = edges
            if budget is not None and not budget.spend(max(len(edges), 1)):
                space.truncated = True
                return space
            for edge in edges:
                reach(edge.target, (departures + edge.departure, steps + 1))
    return space


def walks(
    scenario: Scenario,
    lenses: list[str],
    count: int,
    seed: int = 0,
    budget: Budget | None = None,
    memo: tables.Memo | None = None,
) -> StateSpace:
    """``count`` random walks from the start through the explorer's own graph (taking turns among
    ``lenses``): each state reached is expanded as ``explore`` expands it, and one of its edges is
    followed at random. What they see, a complete exploration sees too (and the over-approximation
    allows), unlike random games, which may strike deals or combine sealed choices the explorer does
    not follow. The space holds only the states the walks reached."""
    space = StateSpace(scenario)
    index: dict[Hashable, int] = {}
    states: list[GameState | None] = []
    expanded: dict[int, list[Edge]] = {}
    value_keys = _value_keys(scenario)
    plans = _plans(scenario)
    watch = watched_events(scenario)
    memo = memo or tables.Memo(scenario)

    def intern(state: GameState) -> int:
        key = _state_key(value_keys, state)
        found = index.get(key)
        if found is None:
            found = index[key] = space.add(key, state)
            states.append(None if state.outcome else state)
        return found

    rng = derive_seed(seed, "walks")
    for number in range(count):
        lens = lenses[number % len(lenses)]
        root = rules.initial_state(scenario, lens or None, 0)
        rules.move(scenario, root, scenario.start_node, None)
        current = intern(root)
        space.roots.setdefault(lens, current)
        for _ in range(rules.MAX_TURNS):
            state = states[current]
            if state is None:
                break
            edges = expanded.get(current)
            if edges is None:
                edges = expanded[current] = _expand(
                    scenario, space, current, state, plans[state.node], intern, memo, watch
                )
                space.edges[current] = edges
                if budget is not None and not budget.spend(max(len(edges), 1)):
                    space.truncated = True
                    return space
            if not edges:
                break
            rng, pick = draw_below(rng, len(edges))
            current = edges[pick].target
    return space


@dataclass(frozen=True)
class _Plan:
    """A node's steps prepared once for exploration: keys, tests and the historical step."""

    node: Node
    steps: tuple[tuple[Step, tuple[str, str], Callable | None, tuple[tuple[str, Callable], ...]], ...]
    history: Step | None


def _plans(scenario: Scenario) -> dict[str, _Plan]:
    out = {}
    for nid, node in scenario.nodes.items():
        steps = tuple(
            (
                step,
                (nid, step.id),
                step.weight if node.is_chance else step.condition,
                tuple((c, scenario.constraints[c].unless) for c in step.constraints),
            )
            for step in node.steps
        )
        out[nid] = _Plan(node, steps, tables.history_step(scenario, node))
    return out


def watched_events(scenario: Scenario) -> tuple[Event, ...]:
    """The dated historical events with an 'if': a jump of the clock may skip them for good."""
    return tuple(e for e in scenario.events if e.historical and e.day is not None and e.condition is not None)


def skipped_for_good(scenario: Scenario, event: Event, values: Mapping[str, Value], day: int) -> bool:
    """Whether ``event``'s 'if' would have held on its own date but holds on no day from ``day`` to
    the end, the other values staying as they are: a jump to ``day`` has skipped it."""
    condition = event.condition
    assert condition is not None and event.day is not None
    probe = dict(values)

    def holds(when: int) -> bool:
        probe["day"], probe["days_left"] = when, scenario.last_day - when
        return bool(condition(probe))

    return holds(event.day) and not any(holds(d) for d in range(day, scenario.last_day + 1))


def note_skips(
    scenario: Scenario,
    skipped: dict[tuple[str, str, str], Skip],
    watch: tuple[Event, ...],
    node: Node,
    step: Step,
    before: int,
    after: GameState,
) -> None:
    """Record each watched event that the move from day ``before`` to ``after`` skipped for good."""
    if after.outcome or after.day <= before:
        return
    for event in watch:
        assert event.day is not None
        if not before < event.day <= after.day or event.id in after.fired:
            continue
        key = (event.id, node.id, step.id)
        if key not in skipped and skipped_for_good(scenario, event, after.values, after.day):
            skipped[key] = Skip(event.id, node.id, step, before, after.day)


def _settled(until: set[str], index: dict[Hashable, int], best: list[tuple[int, int]], departures: int) -> bool:
    """Every wanted ending is known, with no more departures than anything still waiting."""
    for outcome in until:
        found = index.get(("", outcome))
        if found is None or best[found][0] > departures:
            return False
    return True


def _expand(
    scenario: Scenario,
    space: StateSpace,
    current: int,
    state: GameState,
    plan: _Plan,
    intern: Callable[[GameState], int],
    memo: tables.Memo,
    watch: tuple[Event, ...] = (),
) -> list[Edge]:
    """The edges out of one state: each open choice, or each chance branch that can be drawn."""
    node = plan.node
    if node.negotiation is not None:
        return _expand_negotiation(space, state, plan, intern, memo, watch)
    if node.sealed:
        return _expand_sealed(scenario, space, current, state, plan, intern, watch)
    values = state.values
    options = []
    if node.chance:
        options = [item for item in plan.steps if item[2] is not None and int(item[2](values)) > 0] or [plan.steps[0]]
    else:
        for item in plan.steps:
            test = item[2]
            if test is not None and not test(values):
                continue
            space.visible_steps.add(item[1])
            if item[3]:
                blocking = [cid for cid, unless in item[3] if not unless(values)]
                if blocking:
                    space.blocked_by.setdefault(item[1], set()).update(blocking)
                    continue
            options.append(item)
    if not options:
        space.stuck.setdefault(node.id, current)
        ended = state.copy()
        rules.end(scenario, ended, scenario.fallback_outcome, None)
        return [Edge(intern(ended), node.id, None, False)]
    history = plan.history
    history_open = history is not None and any(item[0] is history for item in options)
    out = []
    open_steps = space.open_steps
    for step, key, _, _ in options:
        open_steps.add(key)
        child = GameState(state.node, state.day, dict(values), state.rng, list(state.fired), state.turn)
        rules.take(scenario, child, step, None)
        if watch and child.day > state.day:
            note_skips(scenario, space.skipped, watch, node, step, state.day, child)
        out.append(Edge(intern(child), node.id, step, history_open and step is not history))
    return out


def _expand_negotiation(
    space: StateSpace,
    state: GameState,
    plan: _Plan,
    intern: Callable[[GameState], int],
    memo: tables.Memo,
    watch: tuple[Event, ...],
) -> list[Edge]:
    """The edges out of a negotiation: a deal on each package ``tables.deals`` follows, and no deal."""
    scenario = space.scenario
    node = plan.node
    negotiation = node.negotiation
    assert negotiation is not None
    found = memo.deals(state, node)
    known = space.acceptable.get(node.id, False)
    if known is not True:
        unsure = known is None or found.acceptable is None
        space.acceptable[node.id] = True if found.acceptable else (None if unsure else False)
    history = plan.history
    out = []
    endings: list[tuple[Step, dict[str, str] | None]] = [
        (tables.deal_step(scenario, node, p), p) for p in found.packages
    ]
    endings.append((tables.no_deal_step(node), None))
    for step, package in endings:
        child = state.copy()
        talks.conclude(scenario, child, package, None)
        if package is not None:
            space.deal_terms.update(package.items())
        space.open_steps.add((node.id, "no_deal" if package is None else "deal"))
        if watch and child.day > state.day:
            note_skips(scenario, space.skipped, watch, node, step, state.day, child)
        departure = history is not None and not step.historical
        out.append(Edge(intern(child), node.id, step, departure, negotiation.opener))
    return out


def _expand_sealed(
    scenario: Scenario,
    space: StateSpace,
    current: int,
    state: GameState,
    plan: _Plan,
    intern: Callable[[GameState], int],
    watch: tuple[Event, ...],
) -> list[Edge]:
    """The edges out of a sealed move: each combination of the seats' open choices (bounded)."""
    node = plan.node
    values = state.values
    seats: list[tuple[str, list[Step]]] = []
    for seat in node.sealed:
        options = []
        for step in seat.choices:
            key = (node.id, tables.seat_key(seat.actor, step))
            if step.condition is not None and not step.condition(values):
                continue
            space.visible_steps.add(key)
            blocking = [c for c in step.constraints if not scenario.constraints[c].unless(values)]
            if blocking:
                space.blocked_by.setdefault(key, set()).update(blocking)
                continue
            options.append(step)
            space.open_steps.add(key)
        seats.append((seat.actor, options or list(seat.choices)))
    if not all(options for _, options in seats):
        space.stuck.setdefault(node.id, current)
        ended = state.copy()
        rules.end(scenario, ended, scenario.fallback_outcome, None)
        return [Edge(intern(ended), node.id, None, False)]
    history = plan.history
    history_open = history is not None and all(any(s.historical for s in options) for _, options in seats)
    out = []
    for combo in tables.combinations(seats):
        child = state.copy()
        for seat, step in zip(node.sealed, combo, strict=True):
            talks.seal(scenario, child, seat.actor, step, None)
        taken = tables.sealed_step(scenario, node, combo)
        if watch and child.day > state.day:
            note_skips(scenario, space.skipped, watch, node, taken, state.day, child)
        departure = history_open and not taken.historical
        out.append(Edge(intern(child), node.id, taken, departure, tables.departing_actor(node, combo)))
    return out


# ---------------------------------------------------------------- reading the graph


def path_to(space: StateSpace, parent: dict[int, tuple[int, Edge]], target: int) -> list[PathStep]:
    scenario = space.scenario
    out: list[PathStep] = []
    while target in parent:
        source, edge = parent[target]
        out.append(path_step(scenario, space, source, edge))
        target = source
    out.reverse()
    return out


def path_step(scenario: Scenario, space: StateSpace, source: int, edge: Edge) -> PathStep:
    node = scenario.nodes[edge.node]
    actor = edge.actor or node.actor
    if edge.step is None:
        return PathStep(node.id, STUCK, "no choice is open", actor, space.day_of[source], False)
    history = tables.history_step(scenario, node) if edge.departure else None
    return PathStep(
        node.id,
        edge.step.id,
        edge.step.label,
        actor,
        space.day_of[source],
        edge.departure,
        history.label if history else "",
    )


def bfs_parents(space: StateSpace, roots: Iterable[int] | None = None) -> dict[int, tuple[int, Edge]]:
    """Breadth-first parents from ``roots`` (default: every root): each reached state's fewest-step edge."""
    starts = list(space.roots.values()) if roots is None else list(roots)
    parent: dict[int, tuple[int, Edge]] = {s: (-1, Edge(s, "", None, False)) for s in starts}
    queue = deque(starts)
    while queue:
        current = queue.popleft()
        for edge in space.edges[current]:
            if edge.target not in parent:
                parent[edge.target] = (current, edge)
                queue.append(edge.target)
    for s in starts:
        del parent[s]
    return parent


def outcome_states(space: StateSpace) -> dict[str, int]:
    return {o: i for i, o in enumerate(space.outcome_of) if o}


def fewest_departures(space: StateSpace, root: int) -> dict[str, list[PathStep]]:
    """For each ending, a path from ``root`` with the fewest departures from history, then fewest steps."""
    best, parent = cheapest_paths(space, root)
    ends = outcome_states(space)
    return {oid: path_to(space, parent, i) for oid, i in ends.items() if i in best}


def cheapest_paths(space: StateSpace, root: int) -> tuple[dict[int, tuple[int, int]], dict[int, tuple[int, Edge]]]:
    """Fewest departures (then steps) from ``root`` to every state, and the tree of best paths."""
    best: dict[int, tuple[int, int]] = {root: (0, 0)}
    parent: dict[int, tuple[int, Edge]] = {}
    heap = [(0, 0, root)]
    while heap:
        cost, steps, current = heapq.heappop(heap)
        if best.get(current, (cost, steps)) < (cost, steps):
            continue
        for edge in space.edges[current]:
            candidate = (cost + edge.departure, steps + 1)
            if candidate < best.get(edge.target, (1 << 60, 0)):
                best[edge.target] = candidate
                parent[edge.target] = (current, edge)
                heapq.heappush(heap, (*candidate, edge.target))
    return best, parent


def departures(scenario: Scenario, path: list[PathStep]) -> list[Departure]:
    out = []
    for item in path:
        if item.departure:
            history = tables.history_step(scenario, scenario.nodes[item.node])
            assert history is not None
            out.append(Departure(item.node, item.step, history.id, item.actor, item.day, item.label, history.label))
    return out


# (content hash, or the object's id while it is kept alive here, lens) -> (scenario, answer)
_CACHE: dict[tuple[str | int, str], tuple[Scenario, dict[str, list[Departure]]]] = {}
_CACHE_LIMIT = 8  # scenarios (with lens) whose answers are kept


def smallest_counterfactuals(scenario: Scenario, lens: str | None = None) -> dict[str, list[Departure]]:
    """For each reachable ending, the fewest departures from the historical path that lead to it.

    The historical ending maps to ``[]``; unreachable endings are left out (and, in a state space too
    big to search within ``COUNTERFACTUAL_STATES``, endings not found by then). A departure is counted
    where history's step was open and another was taken (a choice, or a chance branch drawn against
    history); where history's step is closed or the node is off the historical path, any step is free.

    The search is slow (about a second for the flagship), so it runs once per scenario content and
    lens: the answer is kept by the scenario's content hash (by the object itself when it has none).
    """
    chosen = lens if lens is not None else scenario.default_lens
    key = (scenario.content_hash or id(scenario), chosen)
    if key not in _CACHE:
        wanted = possible(scenario, [chosen]).outcomes
        space = explore(scenario, [chosen], COUNTERFACTUAL_STATES, until=wanted)
        paths = fewest_departures(space, space.roots[chosen])
        if len(_CACHE) >= _CACHE_LIMIT:
            _CACHE.clear()
        _CACHE[key] = (scenario, {oid: departures(scenario, path) for oid, path in paths.items()})
    return {oid: list(items) for oid, items in _CACHE[key][1].items()}


def loops(space: StateSpace) -> list[list[int]]:
    """Groups of states that lead back to themselves: play there can go round forever.

    The date never goes back, so a loop keeps one date: only edges between states of the same day
    can close one, and the search looks at those alone.
    """
    day_of = space.day_of
    same_day = [
        [e.target for e in edges if day_of[e.target] == day_of[i] and space.node_of[e.target]]
        for i, edges in enumerate(space.edges)
    ]
    roots = [i for i, targets in enumerate(same_day) if targets]
    return [sorted(group) for group in cycles(roots, dict(enumerate(same_day)))]

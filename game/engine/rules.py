"""The rules: which choices are open, what a step does, how the clock, events and endings move.

These functions work on a mutable ``GameState`` and an immutable ``Scenario`` and never print,
read files or keep history: ``Game`` adds history, undo and records on top, and the simulator calls
them directly with ``log=None`` for speed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from .expr import Values
from .model import Constraint, Node, Scenario, Step
from .narrate import PUBLIC, render
from .state import GameState, TalksState, derive_seed, draw_below

MAX_TURNS = 10_000

# How a chance node is resolved: given the node and state, return the branch taken and whether it
# was forced (history replay) rather than drawn.
Picker = Callable[[Node, GameState], tuple[Step, bool]]


HappeningKind = Literal[
    "decision",
    "chance",
    "event",
    "outcome",
    "deadline",
    "stuck",
    "offer",
    "answer",
    "deal",
    "no_deal",
    "sealed",
    "reveal",
]
EndingKind = Literal["outcome", "deadline", "stuck"]  # the kinds that end a game


@dataclass(frozen=True)
class Happening:
    """One dated line of the game's history: a decision, a chance result, an event or an ending."""

    kind: HappeningKind
    day: int
    title: str
    text: str = ""
    actor: str = ""
    node: str = ""
    step: str = ""
    source: str = ""
    historical: bool = False
    effects: tuple[str, ...] = ()
    forced: bool = False


Log = list[Happening] | None


def set_day(scenario: Scenario, state: GameState, day: int) -> None:
    state.day = day
    state.values["day"] = day
    state.values["days_left"] = scenario.last_day - day


def initial_state(scenario: Scenario, lens: str | None, seed: int) -> GameState:
    """The state before anything happens: start node entered, but no events fired yet."""
    values = scenario.initial_values(lens)
    state = GameState(node="", day=0, values=values, rng=derive_seed(seed, "parley"))
    chosen = scenario.lenses.get(lens or scenario.default_lens)
    for variable in scenario.variables.values():
        if variable.drawn:
            low, high = variable.type.minimum, variable.type.maximum
            if chosen is not None and variable.id in chosen.draws:
                low, high = chosen.draws[variable.id]
            state.rng, offset = draw_below(state.rng, high - low + 1)
            values[variable.id] = low + offset
    set_day(scenario, state, 0)
    return state


def blockers(scenario: Scenario, step: Step, state: GameState) -> list[Constraint]:
    """The constraints that forbid ``step`` now (empty when it is open)."""
    values = state.values
    return [c for cid in step.constraints if not (c := scenario.constraints[cid]).unless(values)]


def visible(step: Step, state: GameState) -> bool:
    return step.condition is None or bool(step.condition(state.values))


def open_steps(scenario: Scenario, node: Node, state: GameState) -> list[Step]:
    """The choices a player can take now, in file order."""
    values = state.values
    out = []
    for step in node.choices:
        if step.condition is not None and not step.condition(values):
            continue
        if step.constraints and any(not scenario.constraints[c].unless(values) for c in step.constraints):
            continue
        out.append(step)
    return out


def branch_weight(step: Step, values: Values) -> int:
    """A chance branch's weight now: 0 while its ``if`` does not hold, never below 0."""
    if step.condition is not None and not step.condition(values):
        return 0
    return max(0, int(step.weight(values))) if step.weight else 0


def draw_branch(node: Node, state: GameState) -> tuple[Step, bool]:
    """Draw a branch by weight with the state's generator (the first possible one if every weight is 0)."""
    values = state.values
    weights = [branch_weight(step, values) for step in node.chance]
    total = sum(weights)
    if total <= 0:
        possible = [s for s in node.chance if s.condition is None or s.condition(values)]
        return (possible or list(node.chance))[0], False
    state.rng, ticket = draw_below(state.rng, total)
    for step, weight in zip(node.chance, weights, strict=True):
        if ticket < weight:
            return step, False
        ticket -= weight
    return node.chance[-1], False  # pragma: no cover - arithmetic guarantees a pick above


def historical_branch(node: Node, state: GameState) -> tuple[Step, bool]:
    """History replay: take the branch marked historical, or draw when none is."""
    for step in node.chance:
        if step.historical:
            return step, True
    return draw_branch(node, state)


def end(
    scenario: Scenario, state: GameState, outcome: str, log: Log, kind: EndingKind = "outcome", why: str = ""
) -> None:
    state.outcome = outcome
    state.node = ""
    if log is not None:
        ending = scenario.outcomes[outcome]
        log.append(
            Happening(kind, state.day, ending.title, why or ending.epilogue, node=outcome, historical=ending.historical)
        )


def _fire_events(scenario: Scenario, state: GameState, log: Log, since: int) -> str:
    """Fire every due event once, in order; return a 'goto' target if one interrupts play.
    ``since`` is the day the clock moved from: a dated event is logged on its own date, or on
    that day if it was held back by its condition until then."""
    values = state.values
    for event in scenario.events:
        if event.day is not None and event.day > state.day:
            continue
        if event.id in state.fired:
            continue
        if event.condition is not None and not event.condition(values):
            continue
        state.fired.append(event.id)
        text = render(event.text, event.text_parts, values, PUBLIC) if log is not None else ""
        for effect in event.effects:
            effect(values)
        if log is not None:
            day = max(since, event.day) if event.day is not None else state.day
            log.append(
                Happening(
                    "event",
                    day,
                    event.title,
                    text,
                    source=event.source,
                    historical=event.historical,
                    effects=event.effect_texts,
                    node=event.id,
                )
            )
        if event.goto:
            return event.goto
    return ""


def move(scenario: Scenario, state: GameState, target: str, log: Log, since: int | None = None) -> None:
    """Go to a node or outcome: move the clock, fire due events (which may redirect), check the end.
    ``since`` is the day before the step that led here (for dating events in the log)."""
    since = state.day if since is None else since
    for _ in range(len(scenario.events) + 2):
        if target in scenario.outcomes:
            end(scenario, state, target, log)
            return
        node = scenario.nodes[target]
        state.node = target
        if state.picks:
            state.picks = {}
        state.talks = TalksState(1, node.negotiation.opener) if node.negotiation is not None else None
        if node.day > state.day:
            set_day(scenario, state, node.day)
        redirect = _fire_events(scenario, state, log, since)
        if not redirect:
            break
        target = redirect
    if state.day > scenario.last_day:
        end(
            scenario,
            state,
            scenario.fallback_outcome,
            log,
            "deadline",
            f"The clock has run past {scenario.end:%d %B %Y}. " + scenario.outcomes[scenario.fallback_outcome].epilogue,
        )


def take(scenario: Scenario, state: GameState, step: Step, log: Log, actor: str = "", forced: bool = False) -> None:
    """Apply a choice or branch: effects, time, then move on to where it leads."""
    values = state.values
    taken_on = state.day
    text = render(step.text, step.text_parts, values, PUBLIC) if log is not None and step.text_parts else step.text
    for effect in step.effects:
        effect(values)
    if step.days:
        set_day(scenario, state, state.day + step.days)
    state.turn += 1
    if not step.historical:
        state.leave_history()
    if log is not None:
        node = scenario.nodes[state.node]
        log.append(
            Happening(
                "chance" if node.is_chance else "decision",
                taken_on,
                step.label,
                text,
                actor=actor,
                node=node.id,
                step=step.id,
                source=step.source,
                historical=step.historical,
                effects=step.effect_texts,
                forced=forced,
            )
        )
    move(scenario, state, step.next, log, taken_on + 1 if step.days else taken_on)


def settle(scenario: Scenario, state: GameState, log: Log, pick: Picker = draw_branch) -> list[Step]:
    """Resolve chance nodes and dead ends until a player must decide or the game is over; return
    the open choices of the decision reached (empty when the game is over)."""
    while not state.outcome:
        if state.turn >= MAX_TURNS:
            end(scenario, state, scenario.fallback_outcome, log, "stuck", "Play went on too long and was stopped.")
            return []
        node = scenario.nodes[state.node]
        if node.is_chance:
            step, forced = pick(node, state)
            take(scenario, state, step, log, forced=forced)
            continue
        if node.negotiation is not None or node.sealed:
            return []  # the parties act through ``talks``
        options = open_steps(scenario, node, state)
        if not options:
            end(
                scenario,
                state,
                scenario.fallback_outcome,
                log,
                "stuck",
                f"No course was open at '{node.title}'. " + scenario.outcomes[scenario.fallback_outcome].epilogue,
            )
        return options
    return []


def start(scenario: Scenario, state: GameState, log: Log, pick: Picker = draw_branch, at: str = "") -> list[Step]:
    """Enter the start node (or ``at``) and settle; return the first decision's open choices."""
    move(scenario, state, at or scenario.start_node, log)
    return settle(scenario, state, log, pick)


def policy_seed(seed: int, turn: int, actor: str) -> int:
    """A computer player's private randomness: fixed by (seed, turn, actor), so it never disturbs
    the game's own generator and a recorded game replays without re-running any player."""
    return derive_seed(seed, turn, actor)

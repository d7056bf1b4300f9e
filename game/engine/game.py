"""A game session: the small public API every front end uses (terminal, window, tools, tests).

``Game`` wraps the rules with what a player needs: the current decision with open and blocked
choices, choosing, undo to any depth, computer players, the dated log, and a record of moves from
which (scenario, lens, seed, moves) replays the same game exactly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Literal, get_args

from . import rules, turns
from .expr import Value, VarType
from .jsonread import DamagedError, Fields, JSONObject, JSONValue, json_safe
from .model import Actor, Constraint, Node, Outcome, Scenario, Step
from .policies import CONTROLLERS, POLICIES, Controller, computer_table_move, controller_named, explain
from .rules import Happening
from .similar import listing, ranked
from .state import GameState
from .talks import TalksError
from .turns import TableMove, Turn


class GameError(ValueError):
    """A request the game cannot carry out (an unknown or unavailable choice, nothing to undo)."""


MAX_REASON = 2_000  # characters in a player's reason: a paragraph, and saves stay far under their size limit


def reason_problem(reason: str) -> str:
    """'' when ``reason`` can be kept with a move, else why not (too long, or not valid text)."""
    if len(reason) > MAX_REASON:
        return f"a reason is at most {MAX_REASON:,} characters (this one has {len(reason):,}): shorten it"
    try:
        reason.encode("utf-8")
    except UnicodeEncodeError:
        return "the reason holds characters that are not valid text: type it again"
    return ""


MoveBy = Literal[Controller, "proxy", "chance"]
"""Who took a move: a controller ("human" or a computer policy), "chance" for a chance branch, or
"proxy" for a choice made in a person's seat on their behalf (a front end's rule, such as a class's
time limit running out; the front end keeps the rule in its own data)."""
MOVERS: tuple[MoveBy, ...] = get_args(MoveBy)
PERSONS_SEAT: tuple[MoveBy, ...] = ("human", "proxy")


def mover_named(name: str) -> MoveBy | None:
    """``name`` as a ``MoveBy`` value, or None when no mover has that name."""
    return next((m for m in MOVERS if m == name), None)


@dataclass(frozen=True)
class Move:
    """One recorded step: the node, the choice or branch taken, and by whom."""

    node: str
    step: str
    by: MoveBy
    actor: str = ""
    day: int = 0
    forced: bool = False  # a chance branch taken because history replay follows history
    reason: str = ""  # why the players chose it, in their words
    terms: Mapping[str, str] = field(default_factory=dict)  # a package proposed or countered

    @property
    def in_persons_seat(self) -> bool:
        """A person decided, or it was decided for them in their seat (``proxy``)."""
        return self.by in PERSONS_SEAT

    def to_dict(self) -> dict[str, JSONValue]:
        data: dict[str, JSONValue] = {"node": self.node, "step": self.step, "by": self.by, "day": self.day}
        if self.actor:
            data["actor"] = self.actor
        if self.forced:
            data["forced"] = True
        if self.reason:
            data["reason"] = self.reason
        if self.terms:
            data["terms"] = dict(self.terms)
        return data

    @classmethod
    def from_dict(cls, data: object, where: str = "a move") -> Move:
        """Read a move written by ``to_dict``; ``DamagedError`` names what is wrong."""
        fields = Fields(data, where)
        name = fields.text("by", "human")
        by = mover_named(name)
        if by is None:
            raise DamagedError(f"{where}: 'by' names nobody who can move ({name!r}); use one of {', '.join(MOVERS)}")
        return cls(
            fields.text("node"),
            fields.text("step"),
            by,
            fields.text("actor", ""),
            fields.integer("day", 0),
            fields.flag("forced", False),
            fields.text("reason", ""),
            fields.text_map("terms"),
        )


@dataclass(frozen=True)
class ChoiceView:
    """A choice as a player sees it: open, or blocked by named constraints."""

    number: int  # 1-based, for keys and menus
    step: Step
    blocked_by: tuple[Constraint, ...] = ()

    @property
    def available(self) -> bool:
        return not self.blocked_by

    def why_blocked(self) -> str:
        return " ".join(f"{c.title}: {c.explanation}" for c in self.blocked_by)


@dataclass(frozen=True)
class Decision:
    node: Node
    actor: Actor
    date: dt.date
    choices: tuple[ChoiceView, ...]

    @property
    def open_choices(self) -> list[ChoiceView]:
        return [c for c in self.choices if c.available]


@dataclass(slots=True)  # slots: setting a field that does not exist is an error, not a silent no-op
class Settings:
    """How a game was set up: everything a replay needs besides the moves, and front ends' own
    data in ``extras`` (JSON-safe, written to saves unread; each front end checks its own)."""

    lens: str
    seed: int
    controllers: dict[str, Controller] = field(default_factory=dict)  # actor -> "human" or a policy name
    follow_history: bool = False  # chance nodes take their historical branch (history replay)
    start: str = ""  # a node to start at instead of the scenario's start (authors' testing)
    overrides: dict[str, Value] = field(default_factory=dict)  # values set before the start
    extras: JSONObject = field(default_factory=dict)  # front ends' own data, kept in saves, never read here

    def to_dict(self) -> JSONObject:
        data: JSONObject = {
            "lens": self.lens,
            "seed": self.seed,
            "controllers": dict[str, JSONValue](self.controllers),
            "follow_history": self.follow_history,
        }
        if self.start:
            data["start"] = self.start
            data["overrides"] = dict[str, JSONValue](self.overrides)
        if self.extras:
            data["extras"] = json_safe(self.extras, "the settings' extras")
        return data

    @classmethod
    def from_dict(cls, data: object) -> Settings:
        """Read settings written by ``to_dict``; ``DamagedError`` names what is wrong."""
        fields = Fields(data, "the settings")
        controllers: dict[str, Controller] = {}
        given = fields.group("controllers", {})
        for actor in given.data:
            name = given.text(actor)
            controller = controller_named(name)
            if controller is None:
                raise DamagedError(
                    f"the player of {actor!r} is {name!r}, which cannot play; use one of {', '.join(CONTROLLERS)}"
                )
            controllers[actor] = controller
        overrides: dict[str, Value] = {}
        for name, value in fields.group("overrides", {}).data.items():
            if not isinstance(value, (bool, int, str)):
                raise DamagedError(f"the starting value of {name!r} should be a number, text or true/false")
            overrides[name] = value
        extras = fields.json("extras", {})
        if not isinstance(extras, dict):
            raise DamagedError("the settings: 'extras' should be a group of named fields")
        return cls(
            fields.text("lens"),
            fields.integer("seed"),
            controllers,
            fields.flag("follow_history", False),
            fields.text("start", ""),
            overrides,
            extras,
        )


@dataclass
class ReplayReport:
    """How far a replay of recorded moves got, and why it stopped early if it did."""

    applied: int
    total: int
    stopped_at: str = ""
    reason: str = ""

    @property
    def complete(self) -> bool:
        return self.applied == self.total


class _Stop(Exception):
    def __init__(self, node: str, reason: str) -> None:
        super().__init__(reason)
        self.node = node
        self.reason = reason


def _table_move(move: Move) -> TableMove:
    return TableMove(move.actor, move.step, dict(move.terms), move.reason)


class Game:
    """One play of a scenario."""

    def __init__(self, scenario: Scenario, settings: Settings) -> None:
        self.scenario = scenario
        self.settings = settings
        self.state: GameState = rules.initial_state(scenario, settings.lens, settings.seed)
        self._override(self.state)
        self.moves: list[Move] = []
        self.log: list[Happening] = []
        self._undo: list[tuple[GameState, int, int]] = []

    # -- creating ---------------------------------------------------------------------------

    @classmethod
    def new(
        cls,
        scenario: Scenario,
        lens: str | None = None,
        seed: int = 0,
        controllers: Mapping[str, str] | None = None,
        follow_history: bool = False,
        start: str = "",
        overrides: Mapping[str, Value] | None = None,
    ) -> Game:
        """Start a game. ``controllers`` maps actor ids to "human" or a policy; unnamed actors are
        played by the ``disposition`` policy. ``start`` and ``overrides`` begin at another node with
        some values set, so an author can test one part of a scenario."""
        lens = lens or scenario.default_lens
        if lens and lens not in scenario.lenses:
            raise GameError(f"no lens {lens!r}; this scenario has: {', '.join(scenario.lenses) or 'none'}")
        chosen: dict[str, Controller] = {actor: "disposition" for actor in scenario.actors}
        for actor, who in (controllers or {}).items():
            if actor not in scenario.actors:
                raise GameError(f"no actor {actor!r}; this scenario has: {', '.join(scenario.actors)}")
            controller = controller_named(who)
            if controller is None:
                raise GameError(f"{who!r} cannot play; use one of {', '.join(CONTROLLERS)}")
            chosen[actor] = controller
        if start and start not in scenario.nodes:
            near = ranked(start, scenario.nodes, 5)
            said = (
                f"did you mean {' or '.join(map(repr, near))}?"
                if near
                else f"the nodes are: {listing(list(scenario.nodes))}"
            )
            raise GameError(f"no node {start!r}; {said}")
        for name, value in (overrides or {}).items():
            problem = value_problem(scenario, name, value)
            if problem:
                raise GameError(problem)
        settings = Settings(lens or "", seed, chosen, follow_history, start, dict(overrides or {}))
        game = cls(scenario, settings)
        game._begin(game.state, game.log, game._picker())
        game._record_chances(0)
        return game

    @classmethod
    def replay(cls, scenario: Scenario, settings: Settings, moves: list[Move]) -> tuple[Game, ReplayReport]:
        """Rebuild a game from its recorded moves, as far as they still apply to ``scenario``."""
        game = cls(scenario, replace(settings, controllers=dict(settings.controllers)))
        queue = list(moves)
        position = 0

        def pick(node: Node, state: GameState) -> tuple[Step, bool]:
            nonlocal position
            if position >= len(queue):
                raise _Stop(node.id, "the record ends before this chance node")
            move = queue[position]
            if move.node != node.id or move.by != "chance":
                raise _Stop(
                    node.id,
                    f"the record has {move.node!r}/{move.step!r} where the game is at the chance node {node.id!r}",
                )
            step = node.step(move.step)
            if step is None:
                raise _Stop(node.id, f"the branch {move.step!r} no longer exists")
            if move.forced:
                position += 1
                return step, True
            drawn, _ = rules.draw_branch(node, state)
            if drawn.id != step.id:
                raise _Stop(
                    node.id,
                    f"chance now gives {drawn.id!r} where the record has {step.id!r} (the weights have changed)",
                )
            position += 1
            return step, False

        report = ReplayReport(0, len(moves))
        try:
            trial = game.state.copy()
            trial_log: list[Happening] = []
            game._begin(trial, trial_log, pick)
            game.state, game.log = trial, trial_log
            game.moves = queue[:position]
            while position < len(queue):
                move = queue[position]
                if game.node is not None and game.node.kind in ("negotiation", "sealed") and move.node == game.node.id:
                    game._push_undo()
                    position += 1
                    trial = game.state.copy()
                    trial_log = list(game.log)
                    try:
                        turns.apply(scenario, trial, _table_move(move), trial_log, pick)
                    except TalksError as err:
                        position -= 1
                        raise _Stop(
                            move.node, f"the move {move.step!r} by {move.actor!r} no longer holds: {err}"
                        ) from None
                    game.state, game.log = trial, trial_log
                    game.moves = queue[:position]
                    continue
                decision = game.decision
                if decision is None or move.node != decision.node.id:
                    where = decision.node.id if decision else (game.state.outcome or "the end")
                    raise _Stop(where, f"the record's next move is at {move.node!r} but the game is at {where!r}")
                view = next((c for c in decision.choices if c.step.id == move.step), None)
                if view is None:
                    raise _Stop(move.node, f"the choice {move.step!r} no longer exists or is hidden here")
                if not view.available:
                    raise _Stop(move.node, f"the choice {move.step!r} is now blocked: {view.why_blocked()}")
                game._push_undo()
                position += 1
                trial = game.state.copy()
                trial_log = list(game.log)
                rules.take(scenario, trial, view.step, trial_log, actor=decision.actor.id)
                rules.settle(scenario, trial, trial_log, pick)
                game.state, game.log = trial, trial_log
                game.moves = queue[:position]
        except _Stop as stop:
            report = ReplayReport(len(game.moves), len(moves), stop.node, stop.reason)
            if game._undo and game._undo[-1][1] == len(game.moves):
                game._undo.pop()  # pushed for a move that was then refused
            if not game.state.node and not game.state.outcome:
                # Stopped before the first decision: start afresh, live, so the game is playable.
                game._begin(game.state, game.log, game._picker())
                game._record_chances(0)
            return game, report
        report.applied = len(game.moves)
        return game, report

    def _override(self, state: GameState) -> None:
        for name, value in self.settings.overrides.items():
            if name in self.scenario.variables:
                state.values[name] = value

    def _begin(self, state: GameState, log: list[Happening], pick: rules.Picker) -> None:
        """Enter the start node and play on to the first decision. Values set for an author's test
        (``--set``) hold at that decision, whatever the events on the way set them to."""
        rules.start(self.scenario, state, log, pick, self.settings.start)
        if self.settings.overrides and not state.outcome:
            self._override(state)

    def _picker(self) -> rules.Picker:
        return rules.historical_branch if self.settings.follow_history else rules.draw_branch

    def _record_chances(self, since: int) -> None:
        """Turn the chance lines the rules just logged into recorded moves."""
        for item in self.log[since:]:
            if item.kind == "chance":
                self.moves.append(Move(item.node, item.step, "chance", day=item.day, forced=item.forced))

    # -- reading ----------------------------------------------------------------------------

    @property
    def ended(self) -> bool:
        return self.state.ended

    @property
    def outcome(self) -> Outcome | None:
        return self.scenario.outcomes.get(self.state.outcome) if self.state.outcome else None

    @property
    def date(self) -> dt.date:
        return self.scenario.date_of(self.state.day)

    @property
    def node(self) -> Node | None:
        return self.scenario.nodes.get(self.state.node) if self.state.node else None

    @property
    def decision(self) -> Decision | None:
        """The decision waiting to be made, with every visible choice, or None when the game is over."""
        node = self.node
        if node is None or node.kind != "decision":
            return None
        views: list[ChoiceView] = []
        for step in node.choices:
            if not rules.visible(step, self.state):
                continue
            views.append(ChoiceView(len(views) + 1, step, tuple(rules.blockers(self.scenario, step, self.state))))
        return Decision(node, self.scenario.actors[node.actor], self.date, tuple(views))

    @property
    def turns(self) -> tuple[Turn, ...]:
        """Every actor who must act now: one at a decision, several at a negotiation or sealed move."""
        return turns.pending(self.scenario, self.state)

    def decision_for(self, actor: str) -> Decision | None:
        """The choice ``actor`` faces now: its decision, or its seat's options in a sealed move."""
        node = self.node
        if node is None:
            return None
        if node.kind == "decision":
            decision = self.decision
            return decision if decision is not None and decision.actor.id == actor else None
        seat = node.seat(actor)
        if seat is None or actor in self.state.picks:
            return None
        views: list[ChoiceView] = []
        for step in seat.choices:
            if rules.visible(step, self.state):
                blocked = tuple(rules.blockers(self.scenario, step, self.state))
                views.append(ChoiceView(len(views) + 1, step, blocked))
        return Decision(node, self.scenario.actors[actor], self.date, tuple(views))

    def controller(self, actor: str) -> Controller:
        return self.settings.controllers.get(actor, "disposition")

    @property
    def computer_to_move(self) -> bool:
        return any(self.controller(t.actor) != "human" for t in self.turns)

    def value(self, variable: str) -> object:
        return self.state.values[variable]

    # -- acting -----------------------------------------------------------------------------

    def choose(self, choice: str | int, by: MoveBy = "human", reason: str = "") -> list[Happening]:
        """Take a choice by id or by its 1-based number; return what happened as a result."""
        decision = self.decision
        if decision is None:
            raise GameError("the game is over" if self.ended else "no decision is waiting")
        view = self._find(decision, choice)
        if not view.available:
            raise GameError(f"'{view.step.label}' is not available: {view.why_blocked()}")
        if reason_problem(reason):
            raise GameError(reason_problem(reason))
        self._push_undo()
        since = len(self.log)
        self.moves.append(
            Move(decision.node.id, view.step.id, by, decision.actor.id, self.state.day, reason=reason.strip())
        )
        rules.take(self.scenario, self.state, view.step, self.log, actor=decision.actor.id)
        rules.settle(self.scenario, self.state, self.log, self._picker())
        self._record_chances(since)
        return self.log[since:]

    @staticmethod
    def _find(decision: Decision, choice: str | int) -> ChoiceView:
        for view in decision.choices:
            if view.step.id == choice or view.number == choice:
                return view
        # Said to players (the terminal shows it as it is): the choices by number and label, never by id.
        known = ", ".join(f"{v.number} '{v.step.label}'" for v in decision.choices)
        raise GameError(f"no choice {choice!r} here; the choices are {known}")

    def computer_choice(self) -> Step:
        """What the computer player of the current actor would choose (without choosing it)."""
        decision = self.decision
        if decision is None:
            raise GameError("no decision is waiting")
        controller = self.controller(decision.actor.id)
        policy = POLICIES["goals"] if controller == "human" else POLICIES[controller]
        options = [v.step for v in decision.open_choices]
        return policy(self.scenario, self.state, options, decision.actor.id, self.settings.seed)

    def play_computer(self) -> list[Happening]:
        """Let a computer player make its move (the first waiting, in speaking order); return what happened."""
        turn = next((t for t in self.turns if self.controller(t.actor) != "human"), None)
        if turn is None:
            raise GameError("no computer player is to move")
        if turn.kind == "choose":
            step = self.computer_choice()
            decision = self.decision
            assert decision is not None
            options = [v.step for v in decision.open_choices]
            why = explain(self.scenario, self.state, options, turn.actor, self.controller(turn.actor), step)
            return self.choose(step.id, by=self.controller(turn.actor), reason=why)
        policy = self.controller(turn.actor)
        move = computer_table_move(self.scenario, self.state, turn, policy, self.settings.seed)
        return self._act(move, policy)

    # -- at the table -------------------------------------------------------------------------

    def propose(
        self, actor: str, package: Mapping[str, str], by: MoveBy = "human", reason: str = ""
    ) -> list[Happening]:
        """Put a package (issue -> option) on the table for ``actor``."""
        return self._act(TableMove(actor, "propose", dict(package), reason), by)

    def answer(
        self, actor: str, kind: str, package: Mapping[str, str] | None = None, by: MoveBy = "human", reason: str = ""
    ) -> list[Happening]:
        """Answer the offer on the table: accept, reject, counter (with ``package``) or walk."""
        return self._act(TableMove(actor, kind, dict(package or {}), reason), by)

    def seal(self, actor: str, choice: str | int, by: MoveBy = "human", reason: str = "") -> list[Happening]:
        """Make ``actor``'s hidden choice in a sealed move (by id or 1-based number)."""
        decision = self.decision_for(actor)
        if decision is None:
            raise GameError(f"{actor!r} has no sealed choice to make now")
        view = self._find(decision, choice)
        if not view.available:
            raise GameError(f"'{view.step.label}' is not available: {view.why_blocked()}")
        return self._act(TableMove(actor, view.step.id, {}, reason), by)

    def _act(self, move: TableMove, by: MoveBy) -> list[Happening]:
        if not any(t.actor == move.actor for t in self.turns):
            raise GameError(f"it is not {self.scenario.actors[move.actor].name}'s turn")
        if reason_problem(move.reason):
            raise GameError(reason_problem(move.reason))
        trial = self.state.copy()
        since = len(self.log)
        trial_log = list(self.log)
        try:
            turns.apply(self.scenario, trial, move, trial_log, self._picker())
        except TalksError as err:
            raise GameError(str(err)) from None
        self._push_undo()
        record = Move(
            self.state.node,
            move.move,
            by,
            move.actor,
            self.state.day,
            reason=move.reason.strip(),
            terms=dict(move.package),
        )
        self.moves.append(record)
        self.state, self.log = trial, trial_log
        self._record_chances(since)
        return self.log[since:]

    def play_until_human(self, limit: int = 10_000) -> list[Happening]:
        """Let computer players move until a person must decide or the game ends."""
        out: list[Happening] = []
        for _ in range(limit):
            if not self.computer_to_move:
                break
            out.extend(self.play_computer())
        return out

    def _push_undo(self) -> None:
        self._undo.append((self.state.copy(), len(self.moves), len(self.log)))

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo(self, steps: int = 1) -> int:
        """Take back ``steps`` decisions (with any chance and events they led to); return how many."""
        done = 0
        while done < steps and self._undo:
            state, moves, log = self._undo.pop()
            self.state, self.moves, self.log = state, self.moves[:moves], self.log[:log]
            done += 1
        return done

    def undo_to_human(self) -> int:
        """Take back decisions until the last one a person made is open again (nothing when no
        person has decided yet: the computer would only make the same moves again)."""
        if not any(m.in_persons_seat for m in self.moves):
            return 0
        done = 0
        while self._undo:
            done += self.undo()
            if not self.computer_to_move:
                break
        return done

    def take_over(self, actor: str | None = None) -> None:
        """Hand the named actor, or the one to move next (at a decision its chooser; at a negotiation
        or sealed move the first seat still to act), to a person and stop following history from here on."""
        target = actor or next((t.actor for t in self.turns), "")
        if target:
            self.settings.controllers[target] = "human"
        self.settings.follow_history = False


def value_problem(scenario: Scenario, name: str, value: object) -> str:
    """Why ``value`` cannot be the variable ``name`` in this scenario ('' when it can)."""
    variable = scenario.variables.get(name)
    if variable is None:
        return f"there is no variable {name!r}; this scenario has: {', '.join(scenario.variables)}"
    return type_problem(name, variable.type, value)


def type_problem(name: str, vtype: VarType, value: object) -> str:
    """Why ``value`` does not fit ``vtype`` ('' when it does)."""
    if vtype.kind == "bool":
        return "" if isinstance(value, bool) else f"{name} is true or false, not {value!r}"
    if vtype.kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            return f"{name} is a whole number, not {value!r}"
        if not vtype.minimum <= value <= vtype.maximum:
            return f"{name} must be within {vtype.minimum}..{vtype.maximum}, not {value}"
        return ""
    if not isinstance(value, str) or value not in vtype.values:
        return f"{name} is one of {', '.join(vtype.values)}, not {value!r}"
    return ""


def parse_assignment(scenario: Scenario, text: str) -> tuple[str, Value]:
    """Read ``VAR=VALUE`` for a scenario variable, checking the type and bounds."""
    name, sep, raw = text.partition("=")
    name, raw = name.strip(), raw.strip()
    if not sep or name not in scenario.variables:
        known = ", ".join(scenario.variables)
        raise GameError(f"{text!r}: write VARIABLE=VALUE with one of: {known}")
    vtype = scenario.variables[name].type
    if vtype.kind == "bool":
        if raw.lower() not in ("true", "false"):
            raise GameError(f"{name} is true or false, not {raw!r}")
        return name, raw.lower() == "true"
    if vtype.kind == "int":
        try:
            number = int(raw)
        except ValueError:
            raise GameError(f"{name} is a whole number, not {raw!r}") from None
        if not vtype.minimum <= number <= vtype.maximum:
            raise GameError(f"{name} must be within {vtype.minimum}..{vtype.maximum}, not {number}")
        return name, number
    if raw.strip("'\"") not in vtype.values:
        raise GameError(f"{name} is one of {', '.join(vtype.values)}, not {raw!r}")
    return name, raw.strip("'\"")

"""One table of a hosted class: a game played through the engine's ``Table``, every move journaled.

A move is applied, then handed to the store's writer, then acknowledged once ``settle`` has seen it
on disk: if storing fails the table goes back to what its journal holds, so what players were told
is always what a restarted host will replay.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from concurrent.futures import Future, wait
from dataclasses import dataclass, field

from ..classroom.pace import COMPUTER, TimeoutRule, resolve_turn_timeout
from ..engine.game import Game, GameError, Move, Settings
from ..engine.jsonread import JSONObject
from ..engine.model import Scenario
from ..engine.policies import controller_named
from ..engine.table import Action, Table
from .clock import Clock
from .store import ClassStore, SqliteJournal
from .timeouts import Key, TimedOut, clock_marks

log = logging.getLogger("parley.net")


class TableError(ValueError):
    """A move or teacher's action this table refuses, in players' words."""


@dataclass
class NetTable:
    number: int
    table: Table
    journal: SqliteJournal
    clock: Clock
    rule: TimeoutRule = COMPUTER  # what the clock does at a decision when time runs out
    paused: bool = False
    started: bool = False  # the class is going here: every person seat taken once, or the teacher started it
    notice_floor: int = 0  # moves before this index give no seat a notice (the teacher's undo clears them)
    problem: str = ""  # why the stored game did not replay in full, for the teacher
    pending: list[Future[None]] = field(default_factory=list)  # writes of moves not yet known to be on disk
    # ``timeouts`` as worked out last, with the game and the moves they were worked out from
    _marks: tuple[Game, list[Move], dict[Key, TimedOut]] | None = field(default=None, repr=False, compare=False)

    @property
    def timeouts(self) -> dict[Key, TimedOut]:
        """The log lines the clock made, read from the moves (``timeouts.clock_marks``): what a host
        restarted from the stored moves reads too. Worked out again only when the moves change."""
        game = self.game
        if self._marks is None or self._marks[0] is not game or self._marks[1] != game.moves:
            self._marks = (game, list(game.moves), clock_marks(game.scenario, game.log, game.moves, self.rule))
        return self._marks[2]

    def notice(self, seat: str) -> TimedOut | None:
        """What the clock last did for ``seat``, while that is the seat's latest move: its page says so
        until the seat acts (or the teacher takes a move back)."""
        moves = self.game.moves
        own = [i for i, move in enumerate(moves) if move.actor == seat and move.by != "chance"]
        index = own[-1] if own else -1
        if index < self.notice_floor or moves[index].by != "proxy":
            return None
        return next((made for made in self.timeouts.values() if made.move == index), None)

    @property
    def game(self) -> Game:
        return self.table.game

    @classmethod
    def start(
        cls, store: ClassStore, class_id: str, number: int, game: Game, reasons: str, clock: Clock, rule: TimeoutRule
    ) -> NetTable:
        """A new table; its clock waits for its students (``Room`` starts it)."""
        journal = SqliteJournal(store, class_id, number)
        journal.begin(_header(game))
        net = cls(number, Table(game, reasons), journal, clock, rule)
        net._store_from(0)
        net.table.advance()
        net._store_from(net.journal.count)
        return net

    @classmethod
    def resume(
        cls,
        store: ClassStore,
        class_id: str,
        number: int,
        scenario: Scenario,
        reasons: str,
        clock: Clock,
        rule: TimeoutRule,
    ) -> NetTable:
        """A stored table replayed; its clock waits for its students to connect again (``Room``)."""
        journal = SqliteJournal(store, class_id, number)
        header, moves = journal.load()
        settings = Settings.from_dict(header.get("settings"))
        for actor, who in store.controllers(class_id, number).items():
            controller = controller_named(who)
            if controller is not None and actor in scenario.actors:
                settings.controllers[actor] = controller
        game, report = Game.replay(scenario, settings, list(moves))
        net = cls(number, Table(game, reasons), journal, clock, rule)
        if not report.complete:
            net.problem = f"replayed {report.applied} of {report.total} stored moves: {report.reason}"
            log.warning("table %s: %s", number, net.problem)
        else:
            net.table.advance()
            net._store_from(journal.count)
        return net

    def _store_from(self, stored: int) -> None:
        if len(self.game.moves) > stored:
            self.pending.append(self.journal.append_later(self.game.moves[stored:]))

    async def settle(self) -> None:
        """Wait until every move of this table is on disk (other tables carry on meanwhile). After a
        failed write the table goes back to what is stored and ``TableError`` says so."""
        failed = False
        while self.pending:
            batch, self.pending = self.pending, []
            for future in batch:  # awaited one by one: a write already on disk costs no turn of the loop
                if not future.done():
                    with contextlib.suppress(Exception):
                        await asyncio.wrap_future(future)
                failed = failed or future.exception() is not None
        if failed:
            log.error("table %s: a move could not be stored; going back to the stored game", self.number)
            self._reload()
            raise TableError("this table hit a problem and the last move was not taken; please try again")

    def flush(self) -> None:
        """Wait until every move of this table is on disk, blocking: for code outside the event loop."""
        batch, self.pending = self.pending, []
        for future in batch:
            future.result()

    def _reload(self) -> None:
        """Go back to exactly what the journal holds (after a failure mid-move), once every write
        handed to the store has landed or failed."""
        batch, self.pending = self.pending, []
        wait(batch)
        self.journal.resync()
        _, moves = self.journal.load()
        game, _ = Game.replay(self.game.scenario, self.game.settings, list(moves))
        self.table.game = game

    def act(self, seat: str, action: Action) -> None:
        """Carry out a seat's action and the computer's replies, stored before this returns."""
        if self.paused:
            raise TableError("the table is paused by the teacher")
        waiting = self.table.waiting_for()
        stored = len(self.game.moves)
        try:
            self.table.act(seat, action)
            self.table.advance()
        except GameError as exc:
            raise TableError(str(exc)) from None
        except Exception:
            log.exception("table %s failed on a move by %s", self.number, seat)
            self._reload()
            raise TableError("this table hit a problem and your move was not taken; please try again") from None
        self._store_from(stored)
        if self.table.waiting_for() != waiting:
            self.clock.restart()

    def expire(self) -> bool:
        """If this turn's time has run out, take every waiting person's move as the hot-seat class
        does (``resolve_turn_timeout``: by the class's rule at a decision, a lapse, a pass or the status
        quo at the table; each ``by="proxy"``), then the computer's replies; True if it acted."""
        if self.paused or self.game.ended or not self.clock.running or self.clock.left() != 0.0:
            return False
        waiting = self.table.waiting_for()
        if not waiting:
            return False
        stored = len(self.game.moves)
        try:
            for actor in waiting:
                turn = next((t for t in self.game.turns if t.actor == actor), None)
                if turn is not None:  # a sealed reveal may have moved on
                    resolve_turn_timeout(self.game, self.rule, actor)
            self.table.advance()
        except Exception:
            log.exception("table %s failed when its clock ran out", self.number)
            self._reload()
            self.clock.restart()
            return True
        self._store_from(stored)
        self.clock.restart()
        return True

    def hand_to_computer(self, seat: str, store: ClassStore, class_id: str) -> Future[None]:
        """The computer plays ``seat`` from now on; the future resolves once the new controllers are on
        disk (the computer's moves are the table's own writes, as any move)."""
        if seat not in self.table.seats:
            raise TableError(f"{seat!r} is not a seat played by people at table {self.number}")
        self.game.settings.controllers[seat] = "disposition"
        written = store.set_controllers_later(class_id, self.number, dict(self.game.settings.controllers))
        stored = len(self.game.moves)
        if not self.paused:
            self.table.advance()
        self._store_from(stored)
        return written

    def give_back(self, seat: str, store: ClassStore, class_id: str) -> None:
        """The students play ``seat`` again (after ``hand_to_computer``); if it must act now, its turn
        clock starts afresh."""
        if seat not in self.game.scenario.actors or seat in self.table.seats:
            raise TableError(f"the computer is not playing {seat!r} at table {self.number}")
        self.game.settings.controllers[seat] = "human"
        store.set_controllers(class_id, self.number, dict(self.game.settings.controllers))
        if seat in self.table.waiting_for():
            self.clock.restart()

    def advance(self) -> None:
        stored = len(self.game.moves)
        self.table.advance()
        self._store_from(stored)

    def undo(self) -> int:
        """Take back the last move made by a person, never past a sealed reveal; the moves taken back."""
        game = self.game
        floor = self.undo_floor()
        if len(game.moves) <= floor or not any(m.in_persons_seat for m in game.moves[floor:]):
            raise TableError("nothing to take back here (a sealed reveal cannot be undone)")
        before = len(game.moves)
        while len(game.moves) > floor and game.can_undo:
            last = game.moves[-1]
            game.undo()
            if last.in_persons_seat and not game.computer_to_move:
                break
        self.pending.append(self.journal.truncate_later(len(game.moves)))  # settled as a move is
        self.notice_floor = len(game.moves)
        self.clock.restart()
        return before - len(game.moves)

    def undo_floor(self) -> int:
        """Moves before this index are fixed: a sealed move whose choices have been revealed."""
        scenario, game = self.game.scenario, self.game
        floor = 0
        for index, move in enumerate(game.moves):
            node = scenario.nodes.get(move.node)
            if node is not None and node.kind == "sealed" and move.node != game.state.node:
                floor = index + 1
        return floor


def _header(game: Game) -> JSONObject:
    scenario = game.scenario
    return {
        "scenario": {"id": scenario.id, "hash": scenario.content_hash, "path": scenario.path},
        "settings": game.settings.to_dict(),
    }

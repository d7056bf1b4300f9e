"""A hosted class: its tables, who sits where, the messages between delegations, the teacher's
actions, and what each seat and the teacher's dashboard are shown. No web code here: ``web``
carries requests in and these states out.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import functools
import hashlib
import hmac
import json
import logging
import secrets
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import cast

from ..classroom.messages import TableMessage
from ..classroom.pace import COMPUTER, check_rule
from ..classroom.settings import MAX_TIME_LIMIT, ClassroomSettings
from ..engine import scoring
from ..engine.game import Game
from ..engine.jsonread import JSONObject, JSONValue
from ..engine.loader import load_scenario
from ..engine.model import Scenario
from ..engine.narrate import PUBLIC, TEACHER
from ..engine.table import Action
from ..engine.views import Line, View
from ..engine.wording import draw_words, long_date
from .clock import SEATS, Clock
from .endings import ending_moves
from .jsonview import plain, to_json
from .nettable import NetTable, TableError
from .package_worth import package_worths
from .protocol import Act, Say, TeacherAction
from .report import ClassResults, class_results
from .store import ClassRow, ClassStore, MemberRow, MessageRow, data_folder
from .timeouts import Key, TimedOut, line_keys

log = logging.getLogger("parley.net")
CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
CLASS_WIDE = "*class"


class RoomError(ValueError):
    """A request the class refuses, in words for the person who made it."""


@dataclass(eq=False)
class Write:
    """A change to the class (a member, a message, a teacher's action) handed to the store's writer.
    The change is made at once, so that what comes after it sees it, but nobody is told of it until
    ``future`` says it is on disk (``Room.settle``); if the write fails, ``undo`` takes it back."""

    future: Future[None]
    tables: frozenset[int]  # whose seats' states show the change
    what: str  # the change in words, for its maker's error
    undo: Callable[[], None]
    undone: bool = False

    def failed(self) -> bool:
        """Once the write is done: True if it failed, the change then taken back (once)."""
        if self.future.exception() is None:
            return False
        if not self.undone:
            self.undone = True
            log.error("%s could not be stored; taken back", self.what)
            self.undo()
        return True


@dataclass(frozen=True)
class ClassOptions:
    tables: int = 1
    people: tuple[str, ...] = ()  # delegations played by students; () for all
    seed: int = 1
    lens: str = ""
    minutes: float = 0  # for each turn (0.75: 45 seconds); 0: no clock
    reasons: str = "numbers"
    rule: str = COMPUTER  # at a decision when time runs out: "computer" or "status_quo" (pace.RULES)
    same_game: bool = False  # every table plays the same game (one seed); else each table's seed adds one

    def __post_init__(self) -> None:
        check_rule(self.rule)

    def to_json(self) -> JSONObject:
        return {
            "tables": self.tables,
            "people": list(self.people),
            "seed": self.seed,
            "lens": self.lens,
            "minutes": self.minutes,
            "reasons": self.reasons,
            "rule": self.rule,
            "same_game": self.same_game,
        }

    @classmethod
    def from_json(cls, data: JSONObject) -> ClassOptions:
        people = data.get("people", [])
        return cls(
            int(str(data.get("tables", 1))),
            tuple(str(p) for p in people) if isinstance(people, list) else (),
            int(str(data.get("seed", 1))),
            str(data.get("lens", "")),
            float(str(data.get("minutes", 0))),
            str(data.get("reasons", "numbers")),
            str(data.get("rule", COMPUTER)),
            data.get("same_game") is True,
        )


def tables_for(students: int, delegations: int) -> int:
    """Tables for a class dealt out evenly: one for each full set of delegations (at least one);
    the students left over join as second members of a delegation."""
    return max(1, students // max(1, delegations))


def public_id(token: str) -> str:
    """A member's name on the dashboard: not the token, from which it cannot be worked back."""
    return hashlib.sha256(token.encode()).hexdigest()[:10]


class Room:
    """One class: tables of one scenario, members with secret tokens, a teacher's token."""

    def __init__(self, store: ClassStore, row: ClassRow, scenario: Scenario, tables: dict[int, NetTable]) -> None:
        self.store = store
        self.row = row
        self.scenario = scenario
        self.options = ClassOptions.from_json(row.options)
        self.tables = tables
        self.members: dict[str, MemberRow] = {m.token: m for m in store.members(row.id)}
        self.messages = [dataclasses.replace(m, number=n) for n, m in enumerate(store.messages(row.id), 1)]
        self.numbered = len(self.messages)  # messages numbered so far: a page adds each once, however it hears of it
        self.locked = bool(row.options.get("locked", False))
        paused = row.options.get("paused", [])
        for number in paused if isinstance(paused, list) else []:
            if isinstance(number, int) and number in tables:
                tables[number].paused = True
                tables[number].clock.pause()
        self.ended = row.ended
        self.issues: list[JSONValue] = [  # every issue's title and options' labels, for the seats' values
            {"id": i.id, "title": i.title, "options": [[o.id, o.label] for o in i.options]}
            for i in scenario.issues.values()
        ]
        self.results: ClassResults | None = None
        self.changes = dict.fromkeys(tables, 0)  # per table: changes to what its seats are shown
        self.writes: list[Write] = []  # changes handed to the store, not yet known to be on disk
        self.online: dict[str, int] = {}  # by member's token: their open connections (``arrive``, ``leave``)
        for table in tables.values():
            self._time(table)
        if self.ended:
            self._build_results()

    # -- making and resuming ------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        store: ClassStore,
        scenario_path: str,
        options: ClassOptions,
        class_id: str = "",
        now: Callable[[], float] = time.time,
    ) -> Room:
        """A new class; ``now`` is the turn clocks' time source (tests pass their own)."""
        scenario = load_scenario(scenario_path)
        people = options.people or tuple(scenario.actors)
        unknown = [p for p in people if p not in scenario.actors]
        if unknown:
            raise RoomError(f"no delegation {unknown[0]!r}; this scenario has: {', '.join(scenario.actors)}")
        options = dataclasses.replace(options, people=tuple(people))
        created = dt.datetime.now().replace(microsecond=0)
        row = ClassRow(
            class_id or created.strftime("class-%Y%m%d-%H%M%S"),
            "".join(secrets.choice(CODE_LETTERS) for _ in range(6)),
            secrets.token_urlsafe(24),
            scenario_path,
            options.to_json(),
            created.isoformat(),
            False,
        )
        if store.find_class(row.id) is not None:
            raise RoomError(f"a class named {row.id!r} exists already; resume it or choose another name")
        store.add_class(row)
        tables: dict[int, NetTable] = {}
        for number in range(1, options.tables + 1):
            game = Game.new(
                scenario,
                options.lens or None,
                options.seed if options.same_game else options.seed + number - 1,
                {actor: "human" for actor in people},
            )
            rule = check_rule(options.rule)
            limit = min(round(options.minutes * 60), MAX_TIME_LIMIT)  # kept in the save, for transcripts and reports
            ClassroomSettings.chosen(limit, rule, False, options.reasons).store(game)
            clock = Clock(options.minutes, now)
            tables[number] = NetTable.start(store, row.id, number, game, options.reasons, clock, rule)
        return cls(store, row, scenario, tables)

    @classmethod
    def resume(cls, store: ClassStore, class_id: str, now: Callable[[], float] = time.time) -> Room:
        row = store.find_class(class_id)
        if row is None:
            known = ", ".join(c.id for c in store.classes()) or "none"
            raise RoomError(f"no class {class_id!r} is stored; stored classes: {known}")
        scenario = load_scenario(row.scenario)
        options = ClassOptions.from_json(row.options)
        rule = check_rule(options.rule)
        tables = {
            n: NetTable.resume(store, row.id, n, scenario, options.reasons, Clock(options.minutes, now), rule)
            for n in range(1, options.tables + 1)
        }
        return cls(store, row, scenario, tables)

    async def settle(self, tables: tuple[int, ...], strict: bool = False) -> None:
        """Wait until every move and every other change shown at ``tables`` is on disk (the event loop
        carries on meanwhile). A table whose write failed is back to its stored game (logged by the
        table), a change whose write failed is taken back, and the others are unaffected; ``strict``
        raises the first table's ``TableError`` once all are settled (a change's maker hears of its
        failure from ``stored``)."""
        wanted = set(tables)
        for write in list(self.writes):
            if write.tables & wanted:
                await _landed(write.future)
                write.failed()
        self._forget_written()
        refused: TableError | None = None
        for number in tables:
            table = self.tables.get(number)
            if table is not None:
                try:
                    await table.settle()
                except TableError as exc:
                    refused = refused or exc
        if strict and refused is not None:
            raise refused

    async def stored(self, writes: Iterable[Write]) -> None:
        """Wait until ``writes`` are on disk without stopping the event loop; ``RoomError`` if one
        failed (its change then taken back)."""
        failed = None
        for write in writes:
            await _landed(write.future)
            if write.failed() and failed is None:
                failed = write
        self._forget_written()
        if failed is not None:
            raise RoomError(f"the host could not store {failed.what}, so nothing changed; please try again")

    def wait_stored(self, writes: Iterable[Write]) -> None:
        """``stored``, blocking: for code outside the event loop (tests, tools)."""
        failed = None
        for write in writes:
            with contextlib.suppress(Exception):
                write.future.result()
            if write.failed() and failed is None:
                failed = write
        self._forget_written()
        if failed is not None:
            raise RoomError(f"the host could not store {failed.what}, so nothing changed; please try again")

    def _forget_written(self) -> None:
        """Drop the writes that are done, any failed one's change taken back first."""
        done = [w for w in self.writes if w.future.done()]
        for write in done:
            write.failed()
        self.writes = [w for w in self.writes if w not in done]

    def flush(self) -> None:
        """Wait until every table's moves and every change are on disk, blocking: for code outside the
        event loop."""
        for table in self.tables.values():
            table.flush()
        with contextlib.suppress(RoomError):
            self.wait_stored(list(self.writes))

    def _write(self, future: Future[None], tables: Iterable[int], what: str, undo: Callable[[], None]) -> Write:
        """A change just made and handed to the store as ``future``: its seats wait for it, and it is
        taken back (and its tables' states built afresh) if the write fails."""
        shown = frozenset(tables)

        def take_back() -> None:
            undo()
            self._changed(shown)

        write = Write(future, shown, what, take_back)
        self.writes.append(write)
        return write

    def version(self, table_no: int) -> tuple[int, int, int]:
        """Where ``table_no`` stands: its changes so far (moves, messages, members, the teacher's
        actions), its game and its moves. A seat's state built at one version is current while the
        table's version is the same."""
        table = self._table(table_no)
        return self.changes.get(table_no, 0), id(table.game), len(table.game.moves)

    def _changed(self, numbers: Iterable[int]) -> None:
        for number in numbers:
            self.changes[number] = self.changes.get(number, 0) + 1
            if number in self.tables:
                self._time(self.tables[number])

    def _time(self, table: NetTable) -> None:
        """Run ``table``'s turn clock only while the class is going there (every person seat taken
        once, or the teacher started it) and every seat the turn waits for has a student connected;
        else stop it where it stands. A finished game or class has no clock at all."""
        if not table.started and not self.empty_seats(table):
            table.started = True
        connected = {m.seat for token in self.online if (m := self.member(token)) and m.table_no == table.number}
        runs = table.started and not self.ended and not table.game.ended
        if runs and all(seat in connected for seat in table.table.waiting_for()):
            table.clock.go(SEATS)
        else:
            table.clock.stop(SEATS)

    def clock(self, table: NetTable) -> float | None:
        """The seconds ``table``'s players have left for this turn: None for no clock, a finished game
        or an ended class."""
        return None if self.ended or table.game.ended else table.clock.left()

    def arrive(self, token: str) -> None:
        """A connection now speaks for the member holding ``token`` (their seat may hold the clock up no more)."""
        member = self.member(token)
        if member is not None:
            self.online[token] = self.online.get(token, 0) + 1
            self._changed((member.table_no,))

    def leave(self, token: str) -> None:
        """A connection for ``token`` closed: with none left, their seat stops its table's clock when due."""
        count = self.online.pop(token, 0) - 1
        if count > 0:
            self.online[token] = count
        member = self.members.get(token)
        if member is not None:
            self._changed((member.table_no,))

    # -- students -------------------------------------------------------------------------------

    def join(self, code: str, name: str) -> MemberRow:
        """``join_later``, returning once the member is on disk: for code outside the event loop."""
        member, write = self.join_later(code, name)
        self.wait_stored((write,))
        return member

    def join_later(self, code: str, name: str) -> tuple[MemberRow, Write]:
        """Seat a new student: the seat with the fewest members, spreading the class over the tables.
        The member's write is under way; ``stored`` before they are told."""
        if not hmac.compare_digest(code.upper(), self.row.code):
            raise RoomError("that join code is not this class's code")
        if self.ended:
            raise RoomError("the class has ended")
        if self.locked:
            raise RoomError("the teacher has closed joining")
        counts = {(n, s): 0 for n, t in self.tables.items() for s in t.table.seats}
        for m in self.members.values():
            if not m.removed and (m.table_no, m.seat) in counts:
                counts[(m.table_no, m.seat)] += 1
        if not counts:
            raise RoomError("no seat is left for a person: the computer plays every delegation")
        # The delegations at the table first (the negotiation itself, and the most decisions), then the
        # governments in the scenario's order: two students in the Moscow talks sit across the table.
        order = {id_: (a.seat != "table", i) for i, (id_, a) in enumerate(self.scenario.actors.items())}
        table_no, seat = min(counts, key=lambda k: (counts[k], order[k[1]], k[0]))
        member = MemberRow(secrets.token_urlsafe(24), table_no, seat, name, len(self.members) + 1, False)
        self.members[member.token] = member
        write = self._write(
            self.store.add_member_later(self.row.id, member),
            (table_no,),
            "joining the class",
            functools.partial(self._unjoin, member.token),
        )
        self._changed((table_no,))  # the table's clock may start: ``_time``
        return member, write

    def _unjoin(self, token: str) -> None:
        self.members.pop(token, None)

    def member(self, token: str) -> MemberRow | None:
        """The present member holding ``token`` (None for an unknown or removed one)."""
        member = self.members.get(token)
        return member if member is not None and not member.removed else None

    def is_teacher(self, token: str) -> bool:
        return hmac.compare_digest(token.encode(), self.row.teacher_token.encode())

    @property
    def projector_token(self) -> str:
        """The projector page's key: it opens the public view only, and the teacher's key cannot be
        worked back from it (so it may be typed on a shared computer by the projector)."""
        return hashlib.sha256(f"projector:{self.row.teacher_token}".encode()).hexdigest()[:32]

    @property
    def report_token(self) -> str:
        """The key in the addresses of the class report and the transcripts: it reads them and
        nothing else (a report shown to the room must not give it the dashboard), and the teacher's
        key cannot be worked back from it."""
        return hashlib.sha256(f"report:{self.row.teacher_token}".encode()).hexdigest()[:32]

    def may_read_report(self, token: str) -> bool:
        """Only the report's key opens the report and the transcripts (the teacher's key is kept out
        of addresses that are shown)."""
        return hmac.compare_digest(token.encode(), self.report_token.encode())

    def may_watch(self, token: str) -> bool:
        """The projector's key or the teacher's opens the projector page."""
        return self.is_teacher(token) or hmac.compare_digest(token.encode(), self.projector_token.encode())

    def act(self, member: MemberRow, request: Act) -> int:
        if self.ended:
            raise RoomError("the class has ended")
        action = Action(request.kind, request.choice, request.answer, dict(request.package), request.reason)
        try:
            self._table(member.table_no).act(member.seat, action)
        finally:  # a move refused may still have taken the table back to its stored game
            self._changed((member.table_no,))
        return member.table_no

    def say(self, member: MemberRow, request: Say) -> MessageRow:
        """``say_later``, returning once the message is on disk: for code outside the event loop."""
        message, write = self.say_later(member, request)
        self.wait_stored((write,))
        return message

    def say_later(self, member: MemberRow, request: Say) -> tuple[MessageRow, Write]:
        """A student's message; its write is under way, ``stored`` before anyone is told."""
        self._table(member.table_no)
        if self.ended:
            raise RoomError("the class has ended, and its messages with it: talk it over in the room")
        if request.to and request.to not in self.scenario.actors:
            raise RoomError(f"no delegation {request.to!r} at this table")
        if request.to == member.seat:
            raise RoomError("write to another delegation or to the whole table")
        return self._add_message(MessageRow(member.table_no, member.seat, request.to, request.text, _now()))

    def _add_message(self, message: MessageRow) -> tuple[MessageRow, Write]:
        self.numbered += 1
        message = dataclasses.replace(message, number=self.numbered)
        self.messages.append(message)
        tables = tuple(self.tables) if message.table_no == 0 else (message.table_no,)
        write = self._write(
            self.store.add_message_later(self.row.id, message),
            tables,
            "your message",
            lambda: self.messages.remove(message),
        )
        self._changed(tables)
        return message, write

    def _table(self, number: int) -> NetTable:
        table = self.tables.get(number)
        if table is None:
            raise RoomError(f"there is no table {number}")
        return table

    def expire_clocks(self) -> tuple[int, ...]:
        """Act at every table whose turn clock has run out (``NetTable.expire``); the tables that acted.
        A table that fails is logged and left; the others are not stopped."""
        if self.ended:
            return ()
        acted = []
        for table in self.tables.values():
            try:
                if table.expire():
                    acted.append(table.number)
            except Exception:
                log.exception("table %s: the turn clock could not act", table.number)
                self._changed((table.number,))
        self._changed(acted)
        return tuple(acted)

    # -- the teacher ----------------------------------------------------------------------------

    def teacher(self, request: TeacherAction) -> tuple[int, ...]:
        """``teacher_later``, returning once the action and its tables' moves are on disk: for code
        outside the event loop."""
        tables, writes = self.teacher_later(request)
        self.wait_stored(writes)
        self.flush()
        return tables

    def teacher_later(self, request: TeacherAction) -> tuple[tuple[int, ...], list[Write]]:
        """Carry out a teacher's action; the tables whose seats must be told (every table: all), and
        its writes under way (``stored`` before anyone is told; its moves are the tables' own)."""
        writes: list[Write] = []
        try:
            return self._teacher(request, writes), writes
        finally:  # whatever it did, or did in part, every table's seats' states are built afresh
            self._changed(self.tables)

    def _teacher(self, request: TeacherAction, writes: list[Write]) -> tuple[int, ...]:
        every = tuple(self.tables)
        do = request.do
        chosen = (self._table(request.table),) if request.table else tuple(self.tables.values())
        if do in _STEERING:  # a table whose game has ended keeps its result: nothing to pause, undo or hand over
            if request.table and chosen[0].game.ended:
                raise RoomError(f"the game at table {request.table} has ended: its result stands")
            chosen = tuple(t for t in chosen if not t.game.ended)
        if do in ("pause", "resume"):
            before = {t.number: t.paused for t in self.tables.values()}
            for table in chosen:
                table.paused = do == "pause"
                (table.clock.pause if do == "pause" else table.clock.resume)()
                if do == "resume":
                    table.started = True  # "Start" on a table still waiting for students starts its clock
                    table.advance()
            paused: JSONValue = [t.number for t in self.tables.values() if t.paused]
            writes.append(self._keep("paused", paused, "pausing or resuming", lambda: self._pause_as(before)))
            return tuple(t.number for t in chosen)
        if do == "extend":
            for table in chosen:
                table.clock.extend(request.minutes or 5)
            return tuple(t.number for t in chosen)
        if do == "announce":
            if not request.text:
                raise RoomError("the announcement is empty")
            writes.append(self._add_message(MessageRow(request.table, TEACHER, CLASS_WIDE, request.text, _now()))[1])
            return tuple(t.number for t in chosen)
        if do in ("lock", "unlock"):
            was = self.locked
            self.locked = do == "lock"
            writes.append(
                self._keep("locked", self.locked, "locking or unlocking joining", lambda: setattr(self, "locked", was))
            )
            return ()
        if do == "takeover":
            table = self._table(request.table)
            writes.append(self._hand_over(table, request.seat))
            return (table.number,)
        if do == "giveback":
            if request.seat not in self.options.people:
                raise RoomError(
                    "the computer plays that delegation in this class: there is no student's seat to give back"
                )
            table = self._table(request.table)
            table.give_back(request.seat, self.store, self.row.id)
            return (table.number,)
        if do == "fill":
            return tuple(t.number for t in chosen if self._fill_empty(t, writes))
        if do == "remove":
            member = next((m for m in self.members.values() if public_id(m.token) == request.member), None)
            if member is None:
                raise RoomError("no such student in this class")
            self.members[member.token] = dataclasses.replace(member, removed=True)
            future = self.store.remove_member_later(member.token)
            writes.append(
                self._write(future, every, "removing the student", lambda: self.members.update({member.token: member}))
            )
            return (member.table_no,)
        if do == "undo":
            self._undo(self._table(request.table))
            return (request.table,)
        writes.extend(self._end_later())
        return every

    def _undo(self, table: NetTable) -> None:
        """Take back the table's last move by a person and tell its students what was taken back (in
        the public words of its log line), as a note from the teacher to the table."""
        before = table.table.view(PUBLIC).log
        table.undo()
        after = table.table.view(PUBLIC).log
        taken = before[len(after)] if len(before) > len(after) else None
        words = f": {line_words(taken, self.scenario)}" if taken is not None else ""
        note = f"The teacher took back the last move{words}. It is to be made again."
        self._add_message(MessageRow(table.number, TEACHER, CLASS_WIDE, note, _now()))

    def empty_seats(self, table: NetTable) -> tuple[str, ...]:
        """The seats people should play at ``table`` that no present student holds: they stall it."""
        held = {m.seat for m in self.members.values() if not m.removed and m.table_no == table.number}
        return tuple(seat for seat in table.table.seats if seat not in held)

    def _fill_empty(self, table: NetTable, writes: list[Write]) -> bool:
        """The computer takes every empty seat at ``table``; True if it took any."""
        empty = self.empty_seats(table)
        for seat in empty:
            writes.append(self._hand_over(table, seat))
        return bool(empty)

    def _hand_over(self, table: NetTable, seat: str) -> Write:
        """The computer takes ``seat`` at ``table``; the person's seat again if that cannot be stored."""
        controllers = table.game.settings.controllers
        was = controllers.get(seat)

        def back() -> None:
            if was is None:
                controllers.pop(seat, None)
            else:
                controllers[seat] = was

        future = table.hand_to_computer(seat, self.store, self.row.id)
        return self._write(future, (table.number,), "handing the seat to the computer", back)

    def _pause_as(self, paused: dict[int, bool]) -> None:
        """Tables paused as ``paused`` says again (a pause or resume that could not be stored)."""
        for number, was in paused.items():
            table = self.tables[number]
            if table.paused != was:
                table.paused = was
                (table.clock.pause if was else table.clock.resume)()

    def _keep(self, key: str, value: JSONValue, what: str, undo: Callable[[], None]) -> Write:
        """Store one of the class's states (joining locked, tables paused) so a restarted host has it."""
        future = self.store.keep_option_later(self.row.id, key, json.dumps(value))
        return self._write(future, self.tables, what, undo)

    def end(self) -> None:
        """End the class, returning once that is on disk: for code outside the event loop."""
        self.wait_stored(self._end_later())

    def _end_later(self) -> list[Write]:
        """End the class (its write under way) and build the class's results."""
        writes = []
        if not self.ended:
            self.ended = True
            writes.append(
                self._write(self.store.end_class_later(self.row.id), self.tables, "ending the class", self._unend)
            )
            self._changed(self.tables)
        self._build_results()
        return writes

    def _unend(self) -> None:
        self.ended = False
        self.results = None

    def _build_results(self) -> None:
        games = {n: t.game for n, t in self.tables.items()}
        said = {n: [self._table_message(m) for m in self.messages if m.table_no in (0, n)] for n in self.tables}
        seated: dict[int, dict[str, list[str]]] = {}
        for m in sorted(self.members.values(), key=lambda m: m.joined):  # the removed too: they played
            names = seated.setdefault(m.table_no, {}).setdefault(m.seat, [])
            if m.name not in names:
                names.append(m.name)
        self.results = class_results(games, data_folder() / self.row.id, self.row.scenario, said, seated)

    def _table_message(self, message: MessageRow) -> TableMessage:
        shown = _message_json(message, self.scenario)
        return TableMessage(
            message.sender,
            str(shown["from_name"]),
            message.recipient,
            str(shown["to_name"]),
            message.text,
            message.sent,
            bool(shown["private"]),
        )

    # -- what people see ------------------------------------------------------------------------

    def seat_state(self, table_no: int, seat: str) -> JSONObject:
        """Everything one seat may see: its view, its messages, the clock, the class's state."""
        return cast(JSONObject, to_json(self._seat_parts(table_no, seat)))

    def seat_text(self, table_no: int, seat: str) -> str:
        """``seat_state`` as the JSON text sent to the seat: the same content, with the view's
        dataclasses converted by the JSON encoder as it writes them (``jsonview.plain``): a third to
        half less time than converting them first, for every seat after every move."""
        return json.dumps(self._seat_parts(table_no, seat), ensure_ascii=False, default=plain)

    def _seat_parts(self, table_no: int, seat: str) -> dict[str, object]:
        """A seat's state before conversion: JSON values and the engine's view dataclasses."""
        table = self._table(table_no)
        messages = [_message_json(m, self.scenario) for m in self.messages if may_read(m, table_no, seat)]
        members = [m.name for m in self.members.values() if not m.removed and (m.table_no, m.seat) == (table_no, seat)]
        view = table.table.view(seat)
        return {
            "type": "seat",
            "title": self.scenario.title,
            "table": table_no,
            "seat": seat,
            "seat_name": self.scenario.actors[seat].name,
            "members": members,
            "computer": table.game.controller(seat) != "human",  # the teacher handed the seat to the computer
            "delegations": [{"id": a.id, "name": a.name} for a in self.scenario.actors.values() if a.id != seat],
            "moves": len(table.game.moves),
            "view": _seat_view(view, self.scenario, table.timeouts, seat),
            "notice": notice.notice() if (notice := table.notice(seat)) is not None else "",
            "issues": self.issues,
            "package": package_worths(table.game, seat),
            "endings": ending_moves(table.game, view),
            "messages": messages,
            "clock": self.clock(table),
            "clock_running": table.clock.running,
            "paused": table.paused,
            "ended": self.ended,
            "stopped": self._stopped(table),
        }

    def message_text(self, message: MessageRow) -> str:
        """One new message as the JSON text sent on its own to those who may read it (``may_read``,
        and the teacher): their pages add it to the messages they hold, nothing else rebuilt."""
        return json.dumps({"type": "message", "message": _message_json(message, self.scenario)}, ensure_ascii=False)

    def _stopped(self, table: NetTable) -> JSONValue:
        """A table whose game the class's end cut short: its debrief as far as the game went (scores
        so far, the hidden draws), as every seat is shown once a game ends; None otherwise."""
        game = table.game
        if not self.ended or game.ended:
            return None
        return {
            "outcome_title": "The class ended before this table's game did",
            "date": long_date(game.date),
            "node_title": game.node.title if game.node is not None else "",
            "scores": {a: s.total for a, s in scoring.scores(self.scenario, game.state).items()},
            "revealed_words": list(draw_words(self.scenario, game.settings.lens, game.state.values)),
        }

    def dashboard(self) -> JSONObject:
        return {
            "type": "dashboard",
            "class": self.row.id,
            "title": self.scenario.title,
            "code": self.row.code,
            "projector": self.projector_token,
            "locked": self.locked,
            "ended": self.ended,
            "report": self.results is not None,
            "report_key": self.report_token,
            "tables": [self._table_summary(t) for t in self.tables.values()],
        }

    def _table_summary(self, table: NetTable) -> JSONObject:
        game, scenario = table.game, self.scenario
        teacher_view = table.table.view(TEACHER)
        last_text = line_words(teacher_view.log[-1], scenario) if teacher_view.log else ""
        made = table.timeouts.get(_line_keys(teacher_view.log)[-1]) if teacher_view.log and table.timeouts else None
        last_text = made.heading(last_text, TEACHER) if made is not None else last_text
        empty = self.empty_seats(table)
        seats: list[JSONValue] = []
        for actor in scenario.actors.values():
            members: list[JSONValue] = [  # each with whether a page of theirs is connected now
                {"id": public_id(m.token), "name": m.name, "connected": m.token in self.online}
                for m in self.members.values()
                if not m.removed and (m.table_no, m.seat) == (table.number, actor.id)
            ]
            seats.append(
                {
                    "id": actor.id,
                    "name": actor.name,
                    "player": game.controller(actor.id),
                    "students": actor.id in self.options.people,  # a seat of this class's students
                    "members": members,
                }
            )
        return {
            "number": table.number,
            "date": long_date(game.date),
            "node": game.node.title if game.node is not None else "",
            "waiting": [
                scenario.actors[a].name + (" (no one seated)" if a in empty else "") for a in table.table.waiting_for()
            ],
            "empty": list[JSONValue](empty),
            "clock": self.clock(table),
            "clock_running": table.clock.running,
            "started": table.started,
            "paused": table.paused,
            "last_move": last_text,
            "moves": len(game.moves),
            "outcome": game.outcome.title if game.outcome is not None else "",
            "problem": table.problem,
            "seats": seats,
            "messages": [
                _message_json(m, scenario) for m in self.messages if m.table_no == table.number or m.table_no == 0
            ],
            "teacher_view": to_json(teacher_view.narration),
        }


def may_read(message: MessageRow, table_no: int, seat: str) -> bool:
    """Whether ``seat`` at ``table_no`` may read ``message``: an announcement to its table or the whole
    class, a note to its whole table, or a private one it sent or was sent."""
    if message.recipient == CLASS_WIDE:
        return message.table_no in (0, table_no)
    return message.table_no == table_no and (message.recipient in ("", seat) or message.sender == seat)


def line_words(line: Line, scenario: Scenario) -> str:
    """The latest line of a table's history as players read it, in the views' own wording: who chose
    what, an offer with its terms in words, an answer, a secret choice made (never what it was)."""
    if line.kind == "offer":
        terms = line.text.partition("\n")[0]
        return f"{line.title}: {terms}" if terms else line.title
    return line_heading(line, scenario)


def line_heading(line: Line, scenario: Scenario) -> str:
    """A line's title saying who did it: a delegation's choice starts with its name, chance says so
    (offers, answers and secret choices name their delegation in their titles already)."""
    if line.kind == "decision" and line.actor in scenario.actors:
        return f"{scenario.actors[line.actor].name}: {line.title}"
    if line.kind == "chance":
        return f"By chance: {line.title}"
    return line.title


def _seat_view(view: View, scenario: Scenario, timeouts: dict[Key, TimedOut], seat: str) -> dict[str, object]:
    """A seat's view for JSON, its dates in words and each log line's title saying who did what (and
    where the clock moved for a seat, that time ran out: ``timeouts``); the other fields as the view
    holds them (``to_json`` or ``jsonview.plain`` convert them)."""
    shown: dict[str, object] = {field.name: getattr(view, field.name) for field in dataclasses.fields(view)}
    shown["date"] = _date_words(view.date)
    keys = _line_keys(view.log) if timeouts else [None] * len(view.log)
    marks = [timeouts.get(key) if key else None for key in keys]
    shown["log"] = [
        {
            "date": _date_words(line.date),
            "title": _heading(line, scenario, made, seat),
            "text": _said_once(line.text) if made else line.text,
            "kind": line.kind,
        }
        for line, made in zip(view.log, marks, strict=True)
    ]
    return shown


def _said_once(text: str) -> str:
    """A clock-made line's text without the clock's own reason: its heading says time ran out already."""
    return "\n".join(part for part in text.split("\n") if not part.startswith("Time ran out"))


def _heading(line: Line, scenario: Scenario, made: TimedOut | None, seat: str) -> str:
    """The line's heading; for a move the clock made (``made``), saying that time ran out."""
    heading = line_heading(line, scenario)
    return made.heading(heading, seat) if made is not None else heading


def _line_keys(log: tuple[Line, ...]) -> list[Key]:
    return line_keys((line.kind, line.date.isoformat(), line.title, line.actor) for line in log)


_date_words = functools.lru_cache(maxsize=1024)(long_date)  # a class reads the same few dates after every move


def _name(actor: str, scenario: Scenario) -> str:
    if actor == TEACHER:
        return "The teacher"
    if not actor:
        return "the whole table"
    if actor == CLASS_WIDE:
        return "everyone"
    return scenario.actors[actor].name if actor in scenario.actors else actor


# What the teacher does to a game under way (not to the class as a whole: announcing, locking, removing).
_STEERING = frozenset({"pause", "resume", "extend", "takeover", "giveback", "undo", "fill"})


def _message_json(message: MessageRow, scenario: Scenario) -> JSONObject:
    return {
        "table": message.table_no,
        "from": message.sender,
        "from_name": _name(message.sender, scenario),
        "to": message.recipient,
        "to_name": _name(message.recipient, scenario),
        "text": message.text,
        "sent": message.sent,
        "private": message.recipient not in ("", CLASS_WIDE),
        "number": message.number,
    }


async def _landed(future: Future[None]) -> None:
    """Wait for a write without blocking the event loop (a failure is read from the future after)."""
    if not future.done():
        with contextlib.suppress(Exception):
            await asyncio.wrap_future(future)


def _now() -> str:
    return dt.datetime.now().replace(microsecond=0).isoformat()


__all__ = ["ClassOptions", "Room", "RoomError", "TableError"]

"""Who is connected where, and telling them: each seat its own state, the teacher the dashboard.

Each seat's state is built and written as JSON once per change, however many members share the
seat, and a connection is sent a state only when it differs from the last one it was sent. A new
message is no such change: it is sent on its own to those who may read it (``tell_message``). The
teacher's dashboard and the projector show the whole class, so they are not rebuilt after every move
of every table: a change asks for them, and they are built and sent at most once every
``BOARD_INTERVAL`` (the latest then, with every change since), after the seats' own states. Before
a table's state is built, every write of that table has reached the disk: nobody is shown a move
a restarted host would not replay. A send that fails (a closed laptop, a lost phone) drops that
connection only; everyone else is told.
"""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass

from starlette.websockets import WebSocket

from ..engine.jsonread import JSONObject
from .projector import projector_state
from .protocol import TeacherAction
from .room import Room, may_read
from .store import MessageRow

log = logging.getLogger("parley.net")
BOARD_INTERVAL = 0.1  # seconds: the dashboard and the projector are sent at most this often


@dataclass(eq=False)  # one per socket: compared and hashed by identity
class Connection:
    socket: WebSocket
    token: str = ""  # a member's token once they joined or said hello
    teacher: bool = False
    projector: bool = False  # the projector page: the public view of every table
    last: str = ""  # the last state sent, not sent again


@dataclass(frozen=True)
class Prepared:
    """A table's seats' states built ahead, while its move was being written, and the table's
    version (``Room.version``) then: sent as they are while the version is the same."""

    table_no: int
    version: tuple[int, int, int]
    texts: dict[str, str]  # by seat


class Hub:
    def __init__(self, room: Room, join: str, tick: float = 1.0, board_interval: float = BOARD_INTERVAL) -> None:
        self.room = room
        self.join = join  # the address students open, for the projector
        self.connections: set[Connection] = set()
        self.tick = tick  # seconds between looks at the turn clocks
        self.clocks: asyncio.Task[None] | None = None
        self.board_interval = board_interval
        self.board_due: asyncio.TimerHandle | None = None  # the dashboard's next sending, once asked for
        self.board_sending: asyncio.Task[None] | None = None  # the sending under way
        self.board_sent = float("-inf")  # when (the loop's time) the last sending ended
        self.board_stale = False  # something changed since the dashboard was last built

    def add(self, socket: WebSocket) -> Connection:
        """A new connection; the first one starts the turn clocks' watch on the server's loop."""
        if self.clocks is None:
            self.clocks = asyncio.get_running_loop().create_task(self.keep_time())
        connection = Connection(socket)
        self.connections.add(connection)
        return connection

    async def keep_time(self) -> None:
        """Every ``tick``: where a table's turn clock ran out the table acts (``Room.expire_clocks``)
        and its seats and the teacher are told."""
        while True:
            await asyncio.sleep(self.tick)
            try:
                acted = self.room.expire_clocks()
                if acted:
                    await self.publish(acted)
            except Exception:  # the watch goes on whatever one look met
                log.exception("the turn clocks' watch failed once")

    def drop(self, connection: Connection) -> None:
        self.connections.discard(connection)

    def place(self, connection: Connection, token: str = "", teacher: bool = False, projector: bool = False) -> None:
        """Say who ``connection`` is; the room counts the members connected (their seats' clocks run),
        and the dashboard, which shows who is connected, is out of date when a member came or went."""
        left = connection.token
        if left:
            self.room.leave(left)
        connection.token, connection.teacher, connection.projector = token, teacher, projector
        if token:
            self.room.arrive(token)
        if left or token:
            self.board_changed()

    async def gone(self, connection: Connection) -> None:
        """A connection closed: forgotten, and if it was the last of its seat's, its table is told
        (the turn's clock stops while the seat it waits for has nobody connected)."""
        self.drop(connection)
        member = self.room.member(connection.token) if connection.token else None
        self.place(connection)
        if member is not None:
            await self.publish((member.table_no,))

    async def send(self, connection: Connection, message: JSONObject) -> None:
        """Send one message (a reply, an error) whatever was sent before."""
        await self._send(connection, json.dumps(message, ensure_ascii=False))

    async def send_state(self, connection: Connection, text: str) -> None:
        """Send a seat's state or the dashboard, unless it is what this connection was last sent."""
        if text != connection.last:
            connection.last = text
            await self._send(connection, text)

    async def _send(self, connection: Connection, text: str) -> None:
        try:
            await connection.socket.send_text(text)
        except Exception:  # the other end went away: forget this connection, nobody else
            self.drop(connection)

    async def greet(self, connection: Connection) -> None:
        """A connection that just said who it is gets its state at once (stored moves only)."""
        connection.last = ""
        if connection.projector:
            await self.room.settle(tuple(self.room.tables))
            await self.send_state(connection, json.dumps(projector_state(self.room, self.join), ensure_ascii=False))
            return
        if connection.teacher:
            await self.room.settle(tuple(self.room.tables))
            await self.send_state(connection, json.dumps(self.room.dashboard(), ensure_ascii=False))
            return
        member = self.room.member(connection.token)
        if member is not None:  # its table's other pages too: a seat back may start the clock they show
            await self.publish((member.table_no,))

    def prepare(self, table_no: int) -> Prepared:
        """The states of the seats with someone connected at ``table_no``, built now: after a move,
        while the disk takes it, so that once it is stored ``publish`` only has to send them."""
        version = self.room.version(table_no)
        seats = {m.seat for c in self.connections if (m := self.room.member(c.token)) and m.table_no == table_no}
        return Prepared(table_no, version, {seat: self.room.seat_text(table_no, seat) for seat in seats})

    async def publish(self, tables: tuple[int, ...], ready: Prepared | None = None) -> None:
        """Send every connected member at ``tables`` their seat's state (``ready``'s where its table
        has not changed since); the dashboard and the projector follow (``board_changed``)."""
        await self.room.settle(tables)
        texts: dict[tuple[int, str], str] = {}
        if ready is not None and ready.table_no in tables and self.room.version(ready.table_no) == ready.version:
            texts = {(ready.table_no, seat): text for seat, text in ready.texts.items()}
        sends = []
        for connection in list(self.connections):
            member = self.room.member(connection.token) if connection.token else None
            if member is None or member.table_no not in tables:
                continue
            key = (member.table_no, member.seat)
            if key not in texts:
                texts[key] = self.room.seat_text(*key)
            sends.append(self.send_state(connection, texts[key]))
        await asyncio.gather(*sends)
        self.board_changed()

    async def tell_message(self, message: MessageRow) -> None:
        """A new message, once stored, sent on its own to every connection that may read it (the
        members of its delegations, or of its table, or the class; and the teacher): no seat's state
        is rebuilt for it. A page connecting later has it among its state's messages."""
        text = self.room.message_text(message)
        sends = []
        for connection in list(self.connections):
            member = self.room.member(connection.token) if connection.token else None
            if connection.teacher or (member is not None and may_read(message, member.table_no, member.seat)):
                sends.append(self._send(connection, text))
        await asyncio.gather(*sends)

    def board_changed(self) -> None:
        """The dashboard and the projector are out of date: send them at once if the last sending
        ended ``board_interval`` ago or more, else when that much time has passed. Either way they are
        built when sent, so a burst of moves at many tables costs one dashboard, showing them all."""
        if not any(c.teacher or c.projector for c in self.connections):
            return
        self.board_stale = True
        if self.board_due is None and self.board_sending is None:
            self._send_board_later()

    def _send_board_later(self) -> None:
        loop = asyncio.get_running_loop()
        wait = max(0.0, self.board_sent + self.board_interval - loop.time())
        self.board_due = loop.call_later(wait, self._send_board)

    def _send_board(self) -> None:
        self.board_due = None
        self.board_stale = False  # a change from now on asks for another sending
        self.board_sending = asyncio.get_running_loop().create_task(self._board_once())

    async def _board_once(self) -> None:
        try:
            await self.publish_dashboard()
        except Exception:  # one failed sending leaves the next change its own
            log.exception("sending the dashboard failed once")
        finally:
            self.board_sent = asyncio.get_running_loop().time()
            self.board_sending = None
            if self.board_stale:  # changed while this one was built or sent
                self._send_board_later()

    async def publish_dashboard(self) -> None:
        """Every teacher the dashboard and every projector the public view of the class."""
        teachers = [c for c in self.connections if c.teacher]
        projectors = [c for c in self.connections if c.projector]
        if teachers or projectors:
            await self.room.settle(tuple(self.room.tables))
        if teachers:
            board = json.dumps(self.room.dashboard(), ensure_ascii=False)
            await asyncio.gather(*(self.send_state(c, board) for c in teachers))
        if projectors:
            shown = json.dumps(projector_state(self.room, self.join), ensure_ascii=False)
            await asyncio.gather(*(self.send_state(c, shown) for c in projectors))

    async def teacher_action(self, request: TeacherAction) -> tuple[int, ...]:
        """Carry out a teacher's action and tell every seat it concerns (and every dashboard) once it
        is on disk; the teacher hears if it, or a move it led to, could not be stored."""
        tables, writes = self.room.teacher_later(request)
        try:
            await self.room.stored(writes)
            await self.room.settle(tables, strict=True)
        finally:  # what did happen (or was taken back) is told either way
            await self.tell_removed()
            await self.publish(tables)
        return tables

    async def dashboard(self) -> JSONObject:
        """The teacher's dashboard once every move is on disk."""
        await self.room.settle(tuple(self.room.tables))
        return self.room.dashboard()

    async def tell_removed(self) -> None:
        """Connections of removed members are told so and closed."""
        for connection in list(self.connections):
            if connection.token and self.room.member(connection.token) is None:
                notice: JSONObject = {"type": "removed", "message": "The teacher has removed you from the class."}
                await self.send(connection, notice)
                self.drop(connection)
                try:
                    await connection.socket.close()
                except Exception:
                    log.debug("closing a removed member's connection failed")

"""Who is connected where, and telling them: each seat its own state, the teacher the dashboard.

A send that fails (a closed laptop, a lost phone) drops that connection only; everyone else is told.
"""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass

from starlette.websockets import WebSocket

from ..engine.jsonread import JSONObject
from .room import Room

log = logging.getLogger("parley.net")


@dataclass(eq=False)  # one per socket: compared and hashed by identity
class Connection:
    socket: WebSocket
    token: str = ""  # a member's token once they joined or said hello
    teacher: bool = False


class Hub:
    def __init__(self, room: Room) -> None:
        self.room = room
        self.connections: set[Connection] = set()

    def add(self, socket: WebSocket) -> Connection:
        connection = Connection(socket)
        self.connections.add(connection)
        return connection

    def drop(self, connection: Connection) -> None:
        self.connections.discard(connection)

    async def send(self, connection: Connection, message: JSONObject) -> None:
        try:
            await connection.socket.send_text(json.dumps(message, ensure_ascii=False))
        except Exception:  # the other end went away: forget this connection, nobody else
            self.drop(connection)

    async def publish(self, tables: tuple[int, ...]) -> None:
        """Send every connected member at ``tables`` their seat's state, and every teacher the dashboard."""
        states: dict[tuple[int, str], JSONObject] = {}
        sends = []
        for connection in list(self.connections):
            member = self.room.member(connection.token) if connection.token else None
            if member is None or member.table_no not in tables:
                continue
            key = (member.table_no, member.seat)
            if key not in states:
                states[key] = self.room.seat_state(*key)
            sends.append(self.send(connection, states[key]))
        await asyncio.gather(*sends)
        await self.publish_dashboard()

    async def publish_dashboard(self) -> None:
        teachers = [c for c in self.connections if c.teacher]
        if teachers:
            board = self.room.dashboard()
            await asyncio.gather(*(self.send(c, board) for c in teachers))

    async def tell_removed(self) -> None:
        """Connections of removed members are told so and closed."""
        for connection in list(self.connections):
            if connection.token and self.room.member(connection.token) is None and not connection.teacher:
                notice: JSONObject = {"type": "removed", "message": "The teacher has removed you from the class."}
                await self.send(connection, notice)
                self.drop(connection)
                try:
                    await connection.socket.close()
                except Exception:
                    log.debug("closing a removed member's connection failed")

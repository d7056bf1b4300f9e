"""The turn clock at a networked table: when it runs out the table acts as the hot-seat class does
(``pace.resolve_turn_timeout``), the moves are stored ``by="proxy"``, and the seats are told.
Time is a number the test moves on, never a wait."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from websockets.sync.client import ClientConnection, connect

from game.classroom.pace import NO_OFFER_PASSES, table_timeout
from game.net.clock import Clock
from game.net.protocol import TeacherAction
from game.net.room import ClassOptions, Room
from game.net.running import BackgroundServer
from game.net.store import ClassStore

from .conftest import TUTORIAL
from .test_room import play_to_the_night


class FakeTime:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def time_() -> FakeTime:
    return FakeTime()


@pytest.fixture
def timed(store: ClassStore, time_: FakeTime) -> Room:
    """One table of the tutorial, a minute for each turn; students play Kestra and Dunmore."""
    options = ClassOptions(1, ("kestra", "dunmore"), minutes=1)
    return Room.create(store, TUTORIAL, options, "clock-class", now=time_)


def seat_both(room: Room) -> None:
    room.join(room.row.code, "Ann")  # Kestra
    room.join(room.row.code, "Cy")  # Dunmore: it opens


def test_the_clock_takes_the_hot_seat_move_when_time_runs_out(timed: Room, time_: FakeTime) -> None:
    seat_both(timed)
    table = timed.tables[1]
    before = len(table.game.moves)
    expected = table_timeout(table.game, "dunmore")
    time_.now += 59
    assert timed.expire_clocks() == ()
    assert len(table.game.moves) == before
    time_.now += 2
    assert timed.expire_clocks() == (1,)
    taken = table.game.moves[before]
    assert (taken.actor, taken.by, taken.step, taken.reason) == ("dunmore", "proxy", expected.move, NO_OFFER_PASSES)
    assert table.clock.left() == 60.0  # the next turn has its full minute
    timed.flush()
    assert table.journal.load()[1] == table.game.moves


def test_a_sealed_move_keeps_every_silent_seats_status_quo(timed: Room, time_: FakeTime) -> None:
    seat_both(timed)
    play_to_the_night(timed)
    table = timed.tables[1]
    expected = {seat: table_timeout(table.game, seat).move for seat in ("kestra", "dunmore")}
    before = len(table.game.moves)
    time_.now += 61
    assert timed.expire_clocks() == (1,)
    sealed = [m for m in table.game.moves[before:] if m.actor in expected]
    assert {m.actor: m.step for m in sealed} == expected
    assert all(m.by == "proxy" for m in sealed)
    assert table.game.node is None or table.game.node.kind != "sealed"


def test_no_clock_runs_before_a_student_sits_down_nor_while_paused(timed: Room, time_: FakeTime) -> None:
    time_.now += 3600
    assert timed.expire_clocks() == ()
    seat_both(timed)
    timed.teacher(TeacherAction("pause", table=1))
    time_.now += 3600
    assert timed.expire_clocks() == ()
    timed.teacher(TeacherAction("resume", table=1))
    time_.now += 61
    assert timed.expire_clocks() == (1,)


def after(socket: ClientConnection, moves: int) -> dict[str, Any]:
    """The first state this socket is sent with more than ``moves`` moves (within ten seconds)."""
    while True:
        state = dict(json.loads(socket.recv(timeout=10)))
        if state.get("moves", 0) > moves:
            return state


@pytest.fixture
def served_timed(timed: Room) -> Iterator[BackgroundServer]:
    running = BackgroundServer(timed, tick=0.02).start()
    yield running
    running.stop()


def test_the_seats_are_told_what_the_clock_did(served_timed: BackgroundServer, timed: Room, time_: FakeTime) -> None:
    address = served_timed.address.replace("http", "ws", 1) + "ws"
    with connect(address) as ann, connect(address) as cy:
        states = {}
        for socket, name in ((ann, "Ann"), (cy, "Cy")):
            socket.send(json.dumps({"type": "join", "code": timed.row.code, "name": name}))
            assert json.loads(socket.recv(timeout=10))["type"] == "joined"
            states[name] = json.loads(socket.recv(timeout=10))
        time_.now += 61
        told = [after(socket, states["Ann"]["moves"]) for socket in (ann, cy)]
        assert told[0]["moves"] == told[1]["moves"] > states["Ann"]["moves"]
    assert timed.tables[1].game.moves[states["Ann"]["moves"]].by == "proxy"


def test_extending_a_table_without_a_clock_starts_no_clock() -> None:
    now = [100.0]
    clock = Clock(0, now=lambda: now[0])
    clock.extend(5)
    now[0] += 3600
    assert clock.left() is None
    clock.restart()
    assert clock.left() is None


def test_extending_a_running_clock_adds_the_minutes() -> None:
    now = [100.0]
    clock = Clock(1, now=lambda: now[0])
    clock.restart()
    clock.extend(5)
    assert clock.left() == 360.0

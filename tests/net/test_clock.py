"""The turn clock at a networked table: when it runs out the table acts as the hot-seat class does
(``pace.resolve_turn_timeout``), the moves are stored ``by="proxy"``, and the seats are told.
Time is a number the test moves on, never a wait."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from websockets.sync.client import ClientConnection, connect

from game.classroom.pace import NO_OFFER_PASSES, table_timeout
from game.engine.jsonread import JSONObject
from game.net.clock import Clock
from game.net.protocol import Act, TeacherAction
from game.net.room import ClassOptions, Room, public_id
from game.net.running import BackgroundServer
from game.net.store import ClassStore

from .conftest import TUTORIAL
from .test_room import last_move, play_to_the_night


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
    """Both students join and stay connected (as their pages' connections tell the room)."""
    for name in ("Ann", "Cy"):  # Kestra, then Dunmore: it opens
        room.arrive(room.join(room.row.code, name).token)


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


def test_the_first_turns_clock_waits_until_every_person_seat_is_taken(timed: Room, time_: FakeTime) -> None:
    cy = timed.join(timed.row.code, "Ann")  # Kestra's student joins; the turn waits for Dunmore
    timed.arrive(cy.token)
    table = timed.tables[1]
    time_.now += 3600
    assert timed.expire_clocks() == ()
    dunmore = timed.join(timed.row.code, "Cy")
    time_.now += 3600  # Dunmore's student has joined but their page is not connected yet
    assert timed.expire_clocks() == ()
    assert timed.seat_state(1, "dunmore")["clock_running"] is False
    timed.arrive(dunmore.token)
    assert table.clock.running and table.clock.left() == 60.0
    time_.now += 61
    assert timed.expire_clocks() == (1,)


def test_the_teachers_start_starts_a_table_still_short_of_students(timed: Room, time_: FakeTime) -> None:
    timed.arrive(timed.join(timed.row.code, "Ann").token)  # Kestra only: Dunmore's seat is empty
    time_.now += 3600
    assert not timed.tables[1].started and timed.expire_clocks() == ()
    timed.teacher(TeacherAction("resume", table=1))  # the dashboard's "Start"
    assert timed.tables[1].started
    assert timed.dashboard()["tables"] == [dict(timed.dashboard()["tables"][0], clock_running=False)]  # Dunmore's empty
    timed.teacher(TeacherAction("fill", table=1))  # the computer takes Dunmore: the turn is Kestra's, connected
    assert timed.tables[1].clock.running


def test_a_table_full_once_keeps_going_when_a_student_leaves(timed: Room, time_: FakeTime) -> None:
    seat_both(timed)
    ann = next(m for m in timed.members.values() if m.seat == "kestra")
    timed.teacher(TeacherAction("remove", member=public_id(ann.token)))
    assert timed.tables[1].started and timed.tables[1].clock.running  # the turn is Dunmore's
    time_.now += 61
    assert timed.expire_clocks() == (1,)


def test_a_seat_with_nobody_connected_stops_the_clock_and_it_runs_on_when_they_are_back(
    timed: Room, time_: FakeTime
) -> None:
    seat_both(timed)
    table = timed.tables[1]
    cy = next(m for m in timed.members.values() if m.seat == "dunmore")
    time_.now += 30
    timed.leave(cy.token)  # Dunmore's phone went to sleep on Dunmore's turn
    time_.now += 3600
    assert timed.expire_clocks() == ()
    assert table.clock.left() == 30.0
    timed.arrive(cy.token)
    time_.now += 29
    assert timed.expire_clocks() == ()
    time_.now += 2
    assert timed.expire_clocks() == (1,)


def test_a_seat_not_waited_for_does_not_stop_the_clock(timed: Room, time_: FakeTime) -> None:
    seat_both(timed)
    ann = next(m for m in timed.members.values() if m.seat == "kestra")
    timed.leave(ann.token)  # the turn is Dunmore's: Kestra's student away holds nothing up
    time_.now += 61
    assert timed.expire_clocks() == (1,)


def log_titles(state: dict[str, Any]) -> list[str]:
    return [str(line["title"]) for line in state["view"]["log"]]


def test_the_seat_and_the_table_read_that_time_ran_out(timed: Room, time_: FakeTime) -> None:
    seat_both(timed)
    time_.now += 61
    assert timed.expire_clocks() == (1,)
    mine, theirs = timed.seat_state(1, "dunmore"), timed.seat_state(1, "kestra")
    told = "Time ran out: “Dunmore delegation makes no offer” (no offer was made for you: the turn passed)."
    assert mine["notice"] == told
    assert theirs["notice"] == ""
    assert "Time ran out: Dunmore delegation makes no offer (no offer was made for you: the turn passed)" in log_titles(
        mine
    )
    assert "Time ran out: Dunmore delegation makes no offer (no offer was made: the turn passed)" in log_titles(theirs)
    assert not any(t.startswith("Dunmore delegation makes no offer") for t in log_titles(mine) + log_titles(theirs))
    marked = [line for line in mine["view"]["log"] + theirs["view"]["log"] if line["title"].startswith("Time ran out")]
    assert marked and not any("Time ran out" in line["text"] for line in marked)  # said once, in the heading


def test_a_move_the_seat_makes_itself_after_an_undo_reads_as_its_own(timed: Room, time_: FakeTime) -> None:
    seat_both(timed)
    time_.now += 61
    assert timed.expire_clocks() == (1,)
    timed.teacher(TeacherAction("undo", table=1))  # takes back the pass the clock made
    assert timed.seat_state(1, "dunmore")["notice"] == ""
    cy = next(m for m in timed.members.values() if m.seat == "dunmore")
    timed.act(cy, Act("answer", answer="pass"))  # the same line, on the same day: Dunmore's own this time
    titles = log_titles(timed.seat_state(1, "dunmore"))
    assert "Dunmore delegation makes no offer" in titles and not any("Time ran out" in t for t in titles)


def test_a_seat_whose_sealed_choice_the_clock_made_reads_it_was_kept_for_them(timed: Room, time_: FakeTime) -> None:
    seat_both(timed)
    play_to_the_night(timed)
    time_.now += 61
    assert timed.expire_clocks() == (1,)
    notice = str(timed.seat_state(1, "kestra")["notice"])
    assert notice.startswith("Time ran out: “") and notice.endswith("(kept as it was for you).")
    assert any(t.endswith("(kept as it was for you)") for t in log_titles(timed.seat_state(1, "kestra")))
    kestra = next(m for m in timed.members.values() if m.seat == "kestra")
    assert "kestra" in timed.tables[1].table.waiting_for()  # the morning's talks: Kestra answers an offer
    timed.act(kestra, Act("answer", answer="reject"))
    assert timed.seat_state(1, "kestra")["notice"] == ""  # the seat's own move clears it


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


def wait_for(condition: Callable[[], bool]) -> None:
    """Until ``condition`` holds (the server's loop runs in its own thread), within ten seconds."""
    deadline = time.monotonic() + 10
    while not condition():
        assert time.monotonic() < deadline, "the server never got there"
        time.sleep(0.01)


def test_a_closed_page_stops_its_seats_clock_through_the_real_protocol(
    served_timed: BackgroundServer, timed: Room, time_: FakeTime
) -> None:
    address = served_timed.address.replace("http", "ws", 1) + "ws"
    table = timed.tables[1]
    with connect(address) as ann:
        ann.send(json.dumps({"type": "join", "code": timed.row.code, "name": "Ann"}))
        assert json.loads(ann.recv(timeout=10))["type"] == "joined"
        with connect(address) as cy:
            cy.send(json.dumps({"type": "join", "code": timed.row.code, "name": "Cy"}))
            token = json.loads(cy.recv(timeout=10))["token"]
            wait_for(lambda: table.clock.running)
        wait_for(lambda: not table.clock.running)  # Dunmore's page closed on Dunmore's turn
        moves = len(table.game.moves)
        time_.now += 3600
        time.sleep(0.2)  # ten looks at the clocks
        assert len(table.game.moves) == moves
        with connect(address) as cy:
            cy.send(json.dumps({"type": "hello", "token": token}))
            wait_for(lambda: table.clock.running)  # back: the clock runs on
            # Ann's page was told the clock ran, then stopped, and is told it runs again (not left showing
            # it stopped until she reloads).
            seat_states(ann, until=lambda state: state["clock_running"])  # Cy joined
            seat_states(ann, until=lambda state: not state["clock_running"])  # Cy's page closed
            seat_states(ann, until=lambda state: state["clock_running"])  # Cy is back


def seat_states(socket: ClientConnection, until: Callable[[JSONObject], object]) -> list[JSONObject]:
    """The seat states a page receives, in order, up to the first for which ``until`` holds."""
    states: list[JSONObject] = []
    while not states or not until(states[-1]):
        message = json.loads(socket.recv(timeout=10))
        if message.get("type") == "seat":
            states.append(message)
    return states


def test_a_finished_game_and_an_ended_class_have_no_clock(store: ClassStore, time_: FakeTime) -> None:
    options = ClassOptions(2, ("kestra", "dunmore"), minutes=1)
    room = Room.create(store, TUTORIAL, options, "ending-class", now=time_)
    for name in ("Ann", "Cy", "Di", "Ed"):  # two to a table
        room.arrive(room.join(room.row.code, name).token)
    for seat in ("kestra", "dunmore"):  # the computer plays table 1 to its end
        room.teacher(TeacherAction("takeover", table=1, seat=seat))
    assert room.tables[1].game.ended and room.tables[2].clock.running
    assert room.seat_state(1, "kestra")["clock"] is None
    board = room.dashboard()["tables"]
    assert isinstance(board, list) and [t["clock"] for t in board if isinstance(t, dict)] == [None, 60.0]
    room.teacher(TeacherAction("end"))
    time_.now += 3600
    assert room.expire_clocks() == ()
    assert room.seat_state(2, "kestra")["clock"] is None
    board = room.dashboard()["tables"]
    assert isinstance(board, list) and [t["clock"] for t in board if isinstance(t, dict)] == [None, None]


def test_what_the_clock_did_reads_the_same_after_the_host_restarts(
    timed: Room, time_: FakeTime, store: ClassStore
) -> None:
    seat_both(timed)
    time_.now += 61
    assert timed.expire_clocks() == (1,)  # Dunmore's opening offer: the turn passes
    play_to_the_night(timed)
    time_.now += 61
    assert timed.expire_clocks() == (1,)  # the night letters: both seats' status quo kept
    timed.flush()
    seats = ("kestra", "dunmore")
    before = {seat: timed.seat_state(1, seat) for seat in seats}
    assert all(str(before[s]["notice"]).startswith("Time ran out: “") for s in seats)
    assert sum("Time ran out" in t for t in log_titles(before["kestra"])) == 3

    again = Room.resume(ClassStore(store.path), timed.row.id, now=time_)
    for seat in seats:
        after = again.seat_state(1, seat)
        assert log_titles(after) == log_titles(before[seat])
        assert after["notice"] == before[seat]["notice"]

    timed.teacher(TeacherAction("end"))
    ended = Room.resume(ClassStore(store.path), timed.row.id, now=time_)
    assert timed.results is not None and ended.results is not None
    assert ended.results.transcripts == timed.results.transcripts
    assert ended.results.html == timed.results.html


def test_the_dashboard_reads_that_time_ran_out_after_the_host_restarts(store: ClassStore, time_: FakeTime) -> None:
    room = Room.create(store, TUTORIAL, ClassOptions(1, minutes=1), "clock-board", now=time_)  # students at every seat
    for name in ("Ann", "Cy", "Di"):
        room.arrive(room.join(room.row.code, name).token)
    time_.now += 61
    assert room.expire_clocks() == (1,)  # Dunmore opens and passes; the commission's students are to propose
    told = "Time ran out: Dunmore delegation makes no offer (no offer was made: the turn passed)"
    assert last_move(room, 1) == told
    room.flush()
    assert last_move(Room.resume(ClassStore(store.path), room.row.id, now=time_), 1) == told

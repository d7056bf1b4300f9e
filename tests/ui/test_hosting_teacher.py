"""The teacher's actions in the window's dashboard, with real events and a real student over
WebSocket: a table's messages (private ones marked), more time on a table's clock, an announcement
that reaches the student's page, undo (never past a sealed reveal), the computer taking over a
student's seat, and removing a student. Each goes through ``Hub.teacher_action``, as the browser's."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pygame
import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from game.net.protocol import MAX_TEXT
from game.net.room import Room
from game.ui.pilot import Pilot
from game.ui.scenes.hosting import HostingScene

from .checks import check_layout
from .conftest import MakePilot
from .hosting_class import OFFER, TUTORIAL, receive_until, wait_for_board

Seat = dict[str, Any]


@contextmanager
def a_class_with_a_student(
    make_pilot: MakePilot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Pilot, HostingScene, Room, ClientConnection, Seat]]:
    """Two tables of the tutorial with two minutes a turn; Ann Example joins over the network and
    sits at table 1's Dunmore delegation (which opens the talks; the computer plays the others);
    the window shows the teacher's dashboard once it has seen her. The seat's first state is given
    with her key (from the join reply)."""
    monkeypatch.setenv("PARLEY_CLASS_DATA", str(tmp_path / "class-data"))
    monkeypatch.setattr(HostingScene, "local", True)
    pilot = make_pilot(TUTORIAL)
    pilot.press(pygame.K_h)
    pilot.click("seat_kestra")
    pilot.click("seat_ferrand")
    for _ in range(4):  # 45 seconds, 1 minute, 90 seconds: two minutes a turn
        pilot.click("minutes")
    pilot.click("start")
    scene = pilot.scene
    assert isinstance(scene, HostingScene) and scene.hosting is not None
    hosting = scene.hosting
    room = hosting.room
    try:
        with connect(hosting.address.replace("http", "ws", 1) + "ws") as student:
            student.send(json.dumps({"type": "join", "code": room.row.code, "name": "Ann Example"}))
            joined = json.loads(student.recv(timeout=10))
            assert joined["type"] == "joined"
            seat = receive_until(student, lambda m: m.get("type") == "seat")
            assert (seat["table"], seat["seat"]) == (1, "dunmore")
            pilot.click("view")
            wait_for_board(pilot, scene, lambda text: "Ann Example" in text)
            yield pilot, scene, room, student, {**seat, "token": joined["token"]}
    finally:
        scene.stop()


def act(student: ClientConnection, move: dict[str, Any], moves: int) -> Seat:
    """The student's move from their page; the state they are sent once it (and the computer's replies) is made."""
    student.send(json.dumps({"type": "act", **move}))
    return receive_until(student, lambda m: m.get("type") == "seat" and m["moves"] > moves)


def test_the_teacher_reads_every_message_adds_time_and_announces(
    make_pilot: MakePilot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shots: Path
) -> None:
    with a_class_with_a_student(make_pilot, tmp_path, monkeypatch) as (pilot, scene, room, student, _):
        student.send(json.dumps({"type": "say", "to": "", "text": "Half the flow is fair."}))
        student.send(json.dumps({"type": "say", "to": "kestra", "text": "Between us: the gates."}))
        told = receive_until(student, lambda m: m.get("type") == "message" and m["message"]["to"] == "kestra")
        assert told["message"]["text"] == "Between us: the gates."  # each message comes on its own, in order

        pilot.click("page")  # table 1 in detail: every message, the private one marked
        assert scene.picked.page == "table" and scene.picked.table == 1
        shown = wait_for_board(pilot, scene, lambda text: "Between us" in text)
        assert "<b>Dunmore delegation to the whole table</b>: Half the flow is fair." in shown
        assert "<b>Dunmore delegation to Kestra delegation</b> <i>(private)</i>: Between us: the gates." in shown
        check_layout(pilot.app, "the dashboard's table page")
        pilot.snapshot(shots / "hosting-table-detail.png")

        before = room.tables[1].clock.left()
        assert before is not None and before <= 120
        pilot.click("extend")  # five more minutes for this turn, on the student's page too
        told = receive_until(student, lambda m: m.get("type") == "seat" and (m["clock"] or 0) > 120)
        assert told["clock"] > 400 and (room.tables[2].clock.left() or 0) <= 120  # table 2 untouched
        assert " left" in wait_for_board(pilot, scene, lambda text: "6:" in text)

        pilot.click("page")  # every table: the announcement
        entry = pilot.element("announcement")
        assert getattr(entry, "length_limit", None) == MAX_TEXT  # bounded as the browser's field
        pilot.click("announce")  # nothing typed: refused in the room's words, as the browser's is
        assert pilot.app.overlay is not None and "the announcement is empty" in pilot.all_text()
        pilot.click("ok")
        pilot.click("announcement")
        pilot.type("Ten minutes left")
        pilot.press(pygame.K_RETURN)  # Enter sends it
        told = receive_until(student, lambda m: m.get("type") == "seat" and len(m["messages"]) == 3)
        announced = told["messages"][-1]
        assert announced["text"] == "Ten minutes left" and announced["from_name"] == "The teacher"
        assert announced["to"] == "*class"
        assert scene.picked.announcement == "" and pilot.element("announcement").get_text() == ""  # sent, emptied
        assert any(m.text == "Ten minutes left" for m in room.messages)


def test_the_teachers_undo_takes_back_a_move_but_never_a_sealed_reveal(
    make_pilot: MakePilot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with a_class_with_a_student(make_pilot, tmp_path, monkeypatch) as (pilot, scene, room, student, seat):
        start = seat["moves"]
        proposed = act(student, {"kind": "propose", "package": OFFER}, start)
        pilot.click("page")
        pilot.click("undo")  # the student's offer and the computer's answers are taken back
        assert pilot.app.overlay is None
        undone = receive_until(student, lambda m: m.get("type") == "seat" and m["moves"] < proposed["moves"])
        assert undone["moves"] == start and undone["view"]["turn"]["kind"] == "propose"
        assert wait_for_board(pilot, scene, lambda text: "Last move: —" in text)

        state = act(student, {"kind": "propose", "package": OFFER}, start)
        state = act(student, {"kind": "answer", "answer": "reject"}, state["moves"])
        assert state["view"]["turn"]["kind"] == "seal"
        state = act(student, {"kind": "seal", "choice": 1}, state["moves"])  # the letters are revealed
        table = room.tables[1]
        assert table.undo_floor() > 0
        revealed = len(table.game.moves)
        pilot.click("undo")
        assert pilot.app.overlay is not None and "a sealed reveal cannot be undone" in pilot.all_text()
        assert len(table.game.moves) == revealed
        pilot.click("ok")


def test_the_computer_takes_over_a_seat_and_the_teacher_removes_a_student(
    make_pilot: MakePilot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with a_class_with_a_student(make_pilot, tmp_path, monkeypatch) as (pilot, scene, room, student, seat):
        pilot.click("page")
        shown = pilot.all_text()
        assert "Seat: Dunmore delegation" in shown and "Student: Ann Example (Dunmore delegation)" in shown
        pilot.click("takeover")  # asks first
        assert pilot.app.overlay is not None and room.tables[1].game.controller("dunmore") == "human"
        pilot.click("yes")
        table = room.tables[1]
        assert table.game.controller("dunmore") == "disposition"
        assert room.tables[2].game.controller("dunmore") == "human"  # the same seat at table 2 stays the students'
        played = receive_until(student, lambda m: m.get("type") == "seat" and m["moves"] > seat["moves"])
        assert played["view"]["turn"] is None  # the computer moved for Dunmore: nothing left for the student
        assert any(m.actor == "dunmore" and m.by == "disposition" for m in table.game.moves)
        shown = wait_for_board(pilot, scene, lambda text: "Students play no seat here" in text)
        assert "Dunmore delegation: <i>the computer</i>" in shown

        pilot.click("remove")  # asks first
        pilot.click("no")
        assert pilot.app.overlay is None and room.member(seat["token"]) is not None
        pilot.click("remove")
        pilot.click("yes")
        assert receive_until(student, lambda m: m.get("type") == "removed")["message"]
        with pytest.raises(ConnectionClosed):  # the student's page is closed
            student.recv(timeout=10)
        assert room.member(seat["token"]) is None
        shown = wait_for_board(pilot, scene, lambda text: "No student here yet" in text)
        assert "Ann Example" not in shown

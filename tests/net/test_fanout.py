"""Telling every seat after a move: the text sent is the seat's state exactly, written faster; the
teacher's dashboard and the projector follow the seats, at most once an interval, always the latest."""

from __future__ import annotations

import asyncio
import json
from typing import Any, cast

from starlette.websockets import WebSocket

from game.engine.jsonread import JSONObject
from game.engine.table import Action
from game.net.hub import Connection, Hub
from game.net.package_worth import package_worths
from game.net.projector import projector_state
from game.net.protocol import Act, Say, TeacherAction
from game.net.room import Room


def next_action(state: dict[str, Any]) -> Action | None:
    """A seat's first allowed move (the first available choice, the first option of every issue,
    accept when it may), or None when it has none."""
    view = state["view"]
    turn = view["turn"]
    if turn is None or view["ended"]:
        return None
    kind = turn["kind"]
    if kind in ("choose", "seal"):
        return Action(kind, choice=next(c["id"] for c in turn["choices"] if c["available"]))
    table = view["table"]
    if kind == "propose":
        return Action(kind, package={i["id"]: i["options"][0][0] for i in table["issues"]})
    return Action(kind, answer="accept" if table["may_accept"] else "reject")


def test_each_seats_text_is_its_state_at_every_move_of_a_game_to_its_end(room: Room) -> None:
    kestra = room.join(room.row.code, "A")
    room.join(room.row.code, "B")
    room.say(kestra, Say("dunmore", "a private word"))
    table = room.tables[1]
    seen = 0
    for _ in range(40):
        states = {seat: room.seat_state(1, seat) for seat in ("kestra", "dunmore")}
        for seat, state in states.items():
            assert json.loads(room.seat_text(1, seat)) == state
            seen += 1
        moves = {seat: next_action(state) for seat, state in states.items()}
        mover = next((s for s, a in moves.items() if a is not None), None)
        if mover is None:
            break
        action = moves[mover]
        assert action is not None
        table.act(mover, action)
    assert table.game.ended and seen > 8
    room.teacher(TeacherAction("end"))
    for number, seat in ((1, "kestra"), (2, "dunmore")):  # a finished game, and one the class's end cut short
        assert json.loads(room.seat_text(number, seat)) == room.seat_state(number, seat)
    assert room.seat_state(2, "dunmore")["stopped"] is not None


class Recorder:
    """A connection's socket that keeps what it was sent, in the order of every socket's sends."""

    def __init__(self, name: str, order: list[str]) -> None:
        self.name = name
        self.order = order
        self.texts: list[str] = []
        self.times: list[float] = []

    async def send_text(self, text: str) -> None:
        self.order.append(self.name)
        self.texts.append(text)
        self.times.append(asyncio.get_running_loop().time())


def connect(hub: Hub, name: str, order: list[str], **who: Any) -> Recorder:
    socket = Recorder(name, order)
    hub.connections.add(Connection(cast(WebSocket, socket), **who))
    return socket


def test_a_burst_of_moves_sends_the_dashboard_and_projector_seldom_after_the_seats_and_always_the_latest(
    room: Room,
) -> None:
    async def play() -> None:
        interval = 0.2
        hub = Hub(room, "http://class.example/", board_interval=interval)
        order: list[str] = []
        joined = [room.join(room.row.code, name) for name in ("A", "B", "C")]
        students = [m for m in joined if m.table_no == 1]  # Kestra and Dunmore; B sits at table 2
        seats = [connect(hub, m.seat, order, token=m.token) for m in students]
        teacher = connect(hub, "teacher", order, teacher=True)
        projector = connect(hub, "projector", order, projector=True)
        began = asyncio.get_running_loop().time()
        notes = 12  # private notes (on the dashboard), then a newcomer (on the projector too)
        for number in range(notes):
            room.say(students[number % 2], Say("", f"note {number}"))
            await hub.publish((1,))
            if number == 0:
                assert sorted(order) == ["dunmore", "kestra"] and not teacher.texts  # the seats first
        newcomer = room.join(room.row.code, "Dora")
        await hub.publish((newcomer.table_no,))
        burst = asyncio.get_running_loop().time() - began
        for _ in range(100):  # the last sending comes at most one interval after the burst
            if all("Dora" in board.texts[-1] for board in (teacher, projector) if board.texts):
                break
            await asyncio.sleep(0.05)
        assert [len(s.texts) for s in seats] == [notes, notes]  # each seat is told of every change
        for board in (teacher, projector):
            assert 2 <= len(board.texts) <= 2 + burst / interval < notes
            gaps = [b - a for a, b in zip(board.times, board.times[1:], strict=False)]
            assert all(gap >= interval * 0.9 for gap in gaps), gaps
        assert json.loads(teacher.texts[-1]) == room.dashboard()  # the latest: the last note, the newcomer
        assert "note 11" in teacher.texts[-1]
        assert json.loads(projector.texts[-1]) == projector_state(room, hub.join)

    asyncio.run(play())


def test_the_dashboard_is_not_built_without_a_teacher_or_projector_watching(room: Room) -> None:
    async def play() -> None:
        hub = Hub(room, "http://class.example/", board_interval=0.0)
        member = room.join(room.row.code, "A")
        seat = connect(hub, member.seat, [], token=member.token)
        await hub.publish((1,))
        assert hub.board_due is None and hub.board_sending is None and len(seat.texts) == 1
        teacher = connect(hub, "teacher", [], teacher=True)
        await hub.publish((1,))
        for _ in range(100):
            if teacher.texts:
                break
            await asyncio.sleep(0.01)
        assert json.loads(teacher.texts[-1]) == room.dashboard()

    asyncio.run(play())


def test_states_built_while_a_move_is_stored_are_sent_only_if_the_table_is_unchanged_since(
    room: Room, monkeypatch: Any
) -> None:
    async def play() -> None:
        hub = Hub(room, "http://class.example/")
        joined = [room.join(room.row.code, name) for name in ("A", "B", "C")]
        kestra, other, dunmore = joined  # B sits at table 2
        seats = {m.seat: connect(hub, m.seat, [], token=m.token) for m in (kestra, dunmore)}
        built: list[tuple[int, str]] = []
        seat_text = room.seat_text

        def counted(table_no: int, seat: str) -> str:
            built.append((table_no, seat))
            return seat_text(table_no, seat)

        monkeypatch.setattr(room, "seat_text", counted)
        seat = room.tables[1].table.waiting_for()[0]
        mover = kestra if seat == "kestra" else dunmore
        room.act(mover, Act("propose", package=OFFER))
        ready = hub.prepare(1)
        assert sorted(built) == [(1, "dunmore"), (1, "kestra")]
        room.say(other, Say("", "at table two"))  # another table's change leaves table 1's states as built
        await room.tables[1].settle()
        await hub.publish((1,), ready)
        assert len(built) == 2 and {s: seats[s].texts[-1] for s in ready.texts} == ready.texts

        ready = hub.prepare(1)
        room.say(kestra, Say("", "said after they were built"))  # now they are out of date
        await hub.publish((1,), ready)
        assert len(built) == 6
        for seat, socket in seats.items():
            assert "said after they were built" in socket.texts[-1] and json.loads(socket.texts[-1]) == room.seat_state(
                1, seat
            )

        ready = hub.prepare(1)
        room.teacher(TeacherAction("pause", table=2))  # any teacher's action: built afresh
        await hub.publish((1,), ready)
        assert len(built) == 10

    asyncio.run(play())


def test_a_message_goes_on_its_own_to_every_connection_that_may_read_it_and_no_seat_is_rebuilt(
    room: Room, monkeypatch: Any
) -> None:
    async def play() -> None:
        hub = Hub(room, "http://class.example/", board_interval=0.0)
        room.tables[1].game.settings.controllers["ferrand"] = "human"  # a third delegation at table 1
        joined = [room.join(room.row.code, name) for name in ("A", "B", "C", "D", "E", "F")]
        names = {m.token: f"{m.table_no} {m.seat} {m.name}" for m in joined}
        assert sorted(names.values())[:4] == ["1 dunmore C", "1 ferrand E", "1 kestra A", "1 kestra F"]
        sockets = {names[m.token]: connect(hub, names[m.token], [], token=m.token) for m in joined}
        sockets["teacher"] = connect(hub, "teacher", [], teacher=True)
        sockets["projector"] = connect(hub, "projector", [], projector=True)
        built: list[tuple[int, str]] = []
        monkeypatch.setattr(room, "seat_text", lambda table_no, seat: built.append((table_no, seat)) or "")

        def told() -> list[str]:
            heard = sorted(name for name, socket in sockets.items() if socket.texts)
            for socket in sockets.values():
                socket.texts.clear()
            return heard

        note = room.say(joined[2], Say("kestra", "for Kestra alone"))  # Dunmore's C, privately
        await hub.tell_message(note)
        sent = json.loads(sockets["1 kestra A"].texts[0])
        assert sent == {"type": "message", "message": room.seat_state(1, "kestra")["messages"][-1]}
        assert told() == ["1 dunmore C", "1 kestra A", "1 kestra F", "teacher"]  # both of Kestra's members
        await hub.tell_message(room.say(joined[4], Say("", "to the whole table")))
        assert told() == ["1 dunmore C", "1 ferrand E", "1 kestra A", "1 kestra F", "teacher"]
        room.teacher(TeacherAction("announce", text="to the class"))
        await hub.tell_message(room.messages[-1])
        assert told() == sorted(names.values()) + ["teacher"]
        assert built == [] and hub.board_due is None  # no seat's state, no dashboard built for them

    asyncio.run(play())


def test_the_teachers_dashboard_is_told_when_a_students_page_drops_and_comes_back(room: Room) -> None:
    async def play() -> None:
        hub = Hub(room, "http://class.example/", board_interval=0.0)
        teacher = connect(hub, "teacher", [], teacher=True)
        ann = room.join(room.row.code, "Ann")

        async def shown() -> bool:
            """Ann's state on the latest dashboard sent, once the sending asked for has gone out."""
            for _ in range(500):
                if hub.board_due is None and hub.board_sending is None:
                    break
                await asyncio.sleep(0.01)
            board = json.loads(teacher.texts[-1])
            return next(m["connected"] for t in board["tables"] for s in t["seats"] for m in s["members"])

        page = Connection(cast(WebSocket, Recorder("ann", [])))
        hub.connections.add(page)
        hub.place(page, ann.token)  # her page says hello
        assert await shown() is True
        await hub.gone(page)  # the laptop's lid closes
        assert await shown() is False
        again = Connection(cast(WebSocket, Recorder("ann", [])))
        hub.connections.add(again)
        hub.place(again, ann.token)  # back, on a new connection
        assert await shown() is True

    asyncio.run(play())


OFFER = {"summer_flow": "half", "weir_crest": "middle", "gate_keys": "joint_board"}


def first_status_quo(worths: JSONObject) -> JSONObject:
    status_quo = worths["status_quo"]
    assert isinstance(status_quo, dict)
    return status_quo


def test_a_seats_package_worths_are_worked_out_again_only_when_the_state_changes(room: Room) -> None:
    game = room.tables[1].game
    seat = room.tables[1].table.waiting_for()[0]
    first = package_worths(game, seat)
    assert first is not None and package_worths(game, seat) is first  # asked again after a move elsewhere
    values = game.state.values
    assert isinstance(values, dict)
    before = values["summer_flow"]
    values["summer_flow"] = next(o for o in ("third", "half") if o != before)  # the status quo moves
    try:
        again = package_worths(game, seat)
        assert again is not None and again is not first
        assert again["status_quo"] != first["status_quo"]
        assert again["status_quo"] == {**first_status_quo(first), "summer_flow": values["summer_flow"]}
    finally:
        values["summer_flow"] = before
    assert package_worths(game, seat) == first

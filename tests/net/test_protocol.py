"""The protocol's rules, tried through the real WebSocket endpoint: nobody acts for another seat,
reads another delegation's data, or does the teacher's work, and bad input gets an error, never a crash."""

from __future__ import annotations

import base64
import hashlib
import json
import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

import httpx
import pytest
from websockets.sync.client import ClientConnection, connect

from game.net.protocol import MAX_MESSAGE, ProtocolError, parse
from game.net.room import Room
from game.net.running import BackgroundServer
from game.net.store import ClassStore

from .conftest import fail_writes


class Socket:
    """A browser's WebSocket, as a test drives it."""

    def __init__(self, connection: ClientConnection) -> None:
        self.connection = connection

    def send_text(self, text: str) -> None:
        self.connection.send(text)

    def send_bytes(self, data: bytes) -> None:
        self.connection.send(data)

    def receive_json(self) -> dict[str, Any]:
        return dict(json.loads(self.connection.recv(timeout=10)))


class Client:
    def __init__(self, served: BackgroundServer) -> None:
        self.base = served.address

    @contextmanager
    def websocket_connect(self, path: str) -> Iterator[Socket]:
        with connect(self.base.replace("http", "ws", 1) + path.lstrip("/")) as connection:
            yield Socket(connection)

    def ws(self) -> AbstractContextManager[Socket]:
        return self.websocket_connect("/ws")

    def get(self, path: str, params: dict[str, str]) -> httpx.Response:
        return httpx.get(self.base + path.lstrip("/"), params=params)


OFFER = {"summer_flow": "half", "weir_crest": "middle", "gate_keys": "joint_board"}


def send(ws: Any, **message: object) -> dict[str, Any]:
    ws.send_text(json.dumps(message))
    return dict(ws.receive_json())


def join(ws: Any, room: Room, name: str) -> tuple[str, dict[str, Any]]:
    joined = send(ws, type="join", code=room.row.code, name=name)
    assert joined["type"] == "joined"
    return joined["token"], dict(ws.receive_json())


@pytest.fixture
def client(served: BackgroundServer) -> Client:
    return Client(served)


def test_students_are_dealt_evenly_and_see_only_their_own_seat(client: Client, room: Room) -> None:
    with client.ws() as a, client.ws() as b, client.ws() as c:
        _, first = join(a, room, "Ann")
        _, second = join(b, room, "Ben")
        _, third = join(c, room, "Cy")
    assert [(s["table"], s["seat"]) for s in (first, second, third)] == [(1, "kestra"), (2, "kestra"), (1, "dunmore")]
    view = first["view"]
    assert set(view["values"]) == {"summer_flow", "weir_crest", "gate_keys"}
    assert "gauges" in view["briefing"]
    assert "Kestra" not in third["view"]["briefing"] or "gauges" not in third["view"]["briefing"]
    assert all(o["actor"] == "dunmore" or not o["secret"] for o in third["view"]["objectives"])


def test_a_wrong_token_gets_no_seat_and_a_student_cannot_act_for_another_seat(client: Client, room: Room) -> None:
    with client.websocket_connect("/ws") as a, client.websocket_connect("/ws") as b:
        token, _ = join(a, room, "Ann")
        wrong = token[:-1] + ("y" if token.endswith("x") else "x")  # one character off, never the same
        assert send(b, type="hello", token=wrong)["type"] == "error"
        assert send(b, type="act", kind="answer", answer="accept")["message"] == "join the class first"
        reply = send(a, type="act", kind="answer", answer="accept", seat="dunmore")
        assert reply["type"] == "error" and "seat" in reply["message"]
        # Dunmore opens the tutorial; Kestra cannot propose in its place.
        reply = send(a, type="act", kind="propose", package=OFFER)
        assert reply["type"] == "error" and "turn" in reply["message"]
    assert room.tables[1].game.moves == room.tables[1].game.moves[:1] or all(
        m.actor != "kestra" for m in room.tables[1].game.moves
    )


def test_students_cannot_do_the_teachers_work(client: Client, room: Room) -> None:
    with client.websocket_connect("/ws") as a:
        join(a, room, "Ann")
        for do in ("pause", "end", "undo", "lock"):
            reply = send(a, type="teacher", do=do, table=1)
            assert reply == {"type": "error", "message": "only the teacher may do that"}
        assert send(a, type="hello", token="guess")["type"] == "error"
    assert not room.ended and not room.locked and not room.tables[1].paused
    assert client.get("/report.html", params={"token": "guess"}).status_code == 403


@pytest.mark.parametrize(
    "raw",
    [
        "not json",
        "[1, 2]",
        "{}",
        '{"type": "act", "kind": "propose", "package": []}',
        '{"type": "act", "kind": "fly"}',
        '{"type": "say", "to": "", "text": "\\ud800"}',
        '{"type": "teacher", "do": "extend", "minutes": NaN}',
        "[" * 5000 + "]" * 5000,
        json.dumps({"type": "say", "to": "", "text": "x" * (MAX_MESSAGE + 1)}),
        json.dumps({"type": "join", "code": "ABC", "name": "n" * 500}),
    ],
)
def test_malformed_and_oversized_messages_get_an_error_and_the_connection_carries_on(
    client: Client, room: Room, raw: str
) -> None:
    with client.websocket_connect("/ws") as a:
        a.send_text(raw)
        assert a.receive_json()["type"] == "error"
        _, state = join(a, room, "Ann")
        assert state["type"] == "seat"
        a.send_bytes(b"\x00\x01")
        assert a.receive_json()["type"] == "error"


def test_the_parser_names_what_is_wrong() -> None:
    with pytest.raises(ProtocolError, match="unknown field 'seat'"):
        parse('{"type": "act", "kind": "seal", "seat": "kestra"}')
    with pytest.raises(ProtocolError, match=r"your name is longer than 40 characters \(41\): shorten it"):
        parse(json.dumps({"type": "join", "code": "A", "name": "n" * 41}))


def test_private_messages_reach_only_their_delegation_and_the_teacher(client: Client, room: Room) -> None:
    room.tables[1].game.settings.controllers["ferrand"] = "human"  # a third seat to leave out
    with client.ws() as a, client.ws() as b, client.ws() as c, client.ws() as d, client.ws() as f, client.ws() as t:
        ann, _ = join(a, room, "Ann")  # table 1, Kestra
        join(b, room, "Ben")  # table 2, Kestra
        join(c, room, "Cy")  # table 1, Dunmore
        join(d, room, "Dan")  # table 2, Dunmore
        assert join(f, room, "Fay")[1]["seat"] == "ferrand"  # table 1: a third delegation
        send(t, type="hello", token=room.row.teacher_token)
        note = send(a, type="say", to="dunmore", text="Meet me after the sitting.")
        # The note comes on its own, to the sender, its delegation and the teacher: no seat's state is sent.
        assert note["type"] == "message" and note["message"]["private"] is True
        assert c.receive_json() == note
        assert t.receive_json() == note
        public = send(c, type="say", to="", text="Good morning, all.")  # sent after the note was told
        assert public["message"]["text"] == "Good morning, all."
        assert f.receive_json() == public  # the third delegation's next news: the public note, never the private one
        assert a.receive_json() == public and t.receive_json() == public
        send(t, type="teacher", do="announce", table=2, text="Table two, to your places.")
        for other in (b, d):  # table 2's next news: the teacher's announcement, in its seats' states
            told = other.receive_json()
            assert told["type"] == "seat" and [m["text"] for m in told["messages"]] == ["Table two, to your places."]
        # A page that connects again has every message it may read, and no other.
        with client.ws() as again:
            held = send(again, type="hello", token=ann)["messages"]
        assert [m["text"] for m in held] == ["Meet me after the sitting.", "Good morning, all."]
    assert [m["text"] for m in room.seat_state(1, "ferrand")["messages"]] == ["Good morning, all."]


def test_one_tables_failure_does_not_stop_the_others(client: Client, room: Room, monkeypatch: Any) -> None:
    broken = room.tables[1].table

    def fail(*args: object) -> None:
        raise RuntimeError("a fault in this table")

    monkeypatch.setattr(broken, "act", fail)
    with client.ws() as a, client.ws() as b, client.ws() as c:
        join(a, room, "Ann")  # table 1, Kestra
        join(b, room, "Ben")  # table 2, Kestra
        join(c, room, "Cy")  # table 1, Dunmore: it opens
        reply = send(c, type="act", kind="propose", package=OFFER)
        assert reply["type"] == "error" and "problem" in reply["message"]
        with client.websocket_connect("/ws") as d:
            join(d, room, "Di")  # table 2, Dunmore
            before = len(room.tables[2].game.moves)
            state = send(d, type="act", kind="propose", package=OFFER)
            assert state["type"] == "seat", state
    assert len(room.tables[2].game.moves) > before


def test_the_teacher_pauses_ends_and_gets_the_report(client: Client, room: Room) -> None:
    with client.websocket_connect("/ws") as a, client.websocket_connect("/ws") as t:
        join(a, room, "Ann")
        assert send(t, type="hello", token=room.row.teacher_token)["type"] == "dashboard"
        board = send(t, type="teacher", do="pause")
        assert all(table["paused"] for table in board["tables"])
        a.receive_json()
        send(t, type="teacher", do="takeover", table=1, seat="dunmore")
        a.receive_json()
        reply = send(a, type="act", kind="answer", answer="reject")
        assert reply["type"] == "error" and "paused" in reply["message"]
        send(t, type="teacher", do="resume")
        board = send(t, type="teacher", do="end")
        assert board["ended"] and board["report"]
    html = client.get("/report.html", params={"token": room.report_token})
    assert html.status_code == 200 and "Kestra" in html.text
    css = html.text.partition("<style>")[2].partition("</style>")[0]  # the page's own styles, and only they, apply
    allowed = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    policy = html.headers["content-security-policy"]
    assert css and f"style-src 'sha256-{allowed}'" in policy and "default-src 'none'" in policy
    csv = client.get("/report.csv", params={"token": room.report_token}).text
    assert csv.startswith("scenario,group") and "table-2" in csv


def test_nobody_is_told_of_a_move_before_it_is_on_disk(client: Client, room: Room, store: ClassStore) -> None:
    with client.ws() as a, client.ws() as b, client.ws() as c:
        join(a, room, "Ann")  # table 1, Kestra
        join(b, room, "Ben")  # table 2, Kestra
        join(c, room, "Cy")  # table 1, Dunmore: it opens
        blocker = sqlite3.connect(store.path, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")  # the disk is busy: the host's writer must wait
        c.send_text(json.dumps({"type": "act", "kind": "propose", "package": OFFER}))
        for seat in (a, c):
            with pytest.raises(TimeoutError):
                seat.connection.recv(timeout=0.3)
        blocker.execute("COMMIT")
        told = a.receive_json()
        assert c.receive_json()["moves"] == told["moves"]
        stored = blocker.execute("SELECT count(*) FROM moves WHERE class_id = ? AND table_no = 1", (room.row.id,))
        assert stored.fetchone()[0] == told["moves"] == len(room.tables[1].game.moves) > 0


def test_a_move_that_cannot_be_stored_is_refused_and_the_table_goes_back(
    client: Client, room: Room, store: ClassStore, monkeypatch: Any
) -> None:
    with client.ws() as a, client.ws() as b, client.ws() as c:
        join(a, room, "Ann")
        join(b, room, "Ben")
        _, before = join(c, room, "Cy")  # table 1, Dunmore
        fail_writes(store, monkeypatch, lambda sql: sql.startswith("INSERT INTO moves"), once=True)
        reply = send(c, type="act", kind="propose", package=OFFER)
        assert reply["type"] == "error" and "not taken" in reply["message"]
        assert len(room.tables[1].game.moves) == before["moves"]
        assert room.tables[1].journal.load()[1] == room.tables[1].game.moves
        assert send(c, type="act", kind="propose", package=OFFER)["moves"] > before["moves"]
    room.flush()
    assert room.tables[1].journal.load()[1] == room.tables[1].game.moves


def test_each_tables_transcript_holds_its_messages_for_the_teacher_only(client: Client, room: Room) -> None:
    with client.ws() as a, client.ws() as b, client.ws() as c, client.ws() as t:
        join(a, room, "Ann")  # table 1, Kestra
        join(b, room, "Ben")  # table 2, Kestra
        join(c, room, "Cy")  # table 1, Dunmore
        send(a, type="say", to="", text="Good morning, delegates.")
        send(a, type="say", to="dunmore", text="Meet us by the sluice.")
        send(b, type="say", to="", text="Table two speaking.")
        send(t, type="hello", token=room.row.teacher_token)
        assert send(t, type="teacher", do="end")["report"]
    assert client.get("/transcript/1.html", params={"token": "guess"}).status_code == 403
    first = client.get("/transcript/1.html", params={"token": room.report_token})
    assert first.status_code == 200
    assert "From Kestra delegation to the whole table (to be read by all)" in first.text
    assert "Good morning, delegates." in first.text
    assert "From Kestra delegation to Dunmore delegation (private)" in first.text
    assert "Meet us by the sluice." in first.text and "Table two speaking." not in first.text
    second = client.get("/transcript/2.html", params={"token": room.report_token}).text
    assert "Table two speaking." in second and "sluice" not in second
    assert (room.results is not None) and (room.results.folder / "table-1.html").read_text() == first.text


def test_a_message_that_cannot_be_stored_is_its_senders_error_and_reaches_nobody(
    client: Client, room: Room, store: ClassStore, monkeypatch: Any
) -> None:
    with client.ws() as a, client.ws() as b, client.ws() as c, client.ws() as t:
        join(a, room, "Ann")  # table 1, Kestra
        join(b, room, "Ben")  # table 2, Kestra
        join(c, room, "Cy")  # table 1, Dunmore
        send(t, type="hello", token=room.row.teacher_token)
        fail_writes(store, monkeypatch, lambda sql: sql.startswith("INSERT INTO messages"), once=True)
        reply = send(a, type="say", to="", text="LOST words")
        assert reply["type"] == "error" and "could not store your message" in reply["message"]
        assert room.messages == [] and store.messages(room.row.id) == []
        assert send(a, type="say", to="", text="KEPT words")["message"]["text"] == "KEPT words"
        told = c.receive_json()  # the table's next news is the stored message, never the lost one
        assert told["message"]["text"] == "KEPT words"
        assert t.receive_json()["message"]["text"] == "KEPT words"
        assert [m["text"] for m in room.seat_state(1, "dunmore")["messages"]] == ["KEPT words"]
    assert [m.text for m in store.messages(room.row.id)] == ["KEPT words"]


def test_a_join_that_cannot_be_stored_seats_nobody(
    client: Client, room: Room, store: ClassStore, monkeypatch: Any
) -> None:
    fail_writes(store, monkeypatch, lambda sql: sql.startswith("INSERT INTO members"))
    with client.ws() as a:
        reply = send(a, type="join", code=room.row.code, name="Ann")
        assert reply["type"] == "error" and "could not store joining" in reply["message"]
    assert room.members == {} and store.members(room.row.id) == []


def test_a_message_waiting_for_the_disk_holds_up_nobody_else_and_is_told_once_stored(
    client: Client, room: Room, store: ClassStore
) -> None:
    with client.ws() as a, client.ws() as b, client.ws() as c, client.ws() as d:
        join(a, room, "Ann")  # table 1, Kestra
        ben, _ = join(b, room, "Ben")  # table 2, Kestra
        join(c, room, "Cy")  # table 1, Dunmore
        blocker = sqlite3.connect(store.path, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")  # the disk is busy: the host's writer must wait
        a.send_text(json.dumps({"type": "say", "to": "", "text": "Held by the disk"}))
        # Ben's second device says hello while Ann's message waits: the server answers it meanwhile
        # (a message stored by blocking the server would hold this answer until the disk was free)
        assert send(d, type="hello", token=ben)["seat"] == "kestra"
        for seat in (a, c):  # nobody at Ann's table has heard of the message yet
            with pytest.raises(TimeoutError):
                seat.connection.recv(timeout=0.3)
        assert blocker.execute("SELECT count(*) FROM messages").fetchone()[0] == 0
        blocker.execute("COMMIT")
        assert a.receive_json()["message"]["text"] == "Held by the disk"
        assert c.receive_json()["message"]["text"] == "Held by the disk"
    assert [m.text for m in store.messages(room.row.id)] == ["Held by the disk"]


def test_the_reports_key_reads_the_report_and_cannot_act_as_the_teacher(client: Client, room: Room) -> None:
    with client.ws() as t, client.ws() as r:
        board = send(t, type="hello", token=room.row.teacher_token)
        send(t, type="teacher", do="end")
        key = board["report_key"]
        assert key == room.report_token and room.row.teacher_token not in key
        reply = send(r, type="hello", token=key)  # the report's address, projected, gives no dashboard
        assert reply["type"] == "error" and "dashboard" not in json.dumps(reply)
        assert send(r, type="teacher", do="unlock")["message"] == "only the teacher may do that"
        assert send(r, type="watch", token=key)["type"] == "error"
    for path in ("/report.html", "/report.csv", "/transcript/1.html"):
        assert client.get(path, params={"token": key}).status_code == 200
        assert client.get(path, params={"token": room.row.teacher_token}).status_code == 403, "no teacher's key in it"

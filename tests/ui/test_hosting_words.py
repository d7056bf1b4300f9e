"""The words of the window's hosting screen, without a window: the dashboard's lines read from the
browser dashboard's data (a table's messages, private ones marked), the teacher's actions checked as
the browser's are, and the setup's choices."""

from __future__ import annotations

from typing import Any

import pytest

from game.engine import load_scenario
from game.net.protocol import ProtocolError, TeacherAction
from game.net.running import HostRequest
from game.ui.hosting_actions import teacher_request
from game.ui.hosting_board import board_html, people_seats, students, table_detail_html, table_html, table_of
from game.ui.hosting_setup import ClassSetup

from .conftest import ROOT

TUTORIAL = ROOT / "scenarios" / "tutorial-negotiation.yaml"


def table(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "number": 2,
        "date": "1939-08-12",
        "waiting": ["Britain", "France"],
        "clock": 95.2,
        "paused": False,
        "last_move": "Britain: Propose talks",
        "outcome": "",
        "problem": "",
        "seats": [
            {"name": "Britain", "player": "human", "members": [{"id": "a", "name": "Ann <b>"}]},
            {"name": "France", "player": "human", "members": []},
            {"name": "Poland", "player": "disposition", "members": []},
        ],
    }
    return {**data, **changes}


def test_a_table_reads_as_the_teacher_needs_it() -> None:
    words = table_html(table())
    assert "Table 2" in words and "12 August 1939" in words and "Waiting for Britain, France" in words
    assert "1:36 left" in words and "Last move: Britain: Propose talks" in words
    assert "Britain: Ann &lt;b&gt;" in words  # a student's name is never markup
    dropped = {"name": "Italy", "player": "human", "members": [{"id": "b", "name": "Ben", "connected": False}]}
    marked = table_html(table(seats=[*table()["seats"], dropped]))
    assert "Italy: Ben <i>(disconnected)</i>" in marked and "Ann &lt;b&gt; <i>" not in marked  # only the dropped
    assert "France: <i>nobody yet</i>" in words and "Poland: <i>the computer</i>" in words
    paused = table_html(table(paused=True))
    assert "Paused — waiting for Britain" in paused and "clock stopped at 1:36" in paused
    assert "no clock" in table_html(table(clock=None))
    assert "Ended: The treaty" in table_html(table(outcome="The treaty"))


def test_the_board_says_whether_joining_is_open() -> None:
    open_board = board_html({"code": "ABC234", "locked": False, "ended": False, "tables": [table()]})
    assert "Joining is open with the code <b>ABC234</b>" in open_board and "Table 2" in open_board
    assert "Joining is closed." in board_html({"code": "ABC234", "locked": True, "tables": []})
    assert "The class has ended." in board_html({"code": "ABC234", "locked": True, "ended": True, "tables": []})


def test_the_setup_keeps_one_delegation_for_the_students_and_deals_classes_out() -> None:
    scenario = load_scenario(str(TUTORIAL))
    setup = ClassSetup.of(HostRequest(str(TUTORIAL)), scenario)
    assert setup.people == ("kestra", "dunmore", "ferrand") and setup.table_count == 1
    assert setup.toggle_computer("ferrand") and setup.toggle_computer("dunmore")
    assert not setup.toggle_computer("kestra") and setup.people == ("kestra",)
    while not setup.students:
        setup.next_tables()
    assert (setup.students, setup.table_count) == (10, 10)
    asked = setup.request(HostRequest(str(TUTORIAL), port=9000, local=True, name="monday"))
    assert asked.options.tables == 10 and asked.options.people == ("kestra",)
    assert (asked.port, asked.local, asked.name) == (9000, True, "monday")
    assert "--people" in setup.tip("seat_kestra") and "--minutes" in setup.tip("minutes")


def test_a_tables_detail_shows_every_message_marked() -> None:
    said = [
        {"to": "", "from_name": "Britain", "to_name": "the whole table", "text": "We propose talks", "private": False},
        {"to": "france", "from_name": "Britain", "to_name": "France", "text": "Just <us>", "private": True},
        {"to": "*class", "from_name": "The teacher", "to_name": "everyone", "text": "Ten minutes", "private": False},
    ]
    words = table_detail_html(table(messages=said))
    assert "Table 2" in words and "Last move: Britain: Propose talks" in words and "France: <i>nobody yet</i>" in words
    assert "<b>Messages</b> (3, the latest first, private ones marked)" in words
    assert words.index("Ten minutes") < words.index("Just &lt;us&gt;") < words.index("We propose talks")
    assert "<b>Britain to the whole table</b>: We propose talks" in words  # public: no mark
    assert "<b>Britain to France</b> <i>(private)</i>: Just &lt;us&gt;" in words
    assert "<b>The teacher to everyone</b> <i>(announcement)</i>: Ten minutes" in words
    assert "none yet" in table_detail_html(table())


def test_the_table_page_offers_the_seats_students_play_and_the_students_seated() -> None:
    data = table()
    assert people_seats(data) == [("", "Britain"), ("", "France")]  # not Poland, which the computer plays
    assert students(data) == [("a", "Ann <b>", "Britain")]
    assert table_of({"tables": [data]}, 2) is data and table_of({"tables": [data]}, 1) is None


def test_the_windows_teacher_actions_are_checked_as_the_browsers() -> None:
    assert teacher_request("announce", text="  Ten minutes\x07 ") == TeacherAction("announce", text="Ten minutes")
    with pytest.raises(ProtocolError, match="longer than 2000"):
        teacher_request("announce", text="x" * 2001)
    with pytest.raises(ProtocolError, match="'minutes' should be a whole number"):
        teacher_request("extend", table=1, minutes=500)
    with pytest.raises(ProtocolError, match="'do' is one of"):
        teacher_request("cheat")

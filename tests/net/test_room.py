"""A hosted class kept in SQLite: a restarted host resumes every table, the teacher's undo stops at
a sealed reveal, and ``forget`` removes names."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from game.classroom.settings import ClassroomSettings
from game.cli import main
from game.engine import Game
from game.engine.bargain import appraise
from game.engine.jsonread import JSONValue
from game.engine.loader import load_scenario
from game.engine.model import Scenario
from game.engine.table import Action
from game.engine.views import view
from game.engine.wording import long_date
from game.net import package_worth
from game.net.endings import ENDS, MAY_END, ending_moves, reach
from game.net.nettable import TableError
from game.net.protocol import Act, Say, TeacherAction, parse
from game.net.room import ClassOptions, Room, RoomError, public_id
from game.net.store import ClassStore

from .conftest import TUTORIAL, fail_writes

OFFER = {"summer_flow": "half", "weir_crest": "middle", "gate_keys": "joint_board"}


def play_to_the_night(room: Room) -> None:
    """Table 1: Dunmore proposes, both answer, until the sealed letters at night."""
    table = room.tables[1]
    for _ in range(10):
        if table.game.node is not None and table.game.node.kind == "sealed":
            return
        seat = table.table.waiting_for()[0]
        kind = table.table.view(seat).turn
        assert kind is not None
        action = Action("propose", package=OFFER) if kind.kind == "propose" else Action("answer", answer="reject")
        table.act(seat, action)
    raise AssertionError("the night letters never came")


def test_a_restarted_host_resumes_every_table_and_every_seat(room: Room, store: ClassStore) -> None:
    members = [room.join(room.row.code, name) for name in ("A", "B", "C")]
    play_to_the_night(room)
    room.say(members[0], Say("dunmore", "a private word"))
    room.teacher(TeacherAction("takeover", table=2, seat="dunmore"))
    room.flush()
    again = Room.resume(ClassStore(store.path), room.row.id)
    for number in (1, 2):
        assert again.tables[number].game.moves == room.tables[number].game.moves
        assert again.tables[number].game.state.node == room.tables[number].game.state.node
    assert again.tables[2].game.controller("dunmore") == "disposition"
    assert again.member(members[2].token) == members[2]
    assert again.messages == room.messages
    assert again.row.code == room.row.code


def test_the_teachers_undo_never_goes_past_a_sealed_reveal(room: Room) -> None:
    play_to_the_night(room)
    table = room.tables[1]
    table.act("kestra", Action("seal", choice=1))
    table.act("dunmore", Action("seal", choice=1))
    assert table.game.node is not None and table.game.node.kind != "sealed"
    revealed = len(table.game.moves)
    with pytest.raises(TableError, match="sealed reveal"):
        room.teacher(TeacherAction("undo", table=1))
    assert len(table.game.moves) == revealed


def test_the_teachers_undo_takes_back_the_last_persons_move_in_the_store_too(room: Room) -> None:
    table = room.tables[1]
    start = len(table.game.moves)
    table.act("dunmore", Action("propose", package=OFFER))
    room.teacher(TeacherAction("undo", table=1))
    assert len(table.game.moves) == start
    assert table.journal.load()[1] == table.game.moves
    assert table.table.waiting_for() == ("dunmore",)


def test_the_teachers_undo_tells_that_tables_students_what_was_taken_back(room: Room) -> None:
    room.tables[1].act("dunmore", Action("propose", package=OFFER))
    room.teacher(TeacherAction("undo", table=1))
    told = [m for m in room.seat_state(1, "kestra")["messages"] if isinstance(m, dict) and m["from"] == "*teacher"]
    assert [m["text"] for m in told] == [
        "The teacher took back the last move: Dunmore delegation proposes: Summer flow for Dunmore: Half the flow;"
        " Height of the weir: Middle; Keys to the gates: A joint board of both states. It is to be made again."
    ]
    assert told == [
        m for m in room.seat_state(1, "dunmore")["messages"] if isinstance(m, dict) and m["from"] == "*teacher"
    ]
    assert not any(isinstance(m, dict) and m["from"] == "*teacher" for m in room.seat_state(2, "kestra")["messages"])


def test_joining_is_refused_with_a_wrong_code_when_locked_and_when_ended(room: Room) -> None:
    with pytest.raises(RoomError, match="join code"):
        room.join("WRONG1", "A")
    room.teacher(TeacherAction("lock"))
    with pytest.raises(RoomError, match="closed joining"):
        room.join(room.row.code, "A")
    room.teacher(TeacherAction("unlock"))
    room.join(room.row.code, "A")


def test_forget_deletes_names_and_messages(room: Room, store: ClassStore) -> None:
    member = room.join(room.row.code, "Ann Example")
    room.say(member, Say("", "hello table"))
    assert store.forget(room.row.id)
    assert store.messages(room.row.id) == []
    assert all(m.name == "" for m in store.members(room.row.id))
    assert not store.forget("no-such-class")


def test_paused_tables_and_locked_joining_outlast_a_restart(room: Room, store: ClassStore) -> None:
    member = room.join(room.row.code, "A")  # table 1, Kestra
    room.teacher(TeacherAction("pause", table=1))
    room.teacher(TeacherAction("lock"))
    again = Room.resume(ClassStore(store.path), room.row.id)
    assert again.tables[1].paused and not again.tables[2].paused
    board = again.dashboard()["tables"]
    assert isinstance(board, list) and [t["paused"] for t in board if isinstance(t, dict)] == [True, False]
    assert again.seat_state(1, "kestra")["paused"] is True
    with pytest.raises(TableError, match="paused"):
        again.act(again.members[member.token], Act("answer", answer="reject"))
    with pytest.raises(RoomError, match="closed joining"):
        again.join(again.row.code, "B")
    again.teacher(TeacherAction("resume"))
    again.teacher(TeacherAction("unlock"))
    third = Room.resume(ClassStore(store.path), room.row.id)
    assert not any(t.paused for t in third.tables.values()) and not third.locked
    third.join(third.row.code, "B")


def test_a_teachers_action_that_cannot_be_stored_is_refused_and_taken_back(
    room: Room, store: ClassStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    ann = room.join(room.row.code, "A")  # table 1, Kestra
    real_submit = store.submit
    fail_writes(store, monkeypatch, lambda sql: not sql.startswith("INSERT INTO moves"))
    for action in (
        TeacherAction("pause", table=1),
        TeacherAction("lock"),
        TeacherAction("takeover", table=1, seat="kestra"),
        TeacherAction("remove", member=public_id(ann.token)),
        TeacherAction("announce", text="lost"),
        TeacherAction("end"),
    ):
        with pytest.raises(RoomError, match="could not store"):
            room.teacher(action)
    assert not room.tables[1].paused and not room.locked and not room.ended
    assert room.tables[1].game.controller("kestra") == "human"
    assert room.member(ann.token) == ann and room.messages == []
    monkeypatch.setattr(store, "submit", real_submit)
    again = Room.resume(ClassStore(store.path), room.row.id)
    assert not again.tables[1].paused and not again.locked and not again.ended
    assert again.tables[1].game.controller("kestra") == "human" and again.member(ann.token) == ann


def test_forget_also_takes_the_messages_out_of_the_written_results(
    room: Room, capsys: pytest.CaptureFixture[str]
) -> None:
    member = room.join(room.row.code, "Ann Example")
    room.say(member, Say("dunmore", "a private word"))
    room.end()
    assert room.results is not None
    folder = room.results.folder
    assert "a private word" in (folder / "table-1.json").read_text()
    assert "Ann Example" in (folder / "table-1.html").read_text(), "the transcript names who played"
    room.flush()
    assert main(["forget", room.row.id]) == 0
    assert "Deleted" in capsys.readouterr().out
    assert "a private word" not in (folder / "table-1.json").read_text()
    assert "Ann Example" not in (folder / "table-1.json").read_text()
    assert not list(folder.glob("table-*.html")) and (folder / "report.html").exists()


def last_move(room: Room, number: int) -> str:
    tables = room.dashboard()["tables"]
    assert isinstance(tables, list)
    summary = tables[number - 1]
    assert isinstance(summary, dict)
    return str(summary["last_move"])


def test_the_dashboard_tells_the_last_move_in_players_words(room: Room) -> None:
    table = room.tables[1]
    table.act("dunmore", Action("propose", package=OFFER))
    assert last_move(room, 1) == "Ferrand River Commission rejects the offer"  # the computer answered at once
    play_to_the_night(room)
    table.act("kestra", Action("seal", choice=1))
    assert last_move(room, 1) == "Kestra delegation has chosen"  # what it chose stays sealed
    words = [last_move(room, 1)]
    for _ in range(12):
        waiting = table.table.waiting_for()
        if not waiting:
            break
        turn = table.table.view(waiting[0]).turn
        assert turn is not None
        if turn.kind == "propose":
            table.act(waiting[0], Action("propose", package=OFFER))
        else:
            table.act(waiting[0], Action(turn.kind, choice=1, answer="reject"))
        words.append(last_move(room, 1))
    offers = [w for w in words if w.startswith("Ferrand River Commission proposes: ")]
    assert offers and "Summer flow for Dunmore: " in offers[0] and "Keys to the gates: " in offers[0], words
    nodes = room.scenario.nodes.values()
    steps = {c.id for n in nodes for c in n.choices} | {c.id for n in nodes for seat in n.sealed for c in seat.choices}
    assert "keep_flowing" in steps
    assert not any(raw in w for w in words for raw in [*steps, *OFFER, *OFFER.values()] if "_" in raw), words


def test_a_class_ended_mid_game_gives_every_seat_its_tables_debrief_so_far(room: Room) -> None:
    room.join(room.row.code, "A")
    before = room.seat_state(1, "kestra")
    assert before["stopped"] is None and not before["ended"]
    room.teacher(TeacherAction("end"))
    shown = room.seat_state(1, "kestra")
    assert shown["ended"] and not shown["view"]["ended"]  # the game itself went no further
    stopped = shown["stopped"]
    assert set(stopped["scores"]) == {"kestra", "dunmore", "ferrand"}
    assert stopped["date"] and "the class ended" in stopped["outcome_title"].lower()


def test_the_dashboard_marks_empty_seats_and_the_computer_takes_them_at_one_table_or_all(room: Room) -> None:
    room.join(room.row.code, "A")  # table 1, Kestra; nobody else has joined
    tables = room.dashboard()["tables"]
    assert tables[0]["empty"] == ["dunmore"] and tables[1]["empty"] == ["kestra", "dunmore"]
    waiting = [w for t in tables for w in t["waiting"]]
    assert waiting and all(w.endswith("(no one seated)") for w in waiting if not w.startswith("Kestra"))
    assert "Dunmore delegation (no one seated)" in waiting
    room.teacher(TeacherAction("fill", table=1))
    assert room.tables[1].game.controller("dunmore") == "disposition"
    assert room.tables[1].game.controller("kestra") == "human"  # a student holds it
    assert room.tables[2].game.controller("kestra") == "human"  # another table is left alone
    room.teacher(TeacherAction("fill"))
    assert room.tables[2].table.seats == () and room.tables[1].table.seats == ("kestra",)
    assert all(not t["empty"] for t in room.dashboard()["tables"])


def test_the_protocol_takes_the_fill_action() -> None:
    request = parse(json.dumps({"type": "teacher", "do": "fill", "table": 2}))
    assert request == TeacherAction("fill", table=2)


def test_every_seat_gets_the_issues_titles_whether_or_not_a_negotiation_is_open(room: Room) -> None:
    shown = room.seat_state(1, "kestra")
    issues = {i["id"]: i for i in shown["issues"]}
    assert set(shown["view"]["values"]) <= set(issues)
    assert issues["summer_flow"]["title"] == "Summer flow for Dunmore"
    assert ["half", "Half the flow"] in issues["summer_flow"]["options"]


def test_seats_and_the_dashboard_read_dates_in_words_and_log_lines_that_say_who(room: Room) -> None:
    play_to_the_night(room)
    table = room.tables[1]
    table.act("kestra", Action("seal", choice=1))
    table.act("dunmore", Action("seal", choice=1))
    shown = room.seat_state(1, "kestra")["view"]
    assert shown["date"] == long_date(table.game.date) and "-" not in shown["date"]
    assert all(not line["date"][:4].isdigit() for line in shown["log"])
    decisions = [line["title"] for line in shown["log"] if line["kind"] == "decision"]
    assert decisions and all(title.split(":")[0] in NAMES for title in decisions), decisions
    offers = [line["title"] for line in shown["log"] if line["kind"] == "offer"]
    assert offers and all(any(name in title for name in NAMES) for title in offers)
    assert room.dashboard()["tables"][0]["date"] == long_date(table.game.date)


NAMES = ("Kestra delegation", "Dunmore delegation", "Ferrand River Commission")


def test_a_seat_about_to_propose_gets_its_packages_worth_and_starts_on_its_best(room: Room) -> None:
    table = room.tables[1]
    seat = table.table.waiting_for()[0]
    assert table.table.view(seat).turn is not None and table.table.view(seat).turn.kind == "propose"
    help = room.seat_state(1, seat)["package"]
    worths = help["worths"]
    assert len(worths) == 4 * 3 * 3 and help["walk_away"] == table.table.view(seat).walk_away
    issues = table.game.node.negotiation.issues
    best = "|".join(help["best"][i] for i in issues)
    assert worths[best] == max(worths.values()) > min(worths.values())
    actor = table.game.scenario.actors[seat]  # each listed worth is the seat's own appraisal, bonuses too
    for key, worth in worths.items():
        package = dict(zip(issues, key.split("|"), strict=True))
        assert worth == appraise(table.game.scenario, actor, package, table.game.state.values).total
    other = next(a for a in ("kestra", "dunmore") if a != seat)
    assert room.seat_state(1, other)["package"] is None  # not its move at the table


def test_moves_that_end_the_game_or_may_are_marked_from_where_they_lead() -> None:
    moscow = load_scenario(str(Path(TUTORIAL).parent / "moscow-1939.yaml"))

    def marks(scenario: Scenario, start: str, seat: str) -> JSONValue:
        game = Game.new(scenario, seed=1, controllers=dict.fromkeys(scenario.actors, "human"), start=start)
        return ending_moves(game, view(game, seat))["choices"]

    assert marks(moscow, "kremlin_signs", "kremlin") == {"sign_convention": ENDS, "stall": ENDS}
    assert marks(moscow, "adjournment", "ussr") == {}  # adjourning or sitting on ends nothing
    assert marks(moscow, "answer_offer", "london") == {"recall_mission": ENDS}  # its condition is London's own
    assert marks(moscow, "answer_offer", "paris") == {}
    tutorial = load_scenario(TUTORIAL)
    assert marks(tutorial, "night_letters", "kestra") == {"close_gates": MAY_END}
    assert marks(tutorial, "night_letters", "dunmore") == {}  # cabling home averts the crisis
    assert reach(tutorial, "no_accord") == ENDS and reach(tutorial, "night_letters") == ""


def test_a_seat_is_told_which_of_its_moves_end_the_game(room: Room) -> None:
    play_to_the_night(room)
    assert room.seat_state(1, "kestra")["endings"] == {"choices": {"close_gates": MAY_END}, "walk": ""}


def test_too_many_packages_to_list_leave_the_form_each_issues_best_option(
    room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(package_worth, "MAX_LISTED", 1)
    table = room.tables[1]
    seat = table.table.waiting_for()[0]
    help = package_worth.package_worths(table.game, seat)
    assert help is not None and help["worths"] == {}
    values = table.table.view(seat).values
    assert help["best"] == {issue: max(points, key=points.__getitem__) for issue, points in values.items()}


def test_a_seat_the_computer_took_over_late_is_reported_as_played_by_both(room: Room) -> None:
    for name in ("Ana", "Ben", "Cara"):  # table 1 Kestra, table 2 Kestra, table 1 Dunmore
        room.join(room.row.code, name)
    play_to_the_night(room)
    room.teacher(TeacherAction("takeover", table=1, seat="dunmore"))
    room.end()
    assert room.results is not None
    rows = list(csv.DictReader(io.StringIO(room.results.csv)))
    played = {(r["group"], r["role"]): r["played_by"] for r in rows}
    assert played[("table-1", "dunmore")] == "both" and played[("table-1", "kestra")] == "students"
    assert "Cara (" in room.results.transcripts[1] and "then the computer (1)" in room.results.transcripts[1]


def test_a_seat_handed_to_the_computer_says_so_everywhere_and_can_be_given_back(room: Room, store: ClassStore) -> None:
    room.join(room.row.code, "Cara")  # table 1, Kestra
    assert room.seat_state(1, "kestra")["computer"] is False
    room.teacher(TeacherAction("takeover", table=1, seat="kestra"))
    assert room.seat_state(1, "kestra")["computer"] is True
    seats = {s["id"]: s for s in room.dashboard()["tables"][0]["seats"]}
    assert seats["kestra"]["player"] != "human" and seats["kestra"]["students"]
    assert [m["name"] for m in seats["kestra"]["members"]] == ["Cara"]
    assert not seats["ferrand"]["students"], "the computer's own seat has nothing to give back"
    with pytest.raises(RoomError, match="no student's seat"):
        room.teacher(TeacherAction("giveback", table=1, seat="ferrand"))
    with pytest.raises(TableError, match="not playing"):
        room.teacher(TeacherAction("giveback", table=1, seat="dunmore"))
    room.teacher(TeacherAction("giveback", table=1, seat="kestra"))
    assert room.tables[1].game.controller("kestra") == "human"
    assert room.seat_state(1, "kestra")["computer"] is False
    assert Room.resume(ClassStore(store.path), room.row.id).tables[1].game.controller("kestra") == "human"
    assert parse(json.dumps({"type": "teacher", "do": "giveback", "table": 1, "seat": "kestra"}))


def test_a_finished_tables_result_stands_against_the_teachers_steering(room: Room) -> None:
    """A play-tester's undo on a finished game took back three moves, reopened it mid-debrief and told
    one student: an ended game is not paused, undone or handed over; the class's pause skips it."""
    room.teacher(TeacherAction("fill", table=1))  # the computer plays every seat of table 1 to its end
    table = room.tables[1]
    assert table.game.ended
    moves = len(table.game.moves)
    for do in ("undo", "pause", "takeover"):
        with pytest.raises(RoomError, match="the game at table 1 has ended: its result stands"):
            room.teacher(TeacherAction(do, table=1, seat="kestra"))
    room.teacher(TeacherAction("pause"))  # every table: the one still playing
    assert not table.paused and room.tables[2].paused
    assert table.game.ended and len(table.game.moves) == moves


def test_messages_close_with_the_class(room: Room) -> None:
    member = room.join(room.row.code, "Ann")
    room.teacher(TeacherAction("end"))
    with pytest.raises(RoomError, match="the class has ended, and its messages with it"):
        room.say(member, Say("", "one more thing"))
    assert room.messages == []


def connected(room: Room) -> dict[str, bool]:
    """Each student on the dashboard, by name: whether a page of theirs is connected."""
    tables = room.dashboard()["tables"]
    assert isinstance(tables, list)
    shown: dict[str, bool] = {}
    for table in tables:
        assert isinstance(table, dict) and isinstance(table["seats"], list)
        for seat in table["seats"]:
            assert isinstance(seat, dict) and isinstance(seat["members"], list)
            shown.update((str(m["name"]), m["connected"] is True) for m in seat["members"] if isinstance(m, dict))
    return shown


def test_the_dashboard_says_which_students_are_connected_and_who_has_dropped(room: Room) -> None:
    ann, _, cy = (room.join(room.row.code, name) for name in ("Ann", "Ben", "Cy"))  # Ben: table 2, never connected
    assert connected(room) == {"Ann": False, "Ben": False, "Cy": False}  # joined, no page open yet
    for token in (ann.token, ann.token, cy.token):  # Ann on her phone and her laptop
        room.arrive(token)
    assert connected(room) == {"Ann": True, "Ben": False, "Cy": True}
    room.leave(ann.token)  # her laptop's lid closes: the phone still holds the seat
    room.leave(cy.token)
    assert connected(room) == {"Ann": True, "Ben": False, "Cy": False}
    room.leave(ann.token)
    assert connected(room) == {"Ann": False, "Ben": False, "Cy": False}
    room.arrive(cy.token)  # back
    assert connected(room) == {"Ann": False, "Ben": False, "Cy": True}


def test_a_45_second_clock_is_kept_in_the_save_and_through_a_restart(store: ClassStore) -> None:
    """The lesson plans' short clocks: 0.75 minutes is a 45-second turn, stored as such in each table's
    save (for transcripts and reports) and still 45 seconds once the host has restarted."""
    room = Room.create(store, TUTORIAL, ClassOptions(1, ("kestra", "dunmore"), minutes=0.75), "short-clock")
    table = room.tables[1]
    assert ClassroomSettings.of(table.game).time_limit == 45
    assert table.clock.left() == pytest.approx(45.0)
    room.flush()
    again = Room.resume(ClassStore(store.path), room.row.id)
    assert again.options.minutes == 0.75 and again.tables[1].clock.left() == pytest.approx(45.0)


def test_the_first_students_sit_at_the_table_before_the_governments(store: ClassStore) -> None:
    """With few students in the Moscow talks, they take the delegations that negotiate (where the
    Soviet offer is put and answered), not the Kremlin and the Soviet delegation by the file's order."""
    flagship = str(Path(TUTORIAL).parent / "moscow-1939.yaml")
    room = Room.create(store, flagship, ClassOptions(1), "few-students")
    seats = [room.join(room.row.code, name).seat for name in ("Ann", "Ben", "Cy", "Di")]
    assert seats == ["ussr", "britain", "france", "kremlin"]

"""The teacher's dashboard in the window, on two pages so that it stays readable at 1024×600 with
Projector text: every table (the class's controls, an announcement to every table, every table in
a line or two) and one table in detail (its pause, clock, undo, a seat to hand to the computer, a
student to remove, and every message of the table). The words come from ``hosting_board``, read
from the data the browser's dashboard is sent; every action goes through the same protocol."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

import pygame

from ...engine.jsonread import JSONObject
from ...net.room import Room
from ..hosting_actions import ANNOUNCEMENT_LIMIT, EXTEND_MINUTES
from ..hosting_board import (
    board_html,
    paused_tables,
    people_seats,
    students,
    table_detail_html,
    table_numbers,
    table_of,
)
from ..layout import button_width
from ..scenes.base import Scene
from ..story import esc
from .buttons import GridItem, Item, button_grid, button_row

CLASS_PAGE, TABLE_PAGE = "class", "table"


@dataclass(frozen=True)
class Picked:
    """What the dashboard is showing: its page, the table of the table page, and which seat and
    which student of that table the takeover and remove buttons act on (indexes, kept in range)."""

    page: str = CLASS_PAGE
    table: int = 1
    seat: int = 0
    student: int = 0
    announcement: str = ""  # typed, not yet sent


def board_text(board: JSONObject | None, room: Room | None) -> str:
    """The dashboard's words, with the report's place once the class has ended."""
    words = board_html(board) if board is not None else "Reading the tables…"
    if room is not None and room.results is not None:
        place = esc(str(room.results.folder / "report.html"))
        words = f"<b>The class report is ready:</b> {place}<br>" + words
    return words


def page_text(board: JSONObject | None, room: Room | None, picked: Picked) -> str:
    """The words of the page shown: every table, or one table with its messages."""
    if picked.page == CLASS_PAGE:
        return board_text(board, room)
    table = table_of(board, picked.table)
    return table_detail_html(table) if table is not None else "Reading the tables…"


def controls_key(board: JSONObject | None, picked: Picked) -> Hashable:
    """What the page's buttons are made from: when it changes the page is built again, else only
    its words are replaced (so typing in the announcement is never interrupted by a look)."""
    board = board or {}
    table = table_of(board, picked.table) or {}
    seats = tuple(people_seats(table)) if picked.page == TABLE_PAGE else ()
    seated = tuple(students(table)) if picked.page == TABLE_PAGE else ()
    clocked = table.get("clock") is not None
    return (table_numbers(board), tuple(sorted(paused_tables(board))), board.get("locked"), seats, seated, clocked)


def build_dashboard(
    scene: Scene, area: pygame.Rect, room: Room, board: JSONObject | None, picked: Picked, words: str
) -> None:
    if picked.page == CLASS_PAGE:
        _class_page(scene, area, room, picked, words)
    else:
        _table_page(scene, area, room, table_of(board, picked.table), picked, words)


def _class_page(scene: Scene, area: pygame.Rect, room: Room, picked: Picked, words: str) -> None:
    """The class's controls, the announcement, then every table."""
    sp = scene.sp
    every_paused = all(t.paused for t in room.tables.values())
    items: list[Item] = [
        ("view", "Projector view", "", "Back to what the room may see: how to join and who sits where."),
        (
            "page",
            "One table in detail",
            "",
            "One table's messages (private ones too), its clock, undo, and handing a seat to the computer "
            "or removing a student.",
        ),
        (
            "pause_all",
            "Resume every table" if every_paused else "Pause every table",
            "",
            "Stop (or restart) every table and its clock; students see that their table is paused.",
        ),
        (
            "lock",
            "Open joining" if room.locked else "Lock joining",
            "",
            "No one else may join while joining is locked; those seated keep their seats.",
        ),
    ]
    if room.ended:
        items.append(("report", "Open the report", "@primary", "The class report, in the browser."))
    else:
        items.append(("end", "End the class…", "", "End every table and write the class report (asks first)."))
    items += [
        ("browser", "Dashboard in the browser", "", "The same dashboard on another device."),
        ("stop", "Stop hosting", "@primary" if not room.ended else "", "Stop serving the class."),
    ]
    top = button_row(scene, pygame.Rect(area.x, area.y, area.w, sp.button_h), items) + sp.gap
    send = "Announce to every table"
    send_w = min(area.w // 2, button_width(send, sp))
    entry = scene.add_entry(
        "announcement",
        pygame.Rect(area.x, top, area.w - send_w - sp.gap, sp.button_h),
        picked.announcement,
        "An announcement to every table",
    )
    entry.set_text_length_limit(ANNOUNCEMENT_LIMIT)
    scene.add_button(
        "announce",
        pygame.Rect(area.right - send_w, top, send_w, sp.button_h),
        send,
        tooltip="Every student's page shows it among their table's messages, marked as the teacher's.",
    )
    top += sp.button_h + sp.gap
    if room.ended:  # nothing left to pause, lock or announce
        for key in ("pause_all", "lock", "announcement", "announce"):
            scene.buttons[key].disable()
            scene.order.remove(key)
    scene.add_text("board", pygame.Rect(area.x, top, area.w, area.bottom - top), words, "@plain")


def _table_page(
    scene: Scene, area: pygame.Rect, room: Room, table: JSONObject | None, picked: Picked, words: str
) -> None:
    """One table: its controls, then its state and every message."""
    sp = scene.sp
    number = picked.table
    paused = table is not None and table.get("paused") is True
    items: list[Item] = [
        ("view", "Projector view", "", "Back to what the room may see: how to join and who sits where."),
        ("page", "Every table", "", "Back to every table, the class's controls and the announcement."),
        ("table", f"Table {number} of {len(room.tables)}", "", "Show the next table in detail."),
        ("stop", "Stop hosting", "", "Stop serving the class."),
    ]
    top = button_row(scene, pygame.Rect(area.x, area.y, area.w, sp.button_h), items) + sp.gap
    actions: list[Item] = [
        (
            "pause_table",
            f"{'Resume' if paused else 'Pause'} table {number}",
            "",
            "Stop (or restart) this table and its clock only.",
        ),
        ("extend", f"+{EXTEND_MINUTES} minutes", "", "More time for this turn at this table (with a clock only)."),
        (
            "undo",
            "Undo the last move",
            "",
            "Take back the last move a student made here (and the computer's replies); never past a sealed reveal.",
        ),
    ]
    top = button_row(scene, pygame.Rect(area.x, top, area.w, sp.button_h), actions) + sp.gap
    seats = people_seats(table) if table is not None else []
    seated = students(table) if table is not None else []
    pairs: list[GridItem] = []
    if seats:
        _, seat_name = seats[picked.seat % len(seats)]
        pairs += [
            (
                "seat",
                f"Seat: {seat_name}",
                "The delegation the next button hands to the computer; click for the next one.",
                True,
            ),
            (
                "takeover",
                f"Computer plays {seat_name}…",
                "When its students have left: the computer plays it from now on (asks first).",
                True,
            ),
        ]
    else:
        pairs += [
            ("seat", "Students play no seat here", "The computer plays every delegation at this table.", False),
            ("takeover", "Computer plays it…", "", False),
        ]
    if seated:
        _, name, where = seated[picked.student % len(seated)]
        pairs += [
            (
                "student",
                f"Student: {name} ({where})",
                "The student the next button removes; click for the next one.",
                True,
            ),
            ("remove", f"Remove {name}…", "Their page closes and their key no longer opens a seat (asks first).", True),
        ]
    else:
        pairs += [
            ("student", "No student here yet", "", False),
            ("remove", "Remove…", "", False),
        ]
    top = button_grid(scene, area.x, top, area.w, pairs) + sp.gap
    closed = room.ended or table is None
    off = {"pause_table", "extend", "undo", "takeover", "remove"} if closed else set()
    if table is not None and table.get("clock") is None:
        off.add("extend")  # no clock at this table: nothing to extend
    for key in off:
        if key in scene.order:
            scene.buttons[key].disable()
            scene.order.remove(key)
    scene.add_text("board", pygame.Rect(area.x, top, area.w, max(sp.line, area.bottom - top)), words, "@plain")

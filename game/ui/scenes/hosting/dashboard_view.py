"""The teacher's dashboard in the window: the class's controls above, every table below, in the
words of ``hosting_board`` (read from the data the browser's dashboard is sent)."""

from __future__ import annotations

import pygame

from ....engine.jsonread import JSONObject
from ....net.room import Room
from ...hosting_board import board_html
from ...story import esc
from ..base import Scene
from .buttons import Item, button_row


def board_text(board: JSONObject | None, room: Room | None) -> str:
    """The dashboard's words, with the report's place once the class has ended."""
    words = board_html(board) if board is not None else "Reading the tables…"
    if room is not None and room.results is not None:
        place = esc(str(room.results.folder / "report.html"))
        words = f"<b>The class report is ready:</b> {place}<br>" + words
    return words


def build_dashboard(scene: Scene, area: pygame.Rect, room: Room, table: int, words: str) -> None:
    """The controls (one-table ones act on ``table``), then the board's ``words``."""
    sp = scene.sp
    numbers = sorted(room.tables)
    every_paused = all(t.paused for t in room.tables.values())
    one_paused = room.tables[table].paused
    items: list[Item] = [
        ("view", "Projector view", "", "Back to what the room may see: how to join and who sits where."),
        (
            "pause_all",
            "Resume every table" if every_paused else "Pause every table",
            "",
            "Stop (or restart) every table and its clock; students see that their table is paused.",
        ),
        ("table", f"Table {table} of {len(numbers)}", "", "Choose the table the next button acts on."),
        (
            "pause_table",
            f"{'Resume' if one_paused else 'Pause'} table {table}",
            "",
            "Stop (or restart) this table and its clock only.",
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
        ("browser", "Dashboard in the browser", "", "The same dashboard on another device, with messages."),
        ("stop", "Stop hosting", "@primary" if not room.ended else "", "Stop serving the class."),
    ]
    top = button_row(scene, pygame.Rect(area.x, area.y, area.w, sp.button_h), items) + sp.gap
    if room.ended:  # nothing left to pause or lock
        for key in ("pause_all", "table", "pause_table", "lock"):
            scene.buttons[key].disable()
            scene.order.remove(key)
    scene.add_text("board", pygame.Rect(area.x, top, area.w, area.bottom - top), words, "@plain")

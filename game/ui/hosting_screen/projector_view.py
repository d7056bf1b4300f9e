"""The projector's view, for the whole room: how to join, large (address, QR code, join code), and
who has joined where. Nothing private, and never the teacher's key."""

from __future__ import annotations

import pygame

from ...net.room import Room
from ...net.running import BackgroundServer
from ..scenes.base import Scene
from ..story import esc
from ..widgets import draw
from ..widgets.qr import qr_surface
from .buttons import button_row

Seating = tuple[tuple[int, str, str], ...]  # (table, delegation, name) for every student present


def seating(room: Room) -> Seating:
    """Who sits where now."""
    present = [m for m in list(room.members.values()) if not m.removed]
    return tuple((m.table_no, m.seat, m.name) for m in present)


def seating_html(room: Room, seen: Seating) -> str:
    """Each table's delegations played by people, with the students seated there."""
    lines = []
    for number, table in sorted(room.tables.items()):
        seats = []
        for actor in room.scenario.actors.values():
            if actor.id not in table.table.seats:
                continue
            names = [name for n, seat, name in seen if (n, seat) == (number, actor.id)]
            seats.append(f"{esc(actor.name)}: {esc(', '.join(names)) if names else '<i>nobody yet</i>'}")
        lines.append(f"<b>Table {number}</b> — " + " · ".join(seats))
    count = f"{len(seen)} {'student' if len(seen) == 1 else 'students'}"
    return f"Who has joined where ({count}).<br>" + "<br>".join(lines)


def build_projector(
    scene: Scene, backdrop: pygame.Surface, area: pygame.Rect, hosting: BackgroundServer, seen: Seating
) -> None:
    """The QR code on the left; the address, join code and seating on the right; the teacher's view
    and Stop below."""
    sp, t = scene.sp, scene.app.type
    room = hosting.room
    buttons_y = area.bottom - sp.button_h
    side = max(120, min(buttons_y - sp.gap - area.y, area.w * 2 // 5))
    code = qr_surface(f"{hosting.address}?code={room.row.code}", side)
    quiet = pygame.Rect(area.x, area.y, code.get_width(), code.get_height())
    backdrop.blit(code, quiet)
    scene.mark("qr", quiet)
    right = pygame.Rect(quiet.right + sp.gap * 3, area.y, area.right - quiet.right - sp.gap * 3, 0)
    if room.ended or room.locked:
        state = "The class has ended." if room.ended else "Joining is closed."
        join = f"<font pixel_size={t.heading}><b>{state}</b></font><br>{esc(hosting.address)}<br>"
    else:
        join = (
            f"Open <b>{esc(hosting.address)}</b><br>"
            f"<font pixel_size={t.title}><b>{esc(room.row.code)}</b></font><br>"
            "or scan the code, and enter the join code."
        )
    join_h = sp.line * 2 + draw.fonts.line_height(t.title, "bold") + sp.pad * 4 + sp.gap
    scene.add_text("join", pygame.Rect(right.x, right.y, right.w, join_h), join, "@plain")
    seating_top = right.y + join_h + sp.gap
    scene.add_text(
        "seating",
        pygame.Rect(right.x, seating_top, right.w, max(sp.line * 2, buttons_y - sp.gap - seating_top)),
        seating_html(room, seen),
        "@plain",
    )
    button_row(
        scene,
        pygame.Rect(right.x, buttons_y, right.w, sp.button_h),
        [
            (
                "view",
                "Teacher's view",
                "",
                "The teacher's dashboard in this window: every table's turn, clock, last move and "
                "messages, and the teacher's actions. Not for the wall.",
            ),
            (
                "stop",
                "Stop hosting",
                "@primary",
                "Stop serving the class; every move is stored and <b>python main.py host --resume</b> carries it on.",
            ),
        ],
    )

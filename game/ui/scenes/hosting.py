"""Host a class from the window: the same hosting as ``python main.py host --headless``, served from a
background thread, with this window as the room's screen — the join address, its QR code, the
join code and who has joined where — until the teacher stops it.

The teacher's dashboard opens in the browser (its key is never shown on this screen, which the
whole room may see). Esc does not stop a class: only the Stop button does.
"""

from __future__ import annotations

import atexit
import dataclasses
import webbrowser

import pygame

from ...engine.findings import ScenarioError
from ...net.room import ClassOptions, RoomError
from ...net.running import BackgroundServer, HostRequest, host_in_background
from ..host import SceneHost
from ..layout import button_width, column
from ..story import esc
from ..widgets import draw
from ..widgets.qr import qr_surface
from .base import Scene

TABLES = tuple(range(1, 13))
MINUTES = (0, 2, 4, 6, 10)  # for each turn; 0: no clock

Seating = tuple[tuple[int, str, str], ...]


class HostingScene(Scene):
    name = "hosting"
    default_focus = "start"
    local = False  # serve on this computer only (tests); a class is served on the local network

    def __init__(self, app: SceneHost, request: HostRequest | None = None) -> None:
        super().__init__(app)
        self.request = request or HostRequest(str(app.slot.path), ClassOptions(2))
        self.tables = self.request.options.tables
        self.minutes = self.request.options.minutes
        self.hosting: BackgroundServer | None = None
        self.seen: Seating = ()
        self.start_when_shown = request is not None  # 'host' without --headless: serve at once

    # -- what is shown ---------------------------------------------------------------------------

    def build(self) -> None:
        app, sp, t = self.app, self.sp, self.app.type
        w, h = app.size
        margin = sp.gap * 2
        backdrop = self.new_backdrop()
        head = self.mark(
            "head", draw.text(backdrop, "Host a class", (margin, margin), t.heading, self.c("accent"), "bold")
        )
        title = app.scenario.title if app.scenario else "No scenario can be played"
        sub = self.mark("scenario", draw.text(backdrop, title, (margin, head.bottom + 4), t.body, self.c("muted")))
        top = sub.bottom + sp.gap * 2
        if self.hosting is None:
            self._build_ready(pygame.Rect(margin, top, w - 2 * margin, h - top - margin))
        else:
            self._build_hosting(backdrop, pygame.Rect(margin, top, w - 2 * margin, h - top - margin))
        self.backdrop = backdrop

    def _build_ready(self, area: pygame.Rect) -> None:
        sp = self.sp
        intro = (
            "Students join from their own browsers on this computer's network: nothing is installed on "
            "their devices. Every move is stored on this computer before it is acknowledged, and a class "
            "can be resumed after a restart with <b>python main.py host --resume</b>."
        )
        text_h = sp.line * 5
        self.add_text("intro", pygame.Rect(area.x, area.y, area.w, text_h), intro, "@plain")
        width = max(button_width(label, sp) for label in ("Minutes per turn: none", "Start hosting")) + sp.gap
        labels = [
            ("tables", f"Tables: {self.tables}", ""),
            ("minutes", f"Minutes per turn: {self.minutes or 'none'}", ""),
            ("start", "Start hosting", "@primary"),
            ("back", "Back", ""),
        ]
        rects = column(pygame.Rect(area.x, area.y + text_h + sp.gap, width, 0), [sp.button_h] * len(labels), sp.gap)
        for (key, label, style), rect in zip(labels, rects, strict=True):
            self.add_button(key, rect, label, style, enabled=key != "start" or self.app.scenario is not None)

    def _build_hosting(self, backdrop: pygame.Surface, area: pygame.Rect) -> None:
        assert self.hosting is not None
        sp, t = self.sp, self.app.type
        room = self.hosting.room
        side = max(120, min(area.h - sp.button_h - sp.gap * 2, area.w * 2 // 5))
        code = qr_surface(f"{self.hosting.address}?code={room.row.code}", side)
        quiet = pygame.Rect(area.x, area.y, code.get_width(), code.get_height())
        backdrop.blit(code, quiet)
        self.mark("qr", quiet)
        right = pygame.Rect(quiet.right + sp.gap * 3, area.y, area.right - quiet.right - sp.gap * 3, 0)
        join = (
            f"Open <b>{esc(self.hosting.address)}</b><br>"
            f"<font pixel_size={t.title}><b>{esc(room.row.code)}</b></font><br>"
            "or scan the code, and enter the join code."
        )
        join_h = sp.line * 2 + draw.fonts.line_height(t.title, "bold") + sp.pad * 4 + sp.gap
        self.add_text("join", pygame.Rect(right.x, right.y, right.w, join_h), join, "@plain")
        seating_top = right.y + join_h + sp.gap
        buttons_y = area.bottom - sp.button_h
        self.add_text(
            "seating",
            pygame.Rect(right.x, seating_top, right.w, max(sp.line * 2, buttons_y - sp.gap - seating_top)),
            self.seating_html(),
            "@plain",
        )
        x = right.x
        for key, label, style in (("stop", "Stop hosting", "@primary"), ("dashboard", "Dashboard in the browser", "")):
            width = button_width(label, self.sp)
            self.add_button(key, pygame.Rect(x, buttons_y, width, sp.button_h), label, style)
            x += width + sp.gap
        self.seen = self.seating()

    def seating(self) -> Seating:
        """Who sits where now: (table, delegation, name) for every student present."""
        if self.hosting is None:
            return ()
        present = [m for m in list(self.hosting.room.members.values()) if not m.removed]
        return tuple((m.table_no, m.seat, m.name) for m in present)

    def seating_html(self) -> str:
        assert self.hosting is not None
        room = self.hosting.room
        lines = []
        for number, table in sorted(room.tables.items()):
            seats = []
            for actor in room.scenario.actors.values():
                if actor.id not in table.table.seats:
                    continue
                names = [name for n, seat, name in self.seen if (n, seat) == (number, actor.id)]
                seats.append(f"{esc(actor.name)}: {esc(', '.join(names)) if names else '<i>nobody yet</i>'}")
            lines.append(f"<b>Table {number}</b> — " + " · ".join(seats))
        state = " Joining is closed." if room.locked else ""
        count = f"{len(self.seen)} {'student' if len(self.seen) == 1 else 'students'}"
        return f"Who has joined where ({count}).{state}<br>" + "<br>".join(lines)

    # -- what the teacher does ---------------------------------------------------------------------

    def on_button(self, key: str) -> None:
        app = self.app
        if key == "tables":
            self.tables = TABLES[(TABLES.index(self.tables) + 1) % len(TABLES)]
        elif key == "minutes":
            self.minutes = MINUTES[(MINUTES.index(self.minutes) + 1) % len(MINUTES)]
        elif key == "start":
            self._start()
        elif key == "dashboard" and self.hosting is not None:
            room = self.hosting.room
            webbrowser.open(f"{self.hosting.address}teacher#{room.row.teacher_token}")
            return
        elif key == "stop":
            self.stop()
            app.pop()
            return
        elif key == "back":
            app.pop()
            return
        self.focus_key = key
        app.rebuild()

    def _start(self) -> None:
        app = self.app
        if app.scenario is None or self.hosting is not None:
            return
        asked = self.request
        options = dataclasses.replace(asked.options, tables=self.tables, minutes=self.minutes)
        local = self.local or asked.local
        try:
            self.hosting = host_in_background(asked.scenario, options, local, asked.port, asked.name, asked.resume)
        except (RoomError, ScenarioError, OSError, RuntimeError, ValueError) as exc:
            app.message("The class could not be hosted", esc(str(exc)))
            return
        atexit.register(self.stop)  # closing the window stops serving with every move on disk
        self.focus_key = "stop"

    def shown(self) -> None:
        if self.start_when_shown:
            self.start_when_shown = False
            self._start()
            self.app.rebuild()

    def stop(self) -> None:
        """Stop serving; every move is on disk, and the class can be resumed with ``host --resume``."""
        if self.hosting is not None:
            atexit.unregister(self.stop)
            self.hosting.stop()
            self.hosting = None

    def on_escape(self) -> bool:
        if self.hosting is not None:
            self.app.focus("stop")
            return True  # a class is stopped with its own button, never by a stray Esc
        return False

    def update(self, now: float) -> bool:
        if self.hosting is not None:
            seating = self.seating()
            if seating != self.seen:
                self.seen = seating
                box = self.texts.get("seating")
                if box is not None:
                    box.set_text(self.seating_html())
                self.app.dirty = True
        return False

    def wake_at(self) -> float | None:
        """Look at the seating twice a second while hosting."""
        return self.app.now + 0.5 if self.hosting is not None else None

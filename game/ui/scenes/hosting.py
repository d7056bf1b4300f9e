"""Host a class from the window: the same hosting as ``python main.py host --headless``, served from a
background thread, with this window as the room's screen until the teacher stops it.

Before the class: the teacher's choices for the tables (``hosting_setup``). While hosting, two views:
the projector's (the default, since the window may be on the wall: the join address, its QR code,
the join code and who has joined where — nothing private) and the teacher's dashboard (every
table's date, turn, clock, last move and seats; pause and resume, lock joining, end the class and
open its report). The teacher's key is never shown. Esc does not stop a class: only Stop does.
"""

from __future__ import annotations

import atexit
import webbrowser
from concurrent.futures import Future
from pathlib import Path

import pygame

from ...engine import Scenario
from ...engine.findings import ScenarioError
from ...engine.jsonread import JSONObject
from ...engine.loader import load_scenario
from ...net.protocol import TeacherAction
from ...net.room import ClassOptions, RoomError
from ...net.running import BackgroundServer, HostRequest, host_in_background
from ..host import SceneHost
from ..hosting_board import board_html, table_numbers
from ..hosting_setup import ClassSetup
from ..layout import button_width, fit_line
from ..story import CatalogueEntry, catalogue, esc
from ..widgets import draw
from ..widgets.qr import qr_surface
from .base import Scene

Seating = tuple[tuple[int, str, str], ...]
Item = tuple[str, str, str, str]  # key, label, style, tool tip
BOARD_EVERY = 0.5  # seconds between looks at the tables while the dashboard is shown
ANSWER_WAIT = 30.0  # seconds the window waits for the class to carry out a teacher's action


class HostingScene(Scene):
    name = "hosting"
    default_focus = "start"
    local = False  # serve on this computer only (tests); a class is served on the local network

    def __init__(self, app: SceneHost, request: HostRequest | None = None) -> None:
        super().__init__(app)
        self.request = request or HostRequest(str(app.slot.path), ClassOptions(2))
        scenario = self._scenario(Path(self.request.scenario))
        self.setup = ClassSetup.of(self.request, scenario) if scenario is not None else None
        self.hosting: BackgroundServer | None = None
        self.seen: Seating = ()
        self.view = "projector"  # or "dashboard": the teacher's, when the wall is not watching
        self.board: JSONObject | None = None
        self.asking: Future[JSONObject] | None = None
        self.next_look = 0.0
        self.table = 1  # the table the one-table buttons act on
        self.seat_index = 0  # the delegation the seat button sets, when there are too many for one each
        self.entries: list[CatalogueEntry] | None = None  # the scenarios, read at the first change
        self.start_when_shown = request is not None  # 'host' without --headless: serve at once

    def _scenario(self, path: Path) -> Scenario | None:
        app = self.app
        if app.scenario is not None and path.resolve() == app.slot.path.resolve():
            return app.scenario
        try:
            return load_scenario(str(path))
        except (ScenarioError, OSError, ValueError):
            return None

    # -- what is shown ---------------------------------------------------------------------------

    def build(self) -> None:
        app, sp, t = self.app, self.sp, self.app.type
        w, h = app.size
        margin = sp.gap * 2
        backdrop = self.new_backdrop()
        head = self.mark(
            "head", draw.text(backdrop, "Host a class", (margin, margin), t.heading, self.c("accent"), "bold")
        )
        if self.hosting is not None:
            title = self.hosting.room.scenario.title
        else:
            title = self.setup.scenario.title if self.setup else "No scenario can be played"
        title = fit_line(title, w - 2 * margin, t.body)
        sub = self.mark("scenario", draw.text(backdrop, title, (margin, head.bottom + 4), t.body, self.c("muted")))
        area = pygame.Rect(margin, sub.bottom + sp.gap * 2, w - 2 * margin, h - sub.bottom - sp.gap * 2 - margin)
        if self.hosting is None:
            self._build_setup(backdrop, area)
        elif self.view == "projector":
            self._build_projector(backdrop, area)
        else:
            self._build_dashboard(area)
        self.backdrop = backdrop

    def _build_setup(self, backdrop: pygame.Surface, area: pygame.Rect) -> None:
        """The teacher's choices in two columns, who plays each delegation below, Start and Back."""
        sp, t = self.sp, self.app.type
        footer_y = area.bottom - sp.button_h
        self._row(
            pygame.Rect(area.x, footer_y, area.w, sp.button_h),
            [
                ("start", "Start hosting", "@primary", ""),
                ("back", "Back", "", ""),
            ],
        )
        if self.setup is None:
            self.buttons["start"].disable()
            self.order.remove("start")
            return
        setup = self.setup
        choices = [
            ("scenario", f"Scenario: {setup.scenario.title}"),
            ("lens", setup.lens_label()),
            ("tables", setup.tables_label()),
            ("same_game", setup.game_label()),
            ("minutes", setup.minutes_label()),
            ("rule", setup.rule_label()),
        ]
        seats = [(f"seat_{a}", setup.seat_label(a)) for a in setup.scenario.actors]
        step = sp.button_h + sp.gap
        head_h = sp.line + sp.gap
        seat_rows = (len(seats) + 1) // 2
        free = footer_y - sp.gap - area.y - ((len(choices) + 1) // 2) * step - head_h
        one_by_one = seat_rows * step > free  # too many delegations for a button each: choose one, then set it
        room = free - (step + sp.line if one_by_one else seat_rows * step)
        y = area.y
        if room >= sp.line * 3:
            intro = (
                "Students join from their own browsers on this computer's network: nothing is installed on "
                "their devices. Every move is stored here before it is acknowledged."
            )
            self.add_text("intro", pygame.Rect(area.x, y, area.w, min(room, sp.line * 3)), intro, "@plain")
            y += min(room, sp.line * 3)
        y = self._grid(area.x, y, area.w, choices, setup) + sp.gap
        words = "Who plays each delegation (the computer plays the rest)"
        heading = draw.text(backdrop, fit_line(words, area.w, t.body, "bold"), (area.x, y), t.body, self.c("muted"))
        self.mark("seats_head", heading)
        if not one_by_one:
            self._grid(area.x, y + head_h, area.w, seats, setup)
            return
        actors = list(setup.scenario.actors)
        actor = actors[self.seat_index % len(actors)]
        pair = [
            (
                "seat_pick",
                f"Delegation {self.seat_index % len(actors) + 1} of {len(actors)}: "
                + setup.scenario.actors[actor].name,
            ),
            (f"seat_{actor}", setup.seat_label(actor)),
        ]
        bottom = self._grid(area.x, y + head_h, area.w, pair, setup)
        computer = [setup.scenario.actors[a].name for a in actors if a in setup.computer]
        summary = "The computer plays: " + ", ".join(computer) if computer else "Students play every delegation."
        self.mark(
            "seats_summary",
            draw.text(
                backdrop, fit_line(summary, area.w, t.body), (area.x, bottom + sp.gap // 2), t.body, self.c("text")
            ),
        )

    def _grid(self, x: int, y: int, width: int, items: list[tuple[str, str]], setup: ClassSetup) -> int:
        """Buttons two to a row from ``y``; the y below the last row."""
        sp = self.sp
        col = (width - sp.gap) // 2
        for index, (key, label) in enumerate(items):
            rect = pygame.Rect(x + (index % 2) * (col + sp.gap), y + (index // 2) * (sp.button_h + sp.gap), col, 0)
            rect.h = sp.button_h
            words = fit_line(label, col - 2 * sp.pad, self.app.type.body, "bold")
            enabled = key != "lens" or len(setup.scenario.lenses) > 1
            self.add_button(key, rect, words, tooltip=setup.tip(key) + self._full(label, words), enabled=enabled)
        return y + ((len(items) + 1) // 2) * (sp.button_h + sp.gap) - sp.gap

    @staticmethod
    def _full(label: str, shown: str) -> str:
        return f"<br><br>{esc(label)}" if shown != label else ""

    def _row(self, area: pygame.Rect, items: list[Item]) -> int:
        """Buttons left to right, wrapping onto a next row when the width is used up; the y below them."""
        sp = self.sp
        x, y = area.x, area.y
        for key, label, style, tip in items:
            size = self.app.type.large if style == "@primary" else None
            width = min(area.w, button_width(label, sp, size))
            if x > area.x and x + width > area.right:
                x, y = area.x, y + sp.button_h + sp.gap
            self.add_button(key, pygame.Rect(x, y, width, sp.button_h), label, style, tooltip=tip or None)
            x += width + sp.gap
        return y + sp.button_h

    def _build_projector(self, backdrop: pygame.Surface, area: pygame.Rect) -> None:
        """For the whole room: how to join, large, and who has joined where. Nothing private."""
        assert self.hosting is not None
        sp, t = self.sp, self.app.type
        room = self.hosting.room
        buttons_y = area.bottom - sp.button_h
        side = max(120, min(buttons_y - sp.gap - area.y, area.w * 2 // 5))
        code = qr_surface(f"{self.hosting.address}?code={room.row.code}", side)
        quiet = pygame.Rect(area.x, area.y, code.get_width(), code.get_height())
        backdrop.blit(code, quiet)
        self.mark("qr", quiet)
        right = pygame.Rect(quiet.right + sp.gap * 3, area.y, area.right - quiet.right - sp.gap * 3, 0)
        if room.ended or room.locked:
            state = "The class has ended." if room.ended else "Joining is closed."
            join = f"<font pixel_size={t.heading}><b>{state}</b></font><br>{esc(self.hosting.address)}<br>"
        else:
            join = (
                f"Open <b>{esc(self.hosting.address)}</b><br>"
                f"<font pixel_size={t.title}><b>{esc(room.row.code)}</b></font><br>"
                "or scan the code, and enter the join code."
            )
        join_h = sp.line * 2 + draw.fonts.line_height(t.title, "bold") + sp.pad * 4 + sp.gap
        self.add_text("join", pygame.Rect(right.x, right.y, right.w, join_h), join, "@plain")
        seating_top = right.y + join_h + sp.gap
        self.add_text(
            "seating",
            pygame.Rect(right.x, seating_top, right.w, max(sp.line * 2, buttons_y - sp.gap - seating_top)),
            self.seating_html(),
            "@plain",
        )
        self._row(
            pygame.Rect(right.x, buttons_y, right.w, sp.button_h),
            [
                (
                    "view",
                    "Teacher's view",
                    "",
                    "The teacher's dashboard in this window: every table's turn, clock "
                    "and last move, and pausing, locking and ending the class. Not for the wall.",
                ),
                (
                    "stop",
                    "Stop hosting",
                    "@primary",
                    "Stop serving the class; every move is stored and "
                    "<b>python main.py host --resume</b> carries it on.",
                ),
            ],
        )
        self.seen = self.seating()

    def _build_dashboard(self, area: pygame.Rect) -> None:
        """For the teacher: the controls above, every table below."""
        assert self.hosting is not None
        sp = self.sp
        room = self.hosting.room
        numbers = sorted(room.tables)
        self.table = self.table if self.table in numbers else numbers[0]
        every_paused = all(t.paused for t in room.tables.values())
        one_paused = room.tables[self.table].paused
        items: list[Item] = [
            ("view", "Projector view", "", "Back to what the room may see: how to join and who sits where."),
            (
                "pause_all",
                "Resume every table" if every_paused else "Pause every table",
                "",
                "Stop (or restart) every table and its clock; students see that their table is paused.",
            ),
            ("table", f"Table {self.table} of {len(numbers)}", "", "Choose the table the next button acts on."),
            (
                "pause_table",
                f"{'Resume' if one_paused else 'Pause'} table {self.table}",
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
        top = self._row(pygame.Rect(area.x, area.y, area.w, sp.button_h), items) + sp.gap
        if room.ended:  # nothing left to pause or lock
            for key in ("pause_all", "table", "pause_table", "lock"):
                self.buttons[key].disable()
                self.order.remove(key)
        self.add_text("board", pygame.Rect(area.x, top, area.w, area.bottom - top), self.board_text(), "@plain")

    def board_text(self) -> str:
        """The dashboard's words (from ``Room.dashboard``, as the browser's), with the report's place."""
        words = board_html(self.board) if self.board is not None else "Reading the tables…"
        room = self.hosting.room if self.hosting is not None else None
        if room is not None and room.results is not None:
            place = esc(str(room.results.folder / "report.html"))
            words = f"<b>The class report is ready:</b> {place}<br>" + words
        return words

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
        count = f"{len(self.seen)} {'student' if len(self.seen) == 1 else 'students'}"
        return f"Who has joined where ({count}).<br>" + "<br>".join(lines)

    # -- what the teacher does ---------------------------------------------------------------------

    def on_button(self, key: str) -> None:
        app = self.app
        if key == "back":
            app.pop()
            return
        if key == "stop":
            self.stop()
            app.pop()
            return
        self.focus_key = key  # kept across the rebuild (starting moves it to Stop)
        if self.hosting is None:
            self._choose(key)
        else:
            self._command(key)
        app.rebuild()

    def _choose(self, key: str) -> None:
        setup = self.setup
        if setup is None:
            return
        if key == "start":
            self._start()
        elif key == "scenario":
            self._next_scenario(setup)
        elif key == "seat_pick":
            self.seat_index = (self.seat_index + 1) % len(setup.scenario.actors)
        elif key.startswith("seat_"):
            if not setup.toggle_computer(key.removeprefix("seat_")):
                self.app.message("Someone must play", "Students play at least one delegation, or nobody could join.")
        else:
            change = {
                "lens": setup.next_lens,
                "tables": setup.next_tables,
                "same_game": setup.toggle_same_game,
                "minutes": setup.next_minutes,
                "rule": setup.next_rule,
            }.get(key)
            if change is not None:
                change()

    def _next_scenario(self, setup: ClassSetup) -> None:
        if self.entries is None:
            self.entries = [e for e in catalogue([setup.path]) if e.scenario is not None]
        paths = [e.path.resolve() for e in self.entries]
        here = setup.path.resolve()
        index = (paths.index(here) + 1) % len(paths) if here in paths else 0
        entry = self.entries[index] if self.entries else None
        if entry is not None and entry.scenario is not None:
            setup.use_scenario(entry.path, entry.scenario)

    def _command(self, key: str) -> None:
        """A button of the hosting views."""
        hosting = self.hosting
        assert hosting is not None
        room = hosting.room
        if key == "view":
            self.view = "dashboard" if self.view == "projector" else "projector"
            if self.view == "dashboard":
                self.look_now()
        elif key == "browser":
            webbrowser.open(f"{hosting.address}teacher#{room.row.teacher_token}")
        elif key == "report" and room.results is not None:
            webbrowser.open((room.results.folder / "report.html").as_uri())
        elif key == "table":
            numbers = sorted(room.tables)
            self.table = numbers[(numbers.index(self.table) + 1) % len(numbers)] if self.table in numbers else 1
        elif key == "pause_all":
            every_paused = all(t.paused for t in room.tables.values())
            self.teacher(TeacherAction("resume" if every_paused else "pause"))
        elif key == "pause_table":
            paused = room.tables[self.table].paused
            self.teacher(TeacherAction("resume" if paused else "pause", table=self.table))
        elif key == "lock":
            self.teacher(TeacherAction("unlock" if room.locked else "lock"))
        elif key == "end":
            self.app.confirm(
                "End the class?",
                "Every table stops where it is, students can no longer move, and the class report is written. "
                "This cannot be undone.",
                "End the class",
                "Keep playing",
                self.end_class,
            )

    def teacher(self, action: TeacherAction) -> None:
        """Carry out a teacher's action as the browser's dashboard would (every seat is told), then
        show the tables as they now are."""
        if self.hosting is None:
            return
        try:
            self.hosting.teacher(action).result(timeout=ANSWER_WAIT)
        except (RoomError, RuntimeError, TimeoutError) as exc:
            self.app.message("The class could not do that", esc(str(exc)))
            return
        self.look_now()

    def end_class(self) -> None:
        self.teacher(TeacherAction("end"))
        self.view = "dashboard"
        self.app.rebuild()

    def look_now(self) -> None:
        """Read the dashboard at once (waiting for it)."""
        if self.hosting is not None:
            self.asking = None
            self.board = self.hosting.dashboard().result(timeout=ANSWER_WAIT)
            self.next_look = self.app.now + BOARD_EVERY

    def _start(self, as_asked: bool = False) -> None:
        """Host the class chosen here; ``as_asked``: exactly as ``host`` asked (a delegation or lens
        the scenario lacks is then refused in words, not quietly dropped)."""
        app = self.app
        if self.hosting is not None:
            return
        asked = self.request
        if not as_asked and not asked.resume:
            if self.setup is None:
                return
            asked = self.setup.request(asked)
        try:
            self.hosting = host_in_background(
                asked.scenario, asked.options, self.local or asked.local, asked.port, asked.name, asked.resume
            )
        except (RoomError, ScenarioError, OSError, RuntimeError, ValueError) as exc:
            app.message("The class could not be hosted", esc(str(exc)))
            return
        atexit.register(self.stop)  # closing the window stops serving with every move on disk
        self.view = "projector"
        self.focus_key = "stop"

    def shown(self) -> None:
        if self.start_when_shown:
            self.start_when_shown = False
            self._start(as_asked=True)
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
        if self.hosting is None:
            return False
        if self.view == "projector":
            seating = self.seating()
            if seating != self.seen:
                self.seen = seating
                box = self.texts.get("seating")
                if box is not None:
                    box.set_text(self.seating_html())
                self.app.dirty = True
            return False
        if self.asking is None and now >= self.next_look:
            self.asking = self.hosting.dashboard()
        elif self.asking is not None and self.asking.done():
            asked, self.asking = self.asking, None
            self.next_look = now + BOARD_EVERY
            try:
                board = asked.result()
            except Exception as exc:  # the class could not be read this once: say so, look again
                board = {"type": "dashboard", "tables": [], "problem": str(exc)}
            if board != self.board:
                changed = table_numbers(board) != table_numbers(self.board or {})
                self.board = board
                box = self.texts.get("board")
                if box is not None and not changed:
                    box.set_text(self.board_text())
                else:
                    self.app.rebuild()
                self.app.dirty = True
        return False

    def wake_at(self) -> float | None:
        """Look at the seating (or the tables) twice a second while hosting."""
        if self.hosting is None:
            return None
        return self.app.now + (0.05 if self.asking is not None else BOARD_EVERY)

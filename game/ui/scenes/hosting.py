"""The hosting screen's states and what each button does: setting up the class, then serving it
with the projector's view (the default, since the window may be on the wall) or the teacher's
dashboard. The teacher's key is never shown. Esc does not stop a class: only Stop does.
"""

from __future__ import annotations

import atexit
import webbrowser
from concurrent.futures import Future
from dataclasses import replace
from pathlib import Path

import pygame

from ...engine import Scenario
from ...engine.findings import ScenarioError
from ...engine.jsonread import JSONObject
from ...engine.loader import load_scenario
from ...net.room import ClassOptions, RoomError
from ...net.running import BackgroundServer, HostRequest, host_in_background
from ..host import SceneHost
from ..hosting_actions import EXTEND_MINUTES, teacher_request
from ..hosting_board import people_seats, students, table_of
from ..hosting_screen.dashboard_view import CLASS_PAGE, TABLE_PAGE, Picked, build_dashboard, controls_key, page_text
from ..hosting_screen.projector_view import Seating, build_projector, seating, seating_html
from ..hosting_screen.setup_view import build_setup
from ..hosting_setup import ClassSetup
from ..layout import fit_line
from ..story import CatalogueEntry, catalogue, esc
from ..widgets import draw
from .base import Scene

BOARD_EVERY = 0.5  # seconds between looks at the tables while the dashboard is shown
ANSWER_WAIT = 30.0  # seconds the window waits for the class to carry out a teacher's action
PICKS = ("page", "table", "seat", "student")  # buttons that change what the dashboard shows
TABLE_ACTIONS = ("pause_table", "extend", "undo", "takeover", "remove")  # on the table shown in detail


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
        self.picked = Picked()  # the dashboard's page, its table, seat, student and typed announcement
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
        hosting = self.hosting
        if hosting is None:
            build_setup(self, backdrop, area, self.setup, self.seat_index)
        elif self.view == "projector":
            self.seen = self.seating()
            build_projector(self, backdrop, area, hosting, self.seen)
        else:
            numbers = sorted(hosting.room.tables)
            if self.picked.table not in numbers:
                self.picked = replace(self.picked, table=numbers[0])
            build_dashboard(self, area, hosting.room, self.board, self.picked, self.board_text())
        self.backdrop = backdrop

    def board_text(self) -> str:
        """The dashboard's words for the page shown (from ``Room.dashboard``, as the browser's)."""
        return page_text(self.board, self.hosting.room if self.hosting is not None else None, self.picked)

    def seating(self) -> Seating:
        """Who sits where now: (table, delegation, name) for every student present."""
        return seating(self.hosting.room) if self.hosting is not None else ()

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
        elif key in PICKS:
            self.pick(key)
        elif key == "pause_all":
            every_paused = all(t.paused for t in room.tables.values())
            self.teacher("resume" if every_paused else "pause")
        elif key == "lock":
            self.teacher("unlock" if room.locked else "lock")
        elif key in TABLE_ACTIONS:
            self.table_action(key)
        elif key == "announce":
            self.announce(self.picked.announcement)
        elif key == "end":
            self.app.confirm(
                "End the class?",
                "Every table stops where it is, students can no longer move, and the class report is written. "
                "This cannot be undone.",
                "End the class",
                "Keep playing",
                self.end_class,
            )

    def pick(self, key: str) -> None:
        """The dashboard's page, or the next table, seat or student on the table page."""
        picked = self.picked
        table = table_of(self.board, picked.table) or {}
        if key == "page":
            self.picked = replace(picked, page=TABLE_PAGE if picked.page == CLASS_PAGE else CLASS_PAGE)
        elif key == "table" and self.hosting is not None:
            numbers = sorted(self.hosting.room.tables)
            after = numbers[(numbers.index(picked.table) + 1) % len(numbers)] if picked.table in numbers else 1
            self.picked = replace(picked, table=after, seat=0, student=0)
        elif key == "seat":
            self.picked = replace(picked, seat=(picked.seat + 1) % max(1, len(people_seats(table))))
        elif key == "student":
            self.picked = replace(picked, student=(picked.student + 1) % max(1, len(students(table))))

    def table_action(self, key: str) -> None:
        """An action on the table shown in detail; handing a seat over and removing a student ask first."""
        number = self.picked.table
        table = table_of(self.board, number) or {}
        seats, seated = people_seats(table), students(table)
        if key == "pause_table":
            self.teacher("resume" if table.get("paused") is True else "pause", table=number)
        elif key == "extend":
            self.teacher("extend", table=number, minutes=EXTEND_MINUTES)
        elif key == "undo":
            self.teacher("undo", table=number)
        elif key == "takeover" and seats:
            seat, name = seats[self.picked.seat % len(seats)]
            self.app.confirm(
                f"Hand {name} to the computer?",
                f"The computer plays {esc(name)} at table {number} from now on; its students watch.",
                "The computer plays it",
                "Keep it as it is",
                lambda: self.teacher_then_show("takeover", table=number, seat=seat),
            )
        elif key == "remove" and seated:
            member, name, where = seated[self.picked.student % len(seated)]
            self.app.confirm(
                f"Remove {name}?",
                f"{esc(name)} leaves {esc(where)} at table {number}: their page closes and their key opens nothing.",
                "Remove",
                "Keep them",
                lambda: self.teacher_then_show("remove", member=member),
            )

    def announce(self, text: str) -> None:
        """Send the typed announcement to every table; the field is emptied once it is sent."""
        if self.teacher("announce", text=text):
            self.picked = replace(self.picked, announcement="")

    def teacher(
        self, do: str, table: int = 0, seat: str = "", member: str = "", minutes: int = 0, text: str = ""
    ) -> bool:
        """Carry out a teacher's action as the browser's dashboard would: read through the same
        protocol checks, then ``Hub.teacher_action`` (every seat is told); show the tables as they
        now are. False (with the refusal in words) when the class would not do it."""
        if self.hosting is None:
            return False
        try:
            action = teacher_request(do, table, seat, member, minutes, text)
            self.hosting.teacher(action).result(timeout=ANSWER_WAIT)
        except (ValueError, RuntimeError, TimeoutError) as exc:  # ProtocolError, RoomError, TableError
            self.app.message("The class could not do that", esc(str(exc)))
            return False
        self.look_now()
        return True

    def teacher_then_show(self, do: str, table: int = 0, seat: str = "", member: str = "") -> None:
        """A confirmed action, then the page again."""
        self.teacher(do, table=table, seat=seat, member=member)
        self.app.rebuild()

    def end_class(self) -> None:
        self.teacher("end")
        self.view = "dashboard"
        self.picked = replace(self.picked, page=CLASS_PAGE)
        self.app.rebuild()

    def on_edit(self, key: str, text: str) -> None:
        if key == "announcement":
            self.picked = replace(self.picked, announcement=text)

    def on_text(self, key: str, text: str) -> None:
        """Enter in the announcement sends it."""
        if key == "announcement" and self.hosting is not None:
            self.focus_key = "announcement"
            self.announce(text)
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
                if box is not None and self.hosting is not None:
                    box.set_text(seating_html(self.hosting.room, seating))
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
                changed = controls_key(board, self.picked) != controls_key(self.board, self.picked)
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

"""The hosting screen's states and what each button does: setting up the class, then serving it
with the projector's view (the default, since the window may be on the wall) or the teacher's
dashboard. The teacher's key is never shown. Esc does not stop a class: only Stop does.
"""

from __future__ import annotations

import atexit
import webbrowser
from concurrent.futures import Future
from pathlib import Path

import pygame

from ....engine import Scenario
from ....engine.findings import ScenarioError
from ....engine.jsonread import JSONObject
from ....engine.loader import load_scenario
from ....net.protocol import TeacherAction
from ....net.room import ClassOptions, RoomError
from ....net.running import BackgroundServer, HostRequest, host_in_background
from ...host import SceneHost
from ...hosting_board import table_numbers
from ...hosting_setup import ClassSetup
from ...layout import fit_line
from ...story import CatalogueEntry, catalogue, esc
from ...widgets import draw
from ..base import Scene
from .dashboard_view import board_text, build_dashboard
from .projector_view import Seating, build_projector, seating, seating_html
from .setup_view import build_setup

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
        hosting = self.hosting
        if hosting is None:
            build_setup(self, backdrop, area, self.setup, self.seat_index)
        elif self.view == "projector":
            self.seen = self.seating()
            build_projector(self, backdrop, area, hosting, self.seen)
        else:
            numbers = sorted(hosting.room.tables)
            self.table = self.table if self.table in numbers else numbers[0]
            build_dashboard(self, area, hosting.room, self.table, self.board_text())
        self.backdrop = backdrop

    def board_text(self) -> str:
        """The dashboard's words (from ``Room.dashboard``, as the browser's), with the report's place."""
        return board_text(self.board, self.hosting.room if self.hosting is not None else None)

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

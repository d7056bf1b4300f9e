"""Hosting a class from the window, with real events: H on the title screen, choose the tables, start;
the screen shows the join address, a readable QR code and the join code, and a student who joins
over the network appears where they sit; Stop ends the serving and goes back to the title."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import pygame
import pytest
from websockets.sync.client import connect

from game.cli import main
from game.engine.wording import long_date
from game.net import option_help
from game.net.room import ClassOptions
from game.net.running import free_port
from game.ui.app import App
from game.ui.pilot import Pilot
from game.ui.scenes.hosting import HostingScene
from game.ui.settings import TEXT_SIZES, UISettings

from .checks import check_drawn_text, check_layout, check_text_sizes
from .conftest import CURRENT_FLAGSHIP, MakePilot
from .hosting_class import OFFER, TUTORIAL, receive_until, wait_for_board


def test_a_class_is_hosted_from_the_window(
    make_pilot: MakePilot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shots: Path
) -> None:
    monkeypatch.setenv("PARLEY_CLASS_DATA", str(tmp_path / "class-data"))
    monkeypatch.setattr(HostingScene, "local", True)  # this computer only, for a test
    pilot = make_pilot(TUTORIAL)
    pilot.press(pygame.K_h)
    assert pilot.scene.name == "hosting"
    check_layout(pilot.app, "hosting, ready")
    pilot.click("tables")
    assert "Tables: 3" in pilot.all_text()
    pilot.click("start")
    scene = pilot.scene
    assert isinstance(scene, HostingScene) and scene.hosting is not None
    hosting = scene.hosting
    room = hosting.room
    assert len(room.tables) == 3
    shown = pilot.all_text()
    assert hosting.address in shown and room.row.code in shown and "nobody yet" in shown
    assert room.row.teacher_token not in shown  # the room sees this screen: never the teacher's key

    pilot.app.draw()
    qr = scene.drawn["qr"]
    inks = {tuple(pilot.app.screen.get_at((x, qr.centery)))[:3] for x in range(qr.left, qr.right)}
    assert inks == {(0, 0, 0), (255, 255, 255)}  # black modules on white, nothing else

    with connect(hosting.address.replace("http", "ws", 1) + "ws") as student:
        student.send(json.dumps({"type": "join", "code": room.row.code, "name": "Ann Example"}))
        assert json.loads(student.recv(timeout=10))["type"] == "joined"
        seat = json.loads(student.recv(timeout=10))
    pilot.wait(0.1)
    assert f"<b>Table {seat['table']}</b> — {seat['seat_name']}: Ann Example" in pilot.all_text()
    pilot.snapshot(shots / "hosting.png")
    for size in ((1280, 720), (800, 600)):
        pilot.resize(size)
        check_layout(pilot.app, f"hosting at {size}")

    pilot.press(pygame.K_ESCAPE)  # Esc never stops a class
    assert pilot.scene is scene and scene.hosting is hosting
    pilot.click("stop")
    assert pilot.scene.name == "title" and not hosting.thread.is_alive()
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", hosting.port), timeout=1):
        pass


def host_in_window(monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> dict[str, Any]:
    """Run ``python main.py host ARGV`` with the window's main loop replaced by a look at the
    hosting screen (then closing it); what it saw."""
    seen: dict[str, Any] = {}

    def run(app: App) -> int:
        scene = app.scene
        assert isinstance(scene, HostingScene) and scene.hosting is not None
        room = scene.hosting.room
        seen.update(
            tables=len(room.tables),
            options=room.options,
            port=scene.hosting.port,
            shown=Pilot(app).all_text(),
            code=room.row.code,
            seeds={t.game.settings.seed for t in room.tables.values()},
        )
        scene.stop()
        return 0

    monkeypatch.setattr(App, "run", run)
    assert main(["host", str(TUTORIAL), *argv]) == 0
    return seen


def test_host_without_headless_opens_the_window_hosting_with_its_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`python main.py host SCENARIO ...` opens the window straight on the hosting screen, serving a
    class with the options given on the command line."""
    monkeypatch.setenv("PARLEY_CLASS_DATA", str(tmp_path / "class-data"))
    port = free_port()
    argv = ["--tables", "3", "--minutes", "4", "--when-time-runs-out", "status_quo", "--same-game", "--seed", "7"]
    seen = host_in_window(monkeypatch, [*argv, "--local", "--port", str(port)])
    options = seen["options"]
    assert isinstance(options, ClassOptions)
    assert seen["tables"] == 3 and seen["port"] == port and seen["seeds"] == {7}
    assert (options.minutes, options.rule, options.same_game) == (4, "status_quo", True)
    assert f"127.0.0.1:{port}" in seen["shown"] and seen["code"] in seen["shown"]
    assert "Teacher's view" in seen["shown"] and "Pause every table" not in seen["shown"]  # the projector's view


def test_host_deals_a_class_out_evenly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Eleven students, two delegations played by people: five tables (the eleventh student joins a
    delegation as its second member); each table its own game."""
    monkeypatch.setenv("PARLEY_CLASS_DATA", str(tmp_path / "class-data"))
    seen = host_in_window(monkeypatch, ["--students", "11", "--people", "kestra,dunmore", "--local"])
    assert seen["tables"] == 5 and seen["seeds"] == {1, 2, 3, 4, 5}
    assert seen["options"].people == ("kestra", "dunmore")


def test_host_without_a_display_suggests_headless(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("game.ui.commands.display_problem", lambda: "no display")
    assert main(["host", str(TUTORIAL), "--tables", "2"]) == 1
    assert "python main.py host --headless" in capsys.readouterr().err


def test_the_teacher_sets_up_the_tables_before_hosting(
    make_pilot: MakePilot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each choice of the setup, by clicking, reaches the class that is hosted; each explains itself
    with the `host` option it stands for."""
    monkeypatch.setenv("PARLEY_CLASS_DATA", str(tmp_path / "class-data"))
    monkeypatch.setattr(HostingScene, "local", True)
    pilot = make_pilot(TUTORIAL)
    pilot.press(pygame.K_h)
    scene = pilot.scene
    assert isinstance(scene, HostingScene) and scene.setup is not None
    setup = scene.setup
    pilot.hover("minutes")
    assert "--minutes" in pilot.tooltip_text() and option_help.MINUTES[1:] in pilot.tooltip_text()
    lens_before = setup.chosen_lens
    pilot.click("lens")
    assert setup.chosen_lens != lens_before and setup.scenario.lenses[setup.chosen_lens].name in pilot.all_text()
    pilot.click("same_game")
    assert "The same game at every table" in pilot.all_text()
    for _ in range(11):  # from two tables past twelve: deal the class out evenly
        pilot.click("tables")
    assert "Deal out 10 students: 3 tables" in pilot.all_text()  # three delegations: three full sets
    pilot.click("minutes")
    assert "Clock per turn: 45 seconds" in pilot.all_text()  # the lesson plans' short clock
    for _ in range(4):
        pilot.click("minutes")
    pilot.click("rule")
    assert "Clock per turn: 4 minutes" in pilot.all_text() and "Time runs out: Status quo holds" in pilot.all_text()
    pilot.click("seat_dunmore")
    pilot.click("seat_ferrand")
    assert "Dunmore delegation: computer" in pilot.all_text() and setup.people == ("kestra",)
    pilot.click("seat_kestra")  # the last delegation students play stays theirs
    assert pilot.app.overlay is not None and setup.people == ("kestra",)
    pilot.click("ok")
    assert pilot.app.overlay is None
    pilot.click("tables")  # 15 students, one delegation each: the most tables offered
    pilot.click("start")
    assert scene.hosting is not None
    room = scene.hosting.room
    options = room.options
    assert len(room.tables) == 12 and options.people == ("kestra",)
    assert (options.minutes, options.rule, options.same_game, options.lens) == (4, "status_quo", True, setup.lens)
    assert len({t.game.settings.seed for t in room.tables.values()}) == 1
    assert all(t.game.controller("dunmore") != "human" for t in room.tables.values())
    assert all(t.game.controller("kestra") == "human" for t in room.tables.values())
    check_layout(pilot.app, "hosting twelve tables")
    pilot.click("stop")


def test_the_window_is_the_teachers_dashboard_while_hosting(
    make_pilot: MakePilot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shots: Path
) -> None:
    """Projector view first (nothing for the teacher alone); the dashboard shows every table as the
    browser's does; pausing from the window pauses the student's table on their page; locking stops
    joining; ending the class (after a confirmation) writes the report, which the window opens."""
    monkeypatch.setenv("PARLEY_CLASS_DATA", str(tmp_path / "class-data"))
    monkeypatch.setattr(HostingScene, "local", True)
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url, *a, **k: opened.append(url) or True)
    pilot = make_pilot(TUTORIAL)
    pilot.press(pygame.K_h)
    pilot.click("seat_kestra")  # the computer plays Kestra and the river commission;
    pilot.click("seat_ferrand")  # the student sits at Dunmore, which opens the talks
    pilot.click("start")
    scene = pilot.scene
    assert isinstance(scene, HostingScene) and scene.hosting is not None
    hosting = scene.hosting
    room = hosting.room
    assert scene.view == "projector"
    assert not {"pause_all", "pause_table", "lock", "end"} & set(scene.buttons) and "Last move" not in pilot.all_text()

    with connect(hosting.address.replace("http", "ws", 1) + "ws") as student:
        student.send(json.dumps({"type": "join", "code": room.row.code, "name": "Ann Example"}))
        assert json.loads(student.recv(timeout=10))["type"] == "joined"
        seat = json.loads(student.recv(timeout=10))
        assert (seat["table"], seat["seat"]) == (1, "dunmore")
        student.send(json.dumps({"type": "act", "kind": "propose", "package": OFFER}))
        receive_until(student, lambda m: m.get("type") == "seat" and m["moves"] > seat["moves"])

        pilot.click("view")
        assert scene.view == "dashboard"
        browser = room.dashboard()["tables"][0]  # what the browser's dashboard is sent for table 1
        assert browser["last_move"]
        shown = wait_for_board(pilot, scene, lambda text: "Ann Example" in text)
        assert f"Last move: {browser['last_move']}" in shown
        assert long_date(room.tables[1].game.date) in shown and "Waiting for" in shown
        assert room.row.teacher_token not in shown

        pilot.click("page")  # table 1 in detail
        pilot.click("pause_table")
        assert room.tables[1].paused and not room.tables[2].paused
        assert receive_until(student, lambda m: m.get("paused") is True)["table"] == 1  # told on their page
        assert "Paused" in pilot.all_text() and "Resume table 1" in pilot.all_text()
        pilot.click("pause_table")
        assert receive_until(student, lambda m: m.get("type") == "seat")["paused"] is False  # the next it is sent
        pilot.click("page")  # every table again
        pilot.click("pause_all")
        assert all(t.paused for t in room.tables.values()) and "Resume every table" in pilot.all_text()
        assert receive_until(student, lambda m: m.get("type") == "seat")["paused"] is True
        pilot.click("pause_all")
        assert not any(t.paused for t in room.tables.values())

        pilot.click("lock")
        assert room.locked and "Open joining" in pilot.all_text()
        with connect(hosting.address.replace("http", "ws", 1) + "ws") as late:
            late.send(json.dumps({"type": "join", "code": room.row.code, "name": "Late"}))
            assert "closed joining" in json.loads(late.recv(timeout=10))["message"]
        pilot.click("view")  # the projector view says joining is closed, and shows no code
        assert "Joining is closed." in pilot.all_text() and room.row.code not in pilot.all_text()
        pilot.click("view")

        pilot.click("end")  # asks first
        assert pilot.app.overlay is not None and not room.ended
        pilot.click("no")
        assert not room.ended
        pilot.click("end")
        pilot.click("yes")
        assert room.ended and room.results is not None
        assert receive_until(student, lambda m: m.get("ended") is True)["type"] == "seat"
    report = room.results.folder / "report.html"
    assert report.is_file() and str(tmp_path) in str(report)
    assert str(report) in pilot.all_text()
    pilot.snapshot(shots / "hosting-dashboard.png")
    pilot.click("report")
    assert opened[-1] == report.as_uri()
    pilot.click("stop")
    assert pilot.scene.name == "title"


LAYOUT_SIZES = [(1024, 600), (1280, 720)]
NORMAL = [name for name, _ in TEXT_SIZES].index("Normal")
PROJECTOR = [name for name, _ in TEXT_SIZES].index("Projector")


@pytest.mark.parametrize("text_size", [NORMAL, PROJECTOR], ids=["normal", "projector"])
@pytest.mark.parametrize("size", LAYOUT_SIZES, ids=[f"{w}x{h}" for w, h in LAYOUT_SIZES])
def test_hosting_fits_small_windows_and_the_projector_text(
    make_pilot: MakePilot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    shots: Path,
    size: tuple[int, int],
    text_size: int,
) -> None:
    """The setup (eight delegations), the projector's view and the dashboard's two pages (every
    table, one table in detail) keep everything inside the window and clear of each other, with
    room left for the words; at Projector size no text is under 24 px."""
    monkeypatch.setenv("PARLEY_CLASS_DATA", str(tmp_path / "class-data"))
    monkeypatch.setattr(HostingScene, "local", True)
    pilot = make_pilot(CURRENT_FLAGSHIP, size=size, settings=UISettings(computer_pause=0.0, text_size=text_size))
    app = pilot.app
    pilot.press(pygame.K_h)
    scene = pilot.scene
    assert isinstance(scene, HostingScene)
    tag = f"hosting-{size[0]}x{size[1]}-{TEXT_SIZES[text_size][0].lower()}"
    for view in ("setup", "projector", "dashboard", "table"):
        if view == "projector":
            pilot.click("start")
            assert scene.hosting is not None and scene.view == "projector"
        elif view == "dashboard":
            pilot.click("view")
            scene.look_now()
            app.rebuild()
        elif view == "table":
            pilot.click("page")
        what = f"{view} at {size}, {TEXT_SIZES[text_size][0]}"
        check_layout(app, what)
        app.draw()
        check_text_sizes(app, what)
        for name in ("head", "scenario") + (("seats_head",) if view == "setup" else ()):
            check_drawn_text(app, what, name, app.type.heading if name == "head" else app.type.body)
        if view in ("dashboard", "table"):  # the words keep room for three lines at least (they scroll)
            assert scene.texts["board"].rect.h >= app.spacing.line * 3, what
        if text_size == PROJECTOR:
            styles = {(b.class_ids or [""])[-1] for b in scene.buttons.values()}
            assert app.type.body >= 24 and not styles & {"@small", "@small_primary"}, what
            assert "@log" not in {(box.class_ids or [""])[-1] for box in scene.texts.values()}, what
        pilot.snapshot(shots / f"{tag}-{view}.png")
    pilot.click("stop")


def test_host_refuses_in_the_window_what_the_scenario_lacks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A lens the scenario does not have is said in words, and the setup is there to choose again."""
    monkeypatch.setenv("PARLEY_CLASS_DATA", str(tmp_path / "class-data"))
    seen: dict[str, Any] = {}

    def run(app: App) -> int:
        scene = app.scene
        assert isinstance(scene, HostingScene) and scene.hosting is None
        seen.update(shown=Pilot(app).all_text(), overlay=app.overlay is not None, start="start" in scene.buttons)
        return 0

    monkeypatch.setattr(App, "run", run)
    assert main(["host", str(TUTORIAL), "--lens", "nope", "--local"]) == 0
    assert seen["overlay"] and seen["start"] and "no lens 'nope'" in seen["shown"]

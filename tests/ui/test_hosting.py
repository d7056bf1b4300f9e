"""Hosting a class from the window, with real events: H on the title screen, choose the tables, start;
the screen shows the join address, a readable QR code and the join code, and a student who joins
over the network appears where they sit; Stop ends the serving and goes back to the title."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pygame
import pytest
from websockets.sync.client import connect

from game.cli import main
from game.net import option_help
from game.net.room import ClassOptions
from game.net.running import free_port
from game.ui.app import App
from game.ui.pilot import Pilot
from game.ui.scenes.hosting import HostingScene

from .checks import check_layout
from .conftest import ROOT, MakePilot

TUTORIAL = ROOT / "scenarios" / "tutorial-negotiation.yaml"


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


def test_host_without_headless_opens_the_window_hosting_with_its_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`python main.py host SCENARIO ...` opens the window straight on the hosting screen, serving a
    class with the options given on the command line."""
    monkeypatch.setenv("PARLEY_CLASS_DATA", str(tmp_path / "class-data"))
    seen: dict[str, object] = {}

    def run(app: App) -> int:  # instead of the main loop: look at the window, then close it
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
    port = free_port()
    argv = ["host", str(TUTORIAL), "--tables", "3", "--minutes", "4", "--when-time-runs-out", "status_quo"]
    assert main([*argv, "--same-game", "--seed", "7", "--local", "--port", str(port)]) == 0
    options = seen["options"]
    assert isinstance(options, ClassOptions)
    assert seen["tables"] == 3 and seen["port"] == port and seen["seeds"] == {7}
    assert (options.minutes, options.rule, options.same_game) == (4, "status_quo", True)
    assert f"127.0.0.1:{port}" in str(seen["shown"]) and str(seen["code"]) in str(seen["shown"])


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
    pilot.click("minutes")
    pilot.click("rule")
    assert "Minutes per turn: 4" in pilot.all_text() and "Time runs out: Status quo holds" in pilot.all_text()
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

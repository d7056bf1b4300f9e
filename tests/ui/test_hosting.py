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

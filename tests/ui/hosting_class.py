"""What the hosting screen's tests share: the small negotiation they host, an offer in it, and
waiting for what a student's page is sent or the window's dashboard shows."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

from game.ui.pilot import Pilot
from game.ui.scenes.hosting import HostingScene

from .conftest import ROOT

TUTORIAL = ROOT / "scenarios" / "tutorial-negotiation.yaml"


OFFER = {"summer_flow": "half", "weir_crest": "middle", "gate_keys": "joint_board"}


def receive_until(student: Any, wanted: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    """The first message the student's page is sent that ``wanted`` accepts."""
    for _ in range(20):
        message: dict[str, Any] = json.loads(student.recv(timeout=10))
        if wanted(message):
            return message
    raise AssertionError("the student's page was never sent what was expected")


def wait_for_board(pilot: Pilot, scene: HostingScene, wanted: Callable[[str], bool]) -> str:
    """Let the window look at the tables (as its main loop does) until its dashboard says ``wanted``."""
    for _ in range(200):
        pilot.wait(0.6)
        shown = pilot.all_text()
        if wanted(shown):
            return shown
        time.sleep(0.01)
    raise AssertionError(f"the dashboard never showed it; it shows: {pilot.all_text()}")

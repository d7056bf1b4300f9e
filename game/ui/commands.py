"""The ``window`` command: ``python main.py window [SCENARIO]`` (also what ``python main.py`` runs).

Checks for a display before importing anything heavy, so a machine without one gets one clear
line saying how to play in the terminal instead, and no traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from ..commandline import add_scenario_argument

NO_DISPLAY = (
    "parley: there is no display to open the game window on; "
    "play in the terminal instead with: python main.py play --text"
)
NO_DISPLAY_TO_HOST = (
    "parley: there is no display to open the window on; "
    "host the class without one with: python main.py host --headless (and the same options)"
)


def register(sub: argparse._SubParsersAction) -> None:
    window = sub.add_parser(
        "window",
        help="play in a window (the default with no command)",
        description="Open Parley in a window: title screen, setup, play with map and timeline, debrief, "
        "saves and history replay; class play (hot seat with hand-over screens, time limits, "
        "transcripts) and the decision tree. Press F1 in the window for every key.",
    )
    add_scenario_argument(window)
    window.add_argument("--size", metavar="WxH", help="window size, e.g. 1280x720 (default: as last time)")
    # 'host' without --headless hands its class over here, as JSON (net.running.HostRequest)
    window.add_argument("--host-class", metavar="JSON", default="", help=argparse.SUPPRESS)
    window.set_defaults(run=run_window)


def display_problem() -> str:
    """'' when a window can be opened; else the one line to print."""
    driver = os.environ.get("SDL_VIDEODRIVER", "")
    if (
        sys.platform.startswith("linux")
        and not driver
        and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    ):
        return NO_DISPLAY
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    try:
        import pygame
    except ImportError as exc:
        return f"parley: the window needs pygame-ce ({exc}); play in the terminal with: python main.py play --text"
    try:
        pygame.display.init()
    except pygame.error:
        return NO_DISPLAY
    return ""


def _size(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    width, sep, height = text.lower().partition("x")
    if not sep or not width.isdigit() or not height.isdigit():
        raise ValueError(f"--size {text!r}: write WIDTHxHEIGHT, e.g. 1280x720")
    return int(width), int(height)


def run_window(args: argparse.Namespace) -> int:
    from ..commandline import fail

    try:
        size = _size(args.size)
    except ValueError as exc:
        return fail(str(exc))
    problem = display_problem()
    if problem:
        print(NO_DISPLAY_TO_HOST if args.host_class else problem, file=sys.stderr)
        return 1
    from ..net.running import HostRequest
    from ..paths import resolve_scenario
    from .app import App

    app = App(resolve_scenario(args.scenario) if args.scenario else None, size=size)  # None: the last played
    if args.host_class:
        app.open("hosting", request=HostRequest.from_json(json.loads(args.host_class)))
    return app.run()

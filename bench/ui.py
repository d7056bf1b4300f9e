"""Measure the window's speed under SDL's dummy video driver and print the figures.

- start to first frame: from before ``import pygame`` to the title screen drawn once;
- frame times on the play screen at 1280×720 while the mouse moves over the choices (p50, p99,
  max), i.e. frames that draw;
- the cost of a decision (rebuilding the screen after a choice);
- idle: how many frames draw and how much processor time passes in 2 s with no input.

Run: python bench/ui.py [--frames N]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def seat(app) -> None:  # type: ignore[no-untyped-def]
    """Answer a hand-over screen (a sealed move comes first even in projector mode) and close a
    briefing, so the play screen is on top."""
    for _ in range(4):
        if app.overlay is not None:
            app.close_overlay()
        elif app.top.name == "handover":
            app.top.on_button("ready")
        else:
            break
        app.step(1 / 60)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=600)
    args = parser.parse_args()
    import tempfile

    tmp = tempfile.mkdtemp(prefix="parley-bench-")
    os.environ["PARLEY_SAVES"] = os.path.join(tmp, "saves")
    os.environ["PARLEY_SETTINGS"] = os.path.join(tmp, "settings.json")
    started = time.perf_counter()
    import pygame

    from game.classroom.settings import ClassroomSettings
    from game.engine import Game
    from game.paths import default_scenario
    from game.ui.app import App
    from game.ui.settings import UISettings

    app = App(default_scenario(), size=(1280, 720), settings=UISettings(computer_pause=0.0), persist=False)
    app.step(0.016)
    first_frame = time.perf_counter() - started
    print(
        f"start to first frame: {first_frame * 1000:.0f} ms (window and title screen built in "
        f"{app.startup_seconds * 1000:.0f} ms)"
    )

    import subprocess

    probe = (
        "import os, time; from game.ui.app import App; from game.ui.settings import UISettings; "
        "app = App(None, size=(1280, 720), settings=UISettings(), persist=False); app.step(0.016)"
    )
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", probe], cwd=ROOT, check=True, env=dict(os.environ))
    print(f"a fresh process from interpreter start to the first frame: {(time.perf_counter() - t0) * 1000:.0f} ms")

    scenario = app.scenario
    assert scenario is not None
    game = Game.new(scenario, seed=1939, controllers={a: "human" for a in scenario.actors})
    ClassroomSettings(projector=True).store(game)  # every delegation at one screen: no hand-over screens between them
    app.play(game)
    app.step(0.016)
    seat(app)
    scene = app.scene
    cards = [b.rect.center for k, b in scene.buttons.items() if k.startswith(("choice_", "opt_", "act_", "tab_"))]
    points = cards + [scene.texts["narration"].rect.center]
    app.record_frames = True
    for i in range(args.frames):
        x, y = points[i % len(points)]
        pos = (x + (i % 7) * 3, y + (i % 5) * 2)
        pygame.mouse.set_pos(pos)
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=(0, 0, 0)))
        app.step(1 / 60)
    drawn = [f.seconds * 1000 for f in app.frames if f.drew]
    print(
        f"play screen 1280x720, {len(drawn)} frames with the mouse moving over choices: "
        f"p50 {percentile(drawn, 50):.2f} ms, p99 {percentile(drawn, 99):.2f} ms, max {max(drawn):.2f} ms"
    )
    app.frames.clear()

    rebuilds = []
    for _ in range(12):
        seat(app)
        lines = app.scene.choice_lines()  # type: ignore[attr-defined]
        number = next((n for n, line in lines.items() if line.available and not line.preview.ends), None)
        if number is None:
            break
        t0 = time.perf_counter()
        app.scene.choose(number)  # type: ignore[attr-defined]
        app.step(1 / 60)
        rebuilds.append((time.perf_counter() - t0) * 1000)
    if rebuilds:
        print(
            f"a decision (choose, autosave, rebuild the screen, draw): median {percentile(rebuilds, 50):.1f} ms, "
            f"max {max(rebuilds):.1f} ms over {len(rebuilds)}"
        )

    app.record_frames = True
    app.frames.clear()
    app.last_input = -100.0
    cpu0 = time.process_time()
    wall0 = time.perf_counter()
    # the real loop for 2 s, with no input: it should sleep in pygame.event.wait
    deadline = wall0 + 2.0
    while time.perf_counter() < deadline:
        if not app.busy() and not app.dirty:
            wake = app.top.wake_at()
            timeout = 250 if wake is None else max(1, int((wake - app.now) * 1000))
            event = pygame.event.wait(min(timeout, int((deadline - time.perf_counter()) * 1000) + 1))
            if event.type != pygame.NOEVENT:
                pygame.event.post(event)
        app.step()
    cpu = time.process_time() - cpu0
    wall = time.perf_counter() - wall0
    drew = sum(1 for f in app.frames if f.drew)
    print(
        f"idle for {wall:.1f} s: {drew} frames drawn, {len(app.frames)} loop passes, "
        f"processor {cpu / wall * 100:.1f}% of one core"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

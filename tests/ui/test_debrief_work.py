"""The debrief's slow analysis (the smallest change from history) is worked out in a worker thread:
the screen says it is working, no frame waits, and the answer appears when it is ready."""

from __future__ import annotations

import threading
import time

import pytest

from game.engine import Game
from game.engine import history as engine_history
from game.ui import background
from game.ui import classroom as ui_classroom
from game.ui.classroom import smallest_change, smallest_change_later
from game.ui.scenes import debrief
from tests.ui.conftest import TINY


@pytest.fixture(autouse=True)
def _fresh_jobs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(background, "_JOBS", {})
    monkeypatch.setattr(background, "_STARTED", [])


def test_a_job_is_started_once_per_key() -> None:
    runs: list[int] = []
    first = background.job("k", lambda: runs.append(1) or 42)
    assert not first.started and not first.wait(0) and not background.settle()  # asked for, not started
    assert first.start().wait(5) and first.result() == 42
    assert background.job("k", lambda: runs.append(2) or 0) is first
    first.start()  # starting again does nothing
    assert runs == [1]


def test_settling_counts_a_job_that_finished_at_once() -> None:
    """The pilot draws one more frame after any work started, however fast it was."""
    quick = background.job("quick", lambda: 1).start()
    assert quick.wait(5)
    assert background.settle() and not background.settle()


def test_a_failed_job_reports_its_error_and_is_tried_again() -> None:
    def broken() -> int:
        raise ValueError("no")

    failed = background.job("f", broken).start()
    assert failed.wait(5) and failed.failed
    with pytest.raises(ValueError):
        failed.result()
    again = background.job("f", lambda: 1)
    assert again is not failed and again.start().wait(5) and again.result() == 1


def test_an_unfinished_job_has_no_result_yet() -> None:
    gate = threading.Event()
    waiting = background.job("slow", gate.wait).start()
    assert not waiting.ready
    with pytest.raises(RuntimeError):
        waiting.result()
    gate.set()
    assert waiting.wait(5) and waiting.result() is True


def finished_walkout(scenario) -> Game:  # type: ignore[no-untyped-def]
    game = Game.new(scenario, seed=3, controllers={"red": "human", "blue": "historical"})
    game.choose("leave")
    return game


def test_the_smallest_change_is_asked_for_once(tiny) -> None:  # type: ignore[no-untyped-def]
    game = finished_walkout(tiny)
    work = smallest_change_later(game)
    assert work is not None and smallest_change_later(finished_walkout(tiny)) is work
    assert work.start().wait(30) and work.result() == smallest_change(game)
    unfinished = Game.new(tiny, seed=3, controllers={"red": "human", "blue": "historical"})
    assert smallest_change_later(unfinished) is None


def test_the_debrief_says_it_is_working_and_never_waits(make_pilot, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    gate = threading.Event()
    real = ui_classroom.smallest_counterfactuals

    def slow(scenario, lens=None):  # type: ignore[no-untyped-def]
        gate.wait(30)
        return real(scenario, lens)

    monkeypatch.setattr(ui_classroom, "smallest_counterfactuals", slow)
    app = make_pilot(TINY).app
    started = time.perf_counter()
    app.play(finished_walkout(app.scenario))
    for _ in range(3):
        app.step(0.05)  # frames go on while the search runs
    assert time.perf_counter() - started < 5
    scene = app.scene
    assert scene.name == "debrief" and scene.working
    assert "working it out" in scene.change_text() and "working it out" in scene.page_text()
    assert scene.wake_at() is not None  # the window stays awake to look again
    gate.set()
    assert background.settle(30)
    app.step(0.05)
    assert not scene.working and scene.wake_at() is None
    assert "1 departure from history" in app.scene.page_text()


def test_the_debrief_and_the_classroom_share_one_turning_point_rule() -> None:
    from game.classroom import history as classroom_history
    from game.classroom import report, transcript

    rule = engine_history.turning_point
    assert debrief.turning_point is rule and transcript.turning_point is rule
    assert report.turning_point is rule and classroom_history.turning_point is rule

"""Slow answers worked out off the frame: a job runs in a worker thread, and the screen that asked
polls it each frame, saying it is still working until the answer is ready. No frame ever waits.

A job starts when asked to (``start``), so a screen can draw itself first: the worker holds the
interpreter in turns with the frame, and a screen built while it runs takes twice as long to show.

Jobs are kept by key (say, the scenario's content hash, the lens and the ending), so asking again
for the same answer returns the job already running or done instead of doing the work twice.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

T = TypeVar("T")

KEEP = 16  # finished jobs kept for asking again; older ones are forgotten


class Job(Generic[T]):
    """One piece of work for a daemon thread (the window may close while it runs)."""

    def __init__(self, work: Callable[[], T]) -> None:
        self._work = work
        self._value: list[T] = []
        self._error: Exception | None = None
        self._done = threading.Event()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()

    def start(self) -> Job[T]:
        """Start the work in its thread, once (asking again does nothing)."""
        with self._start_lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="parley-background", daemon=True)
                self._thread.start()
                with _LOCK:
                    _STARTED.append(self)
        return self

    @property
    def started(self) -> bool:
        return self._thread is not None

    def _run(self) -> None:
        try:
            self._value.append(self._work())
        except Exception as exc:  # kept for the asker: a failed analysis must not kill the window
            self._error = exc
        finally:
            self._done.set()

    @property
    def ready(self) -> bool:
        return self._done.is_set()

    @property
    def failed(self) -> bool:
        return self._error is not None

    def wait(self, timeout: float | None = None) -> bool:
        """Block until started work is done (never on a frame: for tests and tools); True if it is."""
        return self.started and self._done.wait(timeout)

    def result(self) -> T:
        """The answer; raises what the work raised, or RuntimeError if it is not ready yet."""
        if not self.ready:
            raise RuntimeError("the background work is not finished yet")
        if self._error is not None:
            raise self._error
        return self._value[0]


_JOBS: dict[Hashable, Job[Any]] = {}
_STARTED: list[Job[Any]] = []  # started since the last settle()
_LOCK = threading.Lock()


def job(key: Hashable, work: Callable[[], T]) -> Job[T]:
    """The job for ``key``: the one already asked for (waiting, running or done), else a new one to
    do ``work``, not yet started. A job that failed is replaced, so a passing failure is not remembered."""
    with _LOCK:
        found = _JOBS.get(key)
        if found is None or found.failed:
            if len(_JOBS) >= KEEP:
                for old in [k for k, j in _JOBS.items() if j.ready][: len(_JOBS) - KEEP + 1]:
                    del _JOBS[old]
            found = _JOBS[key] = Job(work)
        return found


def settle(timeout: float = 60.0) -> bool:
    """Wait for every job started since the last call to finish; True if there was any (even one
    that finished at once). For the test pilot, which looks at a screen once its work is done, as
    a person would a moment later."""
    with _LOCK:
        started = list(_STARTED)
        _STARTED.clear()
    for started_job in started:
        started_job.wait(timeout)
    return bool(started)

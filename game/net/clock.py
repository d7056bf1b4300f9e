"""A table's turn clock: minutes for each turn, extendable, and stopped for as long as anything stops
it (the teacher's pause, a seat it waits for that nobody connected holds, the class not yet going)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

PAUSED = "paused"  # the teacher paused the table
SEATS = "seats"  # a seat the turn waits for is empty or its students are disconnected, or the class is not going yet


@dataclass
class Clock:
    minutes: float  # for each turn (0.75: 45 seconds); 0: no clock
    now: Callable[[], float] = field(default=time.time)
    deadline: float | None = None  # while it runs: when this turn's time is up
    frozen: float | None = None  # while it is stopped: the seconds left
    stops: set[str] = field(default_factory=lambda: {SEATS})  # why it is stopped; a new clock waits for its seats

    def __post_init__(self) -> None:
        if self.minutes and self.deadline is None and self.frozen is None:
            if self.stops:
                self.frozen = self.minutes * 60.0
            else:
                self.deadline = self.now() + self.minutes * 60.0

    @property
    def running(self) -> bool:
        return bool(self.minutes) and not self.stops

    def restart(self) -> None:
        """A new turn: the full time again (kept stopped if stopped)."""
        if self.minutes:
            if self.stops:
                self.frozen = self.minutes * 60.0
            else:
                self.deadline = self.now() + self.minutes * 60.0

    def stop(self, why: str) -> None:
        """Stop the clock for ``why`` (``PAUSED``, ``SEATS``) until ``go(why)``."""
        if self.minutes and not self.stops:
            self.frozen = self.left()
        self.stops.add(why)

    def go(self, why: str) -> None:
        """``why`` no longer stops the clock; it runs on from where it stood once nothing else does."""
        self.stops.discard(why)
        if self.minutes and not self.stops and self.frozen is not None:
            self.deadline = self.now() + self.frozen
            self.frozen = None

    def pause(self) -> None:
        self.stop(PAUSED)

    def resume(self) -> None:
        self.go(PAUSED)

    def extend(self, minutes: int) -> None:
        """More time for this turn; a table without a clock stays without one (an extension must
        never start a clock that, once run out, would hand every later turn to the computer)."""
        if not self.minutes:
            return
        if self.frozen is not None:
            self.frozen = max(self.frozen, 0.0) + minutes * 60.0
        else:
            self.deadline = max(self.deadline or self.now(), self.now()) + minutes * 60.0

    def left(self) -> float | None:
        """Seconds left for this turn (never below 0), or None without a clock."""
        if not self.minutes:
            return None
        if self.frozen is not None:
            return self.frozen
        return None if self.deadline is None else max(0.0, self.deadline - self.now())

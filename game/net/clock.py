"""A table's turn clock: minutes for each turn, stopped while the table is paused, extendable."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Clock:
    minutes: int  # for each turn; 0: no clock
    now: Callable[[], float] = field(default=time.time)
    deadline: float | None = None
    frozen: float | None = None  # seconds left while paused

    def restart(self) -> None:
        """A new turn: the full time again (kept frozen if paused)."""
        if self.minutes:
            if self.frozen is not None:
                self.frozen = self.minutes * 60.0
            else:
                self.deadline = self.now() + self.minutes * 60.0

    def pause(self) -> None:
        if self.frozen is None:
            self.frozen = self.left() if self.deadline is not None else -1.0

    def resume(self) -> None:
        if self.frozen is not None:
            self.deadline = None if self.frozen < 0 else self.now() + self.frozen
            self.frozen = None

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
        if self.frozen is not None:
            return None if self.frozen < 0 else self.frozen
        return None if self.deadline is None else max(0.0, self.deadline - self.now())

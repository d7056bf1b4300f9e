"""A budget of work for an analysis: steps always, and wall-clock time where the result may depend on it.

Analyses (``check``, ``simulate``, ``graph``) stop when either runs out and say so; the computer
players' lookahead is given steps only, so a replay never depends on the machine it runs on.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

_CLOCK_EVERY = 256  # steps between looks at the clock


@dataclass
class Budget:
    """``steps`` units of work and, if given, ``seconds`` of time; ``spend`` says whether any is left."""

    steps: int
    seconds: float | None = None
    used: int = 0
    stopped: str = ""  # why the work stopped early: '' while the budget lasts
    _deadline: float = field(init=False, default=0.0)
    _next_look: int = field(init=False, default=_CLOCK_EVERY)

    def __post_init__(self) -> None:
        self._deadline = time.monotonic() + self.seconds if self.seconds is not None else 0.0

    @property
    def exhausted(self) -> bool:
        return bool(self.stopped)

    def spend(self, steps: int = 1) -> bool:
        """Count ``steps`` of work; False once the steps or the time have run out."""
        if self.stopped:
            return False
        self.used += steps
        if self.used > self.steps:
            self.stopped = f"it stopped after {self.steps:,} steps of work, its budget"
        elif self.seconds is not None and self.used >= self._next_look:
            self._next_look = self.used + _CLOCK_EVERY
            if time.monotonic() > self._deadline:
                self.stopped = f"it stopped after {self.seconds:g} seconds, its time budget"
        return not self.stopped

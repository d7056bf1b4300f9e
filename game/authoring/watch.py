"""``--watch``: re-check a scenario every time it is saved, printing only what changed.

The file's size and modification time are polled (a stat call, cheap enough to do ten times a
second), so nothing beyond the standard library is needed and it works the same on every system.
The loop takes its clock, its sleep and its stop condition as arguments, so tests run it without
waiting.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TextIO

Line = tuple[Hashable, str]  # (what identifies it across edits, what is printed)


def signature(paths: Iterable[str]) -> tuple[tuple[int, int], ...]:
    """Each file's (modification time in ns, size); (-1, -1) for one that cannot be read just now."""
    out = []
    for path in paths:
        try:
            info = os.stat(path)
            out.append((info.st_mtime_ns, info.st_size))
        except OSError:
            out.append((-1, -1))
    return tuple(out)


@dataclass
class Changes:
    """What a re-check found that the one before did not, and what it no longer finds."""

    new: list[str] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [f"+ {text}" for text in self.new] + [f"- fixed: {text}" for text in self.gone]


def compare(before: list[Line], after: list[Line]) -> Changes:
    """Lines are matched by their key (a finding without its line number), so an edit above a finding
    that moves it down does not report it again."""
    old = {key: text for key, text in before}
    now = {key: text for key, text in after}
    return Changes([text for key, text in after if key not in old], [text for key, text in before if key not in now])


Stage = Callable[[], tuple[list[Line], str] | None]  # lines and a verdict; None: nothing to say this time


@dataclass(frozen=True)
class Early:
    """A quick stage that tells part of what the stage after it will find, before it does: its lines
    are what that stage found last time, changed only where the change is certain. They are compared
    with that stage's last lines, and that stage's next lines with them, so each change is printed
    once. It says nothing until that stage has spoken once."""

    stage: Stage


def watch(
    paths: list[str],
    check: Stage | Sequence[Stage | Early],
    out: TextIO,
    *,
    interval: float = 0.1,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.perf_counter,
    stop: Callable[[], bool] = lambda: False,
) -> int:
    """Check now and after every save of ``paths`` until ``stop()`` or Ctrl+C. ``check`` is one stage
    or several run in turn (validation, then the slower check), each printed as soon as it is done so
    the quick answer never waits for the slow one; an ``Early`` stage tells the certain part of the
    next stage's changes first. A stage returns the lines found and a one-line
    verdict, or None when it has nothing to say (a check while the file has errors). The first time a
    stage speaks it prints everything, later only what changed; the time shown runs from the save."""
    stages: list[Stage | Early] = [check] if callable(check) else list(check)
    if stages and isinstance(stages[-1], Early):
        raise ValueError("an early stage tells what the stage after it will find: it cannot come last")
    seen: tuple[tuple[int, int], ...] | None = None
    before: list[list[Line] | None] = [None] * len(stages)
    try:
        while not stop():
            now = signature(paths)
            if now != seen:
                seen = now
                started = clock()
                for number, stage in enumerate(stages):
                    early = isinstance(stage, Early)
                    slot = number + 1 if early else number  # an early stage speaks for the next one
                    if early and before[slot] is None:
                        continue
                    found = stage.stage() if isinstance(stage, Early) else stage()
                    if found is None:
                        continue
                    lines, verdict = found
                    took = clock() - started
                    last = before[slot]
                    if last is None:
                        shown = [text for _, text in lines]
                    else:
                        shown = compare(last, lines).lines() or ([] if early else ["(no change)"])
                    before[slot] = lines
                    print(f"--- {time.strftime('%H:%M:%S')} {verdict} ({took:.2f} s)", file=out)
                    for text in shown:
                        print(text, file=out)
                    out.flush()
            sleep(interval)
    except KeyboardInterrupt:
        print("stopped watching", file=out)
    return 0

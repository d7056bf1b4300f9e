"""Plain-text rendering shared by the terminal modes: wrapped paragraphs and log lines."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import textwrap

from ..engine import Happening, Scenario
from ..engine.views import Line
from ..engine.wording import describe_effects, short_date

ENDINGS = ("outcome", "deadline", "stuck")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # all but tab and line feed: ANSI escapes, bells, C1


def printable(text: str) -> str:
    """``text`` with every control character shown as a visible escape (``\\x1b``), so scenario text or
    a player's reason can never move the cursor, clear the screen or retitle the terminal."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def width() -> int:
    return max(40, min(100, shutil.get_terminal_size((88, 24)).columns) - 2)


def wrap(text: str, indent: str = "", first: str | None = None) -> str:
    """Wrap each paragraph of ``text`` to the terminal's width."""
    paragraphs = [p for p in text.strip().split("\n\n") if p.strip()]
    out = []
    for i, para in enumerate(paragraphs):
        lead = first if (first is not None and i == 0) else indent
        out.append(textwrap.fill(" ".join(para.split()), width(), initial_indent=lead, subsequent_indent=indent))
    return "\n".join(out)


def happening_lines(scenario: Scenario, item: Happening, show_effects: bool = True) -> str:
    """How one log entry reads in the terminal."""
    actor = scenario.actors[item.actor].name if item.actor in scenario.actors else item.actor
    effects = describe_effects(scenario, item.effects) if show_effects else ()
    return entry_lines(item.kind, scenario.date_of(item.day), actor, item.title, item.text, effects)


def line_lines(scenario: Scenario, line: Line, show_effects: bool = True) -> str:
    """How one line of a viewer's log (``View.log``) reads in the terminal."""
    actor = scenario.actors[line.actor].name if line.actor in scenario.actors else line.actor
    effects = describe_effects(scenario, line.effects) if show_effects else ()
    return entry_lines(line.kind, line.date, actor, line.title, line.text, effects)


def entry_lines(kind: str, date: dt.date, actor: str, title: str, text: str, effects: tuple[str, ...]) -> str:
    """A dated log entry: a heading by kind, its text indented, then its effects in brackets."""
    day = short_date(date)
    if kind == "decision":
        head = f"[{day}] {actor}: {title}"
    elif kind == "chance":
        head = f"[{day}] By chance: {title}"
    elif kind == "event":
        head = f"[{day}] EVENT — {title}"
    elif kind == "sealed":
        head = f"[{day}] {title} (in secret)"
    elif kind == "reveal":
        head = f"[{day}] {title or 'After the reveal'}"
    elif kind in ENDINGS:
        head = f"[{day}] ENDING — {title}"
    else:  # offer, answer, deal, no_deal: the title names who did what
        head = f"[{day}] {title}"
    lines = [head]
    if text and kind not in ENDINGS:
        # Table lines keep the terms and the reasons on lines of their own.
        parts = text.split("\n") if kind in ("offer", "answer") else [text]
        lines.extend(wrap(part, "    ") for part in parts if part.strip())
    if effects:
        lines.append(f"    ({'; '.join(effects)})")
    return "\n".join(lines)

"""Plain-text rendering shared by the terminal modes: wrapped paragraphs and log lines."""

from __future__ import annotations

import shutil
import textwrap

from ..engine import Happening, Scenario
from ..engine.wording import describe_effects, short_date


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
    date = short_date(scenario.date_of(item.day))
    if item.kind == "decision":
        actor = scenario.actors[item.actor].name if item.actor in scenario.actors else item.actor
        head = f"[{date}] {actor}: {item.title}"
    elif item.kind == "chance":
        head = f"[{date}] As it turned out: {item.title}"
    elif item.kind == "event":
        head = f"[{date}] EVENT — {item.title}"
    else:
        head = f"[{date}] ENDING — {item.title}"
    lines = [head]
    if item.text and item.kind in ("decision", "chance", "event"):
        lines.append(wrap(item.text, "    "))
    shown = describe_effects(scenario, item.effects) if show_effects else ()
    if shown:
        lines.append(f"    ({'; '.join(shown)})")
    return "\n".join(lines)

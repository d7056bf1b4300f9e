"""Narration that names a weekday the node's date contradicts ("Saturday" on a Sunday).

Only narration that names exactly one weekday is read, so a node that speaks of "Saturday's note"
and "today, Monday" is left alone: a warning must be one the author agrees with. A node is dated by
its ``date`` and, on paths whose steps' ``days`` carry play past that date, by the later days the
explored games reach it on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from ..engine.model import Node, Scenario

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# "Saturday", not "Saturdays" (a habit), "Saturday's" (most often another day's news), nor a name that
# begins with one ("The Sunday Telegraph", "Sunday Times": a capitalised word follows).
_NAMED = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b(?!['’]s)(?! [A-Z])")


def named_weekday(node: Node) -> str:
    """The one weekday the node's narration names, or '' (none, or several)."""
    texts = [node.text] + [part.text for part in node.text_parts]
    named = {match.group(1) for text in texts for match in _NAMED.finditer(text)}
    return named.pop() if len(named) == 1 else ""


def contradictions(scenario: Scenario, days: Mapping[str, Iterable[int]]) -> list[tuple[str, str, str]]:
    """(node id, message, hint) for each node whose named weekday is not its date's on some path;
    ``days`` gives the days (from the start) each node is reached on, beside its own date's."""
    out = []
    for node in scenario.nodes.values():
        named = named_weekday(node)
        if not named:
            continue
        dates = {scenario.date_of(day) for day in {node.day, *days.get(node.id, ())}}
        wrong = sorted(d for d in dates if WEEKDAYS[d.weekday()] != named)
        if not wrong:
            continue
        first = wrong[0]
        own = scenario.date_of(node.day)
        where = "its date" if first == own else "on some paths, after steps' extra days,"
        out.append(
            (
                node.id,
                f"the narration of {node.id!r} says {named}, but {where} {first:%A %d %B %Y} is a "
                f"{WEEKDAYS[first.weekday()]}"
                + (f" ({len(wrong) - 1} more date(s) likewise)" if len(wrong) > 1 else ""),
                "name the weekday only where the date is fixed, or correct the date",
            )
        )
    return out

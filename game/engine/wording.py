"""Players' words for engine data: values and effects as a person reads them, not as YAML says them.

One place, so the terminal, the window and the transcripts describe a change the same way.
"""

from __future__ import annotations

import re

from .model import Scenario

_EFFECT = re.compile(r"^\s*([a-z][a-z0-9_]*)\s*(\+=|-=|=)\s*(.+?)\s*$")


def the_actor(name: str) -> str:
    """A delegation's name in a sentence: 'the British military mission' (names in scenarios are
    like 'British military mission'; one that already starts with 'The' keeps it)."""
    return name if name.lower().startswith("the ") else f"the {name}"


def show_value(value: object) -> str:
    """``yes``/``no`` for booleans, enum ids with spaces, numbers as they are."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value).replace("_", " ")


def describe_effect(scenario: Scenario, text: str) -> str | None:
    """An effect in players' words ('Trust +1'); None for variables hidden from players."""
    match = _EFFECT.match(text)
    if not match or match.group(1) not in scenario.variables:
        return text
    variable = scenario.variables[match.group(1)]
    if not variable.visible:
        return None
    label = variable.label or variable.id
    op, value = match.group(2), match.group(3).strip("'\"")
    if op == "+=":
        return f"{label} +{value}"
    if op == "-=":
        return f"{label} −{value}"
    return f"{label}: {show_value(value if value not in ('true', 'false') else value == 'true')}"


def describe_effects(scenario: Scenario, texts: tuple[str, ...]) -> tuple[str, ...]:
    """Every visible effect in players' words, in order."""
    return tuple(d for t in texts if (d := describe_effect(scenario, t)) is not None)

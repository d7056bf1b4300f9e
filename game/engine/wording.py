"""Players' words for engine data: dates, sources, values and effects as a person reads them, not
as YAML says them.

One place, so the terminal, the window and the transcripts say a date, cite a source and describe a
change the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping

from .expr import split_effect
from .model import Issue, Scenario, Variable


def long_date(date: dt.date) -> str:
    """'21 August 1939'."""
    return f"{date.day} {date:%B %Y}"


def short_date(date: dt.date) -> str:
    """'21 Aug', for a log line."""
    return f"{date.day} {date:%b}"


def cite(scenario: Scenario, source_id: str, *, with_url: bool = True) -> str:
    """A source as it reads in text: its citation, then its address when it has one.

    An id the scenario does not list reads as itself, so nothing cited is silently dropped.
    ``with_url=False`` leaves the address out, for formats that make a link of it themselves."""
    source = scenario.sources.get(source_id)
    if source is None:
        return source_id
    return source.citation + (f" — {source.url}" if with_url and source.url else "")


def round_words(round_: int, rounds: int) -> str:
    """'Round 2 of 3'; in the last round, that the talks end if it brings no deal (a counter-offer
    made in it is never put on the table)."""
    if round_ >= rounds:
        return f"Round {round_} of {rounds}, the last: the talks end if it brings no deal"
    return f"Round {round_} of {rounds}"


def as_recorded(scenario: Scenario) -> str:
    """A computer's reason for making the recorded move: history's, or an invented case's written course."""
    return "As the case is written." if scenario.invented else "As history records."


def the_actor(name: str) -> str:
    """A delegation's name in a sentence: 'the British military mission' (names in scenarios are
    like 'British military mission'; one that already starts with 'The' keeps it)."""
    return name if name.lower().startswith("the ") else f"the {name}"


def signed(points: int) -> str:
    """Points as a player reads them: '+3', '−2', '0' (a true minus sign)."""
    return f"{points:+d}".replace("-", "−") if points else "0"


def show_value(value: object) -> str:
    """``yes``/``no`` for booleans, enum ids with spaces, numbers as they are."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value).replace("_", " ")


def drawn_range(scenario: Scenario, lens: str | None, variable: Variable) -> tuple[int, int]:
    """The range a hidden draw was drawn from: the lens's where it sets one, else the variable's bounds."""
    chosen = scenario.lenses.get(lens or "")
    if chosen is not None and variable.id in chosen.draws:
        return chosen.draws[variable.id]
    return variable.type.minimum, variable.type.maximum


def draw_words(scenario: Scenario, lens: str | None, values: Mapping[str, object]) -> tuple[str, ...]:
    """Each hidden draw revealed in words: 'How serious Moscow is: 9 (drawn from 6 to 10)'."""
    out = []
    for variable in scenario.variables.values():
        if variable.drawn:
            low, high = drawn_range(scenario, lens, variable)
            value = show_value(values.get(variable.id))
            out.append(f"{variable.label or variable.id}: {value} (drawn from {low} to {high})")
    return tuple(out)


NOT_AGREED = "not agreed yet"


def value_words(
    issues: Mapping[str, Issue], variable: str, value: object, settled: Collection[str] | None = None
) -> str:
    """A measure's value in players' words: for an issue at the table (an enum of the same id), its
    option's label as the offer panel shows it; otherwise the value as ``show_value`` words it.
    Given ``settled`` (the issues a deal has settled so far, ``talks.settled_issues``), an issue no
    deal has settled that still stands at its status quo says so — 'High (not agreed yet)' — so it
    never reads as if agreed."""
    issue = issues.get(variable)
    option = issue.option(value) if issue is not None and isinstance(value, str) else None
    if option is None:
        return show_value(value)
    if settled is not None and issue is not None and variable not in settled and value == issue.initial:
        return f"{option.label} ({NOT_AGREED})"
    return option.label


def describe_effect(scenario: Scenario, text: str) -> str | None:
    """An effect in players' words ('Trust +1'); None for variables hidden from players."""
    parts = split_effect(text)
    if parts is None or parts.variable not in scenario.variables:
        return text
    variable = scenario.variables[parts.variable]
    if not variable.visible:
        return None
    label = variable.label or variable.id
    op, value = parts.op, parts.value.strip().strip("'\"")
    if op == "+=":
        return f"{label} +{value}"
    if op == "-=":
        return f"{label} −{value}"
    return f"{label}: {show_value(value if value not in ('true', 'false') else value == 'true')}"


def describe_effects(scenario: Scenario, texts: tuple[str, ...]) -> tuple[str, ...]:
    """Every visible effect in players' words, in order."""
    return tuple(d for t in texts if (d := describe_effect(scenario, t)) is not None)

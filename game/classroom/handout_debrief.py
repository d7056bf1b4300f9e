"""The debrief in the classroom pack: for each ending, the author's questions and questions made
from the ending's own data (never from a secret objective)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..engine.model import Scenario
from .condition_words import OUTCOME, listing, role_in_sentence
from .markdown_text import SPECULATIVE


@dataclass(frozen=True)
class EndingDebrief:
    id: str
    title: str
    date: dt.date | None
    historical: bool
    speculative: str
    speculation: str
    authored: tuple[str, ...]
    general: tuple[str, ...]


def _asks_for(text: str, outcome: str) -> bool:
    """Whether an objective's condition asks for this ending (``outcome == 'x'`` or ``outcome in [..'x'..]``;
    not ``!=`` nor ``not in``, which ask for any other)."""
    quoted = rf"""['"]{re.escape(outcome)}['"]"""
    return bool(
        re.search(rf"\b{OUTCOME}\s*==\s*{quoted}", text) or re.search(rf"""\b{OUTCOME}\s+in\s*\[[^\]]*{quoted}""", text)
    )


def _general(scenario: Scenario, outcome_id: str) -> tuple[str, ...]:
    """Questions any ending raises, made from its data (never from a secret objective)."""
    outcome = scenario.outcomes[outcome_id]
    questions = []
    if outcome.historical:
        questions.append(
            f"Your game ended {'as the case is written' if scenario.invented else 'as history did'}. Which decision "
            "in your game came closest to changing the ending, and why did it not?"
        )
    else:
        level = SPECULATIVE.get(outcome.speculative, "speculative")
        if outcome.speculative == "none":
            level = "close to what did"
        questions.append(
            "This ending is not the course the case is written to take. Which step on the way to it would be the "
            "least likely in such a case, and why?"
            if scenario.invented
            else f"This ending did not happen; it is {level}. Which step on the way to it is the least likely to "
            "have happened in reality, and why?"
        )
    roles = [
        role_in_sentence(a.name)
        for a in scenario.actors.values()
        if any(not o.secret and _asks_for(o.condition_text, outcome_id) for o in a.objectives)
    ]
    if len(roles) == 1:
        questions.append(
            f"This ending is one of {roles[0]}'s objectives. Did that delegation reach it by its own moves, or did "
            "others' moves (or silences) hand it over? Who lost most by it?"
        )
    elif 1 < len(roles) <= 3:
        questions.append(
            f"This ending is an objective of {listing(roles, 'and')}. Did they work together to reach it, or did "
            "one of them get there at another's expense? Who lost most by it?"
        )
    elif roles:
        questions.append(
            f"{len(roles)} of the {len(scenario.actors)} delegations had this ending among their objectives. If "
            "so many wanted it, what made it hard to reach? Which of their other objectives pulled against it?"
        )
    questions.append(
        "Read your reasons worksheet: which assumption about another delegation turned out wrong, and when "
        "did you find out?"
    )
    return tuple(questions)


def endings(scenario: Scenario) -> tuple[EndingDebrief, ...]:
    return tuple(
        EndingDebrief(
            o.id,
            o.title,
            o.date,
            o.historical,
            o.speculative,
            o.speculation,
            o.debrief_questions,
            _general(scenario, o.id),
        )
        for o in scenario.outcomes.values()
    )

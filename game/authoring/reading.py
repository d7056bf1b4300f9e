"""Reading time: how many words a game shows each role, and so how long each group spends reading.

A class plays with people in every seat, so what a role reads is what its view shows along the game
(``views.view``, with no computer reasons, as when people play every seat): the narration of every
node, its briefing, what it knows, the objectives it may see, the roles' descriptions, its own
choices when it must act, the table's issues and options while it sits at one, every line of the log
it may read, and the epilogue. Each paragraph, choice or line is counted once, however often a view
shows it again. Words at ``WORDS_PER_MINUTE`` give minutes.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..engine.game import Game
from ..engine.history import historical_game
from ..engine.model import Scenario
from ..engine.views import View, view

WORDS_PER_MINUTE = 200


def _texts(shown: View) -> Iterable[str]:
    yield shown.node_title
    yield from shown.narration.split("\n\n")
    yield from shown.briefing.split("\n\n")
    yield from shown.knowledge
    yield from (o.text for o in shown.objectives)
    yield from (f"{a.name}. {a.description}" for a in shown.actors)
    if shown.turn is not None:
        yield from (c.label for c in shown.turn.choices)
    if shown.table is not None:
        for issue in shown.table.issues:
            yield issue.title
            yield from (label for _, label in issue.options)
        if shown.table.accept_blocked:
            yield shown.table.accept_blocked
    yield from (f"{line.title}. {line.text}" for line in shown.log)
    yield shown.outcome_title
    yield from shown.epilogue.split("\n\n")


def words_shown(game: Game, roles: Iterable[str] | None = None) -> dict[str, int]:
    """Words shown to each role as ``game`` is played on by its computer players to its end (each
    distinct text once). People are stood in for by the computer, so pass a game whose controllers
    play the line to be measured."""
    roles = list(roles or game.scenario.actors)
    seen: dict[str, set[str]] = {r: set() for r in roles}
    for _ in range(10_000):
        for role in roles:
            seen[role].update(t.strip() for t in _texts(view(game, role, "nothing")) if t.strip())
        if game.ended or not game.computer_to_move:
            break
        game.play_computer()
    return {r: sum(len(t.split()) for t in texts) for r, texts in seen.items()}


def historical_reading(scenario: Scenario, lens: str | None = None) -> dict[str, int]:
    """Words each role reads in a game played along history from start to end."""
    return words_shown(historical_game(scenario, lens))


def minutes(words: int) -> float:
    return words / WORDS_PER_MINUTE

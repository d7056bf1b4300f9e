"""History replay in the terminal: the path that really happened, day by day, with sources."""

from __future__ import annotations

import sys
from typing import TextIO

from ..engine import Game, Scenario
from ..engine.history import historical_game
from ..engine.narrate import PUBLIC, render
from ..engine.wording import cite, long_date
from .text import happening_lines, printable, wrap


def print_history(scenario: Scenario, out: TextIO | None = None, lens: str | None = None) -> Game:
    """Play the historical path and print it; return the finished game."""
    out = out or sys.stdout
    game = historical_game(scenario, lens)

    def say(text: str = "") -> None:
        print(printable(text), file=out)

    def show_sources(ids: tuple[str, ...] | list[str]) -> None:
        for source in ids:
            if source:
                say(wrap(cite(scenario, source), "      ", "    Source: "))

    say(f"=== {scenario.title}: what really happened ===")
    say(wrap(scenario.summary))
    for item in game.log:
        say(happening_lines(scenario, item, show_effects=False))
        show_sources([item.source])
    shown = ""  # the scene whose text was printed last: a table or a sealed move is told once, not per move
    while not game.ended:
        node = game.node  # a decision, a negotiation or a sealed move
        assert node is not None
        if node.id != shown:
            shown = node.id
            say("")
            say(f"--- {long_date(game.date)} — {node.title} ---")
            say(wrap(render(node.text, node.text_parts, game.state.values, PUBLIC)))
            show_sources(node.sources)
        for item in game.play_computer():
            say(happening_lines(scenario, item, show_effects=False))
            if item.kind != "outcome":
                show_sources([item.source])
            if item.kind == "decision" and not item.historical:
                say("    (No recorded choice fits here; the computer chose by the delegation's goals.)")
    outcome = game.outcome
    assert outcome is not None
    say("")
    say(f"=== {outcome.title} ({long_date(outcome.date or game.date)}) ===")
    say(wrap(render(outcome.epilogue, outcome.epilogue_parts, game.state.values, PUBLIC)))
    show_sources(outcome.sources)
    if not outcome.historical:
        say(
            "\nNote: this path did not reach the ending marked historical; the scenario's history marks "
            "need attention (see 'python main.py check')."
        )
    return game

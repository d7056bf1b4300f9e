"""Classroom fixtures: a class's worth of saves, played by computer players with different seeds."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from game.engine import Game, Scenario
from game.engine.saves import save_game


def play_class(scenario: Scenario, folder: Path, seeds: range, humans: bool = False) -> Counter[str]:
    """Save one finished game per seed (random players, lenses in turn); return outcome counts."""
    outcomes: Counter[str] = Counter()
    lenses = list(scenario.lenses) or [""]
    for seed in seeds:
        game = Game.new(scenario, lenses[seed % len(lenses)] or None, seed, {a: "random" for a in scenario.actors})
        game.play_until_human()
        assert game.outcome is not None
        outcomes[game.outcome.id] += 1
        save_game(game, folder, f"group {seed}")
    return outcomes


@pytest.fixture
def class_saves(tiny, tmp_path: Path) -> tuple[Path, Counter[str]]:  # type: ignore[no-untyped-def]
    folder = tmp_path / "class"
    return folder, play_class(tiny, folder, range(24))


def scripted(tiny) -> Game:  # type: ignore[no-untyped-def]
    """A game in which people play both delegations and give reasons (seed 4: the courier arrives)."""
    game = Game.new(tiny, "hopeful", 4, {a: "human" for a in tiny.actors})
    game.choose("cold", reason="Test their <nerve> & | resolve")
    game.choose("stall", reason="Buying time — «pour gagner du temps»")
    game.choose("warm")
    game.choose("ask_powers", reason="We need the authority to sign")
    game.play_until_human()
    game.choose("sign", reason="A deal at last")
    assert game.ended
    return game


def in_order(text: str, needles: list[str]) -> bool:
    """Every needle appears in ``text``, each after the one before."""
    position = 0
    for needle in needles:
        found = text.find(needle, position)
        if found < 0:
            return False
        position = found + len(needle)
    return True


TABLE = Path(__file__).resolve().parent.parent / "fixtures" / "table.yaml"


@pytest.fixture(scope="session")
def table() -> Scenario:
    """The format-2 fixture: three delegations at a negotiation, then two sealed seats."""
    from game.engine import load_scenario

    return load_scenario(str(TABLE))


def negotiated(table: Scenario, seed: int = 3, lens: str | None = None) -> Game:
    """A finished game of the table fixture: Red and Blue played by people, Green by the computer.

    Red's first offer is rejected by Blue (Green, computer, answers with its reason), Blue counters
    in round two and everyone accepts; then both people choose in secret and Red signs."""
    game = Game.new(table, lens, seed, {"red": "human", "blue": "human", "green": "disposition"})
    game.propose("red", {"passage": "wide", "signing": "now"}, reason="Ask for <everything> first")
    game.answer("blue", "counter", {"passage": "narrow", "signing": "later"}, reason="Too much & too soon")
    game.play_until_human()
    game.answer("red", "accept", reason="A corridor will do")
    game.play_until_human()
    assert game.node is not None and game.node.id == "evening", game.log
    game.seal("blue", "cable", reason="Powers at last")
    game.seal("red", "rival", reason="Keep the rival warm")
    game.play_until_human()
    game.choose("sign", reason="Done")
    assert game.ended
    return game

"""Choice previews: the effects a chooser may know, and the mark on a choice that ends or may end
the game, read from the scenario alone and never naming what the viewer may not see."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine import Game
from game.engine.loader import load_scenario
from game.engine.model import Scenario
from game.engine.narrate import PUBLIC
from game.engine.preview import ends, known_effects
from game.engine.views import view

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "table.yaml"
FLAGSHIP = ROOT / "scenarios" / "moscow-1939.yaml"


@pytest.fixture(scope="module")
def table() -> Scenario:
    return load_scenario(str(FIXTURE))


@pytest.fixture(scope="module")
def moscow() -> Scenario:
    return load_scenario(str(FLAGSHIP))


def test_a_choice_leading_to_an_ending_is_marked_yes(table: Scenario) -> None:
    node = table.nodes["final"]
    assert ends(table, node, node.step("quit")) == "yes"  # type: ignore[arg-type]


def test_a_sealed_choice_that_sets_an_ending_condition_may_end_the_game(table: Scenario) -> None:
    node = table.nodes["evening"]
    rival = node.seat("red").choices[0]  # type: ignore[union-attr]
    wait = node.seat("red").choices[1]  # type: ignore[union-attr]
    # the way out reads rival_talks (set here) and treaty_signed (decided elsewhere): it may end
    assert ends(table, node, rival, {"rival_talks": False, "treaty_signed": False}) == "may"
    assert ends(table, node, wait) is None


def test_a_recall_whose_condition_is_its_own_is_certain(moscow: Scenario) -> None:
    game = Game.new(moscow, seed=1, controllers={"london": "human"}, start="answer_offer")
    marks = {c.id: c.preview.ends for c in view(game, "london").turn.choices}  # type: ignore[union-attr]
    assert marks == {"no_answer": None, "answer_and_press": None, "recall_mission": "yes"}


def test_effects_are_previewed_in_players_words_and_hidden_ones_never(table: Scenario) -> None:
    node = table.nodes["evening"]
    cable = node.seat("blue").choices[0]  # type: ignore[union-attr]
    assert [e.words for e in known_effects(table, cable, "blue")] == ["Blue's powers to sign: yes"]
    rival = node.seat("red").choices[0]  # type: ignore[union-attr]
    assert known_effects(table, rival, "red") == ()  # rival_talks is not shown to players


def test_a_private_variable_is_previewed_only_to_those_who_know_it(moscow: Scenario, table: Scenario) -> None:
    private = next(v for v in table.variables.values() if v.known_to and v.visible and not v.drawn)
    from game.engine.model import Step

    step = Step("x", "X", "final", effect_texts=(f"{private.id} += 1",))
    assert [e.variable for e in known_effects(table, step, private.known_to[0])] == [private.id]
    assert known_effects(table, step, PUBLIC) == ()
    assert known_effects(table, step, "blue") == ()

"""The flagship's narration never contradicts the state it is read in: the lines about Doumenc's
and Drax's powers, and London's answer, say what the variables hold on every path."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine import Game
from game.engine.loader import load_scenario
from game.engine.model import Scenario
from game.engine.narrate import PUBLIC
from game.engine.views import view

FLAGSHIP = Path(__file__).resolve().parents[2] / "scenarios" / "moscow-1939.yaml"


@pytest.fixture(scope="module")
def moscow() -> Scenario:
    return load_scenario(str(FLAGSHIP))


def narration(scenario: Scenario, node: str, **values: object) -> str:
    game = Game.new(scenario, seed=1, start=node)
    game.state.values.update(values)
    return view(game, PUBLIC).narration


@pytest.mark.parametrize("paris", [False, True])
@pytest.mark.parametrize("line", ["go_slow", "answer_offer"])
def test_the_sessions_of_21_august_say_who_has_powers_and_answers(moscow: Scenario, paris: bool, line: str) -> None:
    text = narration(moscow, "session_21", paris_powers=paris, london_line=line)
    assert ("Doumenc now has powers" in text or "Doumenc has powers" in text) == paris
    assert ("Drax has no answer from London" in text) == (line == "go_slow")
    assert "Voroshilov knows what the missions do not" in text


@pytest.mark.parametrize("paris", [False, True])
def test_the_first_session_reads_the_powers_doumenc_has(moscow: Scenario, paris: bool) -> None:
    text = narration(moscow, "opening_session", paris_powers=paris)
    assert ("Doumenc reads a written order to negotiate" in text) != paris
    assert ("Doumenc reads powers from Paris to sign" in text) == paris


def test_london_is_not_asked_again_for_an_answer_it_gave(moscow: Scenario) -> None:
    asked = narration(moscow, "london_21", london_line="go_slow")
    answered = narration(moscow, "london_21", london_line="answer_offer", drax_powers="sign")
    assert "once more for an answer" in asked
    assert "once more for an answer" not in answered and "powers to sign" in answered

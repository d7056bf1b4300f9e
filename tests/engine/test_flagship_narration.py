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


def _kremlin_keeps_berlin_away(scenario: Scenario) -> Game:
    """A game that leaves history on 17 August: the Kremlin keeps Berlin at arm's length; every other
    role plays history as far as it can, then by its goals."""
    controllers = {a: "historical" for a in scenario.actors}
    controllers["kremlin"] = "human"
    game = Game.new(scenario, "stalling", 11, controllers, follow_history=True)
    game.play_until_human()
    while not game.ended:
        decision = game.decision_for("kremlin")
        assert decision is not None
        node = game.node
        assert node is not None
        wanted = "wait_for_west" if node.id == "answer_offer" else ""
        choice = wanted or next(c.step.id for c in decision.choices if c.step.historical and c.available)
        if node.sealed:
            game.seal("kremlin", choice)
        else:
            game.choose(choice)
        game.play_until_human()
    return game


def _said(game: Game, node: str) -> str:
    return "\n".join(f"{h.title}\n{h.text}" for h in game.log if h.node == node)


def test_dated_glosses_are_shown_only_on_the_historical_path(moscow: Scenario) -> None:
    """A game that left the record does not print history's dates as its own (the refusal reported on
    the 20th, the trade agreement made public on the 21st, the formula too late on the 23rd)."""
    from game.engine.history import historical_game

    history = historical_game(moscow, "stalling")
    history.play_until_human()
    assert not history.state.off_history
    departed = _kremlin_keeps_berlin_away(moscow)
    assert departed.state.off_history
    glosses = {
        "beck_answers": "formal refusal was reported on the 20th",
        "berlin_19": "made public on the 21st",
        "cardinal_question": "the Soviet offer of 15 August was never answered",
    }
    for node, gloss in glosses.items():
        assert gloss in _said(history, node), node
        if node != "cardinal_question":  # the Kremlin departs after the 15th
            assert gloss not in _said(departed, node), node
            assert _said(departed, node), node  # the step itself is still told
    assert departed.outcome is not None and departed.outcome.id == "pact"
    aftermath = "On 25 August Britain signs its mutual assistance agreement"
    assert aftermath in view(history, PUBLIC).epilogue
    told = view(departed, PUBLIC).epilogue
    assert aftermath not in told and "Your game left the record" in told


def test_chance_drawn_signals_say_they_are_the_games_signal(moscow: Scenario) -> None:
    """How the Soviet hosts seem is drawn by chance (moscow_warmth): never printed as the record."""
    for node_id in ("opening_session", "cardinal_question", "berlin_19"):
        parts = [p for p in moscow.nodes[node_id].text_parts if "moscow_warmth" in p.condition_text]
        assert len(parts) == 2, node_id
        for part in parts:
            assert part.text.startswith("The game's signal, drawn by chance, not the record"), part.text

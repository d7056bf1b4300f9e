"""The tutorial case's own rules: what its objectives reward."""

from __future__ import annotations

from pathlib import Path

from game.engine import Game, load_scenario, scoring

TUTORIAL = Path(__file__).resolve().parents[2] / "scenarios" / "tutorial-negotiation.yaml"


def test_the_tutorials_aims_that_need_an_accord_are_not_met_when_it_is_refused() -> None:
    """A play-tester saw Dunmore score its 'seat on a joint board' after Kestra's parliament refused
    the accord: a board that holds no keys is no seat at all."""
    scenario = load_scenario(str(TUTORIAL))
    game = Game.new(scenario, None, 0, dict.fromkeys(scenario.actors, "historical"))
    state = game.state.copy()
    state.values["gate_keys"] = "joint_board"
    for outcome, met in (("weir_accord", True), ("no_accord", False)):
        state.outcome = outcome
        results = {r.objective.id: r.met for r in scoring.score(scenario, state, "dunmore").results}
        assert results["dunmore_board_seat"] is met, outcome

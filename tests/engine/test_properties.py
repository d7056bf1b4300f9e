"""Property tests: any sequence of legal choices ends by the end date; replay and saves are exact."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import Game, Scenario
from game.engine.saves import read_save, restore, save_game
from tests.conftest import FLAGSHIP_V1, TINY


def _scenarios() -> list[Scenario]:
    from game.engine import load_scenario

    found = [load_scenario(str(TINY))]
    found.append(load_scenario(str(FLAGSHIP_V1)))  # decisions only: the format-1 flagship
    return found


SCENARIOS = _scenarios()


def play_out(scenario: Scenario, lens: str, seed: int, picks: list[int]) -> Game:
    """Play with people everywhere, taking open choices chosen by ``picks`` (cycled)."""
    game = Game.new(scenario, lens, seed, {a: "human" for a in scenario.actors})
    index = 0
    while not game.ended:
        decision = game.decision
        assert decision is not None
        options = decision.open_choices
        assert options, "a decision with no open choice must have ended the game"
        pick = picks[index % len(picks)] if picks else 0
        game.choose(options[pick % len(options)].step.id)
        index += 1
        assert index < 500, "the game did not end"
    return game


games = st.tuples(
    st.sampled_from(range(len(SCENARIOS))),
    st.integers(0, 3),
    st.integers(0, 2**32),
    st.lists(st.integers(0, 7), max_size=40),
)


@settings(max_examples=150, deadline=None)
@given(games)
def test_every_game_reaches_an_outcome_by_the_end_date(case: tuple[int, int, int, list[int]]) -> None:
    which, lens_index, seed, picks = case
    scenario = SCENARIOS[which]
    lenses = list(scenario.lenses) or [""]
    game = play_out(scenario, lenses[lens_index % len(lenses)], seed, picks)
    assert game.outcome is not None
    assert game.date <= scenario.end + dt.timedelta(
        days=max(0, max((s.days for n in scenario.nodes.values() for s in n.steps), default=0))
    )
    assert game.state.outcome in scenario.outcomes


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(games, st.integers(0, 30))
def test_replay_and_save_load_are_exact(tmp_path: Path, case: tuple[int, int, int, list[int]], cut: int) -> None:
    which, lens_index, seed, picks = case
    scenario = SCENARIOS[which]
    lenses = list(scenario.lenses) or [""]
    game = play_out(scenario, lenses[lens_index % len(lenses)], seed, picks)
    game.undo(cut % (len(game.moves) + 1))  # also stop part-way through
    replayed, report = Game.replay(scenario, game.settings, game.moves)
    assert report.complete, report
    assert replayed.state == game.state and replayed.log == game.log
    restored = restore(read_save(save_game(game, tmp_path, "prop")), scenario)
    assert restored.report.complete and restored.game.state == game.state

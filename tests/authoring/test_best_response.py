"""Scripted lines and the best-response search, on the small negotiation fixture (tests/fixtures/table.yaml).

History there: no deal at the table, then Red opens rival talks in the evening and the game ends in
the rival's deal. Red alone can instead steer it to drift (by giving up at the end, for one)."""

from __future__ import annotations

import pytest

from game.authoring.best_response import Scripted, best_response, ending_aim, options, play_with
from game.engine import load_scenario, rules, turns
from game.engine.model import Scenario
from game.engine.policies import PolicyName
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def table() -> Scenario:
    return load_scenario(str(FIXTURES / "table.yaml"))


def _defaults(scenario: Scenario) -> dict[str, PolicyName]:
    return dict.fromkeys(scenario.actors, "disposition")


def test_the_default_players_follow_history_to_the_rivals_deal(table: Scenario) -> None:
    assert play_with(table, "trusting", 1, _defaults(table), {}).outcome == "rival_deal"


def test_a_script_takes_its_options_where_they_are_open(table: Scenario) -> None:
    red = Scripted({"evening": ("wait",), "final": ("no_such_choice", "quit")})
    assert play_with(table, "trusting", 1, _defaults(table), {"red": red}).outcome == "drift"


def test_the_search_finds_the_line_one_role_can_force(table: Scenario) -> None:
    found = best_response(table, "trusting", 1, "red", ending_aim("drift"), _defaults(table), depth=3)
    assert found.value == 1 and not found.stopped
    assert found.lines > 1
    script = Scripted({node: (choice,) for node, choice in found.line if node != "talks"})
    assert play_with(table, "trusting", 1, _defaults(table), {"red": script}).outcome == "drift"


def test_the_search_goes_no_deeper_than_asked(table: Scenario) -> None:
    found = best_response(table, "trusting", 1, "red", ending_aim("drift"), _defaults(table), depth=0)
    assert found.value == 0 and found.line == () and found.lines == 1


def test_the_search_stops_when_its_steps_run_out_and_says_so(table: Scenario) -> None:
    found = best_response(table, "trusting", 1, "red", ending_aim("drift"), _defaults(table), depth=3, steps=2)
    assert found.stopped


def test_at_the_table_a_role_may_always_walk_or_take_its_computers_move(table: Scenario) -> None:
    state = rules.initial_state(table, "trusting", 1)
    rules.start(table, state, None)
    turn = turns.pending(table, state)[0]
    moves = [o.move for o in options(table, state, turn) if isinstance(o, turns.TableMove)]
    assert moves[0] in ("propose", "walk") and "walk" in moves and len(moves) == len(set(moves))

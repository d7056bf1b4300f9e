"""The historical path and the turning point: one rule, in the engine, for every front end."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine import Game, Move, load_scenario, turns
from game.engine.expr import ExprError, compile_effect
from game.engine.history import aligned_history, historical_game, played_history, turning_point


def moves(*steps: str) -> list[Move]:
    """Moves at nodes n0, n1, ... taking the given steps."""
    return [Move(f"n{i}", step, "human", "red", i) for i, step in enumerate(steps)]


HISTORY = moves("a", "b", "c")


def test_a_path_identical_to_history_never_parts() -> None:
    assert turning_point(HISTORY, HISTORY, finished=True) is None
    assert turning_point([], [], finished=True) is None


def test_a_path_that_differs_at_the_first_move_parts_at_0() -> None:
    assert turning_point(moves("x", "b", "c"), HISTORY, finished=True) == 0
    assert turning_point(moves("a", "b", "x"), HISTORY, finished=False) == 2


def test_the_start_of_history_has_parted_only_if_the_game_is_over() -> None:
    """The case the window and the classroom used to answer differently (1 and None)."""
    start = moves("a")
    assert turning_point(start, HISTORY, finished=False) is None  # still on history's road
    assert turning_point(start, HISTORY, finished=True) == 1  # it ended where history went on


def test_a_path_longer_than_history_parts_where_history_ended() -> None:
    assert turning_point(moves("a", "b", "c", "d"), HISTORY, finished=True) == 3
    assert turning_point(moves("a", "b", "c", "d"), HISTORY, finished=False) == 3


def test_moves_are_compared_by_node_and_step_not_by_who_decided_or_when() -> None:
    other = [Move(m.node, m.step, "historical", m.actor, m.day + 5) for m in HISTORY]
    assert turning_point(other, HISTORY, finished=True) is None


def table(*moves: tuple[str, str]) -> list[Move]:
    """Moves at one table, then a move at the next scene."""
    return [Move("talks", step, "computer", actor) for actor, step in moves] + [Move("after", "go", "computer", "")]


RECORD = table(("dunmore", "propose"), ("kestra", "counter"), ("ferrand", "reject"), ("dunmore", "reject"))


def test_parties_answering_in_another_order_at_a_table_have_not_left_history() -> None:
    """A computer answered before the person whom history had first: each still made its own recorded
    move, so the game follows history (the engine's own rule) and the debrief must not say otherwise."""
    played = table(("dunmore", "propose"), ("ferrand", "reject"), ("kestra", "counter"), ("dunmore", "reject"))
    assert turning_point(played, RECORD, finished=True) is None
    assert aligned_history(played, RECORD) == played  # history read in the played order, pair by pair
    assert aligned_history(played[:2], RECORD)[:2] == played[:2]


def test_at_a_table_a_party_that_made_another_move_parts_where_it_did() -> None:
    played = table(("dunmore", "propose"), ("ferrand", "accept"), ("kestra", "counter"))
    assert turning_point(played, RECORD, finished=False) == 1
    assert aligned_history(played, RECORD)[1] == RECORD[1]  # what history had there: Kestra's counter


def test_a_move_is_never_taken_early_from_a_later_scene() -> None:
    record = [Move("n0", "a", "computer", "red"), Move("n1", "b", "computer", "blue")]
    played = [Move("n1", "b", "computer", "blue"), Move("n0", "a", "computer", "red")]
    assert turning_point(played, record, finished=True) == 0


def test_history_is_played_under_the_games_own_lens_and_seed(tiny) -> None:  # type: ignore[no-untyped-def]
    past = played_history(tiny, "gloomy", 7)
    assert past.ended and (past.settings.lens, past.settings.seed) == ("gloomy", 7)
    assert played_history(tiny, "gloomy", 7) is past  # played once, then shared
    assert played_history(tiny, "gloomy", 8) is not past
    assert all(m.by in ("historical", "chance") for m in past.moves)


def test_a_historical_game_follows_history_to_no_turning_point(tiny) -> None:  # type: ignore[no-untyped-def]
    game = historical_game(tiny, "hopeful", 3)
    game.play_until_human()
    assert game.ended
    assert turning_point(game.moves, played_history(tiny, "hopeful", 3).moves, finished=True) is None
    played = Game.new(tiny, "hopeful", 3, {"red": "human", "blue": "historical"})
    played.choose("leave")
    assert turning_point(played.moves, game.moves, finished=played.ended) == 0


def test_a_person_making_historys_moves_in_the_tutorial_has_not_left_history() -> None:
    """Kestra, played by a person, makes every move history records; the computers answer offers and
    seal their letters before her. The debrief used to name a turning point that never was."""
    scenario = load_scenario(str(Path(__file__).resolve().parents[2] / "scenarios" / "tutorial-negotiation.yaml"))
    game = Game.new(scenario, None, 0, {a: "human" if a == "kestra" else "historical" for a in scenario.actors})
    while not game.ended:
        game.play_until_human()
        turn = next((t for t in game.turns if t.actor == "kestra"), None)
        if turn is None:
            continue
        move = turns.historical_table_move(scenario, game.state, turn)
        assert move is not None, "history records a move for Kestra at every turn of hers"
        if move.move == "propose":
            game.propose("kestra", move.package)
        elif move.move in ("accept", "reject", "counter", "walk", "pass"):
            game.answer("kestra", move.move, move.package)
        else:
            game.seal("kestra", move.move)
    past = played_history(scenario, game.settings.lens or None, game.settings.seed)
    assert [m.actor for m in game.moves] != [m.actor for m in past.moves]  # the order differs...
    assert not game.state.off_history and turning_point(game.moves, past.moves, finished=True) is None  # ...no more


def test_conditions_read_whether_the_game_still_follows_history(tiny) -> None:  # type: ignore[no-untyped-def]
    """``follows_history`` lets narration give a dated gloss only while every step so far is the record."""
    from game.engine.expr import VarType, compile_expr
    from game.engine.state import GameState

    on_record = compile_expr("follows_history and not false", {}, "bool")
    assert on_record({}) is True  # values before play starts read as history
    game = Game.new(tiny, "hopeful", 3, {"red": "human", "blue": "historical"})
    assert on_record(game.state.values) is True
    game.choose("leave")
    assert game.state.off_history and on_record(game.state.values) is False
    saved = game.state.to_dict()
    saved["values"] = {k: v for k, v in game.state.values.items() if k != "follows_history"}  # an older save
    assert on_record(GameState.from_dict(saved).values) is False
    with pytest.raises(ExprError) as refused:
        compile_effect("follows_history = true", {"trust": VarType("int")})
    assert "kept by the engine" in refused.value.hint

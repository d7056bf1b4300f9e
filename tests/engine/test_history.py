"""The historical path and the turning point: one rule, in the engine, for every front end."""

from __future__ import annotations

from game.engine import Game, Move
from game.engine.history import historical_game, played_history, turning_point


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


def test_moves_are_compared_by_node_and_step_not_by_who_or_when() -> None:
    other = [Move(m.node, m.step, "historical", "blue", m.day + 5) for m in HISTORY]
    assert turning_point(other, HISTORY, finished=True) is None


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

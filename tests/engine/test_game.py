"""The rules through the Game API: open and blocked choices, hidden ones, events, chance, time, undo.

Every test that plays runs twice (the ``play`` fixture): once directly, once saving to JSON and
loading by replay after every move, as ink's suite does, so saves are proven exact everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine import Game, GameError
from game.engine.saves import read_save, restore, save_game


class Through:
    """Makes moves directly or, ``saving``, with a save and a reload by replay after each one; the
    reloaded game must equal the one played (state, moves, log, settings) and is played on."""

    def __init__(self, saving: bool, folder: Path) -> None:
        self.saving = saving
        self.folder = folder

    def settle(self, game: Game) -> Game:
        if not self.saving:
            return game
        restored = restore(read_save(save_game(game, self.folder, "round")), game.scenario)
        assert restored.report.complete, restored.report
        loaded = restored.game
        assert loaded.state == game.state
        assert loaded.moves == game.moves and loaded.log == game.log
        assert loaded.settings == game.settings
        return loaded

    def __call__(self, game: Game, choice: str) -> Game:
        game.choose(choice)
        return self.settle(game)

    def computer(self, game: Game) -> Game:
        game.play_computer()
        return self.settle(game)

    def until_human(self, game: Game) -> Game:
        while game.computer_to_move:
            game = self.computer(game)
        return game


@pytest.fixture(params=["direct", "through-save"])
def play(request: pytest.FixtureRequest, tmp_path: Path) -> Through:
    """A way to make moves: directly, or each followed by a save and a reload."""
    return Through(request.param == "through-save", tmp_path)


def humans(scenario) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {actor: "human" for actor in scenario.actors}


def test_first_decision(tiny, play: Through) -> None:  # type: ignore[no-untyped-def]
    game = play.settle(Game.new(tiny, seed=1, controllers=humans(tiny)))
    decision = game.decision
    assert decision is not None
    assert decision.node.id == "open" and decision.actor.id == "red"
    assert [c.step.id for c in decision.choices] == ["warm", "cold", "leave"]
    assert [c.number for c in decision.choices] == [1, 2, 3]
    assert game.value("trust") == 3  # the default lens 'hopeful' sets it


def test_blocked_choice_names_its_constraint(tiny, play: Through) -> None:  # type: ignore[no-untyped-def]
    game = play(Game.new(tiny, seed=1, controllers=humans(tiny)), "warm")
    decision = game.decision
    assert decision is not None
    sign = next(c for c in decision.choices if c.step.id == "sign_now")
    assert not sign.available
    assert [c.id for c in sign.blocked_by] == ["no_powers"]
    assert sign.why_blocked() == "No powers to sign: Blue may only talk."
    with pytest.raises(GameError, match="not available: No powers to sign"):
        game.choose("sign_now")


def test_hidden_choice_appears_when_its_condition_holds(tiny, play: Through) -> None:  # type: ignore
    game = Game.new(tiny, seed=1, controllers=humans(tiny))
    warm = play(game, "warm")
    assert "apologise" not in [c.step.id for c in warm.decision.choices]  # type: ignore[union-attr]
    game = play(Game.new(tiny, seed=1, controllers=humans(tiny)), "cold")
    assert "apologise" in [c.step.id for c in game.decision.choices]  # type: ignore[union-attr]


def test_constraint_lifts_when_its_condition_holds(tiny, play: Through) -> None:  # type: ignore
    game = Game.new(tiny, seed=5, controllers=humans(tiny))
    game = play(game, "warm")
    game = play(game, "ask_powers")  # powers = 'sign'; courier chance; storm event on 4 Jan
    assert "storm" in game.state.fired
    decision = game.decision
    assert decision is not None and decision.node.id == "final"
    sign = next(c for c in decision.choices if c.step.id == "sign")
    assert sign.available == (game.value("powers") == "sign")


def test_events_fire_once_in_date_order_and_can_end_the_game(tiny, play: Through) -> None:  # type: ignore
    game = play.settle(Game.new(tiny, lens="gloomy", seed=2, controllers=humans(tiny)))
    game = play(game, "cold")  # trust 0, warned -> the 'collapse' event jumps to the walk-out
    assert game.ended and game.outcome is not None and game.outcome.id == "walkout"
    assert [h.kind for h in game.log][-2:] == ["event", "outcome"]
    assert game.state.fired == ["collapse"]


def test_time_moves_forward_only(tiny, play: Through) -> None:  # type: ignore[no-untyped-def]
    game = Game.new(tiny, seed=1, controllers=humans(tiny))
    assert game.date.isoformat() == "1900-01-01"
    game = play(game, "warm")  # 1 day, then blue_turn is dated 2 Jan
    assert game.date.isoformat() == "1900-01-02"
    game = play(game, "stall")  # 3 days; 'open' is dated 1 Jan but the clock never goes back
    assert game.date.isoformat() == "1900-01-05"
    assert game.state.values["day"] == 4 and game.state.values["days_left"] == 3


def test_clock_running_out_ends_in_the_fallback(tiny, play: Through) -> None:  # type: ignore[no-untyped-def]
    game = Game.new(tiny, seed=1, controllers=humans(tiny))
    for _ in range(3):
        if game.ended:
            break
        game = play(game, "warm")
        if not game.ended:
            game = play(game, "stall")
    assert game.ended and game.outcome.id == "stalemate"  # type: ignore[union-attr]
    assert game.log[-1].kind == "deadline"


def test_chance_is_deterministic_for_a_seed(tiny, play: Through) -> None:  # type: ignore[no-untyped-def]
    def courier(seed: int) -> str:
        game = Game.new(tiny, seed=seed, controllers=humans(tiny))
        game = play(play(game, "warm"), "ask_powers")
        return next(m.step for m in game.moves if m.by == "chance")

    results = [courier(seed) for seed in range(40)]
    assert results == [courier(seed) for seed in range(40)]
    assert set(results) == {"arrives", "lost"}  # both branches happen across seeds


def test_undo_restores_the_exact_state(tiny, play: Through) -> None:  # type: ignore[no-untyped-def]
    game = Game.new(tiny, seed=3, controllers=humans(tiny))
    states = [game.state.copy()]
    for choice in ("warm", "ask_powers"):
        game = play(game, choice)
        states.append(game.state.copy())
    assert game.undo() == 1 and game.state == states[1]
    assert game.undo(5) == 1 and game.state == states[0]
    assert game.moves == [] and game.log == []
    assert game.undo() == 0


def test_computer_players_follow_history(tiny, play: Through) -> None:  # type: ignore[no-untyped-def]
    game = play(Game.new(tiny, seed=1, controllers={"red": "human"}), "warm")
    assert game.computer_to_move
    game = play.computer(game)
    assert game.moves[1].step == "ask_powers" and game.moves[1].by == "disposition"
    game = play.until_human(game)
    assert game.ended


def test_goal_player_seeks_its_goals(tiny, play: Through) -> None:  # type: ignore[no-untyped-def]
    game = play.until_human(Game.new(tiny, seed=1, controllers={"red": "goals", "blue": "human"}))
    assert game.moves[0].step == "warm" and game.moves[0].by == "goals"  # red's goal: trust up


def test_undo_to_human_skips_computer_moves(tiny, play: Through) -> None:  # type: ignore[no-untyped-def]
    game = play(Game.new(tiny, seed=1, controllers={"red": "human"}), "warm")
    game = play.until_human(game)
    game.undo_to_human()
    assert game.decision is not None and game.decision.node.id == "open"


def test_undo_to_human_counts_a_move_made_on_a_persons_behalf(tiny, play: Through) -> None:  # type: ignore
    game = Game.new(tiny, seed=1, controllers={"red": "human"})
    game.choose("warm", by="proxy")
    game = play.until_human(play.settle(game))
    assert game.moves[0].by == "proxy" and game.moves[0].in_persons_seat
    assert game.undo_to_human() > 0
    assert game.decision is not None and game.decision.node.id == "open"
    fresh = play.until_human(Game.new(tiny, seed=1, controllers={"blue": "human"}))
    assert fresh.undo_to_human() == 0, "nobody decided yet: nothing to take back"


def test_unknown_things_are_clear_errors(tiny, play: Through) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(GameError, match="no lens 'rosy'"):
        Game.new(tiny, lens="rosy")
    with pytest.raises(GameError, match="no actor 'green'"):
        Game.new(tiny, controllers={"green": "human"})
    with pytest.raises(GameError, match="cannot play"):
        Game.new(tiny, controllers={"red": "robot"})
    with pytest.raises(GameError, match=r"trust must be within 0\.\.5"):
        Game.new(tiny, start="final", overrides={"trust": 9})
    game = play.settle(Game.new(tiny, controllers=humans(tiny)))
    with pytest.raises(GameError, match="no choice 'fly'"):
        game.choose("fly")
    with pytest.raises(GameError) as error:
        game.choose(9)
    said = str(error.value)  # the terminal shows it to players: choices by number and label, no ids
    assert said.startswith("no choice 9 here") and "1 'Be warm', 2 'Be cold', 3 'Walk out'" in said
    assert not any(f"({step.id})" in said for step in tiny.nodes["open"].steps)


def test_start_anywhere_with_values(tiny, play: Through) -> None:  # type: ignore[no-untyped-def]
    game = play.settle(Game.new(tiny, seed=1, controllers=humans(tiny), start="final", overrides={"powers": "sign"}))
    decision = game.decision
    assert decision is not None and decision.node.id == "final"
    assert decision.choices[0].available  # the constraint is lifted by the override
    assert game.date.isoformat() == "1900-01-05"
    assert "storm" in game.state.fired  # the storm of 4 Jan is already past
    game = play(game, "sign")
    assert game.outcome is not None and game.outcome.id == "treaty"


def test_history_replay_takes_historical_branches(tiny, play: Through) -> None:  # type: ignore[no-untyped-def]
    for seed in range(10):
        game = play.until_human(play.settle(Game.new(tiny, seed=seed, follow_history=True)))
        chance = [m for m in game.moves if m.by == "chance"]
        assert [(m.step, m.forced) for m in chance] == [("arrives", True)]
        assert game.outcome is not None and game.outcome.historical


def test_take_over_hands_the_decision_to_a_person(tiny, play: Through) -> None:  # type: ignore[no-untyped-def]
    game = play.settle(Game.new(tiny, seed=0, follow_history=True))
    assert game.computer_to_move
    game.take_over()
    assert not game.computer_to_move and not game.settings.follow_history
    game = play(game, "cold")
    assert game.moves[0].by == "human" and game.controller("red") == "human"


def test_history_players_switch_to_goals_once_the_game_leaves_history(tiny, play: Through) -> None:  # type: ignore
    """After a departure the situation is no longer history's: computers play by their goals."""
    on_path = play.until_human(Game.new(tiny, seed=1, controllers={"blue": "human"}))  # red follows history
    assert on_path.moves[0].step == "warm" and not on_path.state.off_history
    game = play(Game.new(tiny, seed=1, controllers={"red": "human", "blue": "human"}), "cold")
    assert game.state.off_history
    game.settings.controllers["blue"] = "historical"
    game.settings.controllers["red"] = "historical"
    assert game.computer_choice().id == game.computer_choice().id  # deterministic
    from game.engine.policies import goals_policy, historical_policy

    options = [v.step for v in game.decision.open_choices]  # type: ignore[union-attr]
    assert historical_policy(tiny, game.state, options, "blue", 1) == goals_policy(tiny, game.state, options, "blue", 1)


def test_log_dates_a_decision_on_the_day_it_was_taken(tiny, play: Through) -> None:  # type: ignore[no-untyped-def]
    game = Game.new(tiny, seed=4, controllers=humans(tiny))
    game = play(game, "warm")  # taken on 1 Jan, takes a day
    game = play(game, "ask_powers")  # taken on 2 Jan, takes two days: the storm of 4 Jan fires on arrival
    days = {(h.kind, h.title): tiny.date_of(h.day).isoformat() for h in game.log}
    assert days[("decision", "Be warm")] == "1900-01-01"
    assert days[("decision", "Ask for powers")] == "1900-01-02"
    assert days[("event", "A storm")] == "1900-01-04"

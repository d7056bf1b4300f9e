"""Computer players: goals pursued through foresight, history followed only while the game does."""

from __future__ import annotations

from game.engine import Game, load_text

TWO_STEPS = """
format: 1
meta: {id: fork, title: Fork, summary: S, start: 1900-01-01, end: 1900-01-09, start_node: a, fallback_outcome: bad}
sources: [{id: s, citation: C}]
actors:
  - id: x
    name: X
    colour: "#000000"
    seat: table
    description: D
    briefing: B
    goals: [{text: win, outcome: good, weight: 5}]
variables: [{id: n, type: int, min: 0, max: 9, initial: 0}]
nodes:
  - {id: a, date: 1900-01-01, actor: x, title: A, text: T, choices: [
      {id: right, label: Right, next: c, historical: true, source: s},
      {id: left, label: Left, next: b}]}
  - {id: b, date: 1900-01-02, actor: x, title: B, text: T, choices: [{id: win, label: Win, next: good}]}
  - {id: c, date: 1900-01-02, actor: x, title: C, text: T, choices: [{id: lose, label: Lose, next: bad}]}
outcomes:
  - {id: good, title: Good, epilogue: E, speculative: high, speculation: S}
  - {id: bad, title: Bad, epilogue: E, speculative: none, historical: true}
"""


def fork():  # type: ignore[no-untyped-def]
    scenario, findings = load_text("fork.yaml", TWO_STEPS)
    assert scenario is not None, findings
    return scenario


def test_goal_player_sees_an_ending_two_steps_away() -> None:
    """Neither first choice pays at once; only foresight finds that 'left' leads to the goal."""
    for seed in range(10):
        game = Game.new(fork(), seed=seed, controllers={"x": "goals"})
        game.play_until_human()
        assert [m.step for m in game.moves] == ["left", "win"]


def test_history_player_follows_history_while_the_game_does() -> None:
    game = Game.new(fork(), seed=0, controllers={"x": "historical"})
    game.play_until_human()
    assert [m.step for m in game.moves] == ["right", "lose"]


def test_a_recorded_move_a_term_rule_forbids_now_is_not_replayed() -> None:
    """Started at the tutorial's second sitting, the envoy has no powers yet: history's acceptance
    is forbidden, so the computer bargains instead of raising an error."""
    from pathlib import Path

    from game.engine import Game
    from game.engine.loader import load_scenario

    tutorial = load_scenario(str(Path(__file__).resolve().parents[2] / "scenarios" / "tutorial-negotiation.yaml"))
    for seed in range(1, 4):
        game = Game.new(tutorial, seed=seed, controllers={"kestra": "human"}, start="second_sitting")
        while game.computer_to_move:
            game.play_computer()
        assert any(t.actor == "kestra" for t in game.turns) or game.ended

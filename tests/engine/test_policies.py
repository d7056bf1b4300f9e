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

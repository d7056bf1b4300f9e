"""Hot seat: a delegation sees its own briefing on its own turn, and never another's."""

from __future__ import annotations

import random

import pytest

from game.classroom.handover import briefing_for, debrief_briefings, handover, needs_handover
from game.engine import Game, Scenario


def _walk(scenario: Scenario, seed: int, humans: list[str]) -> list[Game]:
    """Snapshots of one game at every decision, people playing ``humans``, choices at random."""
    controllers = {a: ("human" if a in humans else "random") for a in scenario.actors}
    game = Game.new(scenario, None, seed, controllers)
    pick = random.Random(seed)
    seen = []
    for _ in range(200):
        game.play_until_human()
        if game.ended:
            break
        seen.append(Game.replay(scenario, game.settings, list(game.moves))[0])
        game.choose(pick.choice(game.decision.open_choices).step.id)  # type: ignore[union-attr]
    seen.append(game)
    return seen


def _check_never_leaks(scenario: Scenario, seeds: range) -> int:
    actors = list(scenario.actors)
    checked = 0
    for seed in seeds:
        humans = random.Random(seed).sample(actors, k=1 + seed % len(actors))
        for game in _walk(scenario, seed, humans):
            decision = game.decision
            turn = decision.actor.id if decision and decision.actor.id in humans else None
            for viewer in [*actors, None, "nobody"]:
                shown = briefing_for(game, viewer, projector_mode=False)
                if viewer is not None and viewer == turn:
                    assert [b.actor for b in shown] == [turn]
                else:
                    assert shown == ()
                for other in scenario.actors.values():
                    if other.id != turn:
                        assert all(other.briefing != b.text for b in shown), (seed, viewer, other.id)
                checked += 1
    return checked


def test_only_the_delegation_whose_turn_it_is_sees_its_briefing(tiny) -> None:  # type: ignore[no-untyped-def]
    assert _check_never_leaks(tiny, range(40)) > 200


def test_flagship_briefings_never_leak(flagship_v1) -> None:  # type: ignore[no-untyped-def]
    assert _check_never_leaks(flagship_v1, range(12)) > 200


def test_projector_mode_shows_every_briefing(tiny) -> None:  # type: ignore[no-untyped-def]
    game = Game.new(tiny, seed=1, controllers={"red": "human"})
    shown = briefing_for(game, None, projector_mode=True)
    assert [b.text for b in shown] == [a.briefing for a in tiny.actors.values()]
    assert not needs_handover(game, None, projector_mode=True)


def test_handover_names_the_delegation_and_is_skipped_when_it_stays(tiny) -> None:  # type: ignore[no-untyped-def]
    game = Game.new(tiny, seed=1, controllers={"red": "human", "blue": "human"})
    screen = handover(game)
    assert screen is not None and screen.actor == "red" and "Red delegation" in screen.heading
    assert "Red secretly" not in screen.heading + screen.instruction, "the hand-over screen is public"
    assert needs_handover(game, None, projector_mode=False)
    assert not needs_handover(game, "red", projector_mode=False)
    game.choose("warm")
    assert needs_handover(game, "red", projector_mode=False)
    assert [b.actor for b in briefing_for(game, "blue", False)] == ["blue"]
    assert briefing_for(game, "red", False) == ()


def test_computer_turns_show_nothing_private(tiny) -> None:  # type: ignore[no-untyped-def]
    game = Game.new(tiny, seed=1, controllers={"red": "historical", "blue": "human"})
    assert handover(game) is None and not needs_handover(game, None, False)
    assert briefing_for(game, "red", False) == () and briefing_for(game, "blue", False) == ()


@pytest.mark.parametrize("ended", [False, True])
def test_debrief_reveals_briefings_only_after_the_end(tiny, ended: bool) -> None:  # type: ignore[no-untyped-def]
    game = Game.new(tiny, seed=1, controllers={"red": "human"})
    if ended:
        game.choose("leave")
    assert len(debrief_briefings(game)) == (2 if ended else 0)
    assert len(briefing_for(game, "red", False)) == (0 if ended else 1)


def test_the_instruction_names_the_delegation_with_its_article(tiny) -> None:  # type: ignore[no-untyped-def]
    from game.classroom.handover import handover
    from game.engine import Game

    game = Game.new(tiny, seed=1, controllers={a: "human" for a in tiny.actors})
    assert "to the players of the Red delegation;" in handover(game).instruction

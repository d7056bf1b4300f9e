"""Time limits and the hot seat at the table: negotiation answers and proposals, sealed choices."""

from __future__ import annotations

import pytest

from game.classroom.handover import briefing_for, handover, needs_handover
from game.classroom.pace import (
    ANSWER_LAPSES,
    NO_OFFER_PASSES,
    resolve_table_timeout,
    resolve_turn_timeout,
    table_timeout,
)
from game.engine import Game, GameError, Scenario, load_text
from tests.classroom.conftest import TABLE


def _people(table: Scenario, *humans: str) -> Game:
    return Game.new(table, None, 3, {a: ("human" if a in humans else "disposition") for a in table.actors})


def test_a_pending_answer_lapses_as_a_rejection(table: Scenario) -> None:
    game = _people(table, "red", "blue", "green")
    game.propose("red", {"passage": "narrow", "signing": "later"})
    assert table_timeout(game, "blue").move == "reject"
    resolve_turn_timeout(game, "computer")  # the first person due to answer: Blue
    move = game.moves[-1]
    assert (move.actor, move.step, move.by, move.reason) == ("blue", "reject", "proxy", ANSWER_LAPSES)
    assert game.state.talks is not None and game.state.talks.answers == {"blue": "reject"}
    assert game.state.talks.offer, "the offer stays on the table for the others' answers"
    with pytest.raises(GameError):
        table_timeout(game, "blue")  # Blue has answered


def test_a_proposer_out_of_time_passes_and_the_talks_go_on(table: Scenario) -> None:
    game = _people(table, "red", "blue", "green")
    game.propose("red", {"passage": "wide", "signing": "now"})
    game.answer("blue", "reject")
    game.answer("green", "reject")
    resolve_turn_timeout(game, "status_quo")  # Blue, the proposer, is needed, yet silence never ends the talks
    move = game.moves[-1]
    assert (move.actor, move.step, move.by, move.reason) == ("blue", "pass", "proxy", NO_OFFER_PASSES)
    talks = game.state.talks
    assert talks is not None and talks.proposer == "green" and talks.round == 3

    game = _people(table, "red", "blue", "green")
    for proposer in ("red", "blue"):
        game.propose(proposer, {"passage": "narrow", "signing": "later"})
        for other in [a for a in ("red", "blue", "green") if a != proposer]:
            game.answer(other, "reject")
    talks = game.state.talks
    assert talks is not None and talks.proposer == "green" and talks.round == 3
    taken = table_timeout(game, "green")
    assert (taken.kind, taken.move, taken.reason) == ("propose", "pass", NO_OFFER_PASSES)
    resolve_table_timeout(game, "green")
    assert game.moves[-1].by == "proxy" and game.node is not None
    assert game.node.id == "evening", "the third round passed without an offer: the talks end without a deal"
    assert any(h.kind == "no_deal" for h in game.log)


def test_a_pass_keeps_the_talks_going_when_rounds_remain() -> None:
    text = TABLE.read_text(encoding="utf-8").replace("rounds: 3", "rounds: 4")
    longer, findings = load_text(str(TABLE), text)
    assert longer is not None, findings
    game = _people(longer, "red", "blue", "green")
    for proposer in ("red", "blue"):
        game.propose(proposer, {"passage": "narrow", "signing": "later"})
        for other in [a for a in ("red", "blue", "green") if a != proposer]:
            game.answer(other, "reject")
    resolve_turn_timeout(game, "computer")  # Green, not needed, lets its clock run out
    talks = game.state.talks
    assert game.moves[-1].reason == NO_OFFER_PASSES
    assert talks is not None and talks.round == 4 and talks.proposer == "red" and not talks.offer


def test_a_sealed_seat_takes_its_status_quo(table: Scenario) -> None:
    game = _people(table, "red", "blue")
    game.propose("red", {"passage": "wide", "signing": "now"})
    game.answer("blue", "walk")
    game.play_until_human()  # Green answers too; Blue's walk-out then ends the talks
    assert game.node is not None and game.node.id == "evening"
    taken = table_timeout(game, "red")
    assert (taken.kind, taken.move) == ("seal", "wait")
    resolve_turn_timeout(game, "computer", "blue")  # the class's rule is not consulted at the table
    resolve_turn_timeout(game, "computer")
    sealed = game.moves[-2:]
    assert [(m.actor, m.step, m.by) for m in sealed] == [("blue", "sit", "proxy"), ("red", "wait", "proxy")]
    assert sealed[0].reason == "Time ran out: the status quo holds (Sit tight)."
    assert game.node is not None and game.node.id == "final", "both chose the status quo: no rival deal"


def test_a_decision_still_goes_by_the_class_rule(table: Scenario) -> None:
    game = _people(table, "red", "blue")
    game.propose("red", {"passage": "narrow", "signing": "later"})
    game.answer("blue", "walk")
    game.play_until_human()
    game.seal("red", "wait")
    game.seal("blue", "sit")
    assert game.decision is not None
    with pytest.raises(GameError):
        resolve_turn_timeout(game, "status_quo", "blue")  # not Blue's decision
    resolve_turn_timeout(game, "status_quo")
    assert game.moves[-1].by == "proxy" and game.ended


def test_the_hand_over_comes_before_each_persons_sealed_choice(table: Scenario) -> None:
    game = _people(table, "red", "blue")
    game.propose("red", {"passage": "wide", "signing": "now"}, reason="All of it")
    assert needs_handover(game, "red", projector_mode=False), "Blue answers next, at the same keyboard"
    assert [b.actor for b in briefing_for(game, "blue", False)] == ["blue"]
    assert briefing_for(game, "red", False) == (), "Red's briefing is gone once it is Blue's turn"
    game.answer("blue", "walk")
    game.play_until_human()
    last = "blue"
    seen = []
    while game.node is not None and game.node.id == "evening":
        seat = handover(game)
        assert seat is not None and needs_handover(game, last, projector_mode=False)
        assert needs_handover(game, last, projector_mode=True), "a sealed choice is secret even on a projector"
        assert "secret" in seat.instruction
        shown = briefing_for(game, seat.actor, False)
        assert [b.actor for b in shown] == [seat.actor]
        assert all(briefing_for(game, other, False) == () for other in table.actors if other != seat.actor)
        seen.append(seat.actor)
        game.seal(seat.actor, 2)
        last = seat.actor
    assert seen == ["red", "blue"]
    assert not needs_handover(game, "red", projector_mode=False), "Red decides next and is already there"
    assert needs_handover(game, "blue", projector_mode=False) and not needs_handover(game, "blue", True)


def test_a_briefing_reads_its_own_private_paragraphs(table: Scenario) -> None:
    game = _people(table, "red", "blue")
    red = briefing_for(game, "red", False)
    assert red and "cannot sign anything binding" in red[0].text and "passage above all" in red[0].text
    public = briefing_for(game, None, True)
    assert [b.actor for b in public] == ["red", "blue", "green"]

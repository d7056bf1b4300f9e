"""Negotiation at the table (format 2), through the Game API: offers, answers, counters, acceptance
rules, term rules, walk-outs, sealed moves, hidden draws, text that varies, objectives and scores.

Every test that plays runs twice (``act``): once directly, once saving and reloading by replay after
every move, so table moves are proven to save exactly like choices."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from game.engine import Game, GameError
from game.engine.autoplay import play_out
from game.engine.history import historical_game
from game.engine.loader import load_scenario, load_text
from game.engine.model import Scenario
from game.engine.narrate import PUBLIC, TEACHER, render
from game.engine.saves import read_save, restore, save_game
from game.engine.scoring import scores
from game.engine.talks import settled_issues
from game.engine.wording import value_words

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "table.yaml"
Act = Callable[[Game, Callable[[Game], object]], Game]


@pytest.fixture(scope="module")
def table() -> Scenario:
    return load_scenario(str(FIXTURE))


@pytest.fixture(params=["direct", "through-save"])
def act(request: pytest.FixtureRequest, tmp_path: Path) -> Act:
    """Make a move with ``do(game)``: directly, or followed by a save and a reload."""

    def direct(game: Game, do: Callable[[Game], object]) -> Game:
        do(game)
        return game

    def through_save(game: Game, do: Callable[[Game], object]) -> Game:
        do(game)
        restored = restore(read_save(save_game(game, tmp_path, "round")), game.scenario)
        assert restored.report.complete, restored.report
        assert restored.game.state == game.state
        assert restored.game.moves == game.moves
        return restored.game

    return direct if request.param == "direct" else through_save


def people(scenario: Scenario, *who: str) -> dict[str, str]:
    return {a: ("human" if a in who else "goals") for a in scenario.actors}


def everyone(scenario: Scenario) -> dict[str, str]:
    return dict.fromkeys(scenario.actors, "human")


NARROW_LATER = {"passage": "narrow", "signing": "later"}
WIDE_NOW = {"passage": "wide", "signing": "now"}


def test_the_opener_proposes_then_the_others_answer(table: Scenario, act: Act) -> None:
    game = Game.new(table, seed=3, controllers=everyone(table))
    assert [(t.actor, t.kind) for t in game.turns] == [("red", "propose")]
    game = act(game, lambda g: g.propose("red", NARROW_LATER))
    assert [(t.actor, t.kind) for t in game.turns] == [("blue", "answer"), ("green", "answer")]
    assert game.state.talks is not None and game.state.talks.offer == NARROW_LATER


def test_a_deal_needs_the_named_parties_and_writes_its_terms(table: Scenario, act: Act) -> None:
    game = Game.new(table, seed=3, controllers=everyone(table))
    game = act(game, lambda g: g.propose("red", NARROW_LATER))
    game = act(game, lambda g: g.answer("green", "reject"))  # green's acceptance is not needed
    game = act(game, lambda g: g.answer("blue", "accept"))
    assert game.value("passage") == "narrow" and game.value("signing") == "later"
    assert game.value("treaty_signed") is True
    assert game.node is not None and game.node.id == "evening"
    assert any(h.kind == "deal" for h in game.log)


def test_a_counter_offer_becomes_the_next_round(table: Scenario, act: Act) -> None:
    game = Game.new(table, seed=3, controllers=everyone(table))
    game = act(game, lambda g: g.propose("red", WIDE_NOW))
    game = act(game, lambda g: g.answer("blue", "counter", {"passage": "closed", "signing": "later"}))
    game = act(game, lambda g: g.answer("green", "reject"))
    talks = game.state.talks
    assert talks is not None and talks.round == 2 and talks.proposer == "blue"
    assert talks.offer == {"passage": "closed", "signing": "later"}
    assert [t.actor for t in game.turns] == ["red", "green"]


def test_rejections_pass_the_proposal_to_the_next_party(table: Scenario) -> None:
    game = Game.new(table, seed=3, controllers=everyone(table))
    game.propose("red", WIDE_NOW)
    game.answer("blue", "reject")
    game.answer("green", "reject")
    assert [(t.actor, t.kind) for t in game.turns] == [("blue", "propose")]


def test_the_last_round_without_a_deal_ends_the_talks(table: Scenario) -> None:
    game = Game.new(table, seed=3, controllers=everyone(table))
    for proposer in ("red", "blue", "green"):
        game.propose(proposer, WIDE_NOW if proposer == "red" else {"passage": "closed", "signing": "later"})
        for other in ("red", "blue", "green"):
            if other != proposer:
                game.answer(other, "reject")
    assert game.node is not None and game.node.id == "evening"
    assert game.value("treaty_signed") is False and game.value("passage") == "closed"


def test_a_needed_party_walking_out_ends_the_talks(table: Scenario, act: Act) -> None:
    game = Game.new(table, seed=3, controllers=everyone(table))
    game = act(game, lambda g: g.propose("red", WIDE_NOW))
    game = act(game, lambda g: g.answer("blue", "walk"))
    game = act(game, lambda g: g.answer("green", "accept"))
    assert game.node is not None and game.node.id == "evening"
    assert game.value("treaty_signed") is False


def test_a_term_rule_forbids_accepting_binding_terms_while_it_blocks(table: Scenario) -> None:
    game = Game.new(table, seed=3, controllers=everyone(table))
    game.propose("red", WIDE_NOW)
    with pytest.raises(GameError, match="Blue may talk, not sign"):
        game.answer("blue", "accept")
    game.answer("blue", "reject")  # the refusal is still open


def test_an_envoy_may_propose_what_it_may_not_accept_so_its_own_offer_is_no_deal(table: Scenario) -> None:
    game = Game.new(table, seed=3, controllers=everyone(table))
    game.propose("red", {"passage": "closed", "signing": "later"})
    game.answer("blue", "counter", {"passage": "narrow", "signing": "now"})
    game.answer("green", "reject")
    game.answer("red", "accept")
    game.answer("green", "accept")
    # Blue's own offer binds it to sign at once, which it may not accept: no deal this round.
    assert game.value("treaty_signed") is False
    assert any(h.title == "The terms cannot hold" for h in game.log)


def test_packages_must_name_a_known_option_for_every_issue(table: Scenario) -> None:
    game = Game.new(table, seed=3, controllers=everyone(table))
    with pytest.raises(GameError, match="one option for each issue"):
        game.propose("red", {"passage": "wide"})
    with pytest.raises(GameError, match="not an option of Passage"):
        game.propose("red", {"passage": "tunnel", "signing": "now"})
    with pytest.raises(GameError, match="turn"):
        game.propose("blue", WIDE_NOW)
    with pytest.raises(GameError, match=r"no offer to accept|turn"):
        game.answer("blue", "accept")


def test_sealed_choices_stay_hidden_until_every_seat_has_chosen(table: Scenario, act: Act) -> None:
    game = Game.new(table, seed=3, controllers=everyone(table))
    game.propose("red", WIDE_NOW)
    game.answer("blue", "walk")
    game = act(game, lambda g: g.answer("green", "reject"))
    assert {t.actor for t in game.turns} == {"red", "blue"} and {t.kind for t in game.turns} == {"seal"}
    game = act(game, lambda g: g.seal("red", "rival"))
    assert game.value("rival_talks") is False  # nothing applies before the reveal
    assert [t.actor for t in game.turns] == ["blue"]
    assert not any(h.step == "rival" for h in game.log)
    game = act(game, lambda g: g.seal("blue", "cable"))
    assert game.value("rival_talks") is True and game.value("powers") is True
    assert game.outcome is not None and game.outcome.id == "rival_deal"


def test_hidden_draws_come_from_the_lens_range_and_are_deterministic(table: Scenario) -> None:
    trusting = {Game.new(table, "trusting", seed).value("resolve") for seed in range(40)}
    doubting = {Game.new(table, "doubting", seed).value("resolve") for seed in range(40)}
    assert trusting <= {6, 7, 8, 9} and len(trusting) >= 3
    assert doubting <= {1, 2, 3, 4} and len(doubting) >= 3
    assert Game.new(table, "trusting", 7).value("resolve") == Game.new(table, "trusting", 7).value("resolve")


def test_text_varies_with_the_state_and_the_viewer(table: Scenario) -> None:
    node = table.nodes["talks"]
    high = {**Game.new(table, "trusting", 1).state.values}
    low = {**Game.new(table, "doubting", 1).state.values}
    assert "resolve runs high" in render(node.text, node.text_parts, high, "blue")
    assert "resolve runs high" not in render(node.text, node.text_parts, low, "blue")
    assert "rival offer in its pocket" in render(node.text, node.text_parts, high, "red")
    assert "rival offer in its pocket" not in render(node.text, node.text_parts, high, "blue")
    assert "rival offer in its pocket" not in render(node.text, node.text_parts, high, PUBLIC)
    assert "rival offer in its pocket" in render(node.text, node.text_parts, high, TEACHER)


def test_objectives_score_the_ending_and_the_terms(table: Scenario) -> None:
    game = Game.new(table, seed=3, controllers=everyone(table))
    game.propose("red", NARROW_LATER)
    game.answer("blue", "accept")
    game.answer("green", "accept")
    game.seal("red", "wait")
    game.seal("blue", "cable")
    game.choose("sign")
    assert game.outcome is not None and game.outcome.id == "treaty"
    result = scores(table, game.state)
    assert result["red"].total == 10  # passage, but no rival talks
    assert result["blue"].total == 8  # the passage did not open wide
    assert result["green"].total == 6  # a treaty
    assert [r.met for r in result["red"].results] == [True, False]


def test_computer_delegations_bargain_to_a_deal_and_give_reasons(table: Scenario) -> None:
    game = Game.new(table, seed=3, controllers=people(table))
    game.play_until_human()
    answers = [h for h in game.log if h.kind in ("offer", "answer")]
    assert answers and all("Worth" in h.text for h in answers)
    assert any(h.kind == "deal" for h in game.log)


def test_history_players_follow_the_recorded_table(table: Scenario) -> None:
    game = Game.new(table, seed=3, controllers=dict.fromkeys(table.actors, "historical"))
    game.play_until_human()
    assert game.outcome is not None and game.outcome.id == "rival_deal"
    assert not game.state.off_history
    table_moves = [(m.actor, m.step) for m in game.moves if m.node == "talks"]
    assert table_moves == [("red", "propose"), ("blue", "reject"), ("green", "reject"), ("blue", "walk")]


def test_format_2_keys_in_a_format_1_file_say_how_to_opt_in() -> None:
    text = FIXTURE.read_text(encoding="utf-8").replace("format: 2", "format: 1", 1)
    scenario, findings = load_text("old.yaml", text)
    assert scenario is None
    codes = {f.code for f in findings}
    assert "needs-format-2" in codes
    assert all("format: 2" in f.hint for f in findings if f.code == "needs-format-2")


def test_a_disposition_keeps_an_actor_from_what_it_would_never_do(table: Scenario) -> None:
    for seed in range(6):
        game = Game.new(table, seed=seed, controllers={"red": "disposition"}, start="final")
        game.play_until_human()
        assert game.moves[-1].step == "again", "red would never give up while another course is open"
        assert game.moves[-1].reason  # every computer move says why


def test_every_computer_move_carries_a_reason(table: Scenario) -> None:
    game = Game.new(table, seed=5, controllers=dict.fromkeys(table.actors, "goals"))
    game.play_until_human()
    assert game.ended
    assert all(m.reason for m in game.moves if m.by != "chance"), [m for m in game.moves if not m.reason]


@pytest.mark.parametrize("policy", ["historical", "disposition", "goals", "random"])
def test_fast_games_play_negotiations_and_sealed_moves(table: Scenario, policy: str) -> None:

    endings = {play_out(table, None, seed, policy).outcome for seed in range(12)}  # type: ignore[arg-type]
    assert endings and endings <= set(table.outcomes)


# ---------------------------------------------------------------- saves across renames, --from/--set


def test_a_pure_rename_loses_nothing_from_a_save(table: Scenario, tmp_path: Path) -> None:
    game = Game.new(table, seed=3, controllers=everyone(table))
    game.propose("red", NARROW_LATER, reason="fair")
    game.answer("blue", "accept")
    game.answer("green", "accept")
    game.seal("red", "wait")
    path = save_game(game, tmp_path, "before")
    renamed_text = (
        FIXTURE.read_text(encoding="utf-8")
        .replace("  - id: talks\n", "  - id: opening_talks\n    was: [talks]\n")
        .replace("start_node: talks", "start_node: opening_talks")
        .replace("  - id: red\n", "  - id: crimson\n    was: [red]\n")
        .replace("actor: red", "actor: crimson")
        .replace("[red, blue, green]", "[crimson, blue, green]")
        .replace("needs: [red, blue]", "needs: [crimson, blue]")
        .replace("known_to: [red]", "known_to: [crimson]")
        .replace("known_to: [red, green]", "known_to: [crimson, green]")
        .replace("{id: narrow, label: A narrow corridor}", "{id: corridor, was: [narrow], label: A narrow corridor}")
        .replace("narrow: 2", "corridor: 2")
        .replace("narrow: 1", "corridor: 1")
        .replace("{id: wait, label: Wait", "{id: hold, was: [wait], label: Wait")
    )
    renamed, findings = load_text(str(FIXTURE), renamed_text)
    assert renamed is not None, [str(f) for f in findings if f.severity == "error"]
    restored = restore(read_save(path), renamed)
    assert restored.report.complete, restored.report
    moves = restored.game.moves
    assert moves[0].node == "opening_talks" and moves[0].actor == "crimson"
    assert moves[0].terms == {"passage": "corridor", "signing": "later"} and moves[0].reason == "fair"
    assert moves[-1].step == "hold"
    assert restored.game.value("passage") == "corridor"
    assert read_save(path).scenario_format == 2


def test_an_earlier_id_still_in_use_is_an_error(table: Scenario) -> None:
    text = FIXTURE.read_text(encoding="utf-8").replace("  - id: talks\n", "  - id: talks\n    was: [evening]\n")
    scenario, findings = load_text("x.yaml", text)
    assert scenario is None
    assert any("'evening' is still in use" in f.message for f in findings)


def test_set_values_hold_at_the_first_decision(tiny) -> None:  # type: ignore[no-untyped-def]
    # The storm event (day 3) lowers trust when play starts at 'final' (day 4): --set must win.
    game = Game.new(tiny, seed=1, start="final", overrides={"trust": 5})
    assert any(h.kind == "event" for h in game.log), "an event fires on the way to the first decision"
    assert game.value("trust") == 5


def test_a_proposer_may_pass_and_the_next_party_proposes(table: Scenario, act: Act) -> None:
    game = Game.new(table, seed=3, controllers=everyone(table))
    game = act(game, lambda g: g.answer("red", "pass"))
    assert [(t.actor, t.kind) for t in game.turns] == [("blue", "propose")]
    assert game.state.talks is not None and game.state.talks.round == 2
    assert game.log[-1].step == "pass" and "makes no offer" in game.log[-1].title


def test_an_offer_may_go_unanswered_and_is_then_not_accepted(table: Scenario, act: Act) -> None:
    """An envoy without powers refers the offer home: no answer, which accepts nothing."""
    game = Game.new(table, seed=3, controllers=everyone(table))
    game = act(game, lambda g: g.propose("red", WIDE_NOW))
    game = act(game, lambda g: g.answer("blue", "pass"))
    assert game.log[-1].step == "pass" and game.log[-1].title.endswith("makes no answer")
    game = act(game, lambda g: g.answer("green", "accept"))
    assert game.state.talks is not None and game.state.talks.round == 2  # blue's acceptance was needed
    assert game.value("passage") != "wide"


def test_rejecting_where_the_record_has_no_answer_stays_on_history(table: Scenario) -> None:
    """To an offer, reject and pass are the same move for history: neither accepts nor counters."""
    for answer in ("reject", "pass"):
        game = Game.new(table, seed=3, controllers=everyone(table))
        game.propose("red", WIDE_NOW)
        game.answer("blue", answer)
        assert not game.state.off_history, answer
    game = Game.new(table, seed=3, controllers=everyone(table))
    game.propose("red", WIDE_NOW)
    game.answer("blue", "counter", NARROW_LATER)
    assert game.state.off_history


def test_log_lines_name_their_move_and_a_counter_offer_is_announced(table: Scenario) -> None:
    game = Game.new(table, seed=3, controllers=everyone(table))
    game.propose("red", WIDE_NOW)
    game.answer("blue", "counter", {"passage": "closed", "signing": "later"})
    game.answer("green", "reject")
    assert [h.step for h in game.log if h.kind == "answer"] == ["counter", "reject"]
    assert game.log[0].step == "propose"
    assert game.log[-1].kind == "offer" and "counter-offer is on the table" in game.log[-1].title
    assert game.log[-1].text == "Passage: Closed; Signing: Later"


def test_a_computer_proposer_never_offers_a_deal_worse_than_none(table: Scenario) -> None:
    from game.engine import bargain

    game = Game.new(table, "doubting", seed=1, controllers=everyone(table))  # red's walk-away is 4 here
    negotiation = table.nodes["talks"].negotiation
    assert negotiation is not None
    package, hopeful = bargain.best_package(table, game.state, negotiation, "red")
    if hopeful:
        worth = bargain.appraise(table, table.actors["red"], package, game.state.values)
        assert worth.total >= worth.walk_away


def test_reasons_put_the_sign_on_the_number_only() -> None:
    from game.engine.bargain import Item

    assert Item("Kestra-Dunmore line", -3).words() == "Kestra-Dunmore line: −3"
    assert Item("A gain", 2).words() == "A gain: +2"


def test_paragraph_lists_are_format_2(table: Scenario) -> None:
    text = (Path(__file__).resolve().parent.parent / "fixtures" / "tiny.yaml").read_text(encoding="utf-8")
    text = text.replace("text: Red opens the talks.", "text: [Red opens the talks., {text: Softly., if: trust > 2}]")
    scenario, findings = load_text("old.yaml", text)
    assert scenario is None and any(f.code == "needs-format-2" and "paragraphs" in f.message for f in findings)


def test_a_dated_event_fires_when_a_jump_passes_its_date_before_the_next_decision(tiny) -> None:  # type: ignore[no-untyped-def]
    game = Game.new(tiny, seed=1, controllers={"red": "human", "blue": "human"})
    game.choose("warm")  # day 1
    assert "storm" not in game.state.fired
    happened = game.choose("stall")  # three days: the clock passes the storm's date (day 3)
    assert "storm" in game.state.fired
    kinds = [h.kind for h in happened]
    assert kinds.index("event") > kinds.index("decision")
    assert game.decision is not None and game.log[-1].node == "storm"  # fired before the next decision


def test_take_over_at_the_table_hands_the_seat_to_move_next_to_a_person(table: Scenario) -> None:
    """History replay's 'take over' at a negotiation or sealed move, not only at a decision."""
    game = historical_game(table)
    assert game.node is not None and game.node.kind == "negotiation"
    seat = game.turns[0].actor
    game.take_over()
    assert game.controller(seat) == "human" and not game.settings.follow_history
    assert [a for a in table.actors if game.controller(a) == "human"] == [seat]


def test_an_issue_at_its_status_quo_reads_as_not_agreed_until_a_deal_settles_it(table: Scenario) -> None:
    """'Closed' before any deal read as if agreed; a deal that keeps the status quo settles it too."""
    game = Game.new(table, seed=3, controllers=everyone(table))
    settled = settled_issues(table, game.log)
    assert not settled
    assert value_words(table.issues, "passage", game.value("passage"), settled) == "Closed (not agreed yet)"
    assert value_words(table.issues, "passage", game.value("passage")) == "Closed"  # other callers: as before
    game.propose("red", NARROW_LATER)
    game.answer("green", "reject")
    game.answer("blue", "accept")
    settled = settled_issues(table, game.log)
    assert settled == {"passage", "signing"}
    assert value_words(table.issues, "passage", game.value("passage"), settled) == "A narrow corridor"
    assert (
        value_words(table.issues, "signing", game.value("signing"), settled) == "Later"
    )  # agreed, though the status quo

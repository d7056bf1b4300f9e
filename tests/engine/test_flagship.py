"""The flagship scenario meets what the project promised of it, and the engine stays pure.

The dated facts of the historical path are pinned one test each, with the source the scenario cites."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter

import pytest

from game.engine import Game
from game.engine.autoplay import play_out
from game.engine.game import GameError
from game.engine.history import historical_game
from game.engine.narrate import PUBLIC
from game.engine.views import view
from tests.conftest import ROOT

ROLES = {"kremlin", "ussr", "london", "britain", "paris", "france", "poland", "germany"}


def _history(flagship, lens: str = "serious") -> Game:  # type: ignore[no-untyped-def]
    game = historical_game(flagship, lens)
    game.play_until_human()
    return game


def _move(game: Game, node: str, actor: str = ""):  # type: ignore[no-untyped-def]
    found = [m for m in game.moves if m.node == node and (not actor or m.actor == actor)]
    assert found, f"no move at {node} by {actor or 'anyone'}"
    return found[0]


def test_eight_roles_governments_apart_from_their_envoys(flagship) -> None:  # type: ignore[no-untyped-def]
    assert flagship.format == 2 and flagship.id == "moscow_1939"
    assert set(flagship.actors) >= ROLES
    seats = {a.id: a.seat for a in flagship.actors.values()}
    assert {a for a, s in seats.items() if s == "table"} == {"ussr", "britain", "france"}
    for actor in flagship.actors.values():
        public = [o for o in actor.objectives if not o.secret]
        secret = [o for o in actor.objectives if o.secret]
        assert public and secret, f"{actor.id} needs public and secret objectives"
    assert {"serious", "stalling"} <= set(flagship.lenses)
    assert {"watt1989", "carley1999", "telegraph2008", "designer"} <= set(flagship.sources)


def test_every_role_decides_on_the_historical_path(flagship) -> None:  # type: ignore[no-untyped-def]
    game = _history(flagship)
    per_actor = Counter(m.actor for m in game.moves if m.by != "chance")
    assert all(per_actor[a] >= 3 for a in ROLES), per_actor


def test_every_historical_step_cites_a_source(flagship) -> None:  # type: ignore[no-untyped-def]
    for node in flagship.nodes.values():
        for step in node.steps:
            if step.historical:
                assert step.source in flagship.sources, (node.id, step.id)
    for event in flagship.events:
        if event.historical:
            assert event.source in flagship.sources, event.id


def test_designers_rules_say_they_are_the_designers(flagship) -> None:  # type: ignore[no-untyped-def]
    designed = [c for c in flagship.constraints.values() if c.source == "designer"]
    assert designed
    for constraint in designed:
        assert "designer's rule" in constraint.title and "designer's rule" in constraint.explanation


def test_counterfactual_endings_say_they_are_speculative(flagship) -> None:  # type: ignore[no-untyped-def]
    for outcome in flagship.outcomes.values():
        if not outcome.historical:
            assert outcome.speculative != "none" and outcome.speculation, outcome.id


def test_chance_is_worded_as_chance(flagship) -> None:  # type: ignore[no-untyped-def]
    branches = [b for n in flagship.nodes.values() if n.is_chance for b in n.steps]
    assert branches and all(b.label.startswith("By chance") for b in branches)


@pytest.mark.parametrize("lens", ["serious", "stalling"])
def test_history_ends_in_the_pact_of_23_august(flagship, lens: str) -> None:  # type: ignore[no-untyped-def]
    game = _history(flagship, lens)
    assert game.outcome is not None and game.outcome.id == "pact" and game.outcome.historical
    assert game.date.isoformat() == "1939-08-23"
    assert not game.state.off_history


def test_the_offer_of_15_august_goes_unanswered(flagship) -> None:  # type: ignore[no-untyped-def]
    """telegraph2008: the Western side 'did not respond to the Soviet offer, made on August 15'."""
    game = _history(flagship)
    offer = _move(game, "cardinal_question", "ussr")
    assert flagship.date_of(offer.day).isoformat() == "1939-08-15"
    assert offer.terms["forces"] == "soviet_plan" and offer.terms["passage"] == "corridors"
    western = [m.step for m in game.moves if m.node == "cardinal_question" and m.actor in ("britain", "france")]
    assert western and set(western) == {"pass"}  # no answer, no rejection: referred home (werth1964 too)
    answers = [h.title for h in game.log if h.node == "cardinal_question" and h.kind == "answer"]
    assert answers and not any("rejects" in t for t in answers) and any("makes no answer" in t for t in answers)
    assert game.value("west_answered") is False


def test_britain_presses_warsaw_on_the_historical_path(flagship) -> None:  # type: ignore[no-untyped-def]
    """shirer1960: the British and French ambassadors saw Beck on 19 August."""
    game = _history(flagship)
    assert _move(game, "answer_offer", "london").step == "no_answer"
    assert flagship.nodes["answer_offer"].sealed
    assert game.value("warsaw_pressure") == 3  # Beaufre, Noël and the British ambassador


def test_becks_dates_and_formula(flagship) -> None:  # type: ignore[no-untyped-def]
    """shirer1960: 'no military value' on 18 August, refusal reported 20 August; watt1989: the formula
    of 23 August, judged insufficient, and no convention follows from it."""
    game = _history(flagship)
    refusal = _move(game, "beck_answers", "poland")
    assert refusal.step == "refuse" and flagship.date_of(refusal.day).isoformat() == "1939-08-18"
    assert flagship.date_of(_move(game, "berlin_20").day).isoformat() == "1939-08-20"
    formula = _move(game, "beck_23", "poland")
    assert formula.step == "formula_late" and flagship.date_of(formula.day).isoformat() == "1939-08-23"
    assert game.value("polish_consent") == "formula" and game.outcome is not None and game.outcome.id == "pact"


def test_drax_written_powers_arrive_late_and_do_not_allow_signing(flagship) -> None:  # type: ignore[no-untyped-def]
    """werth1964: written powers to negotiate arrived towards the end, by the session of 21 August."""
    game = _history(flagship)
    assert game.value("drax_powers") == "negotiate"
    arrived = [h for h in game.log if h.kind == "event" and h.title == "Drax's written powers arrive"]
    assert arrived and flagship.date_of(arrived[0].day).isoformat() == "1939-08-21"


def test_the_session_of_21_august_ends_in_adjournment(flagship) -> None:  # type: ignore[no-untyped-def]
    """shirer1960, werth1964: on 21 August Drax, with no answer from London, asks for delay, and
    Voroshilov adjourns the talks indefinitely; Daladier's telegram comes only after, late that day."""
    game = _history(flagship)
    delay = _move(game, "london_21", "london")
    assert delay.step == "still_no_answer" and flagship.date_of(delay.day).isoformat() == "1939-08-21"
    told = next(h for h in game.log if h.node == "london_21" and h.kind == "decision")
    assert "adjourns the talks indefinitely" in told.text and "21 August" in told.text
    paris = _move(game, "paris_21", "paris")
    assert paris.step == "authorise_doumenc" and flagship.date_of(paris.day).isoformat() == "1939-08-21"
    assert game.moves.index(delay) < game.moves.index(paris)
    assert flagship.nodes["paris_21"].steps[0].source == "werth1964"  # Daladier's words are in Werth


def test_doumenc_sees_voroshilov_on_22_august_after_the_adjournment(flagship) -> None:  # type: ignore[no-untyped-def]
    """werth1964: on 22 August Doumenc, with his powers, sees Voroshilov, who asks for proof that
    Poland and Romania consent ('we have wasted eleven days'); Drax takes no part and rejects nothing."""
    game = _history(flagship)
    offer = _move(game, "session_21", "france")
    assert offer.step == "propose" and offer.terms["consent_form"] == "west_answers_for"
    assert offer.terms["forces"] != "sixteen"  # France cannot commit Britain's divisions
    assert flagship.date_of(offer.day).isoformat() == "1939-08-22"
    assert game.moves.index(_move(game, "paris_21", "paris")) < game.moves.index(offer)
    reply = _move(game, "session_21", "ussr")
    assert reply.step == "reject" and flagship.date_of(reply.day).isoformat() == "1939-08-22"
    eleven = next(h for h in game.log if h.node == "session_21" and h.actor == "ussr" and h.kind == "answer")
    assert "eleven days" in eleven.text
    assert {m.step for m in game.moves if m.node == "session_21" and m.actor == "britain"} == {"pass"}


def test_ribbentrops_journey_was_announced_on_the_night_of_21_22_august(flagship) -> None:  # type: ignore[no-untyped-def]
    """shirer1960, kershaw2000: announced in Berlin late on 21 August, in the Soviet press on the 22nd."""
    game = historical_game(flagship, "serious")
    while game.node is not None and game.node.id != "beck_23":
        game.play_computer()
    said = view(game, PUBLIC).narration
    assert "late on 21 August" in said and "the 22nd" in said and "is announced" not in said


def test_the_figures_the_sources_stress_are_in_the_game(flagship) -> None:  # type: ignore[no-untyped-def]
    text = (ROOT / "scenarios" / "moscow-1939.yaml").read_text(encoding="utf-8")
    for figure in ("300 or more divisions", "million troops", "16 combat-ready divisions", "120 infantry divisions"):
        assert figure in text, figure
    assert flagship.outcomes["pact"].historical


def test_drax_cannot_accept_without_powers(flagship) -> None:  # type: ignore[no-untyped-def]
    controllers = {a: "historical" for a in flagship.actors}
    controllers["britain"] = "human"
    game = Game.new(flagship, "serious", 1, controllers, follow_history=True)
    game.play_until_human()
    while game.node is not None and game.node.id != "cardinal_question":
        decision = game.decision
        assert decision is not None
        game.choose(next(c.step.id for c in decision.choices if c.step.historical))
        game.play_until_human()
    with pytest.raises(GameError, match="Drax may talk, not sign"):
        game.answer("britain", "accept", None)


def test_at_least_six_outcomes_are_reached_in_play(flagship) -> None:  # type: ignore[no-untyped-def]
    reached: Counter[str] = Counter()
    games = [(lens, seed, "random") for lens in flagship.lenses for seed in range(150)]
    games += [(lens, seed, "goals") for lens in flagship.lenses for seed in range(20)]  # slower, so last
    for lens, seed, policy in games:  # stopping once six endings are seen
        reached[play_out(flagship, lens, seed, policy).outcome] += 1
        if len(reached) >= 6:
            break
    assert len(reached) >= 6, reached


def test_engine_never_imports_pygame() -> None:
    code = (
        "import sys, game.engine, game.engine.autoplay, game.terminal.play, game.terminal.replay; "
        "sys.exit(1 if any(m.startswith('pygame') for m in sys.modules) else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0
    import_line = re.compile(r"^\s*(import|from)\s+pygame", re.MULTILINE)
    for path in (ROOT / "game" / "engine").rglob("*.py"):
        assert not import_line.search(path.read_text(encoding="utf-8")), path


def test_no_eval_or_exec_in_the_game() -> None:
    pattern = re.compile(r"(^|[^a-zA-Z_.])(eval|exec)\(")
    for path in (ROOT / "game").rglob("*.py"):
        assert not pattern.search(path.read_text(encoding="utf-8")), path

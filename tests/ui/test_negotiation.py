"""Negotiation and sealed moves through the window, with real posted events on the table fixture:
a person proposes, counters, accepts or walks away on the offer panel, the computer delegations
answer with their reasons, and in a hot seat each seat's sealed choice stays hidden until the
reveal."""

from __future__ import annotations

import pygame
import pytest

from game.classroom.settings import ClassroomSettings
from game.engine import Game, bargain
from game.ui import fonts
from game.ui.pilot import Pilot
from game.ui.settings import TEXT_SIZES, UISettings
from game.ui.table_turn import points

from .checks import check_layout, check_text_sizes
from .conftest import ROOT
from .seating import sit_down, wait_until

TABLE = ROOT / "tests" / "fixtures" / "table.yaml"
LARGEST = len(TEXT_SIZES) - 1


def option_key(pilot: Pilot, issue: str, option: str) -> str:
    panel = pilot.app.scene.panel
    assert panel is not None, "no offer panel on screen"
    return next(o.key for row in panel.issues for o in row.options if (o.issue, o.option) == (issue, option))


def select(pilot: Pilot, **package: str) -> None:
    for issue, option in package.items():
        pilot.click(option_key(pilot, issue, option))


def screen_text(pilot: Pilot) -> str:
    return pilot.all_text().replace("\n", " ")


def red_proposes_then_answers(pilot):  # type: ignore[no-untyped-def]
    """Red, a person, proposes a wide passage signed later; the game, once Red is to answer the counter."""
    game = sit_down(pilot, {"red": "human"})
    select(pilot, passage="wide", signing="later")
    pilot.click("act_propose")
    wait_until(pilot, lambda: bool(game.turns) and game.turns[0].kind == "answer" and not game.computer_to_move)
    return game


def test_a_proposal_clicked_together_reaches_a_deal(make_pilot, shots) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(TABLE)
    game = sit_down(pilot, {"red": "human"})
    scene = pilot.app.scene
    assert scene.panel is not None and scene.buttons["act_propose"].class_ids[-1] == "@blocked"
    select(pilot, passage="narrow", signing="later")
    assert scene.panel.action("act_propose").enabled
    text = pilot.element(option_key(pilot, "passage", "narrow")).text
    assert text.startswith("✓") and "+2" in text  # selected, and worth +2 to Red
    pilot.snapshot(shots / "negotiation-propose.png")
    pilot.click("act_propose")
    assert game.moves[-1].terms == {"passage": "narrow", "signing": "later"}
    wait_until(pilot, lambda: game.state.node == "evening")
    assert game.state.values["passage"] == "narrow" and game.state.values["signing"] == "later"
    assert game.state.values["treaty_signed"] is True
    shown = screen_text(pilot)
    assert "Agreement: Passage: A narrow corridor; Signing: Later" in shown
    assert "Blue delegation accepts" in shown and "Accepted." in shown  # Blue's reasons, in words
    assert "Worth 2 to us" not in shown  # its numbers are its confidential values
    pilot.snapshot(shots / "negotiation-deal.png")


def test_walking_away_breaks_the_talks_down(make_pilot, shots) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(TABLE)
    game = red_proposes_then_answers(pilot)
    shown = screen_text(pilot)
    assert "Blue delegation counters" in shown and "Refused; we counter." in shown  # a computer's reason
    panel = pilot.app.scene.panel
    assert panel is not None and any("On the table, from Blue delegation" in line for line in panel.lines)
    pilot.snapshot(shots / "negotiation-answer.png")
    pilot.click("act_walk")
    assert pilot.app.overlay is not None and pilot.app.overlay.name == "confirm"
    pilot.click("yes")
    assert game.state.talks is None and game.state.node == "evening"
    assert game.state.values["treaty_signed"] is False
    assert "The talks break down" in screen_text(pilot)


def test_the_person_answers_an_offer_with_a_counter_offer(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(TABLE)
    game = red_proposes_then_answers(pilot)
    scene = pilot.app.scene
    assert game.state.talks is not None and game.state.talks.offer == {"passage": "narrow", "signing": "later"}
    select(pilot, passage="narrow", signing="later")
    assert scene.panel.action("act_counter").enabled is False  # the selection is the offer itself
    select(pilot, passage="wide")
    pilot.click("reason")
    pilot.type("Meet us halfway")
    pilot.press(pygame.K_RETURN)
    pilot.click("act_counter")
    red = next(m for m in reversed(game.moves) if m.actor == "red")
    assert red.step == "counter" and red.terms == {"passage": "wide", "signing": "later"}
    assert red.reason == "Meet us halfway"
    wait_until(pilot, lambda: not game.computer_to_move)
    assert game.state.talks is None or game.state.talks.round == 3  # the others have answered the counter
    assert "Red delegation counters" in screen_text(pilot)


def test_a_forbidden_acceptance_is_disabled_and_says_why(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(TABLE)
    game = sit_down(pilot, {"blue": "human", "red": "historical"})  # Red asks for everything, at once
    wait_until(pilot, lambda: not game.computer_to_move)
    scene = pilot.app.scene
    accept = scene.panel.action("act_accept")
    assert accept is not None and not accept.enabled
    pilot.hover("act_accept")
    assert "Blue may talk, not sign" in pilot.tooltip_text()
    moves = len(game.moves)
    pilot.click("act_accept")
    assert len(game.moves) == moves and "Blue may talk, not sign" in pilot.app.scene.notice


def test_keyboard_alone_builds_and_sends_a_proposal(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(TABLE)
    game = sit_down(pilot, {"red": "human"})
    app = pilot.app
    pilot.press(pygame.K_1)  # number keys take choice cards; at the table there are none
    assert not game.moves
    assert app.scene.focus_key == option_key(pilot, "passage", "closed")
    pilot.press(pygame.K_TAB)
    assert app.scene.focus_key == option_key(pilot, "passage", "narrow")
    pilot.press(pygame.K_RETURN)
    pilot.press(pygame.K_RIGHT)
    pilot.press(pygame.K_DOWN)
    assert app.scene.focus_key == option_key(pilot, "signing", "later")
    pilot.press(pygame.K_RETURN)
    pilot.press(pygame.K_TAB)
    pilot.press(pygame.K_TAB)
    assert app.scene.focus_key == "act_propose"
    pilot.press(pygame.K_RETURN)
    assert game.moves[0].terms == {"passage": "narrow", "signing": "later"}


def test_sealed_moves_in_a_hot_seat_stay_hidden_until_the_reveal(make_pilot, shots) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(TABLE)
    app = pilot.app
    game = sit_down(pilot, {"red": "human", "blue": "human"}, start="evening")
    assert app.top.name == "handover" and app.top.card.actor == "red"
    pilot.press(pygame.K_RETURN)  # "We are the Red delegation": the briefing comes first
    assert app.overlay is not None and "Blue's envoy cannot sign" in screen_text(pilot)  # Red's own private line
    pilot.press(pygame.K_ESCAPE)
    scene = app.scene
    assert [c.label for c in scene.choice_specs()] == ["Open the rival talks", "Wait"]
    assert scene.focus_key == "choice_1"
    pilot.snapshot(shots / "sealed-red.png")
    pilot.press(pygame.K_1)
    assert app.overlay is not None and app.overlay.title == "This may end the game"  # the rival talks may
    pilot.click("yes")
    assert game.state.picks == {"red": "rival"}
    assert app.top.name == "handover" and app.top.card.actor == "blue"
    assert "Open the rival talks" not in screen_text(pilot)
    pilot.snapshot(shots / "sealed-handover.png")
    pilot.press(pygame.K_RETURN)
    briefing = screen_text(pilot)
    assert "Blue may talk, not sign" in briefing and "Blue's envoy cannot sign" not in briefing
    pilot.press(pygame.K_ESCAPE)
    assert [c.label for c in app.scene.choice_specs()] == ["Cable home for powers", "Sit tight"]
    shown = screen_text(pilot)
    assert "Open the rival talks" not in shown and "Red delegation has chosen" in shown
    assert "rival offer" not in shown.lower()  # Red's private meter is not Blue's to see
    pilot.press(pygame.K_2)
    assert game.ended and game.outcome is not None and game.outcome.id == "rival_deal"
    assert app.scene.name == "debrief"


SIZES = [(1024, 600), (1280, 720), (1920, 1080)]


@pytest.mark.parametrize("text_size", [1, LARGEST], ids=["normal", "largest"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_offer_panel_fits(make_pilot, shots, size, text_size) -> None:  # type: ignore[no-untyped-def]
    settings = UISettings(computer_pause=0.4, text_size=text_size)
    pilot = make_pilot(TABLE, size=size, settings=settings)
    app = pilot.app
    game = sit_down(pilot, {"red": "human"})
    tag = f"{size[0]}x{size[1]}-{'largest' if text_size == LARGEST else 'normal'}"
    select(pilot, passage="wide", signing="later")
    for moment in ("propose", "answer"):
        lay = app.scene.layout
        assert lay.fits, f"{tag} {moment}: the offer panel does not fit"
        check_layout(app, f"{tag} {moment}")
        app.draw()
        check_text_sizes(app, f"{tag} {moment}")
        for key, button in app.scene.buttons.items():
            if key.startswith(("opt_", "act_")):
                room = button.rect.w - 2 * app.spacing.pad
                size = app.type.small if key.startswith("opt_") else app.type.body
                drawn = fonts.font(size, "bold").size(button.text)[0]
                assert drawn <= room, f"{tag} {moment}: {key} {button.text!r} is cut off"
        pilot.snapshot(shots / f"negotiation-{moment}-{tag}.png")
        if moment == "propose":
            pilot.click("act_propose")
            wait_until(pilot, lambda: bool(game.turns) and game.turns[0].kind == "answer" and not game.computer_to_move)


def test_a_proposer_may_pass_or_walk_away_from_the_panel(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(TABLE)
    game = sit_down(pilot, {"red": "human"})
    pilot.click("act_pass")
    assert game.moves[0].step == "pass" and game.moves[0].actor == "red"
    wait_until(pilot, lambda: not game.computer_to_move)
    assert "Red delegation makes no offer" in screen_text(pilot)
    game = sit_down(pilot, {"red": "human"})
    pilot.click("act_walk")
    pilot.click("yes")
    assert game.moves[0].step == "walk" and game.state.node != "talks"


def test_walking_away_asks_first_and_enter_stays_at_the_table(make_pilot, shots) -> None:  # type: ignore[no-untyped-def]
    """One click on Walk away ended the talks: the window now asks, in the browser page's words for
    where a breakdown leads (here to more of the game, so the talks end without a deal), and Enter
    or Esc gives the safe answer."""
    pilot = make_pilot(TABLE)
    game = sit_down(pilot, {"red": "human"})
    app = pilot.app
    pilot.click("act_walk")
    assert app.overlay is not None and app.overlay.name == "confirm"
    assert not game.moves and game.state.node == "talks"  # nothing happened yet
    asked = pilot.element("confirm_text").html_text
    assert "Walking away ends these talks without a deal. Are you sure?" in asked
    assert pilot.element("no").text == "Stay at the table" and pilot.element("yes").text == "Walk away"
    pilot.snapshot(shots / "negotiation-walk-ask.png")
    pilot.press(pygame.K_RETURN)  # the safe answer has the focus
    assert app.overlay is None and not game.moves and game.state.node == "talks"
    pilot.click("act_walk")
    pilot.press(pygame.K_ESCAPE)
    assert app.overlay is None and not game.moves
    pilot.click("act_walk")
    pilot.click("yes")
    assert game.moves[0].step == "walk" and game.state.node != "talks"


def test_walking_away_into_an_ending_says_it_ends_the_game(make_pilot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = TABLE.read_text(encoding="utf-8")
    broken = "      no_deal:\n        next: evening\n"
    assert broken in text
    scenario = tmp_path / "table-ends.yaml"
    scenario.write_text(text.replace(broken, "      no_deal:\n        next: treaty\n"), encoding="utf-8")
    pilot = make_pilot(scenario)  # a breakdown of these talks ends the game
    game = sit_down(pilot, {"red": "human"})
    pilot.click("act_walk")
    assert "Walking away ends the game. Are you sure?" in pilot.element("confirm_text").html_text
    pilot.press(pygame.K_RETURN)
    assert not game.moves


def test_the_class_clock_runs_at_the_table_and_an_answer_lapses(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(TABLE)
    app = pilot.app
    game = Game.new(app.scenario, seed=1, controllers={"red": "human"})
    ClassroomSettings(time_limit=30).store(game)
    app.play(game)
    pilot.wait()
    select(pilot, passage="wide", signing="later")
    pilot.click("act_propose")
    wait_until(pilot, lambda: bool(game.turns) and game.turns[0].kind == "answer" and not game.computer_to_move)
    assert app.scene.deadline is not None, "the clock runs for an answer at the table"
    pilot.wait(31, step=1.0)
    red = next(m for m in reversed(game.moves) if m.actor == "red")
    assert (red.step, red.by) == ("reject", "proxy")
    assert "Time ran out for the Red delegation" in app.scene.notice


def panel_notes(pilot: Pilot) -> list[str]:
    panel = pilot.app.scene.panel
    assert panel is not None, "no offer panel on screen"
    return list(panel.lines)


def test_the_package_being_put_together_shows_its_worth(make_pilot) -> None:  # type: ignore[no-untyped-def]
    """As the browser's proposal form does, by the engine's one rule (bonuses included)."""
    pilot = make_pilot(TABLE)
    game = sit_down(pilot, {"red": "human"})
    walk = bargain.walk_away(game.scenario.actors["red"], game.state.values)
    assert any(n.startswith("Select one option for each issue") for n in panel_notes(pilot))
    select(pilot, passage="wide", signing="now")
    red = game.scenario.actors["red"]
    worth = bargain.appraise(game.scenario, red, {"passage": "wide", "signing": "now"}, game.state.values)
    assert worth.total == 9  # 5 + 2, and the bonus for a wide passage signed at once
    line = f"Your selection is worth +9 to you (without a deal: {points(walk)})."
    assert panel_notes(pilot)[0] == line
    select(pilot, signing="later")  # the line follows the picks
    assert panel_notes(pilot)[0] == f"Your selection is worth +5 to you (without a deal: {points(walk)})."


def test_accept_says_it_takes_their_offer_once_the_terms_are_changed(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(TABLE)
    game = red_proposes_then_answers(pilot)
    scene = pilot.app.scene
    offer = dict(game.state.talks.offer)
    assert pilot.element("act_accept").text == "Accept"
    assert scene.buttons["act_accept"].class_ids[-1] == "@primary"
    assert panel_notes(pilot)[0].startswith("No deal is worth")  # the offer's own line says its worth
    select(pilot, passage="closed" if offer["passage"] != "closed" else "wide")
    assert pilot.element("act_accept").text == "Accept their offer"
    assert scene.buttons["act_counter"].class_ids[-1] == "@primary"  # Counter sends the changed terms
    assert scene.buttons["act_accept"].class_ids[-1] != "@primary"
    pilot.hover("act_accept")
    assert "not the terms you selected" in pilot.tooltip_text()
    pilot.click("act_accept")
    red = next(m for m in reversed(game.moves) if m.actor == "red")
    assert red.step == "accept"  # the offer on the table, as the button said


def test_a_refusal_of_the_terms_clears_when_the_picks_change(make_pilot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = TABLE.read_text(encoding="utf-8").replace(
        "        - {constraint: talk_only, forbids: accept, actors: [blue], terms: \"signing == 'now'\"}\n",
        "        - {constraint: talk_only, forbids: accept, actors: [blue], terms: \"signing == 'now'\"}\n"
        "        - {constraint: talk_only, forbids: propose, actors: [red], terms: \"passage == 'closed'\"}\n",
    )
    assert "forbids: propose" in text
    path = tmp_path / "table.yaml"
    path.write_text(text, encoding="utf-8")
    pilot = make_pilot(path)
    game = sit_down(pilot, {"red": "human"})
    scene = pilot.app.scene
    select(pilot, passage="closed", signing="later")
    assert not scene.panel.action("act_propose").enabled  # refused before the click, with the reason
    pilot.click("act_propose")
    assert not game.moves and "may not propose these terms" in scene.notice
    assert "may not propose these terms" in screen_text(pilot)
    select(pilot, passage="narrow")  # the person fixes the terms: the refusal of the old ones goes
    assert scene.notice == "" and "may not propose these terms" not in screen_text(pilot)
    closed = next(o for row in scene.panel.issues for o in row.options if o.option == "closed")
    assert closed.refused and not closed.selected  # the term itself stays marked: Red may never propose it
    pilot.click("act_propose")
    assert game.moves[0].terms == {"passage": "narrow", "signing": "later"}


def test_an_issue_before_any_deal_reads_as_not_agreed(make_pilot) -> None:  # type: ignore[no-untyped-def]
    """'Passage: Closed' at the start read as if agreed: the measure and its tip say it is not, until
    a deal settles the issue (even on the status quo, as 'Later' here)."""
    pilot = make_pilot(TABLE)
    game = sit_down(pilot, {"red": "human"})
    scene = pilot.app.scene
    if "tab_measures" in scene.buttons:
        pilot.click("tab_measures")
    pilot.hover("meter_passage")
    assert "Closed (not agreed yet)" in pilot.tooltip_text()
    if "tab_story" in scene.buttons:
        pilot.click("tab_story")
    select(pilot, passage="narrow", signing="later")
    pilot.click("act_propose")
    wait_until(pilot, lambda: game.state.node == "evening")
    if "tab_measures" in pilot.app.scene.buttons:
        pilot.click("tab_measures")
    pilot.hover("meter_signing")
    tip = pilot.tooltip_text()
    assert "Later" in tip and "not agreed" not in tip

"""Tool tips are sized to their words and stand beside what they describe (item 11 of the window's
review); a label cut to fit keeps its full text for a tool tip (item 7), and the keyboard's highlight
shows it as the mouse does."""

from __future__ import annotations

import pygame

from game.engine import Game
from game.ui.app import ACTIVE_AFTER_INPUT
from game.ui.layout import font_width
from game.ui.settings import TEXT_SIZES, UISettings
from game.ui.tooltips import fit_label, tip_width

from .conftest import CURRENT_FLAGSHIP, TINY, human_tiny


def shown_tip(pilot) -> pygame.Rect:  # type: ignore[no-untyped-def]
    for button in pilot.app.top.buttons.values():
        tip = getattr(button, "tool_tip", None)
        if tip is not None:
            return pygame.Rect(tip.rect)
    raise AssertionError("no tool tip is showing")


def test_a_short_tip_is_a_small_box_beside_its_button(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(TINY)
    app = pilot.app
    game = Game.new(app.scenario, seed=3, controllers={"red": "human", "blue": "historical"})
    game.choose("leave")
    app.play(game)
    pilot.wait()
    assert app.scene.name == "debrief"
    app.focus("new")
    pilot.hover("quit")
    tip = shown_tip(pilot)
    words = app.top.buttons["quit"].tool_tip_text
    assert tip.w <= font_width(words, app.type.body) + 60  # its words and padding, no more
    assert tip.w < app.top.tooltip_width()  # narrower than the longest tips may be
    assert not tip.colliderect(app.top.buttons["quit"].rect)  # it does not cover what it explains


def test_tip_width_grows_with_the_words_up_to_a_limit() -> None:
    pygame.font.init()
    short = tip_width("Esc", 20, 10, 500)
    longer = tip_width("Back to the title screen (Esc)", 20, 10, 500)
    assert short < 80 < longer < 500
    assert tip_width("word " * 200, 20, 10, 500) == 500
    assert tip_width("<b>Esc</b>", 20, 10, 500) == short  # markup takes no room


def test_a_cut_label_keeps_its_full_text_for_the_tip() -> None:
    pygame.font.init()
    whole = fit_label("Britain", 400, 20)
    assert whole.shown == "Britain" and whole.tip == ""
    text = "Berlin's approach to Moscow, by way of trade credits"
    cut = fit_label(text, 160, 20)
    assert cut.shown.endswith("…") and font_width(cut.shown, 20) <= 160
    assert cut.tip == text
    assert text.startswith(cut.shown[:-1])  # cut at a word, the words kept whole


def test_the_keyboard_highlight_shows_a_cut_cards_full_text(make_pilot) -> None:  # type: ignore[no-untyped-def]
    """Projector type on 1024×600: the setup's lens cards are cut to share the column. Tab to one
    and rest there: its tool tip (the lens's whole text) opens beside it, as hovering it would;
    the next key closes it and the next card's opens; a mouse move closes it."""
    pilot = make_pilot(CURRENT_FLAGSHIP, size=(1024, 600), settings=UISettings(text_size=len(TEXT_SIZES) - 1))
    app = pilot.app
    pilot.press(pygame.K_n)
    scene = app.top
    assert scene.name == "setup"
    pilot.move((2, 2))
    lenses = list(app.scenario.lenses.values())
    while scene.focus_key != f"lens_{lenses[0].id}":
        pilot.press(pygame.K_TAB)
    assert app.focus_tip.text() == ""  # not at once: after the delay a resting mouse waits too
    pilot.wait(0.5)
    assert lenses[0].text[-40:] in app.focus_tip.text()
    tip = app.focus_tip.tip
    assert tip is not None and not tip.rect.colliderect(scene.buttons[f"lens_{lenses[0].id}"].rect)
    assert pygame.Rect((0, 0), app.size).contains(tip.rect)
    pilot.press(pygame.K_TAB)
    assert scene.focus_key == f"lens_{lenses[1].id}" and app.focus_tip.text() == ""
    pilot.wait(0.5)
    assert lenses[1].text[-40:] in app.focus_tip.text()
    pilot.move((app.size[0] - 2, 2))
    assert app.focus_tip.text() == "" and app.focus_tip.tip is None


def test_a_click_after_a_tip_showed_presses_the_button(make_pilot) -> None:  # type: ignore[no-untyped-def]
    """Rest the mouse on the Log tab until its tip shows and the window falls idle, then click
    once: the one click opens the Log. (The event that woke the idle window was queued behind the
    button-up that came with it, so the click only closed the tip and left the tab held.)"""
    pilot = make_pilot(TINY)
    app = pilot.app
    human_tiny(pilot)
    scene = app.top
    assert scene.name == "play" and scene.tab != "log"
    centre = scene.buttons["tab_log"].rect.center
    pilot.move(centre)
    pilot.wait(ACTIVE_AFTER_INPUT + 0.5)  # past the tip's delay and the busy spell after input
    assert "happened" in pilot.tooltip_text()
    assert not app.busy()  # the window sleeps until the next event, as it does when a person rests
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=centre, button=1, touch=False))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=centre, button=1, touch=False))
    app.idle()  # wakes on the button-down
    pilot.wait()
    assert app.top.tab == "log"
    assert pilot.tooltip_text() == ""


def test_no_tip_for_what_merely_lies_under_the_resting_mouse_on_a_new_screen(make_pilot) -> None:  # type: ignore[no-untyped-def]
    """New game opens setup with the mouse resting where New game was: the setup button now under it
    showed its tip over the first choices. It shows none while the mouse rests; once the mouse has
    moved off and back onto the button, it does."""
    pilot = make_pilot(CURRENT_FLAGSHIP)
    app = pilot.app
    pilot.click("new")
    assert app.top.name == "setup"
    spot = app.manager.get_mouse_position()
    under = [k for k, b in app.top.buttons.items() if getattr(b, "tool_tip_text", None) and b.rect.collidepoint(spot)]
    assert under, "the test needs a setup button with a tip under the mouse"
    pilot.wait(2.0)  # far longer than a tip's delay
    assert pilot.tooltip_text() == "", "a tip showed for what merely lay under the resting mouse"
    pilot.move((2, app.size[1] - 2))  # away, and back onto it
    pilot.hover(under[0])
    assert pilot.tooltip_text() != "", "moved onto, the button should show its tip"
    pilot.press(pygame.K_ESCAPE)  # back to the title: the tip under the mouse waits again
    assert app.top.name == "title"
    pilot.wait(2.0)
    assert pilot.tooltip_text() == ""

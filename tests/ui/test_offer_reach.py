"""The offer panel at the flagship's table, by mouse alone: the moves stay in reach under the
scrolling options, the wheel and the scroll bar scroll the options, and a click on an option keeps
the place scrolled to."""

from __future__ import annotations

import pygame
import pytest
from pygame_gui.elements import UIScrollingContainer

from game.ui.pilot import Pilot
from game.ui.settings import TEXT_SIZES, UISettings

from .conftest import CURRENT_FLAGSHIP, ROOT
from .seating import sit_down, wait_until

LARGEST = len(TEXT_SIZES) - 1
TUTORIAL = ROOT / "scenarios" / "tutorial-negotiation.yaml"
NOTCH = {"x": 0, "y": -1, "flipped": False, "precise_x": 0.0, "precise_y": -1.0}


def at_the_soviet_offer(pilot: Pilot):  # type: ignore[no-untyped-def]
    """Britain, a person, to answer the Soviet offer of 15 August."""
    game = sit_down(pilot, {"britain": "human"}, start="cardinal_question")
    wait_until(pilot, lambda: not game.computer_to_move, 20.0)
    assert pilot.app.scene.panel is not None, "no offer panel at the Soviet offer"
    return game


def panel_box(pilot: Pilot) -> UIScrollingContainer:
    box = pilot.app.scene.panel_box
    assert box is not None, "the offer panel should scroll at this size"
    return box


def scrolled_px(box: UIScrollingContainer) -> int:
    return box.rect.y - box.get_container().get_rect().y


@pytest.mark.parametrize("text_size", [1, LARGEST], ids=["normal", "projector"])
def test_the_moves_stay_in_reach_and_the_wheel_scrolls_the_options(make_pilot, shots, text_size) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(CURRENT_FLAGSHIP, settings=UISettings(computer_pause=0.0, text_size=text_size))
    app = pilot.app
    at_the_soviet_offer(pilot)
    box = panel_box(pilot)
    window = pygame.Rect((0, 0), app.size)
    moves = [b for k, b in app.scene.buttons.items() if k.startswith("act_")]
    assert len(moves) == 4
    for button in moves:
        assert window.contains(button.rect), f"{button.text} is off the window: {button.rect}"
        assert not box.rect.colliderect(button.rect), f"{button.text} lies in the scrolling part"
    assert box.get_container().get_rect().h > box.rect.h, "the options should need scrolling at this size"
    pilot.move((box.rect.centerx, box.rect.centery))
    for _ in range(30):
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, **NOTCH))
        pilot.wait(0.1)
    pilot.wait(0.3)
    assert scrolled_px(box) > 0, "the wheel does not scroll the offer panel"
    assert box.get_container().get_rect().bottom <= box.rect.bottom + 8, "the wheel does not reach the panel's end"
    pilot.snapshot(shots / f"offer-reach-{'normal' if text_size == 1 else 'projector'}.png")
    before = scrolled_px(box)
    key, last = next(
        (k, b)
        for k, b in reversed(app.scene.buttons.items())
        if k.startswith("opt_") and box.rect.contains(b.rect) and not b.text.startswith("✓")
    )
    pilot.click_at(last.rect.center)
    pilot.wait(0.3)
    box = panel_box(pilot)
    assert app.scene.buttons[key].text.startswith("✓"), "the click did not select the option"
    assert abs(scrolled_px(box) - before) <= 2, "a click on an option jumps the panel back to the top"
    walk = app.scene.buttons["act_walk"]
    assert walk.rect.collidepoint(walk.rect.center) and window.contains(walk.rect)


def test_dragging_the_scroll_bar_scrolls_the_options(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(CURRENT_FLAGSHIP, settings=UISettings(computer_pause=0.0))
    at_the_soviet_offer(pilot)
    box = panel_box(pilot)
    bar = box.vert_scroll_bar
    assert bar is not None and bar.sliding_button is not None
    start = bar.sliding_button.rect.center
    end = (start[0], box.rect.bottom - 2)
    pilot.move(start)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=start, button=1, touch=False))
    pilot.wait(0.1)
    for step in range(1, 6):
        pos = (start[0], start[1] + (end[1] - start[1]) * step // 5)
        pygame.mouse.set_pos(pos)
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 10), buttons=(1, 0, 0)))
        pilot.wait(0.1)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=end, button=1, touch=False))
    pilot.wait(0.3)
    assert scrolled_px(box) > 0, "dragging the scroll bar does not scroll the offer panel"


def double_click(pilot: Pilot, pos: tuple[int, int]) -> None:
    """Two presses and releases a frame apart, as a quick double click arrives."""
    pilot.move(pos)
    for _ in range(2):
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1, touch=False))
        pilot.wait()
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1, touch=False))
        pilot.wait()


def test_a_double_click_on_a_dialogs_ok_never_reaches_the_table_beneath(make_pilot) -> None:  # type: ignore[no-untyped-def]
    """The briefing's OK lies over Walk away: the second click of a double click on it is ignored;
    a click elsewhere straight after, and one on the same place a moment later, are not."""
    pilot = make_pilot(CURRENT_FLAGSHIP, settings=UISettings(computer_pause=0.0))
    app = pilot.app
    game = at_the_soviet_offer(pilot)
    walk = pygame.Rect(app.scene.buttons["act_walk"].rect)
    pilot.click("briefing")
    assert app.overlay is not None and app.overlay.name == "message"
    both = app.overlay.buttons["ok"].rect.clip(walk)
    assert both.w > 4 and both.h > 4, "the briefing's OK should lie over Walk away at this size"
    moves = len(game.moves)
    double_click(pilot, both.center)
    assert app.overlay is None, "OK did not close the briefing"
    assert len(game.moves) == moves, "the second click of a double click on OK made a move on the table"
    pilot.wait(0.5)
    pilot.click_at(both.center)
    assert app.overlay is not None or len(game.moves) > moves, "a later click on Walk away was lost"


def test_the_hand_over_button_takes_the_first_click_after_the_mouse_rested(make_pilot) -> None:  # type: ignore[no-untyped-def]
    """A hot seat's hand-over, after a move on the offer panel: the mouse rests on its button until
    the window sleeps, then one click (press and release arriving together, as a quick hand's do)
    seats the delegation and opens its briefing."""
    pilot = make_pilot(TUTORIAL, settings=UISettings(computer_pause=0.0))
    app = pilot.app
    actors = list(app.scenario.actors)
    sit_down(pilot, {a: "human" for a in actors})
    pilot.click("ready")
    pilot.click("ok")
    assert app.top.name == "play" and app.scene.panel is not None
    pilot.click("act_pass")
    assert app.top.name == "handover", "the next delegation should be handed the computer"
    button = app.top.buttons["ready"]
    pilot.move(button.rect.center)
    pilot.wait(2.0)
    assert not app.busy() and not app.dirty, "the window should be asleep after the mouse rested"
    pos = button.rect.center
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1, touch=False))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1, touch=False))
    app.idle()  # the click wakes the sleeping window, as in App.run
    app.step(1 / 30)
    app.step(1 / 30)
    assert app.top.name == "message" and app.scene.name == "play", "the first click on the hand-over was lost"


def test_a_counter_the_envoy_may_not_propose_is_shown_unavailable_before_the_click(make_pilot, shots) -> None:  # type: ignore[no-untyped-def]
    """Drax may not propose passage through Poland nor the Soviet figures: a counter keeping them
    shows Counter unavailable with the reason and marks those terms; changing them opens it."""
    pilot = make_pilot(CURRENT_FLAGSHIP, settings=UISettings(computer_pause=0.0))
    app = pilot.app
    game = at_the_soviet_offer(pilot)

    def option(issue: str, choice: str) -> str:
        panel = app.scene.panel
        assert panel is not None
        return next(o.key for row in panel.issues for o in row.options if (o.issue, o.option) == (issue, choice))

    pilot.click(option("signing", "refer_home"))
    panel = app.scene.panel
    counter = panel.action("act_counter")
    assert counter is not None and not counter.enabled and not counter.primary, "a forbidden counter is shown as ready"
    assert "may not propose" in counter.tip and "London" in counter.tip
    assert "may not propose" in app.scene.buttons["act_counter"].tool_tip_text
    blamed = {o.issue for row in panel.issues for o in row.options if o.refused}
    assert blamed == {"passage", "forces"}, blamed
    assert "You may not propose this term" in app.scene.buttons[option("passage", "corridors")].tool_tip_text
    assert any("may not propose" in line for line in panel.lines)
    pilot.snapshot(shots / "offer-counter-refused.png")
    moves = len(game.moves)
    pilot.click("act_counter")
    assert len(game.moves) == moves
    pilot.click(option("passage", "romania_only"))
    pilot.click(option("forces", "general"))
    panel = app.scene.panel
    counter = panel.action("act_counter")
    assert counter is not None and counter.enabled and counter.primary
    assert not any(o.refused for row in panel.issues for o in row.options if o.selected)  # (the forbidden stay marked)
    pilot.click("act_counter")
    assert len(game.moves) > moves and game.moves[moves].step == "counter"


@pytest.mark.parametrize("text_size", [1, LARGEST], ids=["normal", "projector"])
def test_a_click_on_a_half_hidden_option_selects_it_and_keeps_the_place(make_pilot, text_size) -> None:  # type: ignore[no-untyped-def]
    """Item 4 of the third play-test: an option half hidden at the top of the scrolled panel, when
    clicked, scrolled the panel (or made it jump) rather than being selected. The click selects it
    and the panel stays where it was scrolled to."""
    pilot = make_pilot(CURRENT_FLAGSHIP, settings=UISettings(computer_pause=0.0, text_size=text_size))
    app = pilot.app
    at_the_soviet_offer(pilot)
    box = panel_box(pilot)
    content = box.get_container().get_rect().h
    options = [(k, b) for k, b in app.scene.buttons.items() if k.startswith("opt_") and not b.text.startswith("✓")]
    reach = content - box.rect.h  # how far the panel scrolls
    key, button = [(k, b) for k, b in options if b.relative_rect.y + b.rect.h // 2 <= reach][-1]  # the lowest
    top = button.relative_rect.y + button.rect.h // 2  # scrolled so half of it is above the view
    bar = box.vert_scroll_bar
    assert bar is not None
    pilot.move((box.rect.centerx, box.rect.bottom - 4))
    bar.set_scroll_from_start_percentage(top / content)
    pilot.wait(0.2)
    button = app.scene.buttons[key]
    assert button.rect.top < box.rect.top < button.rect.bottom, "the option should be half hidden at the top"
    before = scrolled_px(box)
    seen = pygame.Rect(button.rect).clip(box.rect)
    pilot.click_at((seen.centerx, seen.centery))
    pilot.wait(0.5)
    box = panel_box(pilot)
    assert app.scene.buttons[key].text.startswith("✓"), "the click did not select the half-hidden option"
    assert abs(scrolled_px(box) - before) <= 2, f"the panel moved from {before} to {scrolled_px(box)} px"


def test_a_term_the_envoy_may_never_propose_is_marked_before_it_is_selected(make_pilot) -> None:  # type: ignore[no-untyped-def]
    """Item 5 of the third play-test: a term the seat may not propose was marked only once
    selected. Every option no package the seat may propose holds is marked (its border and its
    tool tip say so) before the click; an option only forbidden beside another is not."""
    from game.ui.theme import colour

    from .checks import near

    pilot = make_pilot(CURRENT_FLAGSHIP, settings=UISettings(computer_pause=0.0))
    app = pilot.app
    at_the_soviet_offer(pilot)

    def option(issue: str, choice: str) -> str:
        panel = app.scene.panel
        assert panel is not None
        return next(o.key for row in panel.issues for o in row.options if (o.issue, o.option) == (issue, choice))

    pilot.click(option("passage", "romania_only"))  # away from the terms London forbids Drax to propose
    pilot.click(option("forces", "general"))
    panel = app.scene.panel
    assert panel is not None
    marked = {(o.issue, o.option) for row in panel.issues for o in row.options if o.refused}
    assert marked == {("passage", "corridors"), ("forces", "soviet_plan")}, marked
    assert not any(o.selected for row in panel.issues for o in row.options if o.refused)  # none is selected
    app.draw()
    bad, plain = colour(app.settings.palette, "bad"), colour(app.settings.palette, "border")
    for row in panel.issues:
        for item in row.options:
            button = app.scene.buttons[item.key]
            edge = app.screen.get_at((button.rect.centerx, button.rect.y))  # the border's top edge
            assert near(edge, bad, 12) == bool(item.refused), f"{item.label}: border {edge} (plain {plain})"
    pilot.hover(option("passage", "corridors"))
    assert "You may not propose this term now" in pilot.tooltip_text() and "London" in pilot.tooltip_text()
    pilot.hover(option("passage", "romania_only"))
    assert "may not propose" not in pilot.tooltip_text()

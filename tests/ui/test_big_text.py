"""The largest text size (Projector) on the small windows a classroom meets: every screen keeps
its buttons, boxes and drawn text inside the window and clear of each other."""

from __future__ import annotations

import pygame
import pytest

from game.engine import Game
from game.ui.layout import font_width
from game.ui.scenes.settings import SAMPLE
from game.ui.settings import TEXT_SIZES, UISettings

from .checks import check_labels_whole, check_layout, check_text_sizes
from .conftest import FLAGSHIP

SIZES = [(1280, 720), (1024, 600)]
LARGEST = len(TEXT_SIZES) - 1


def check_screen(app, what: str) -> None:  # type: ignore[no-untyped-def]
    """Laid out inside the window and clear of itself, and every label drawn tall enough."""
    check_layout(app, what)
    app.draw()
    check_text_sizes(app, what)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_screen_fits_with_the_largest_text(make_pilot, flagship, size, shots) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(FLAGSHIP, size=size, settings=UISettings(computer_pause=0.0, text_size=LARGEST))
    app = pilot.app
    tag = f"big-{size[0]}x{size[1]}"
    # a game under way, so the title screen shows its autosave line
    game = Game.new(
        flagship, seed=7, controllers={a: ("human" if a == "ussr" else "historical") for a in flagship.actors}
    )
    app.play(game)
    for _ in range(4):
        if game.computer_to_move:
            pilot.press(pygame.K_SPACE)
        else:
            pilot.press(pygame.K_0 + game.decision.open_choices[0].number)  # type: ignore[union-attr]
    while game.computer_to_move:
        pilot.press(pygame.K_SPACE)
    check_screen(app, "play")
    scene = app.scene
    lay = scene.layout
    assert lay.fits and lay.narration.h >= app.spacing.line * 5
    pilot.snapshot(shots / f"{tag}-play.png")
    pilot.press(pygame.K_ESCAPE)
    assert app.overlay is not None and app.overlay.name == "pause"
    check_screen(app, "pause")
    pilot.snapshot(shots / f"{tag}-pause.png")
    pilot.click("title")
    assert app.scene.name == "title" and app.scene.autosave_line
    check_screen(app, "title")
    pilot.snapshot(shots / f"{tag}-title.png")
    pilot.press(pygame.K_o)
    check_screen(app, "settings")
    assert "sample" in app.scene.drawn or size[1] < 700
    pilot.snapshot(shots / f"{tag}-settings.png")
    pilot.press(pygame.K_ESCAPE)
    pilot.press(pygame.K_n)
    check_screen(app, "setup")
    pilot.snapshot(shots / f"{tag}-setup.png")


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_delegations_show_whole_names_in_rows(flagship, size) -> None:  # type: ignore[no-untyped-def]
    """At Projector size every delegation's chip holds its name and role whole, in as many rows as
    it takes, each chip inside the strip and clear of the others."""
    from game.ui.layout import Spacing, chip_rows, font_width, overlaps
    from game.ui.theme import effective_scale
    from game.ui.widgets.table import chip_words

    pygame.font.init()
    sp = Spacing.at(effective_scale(size, TEXT_SIZES[LARGEST][1]))
    words = [chip_words(a, "Computer", a.id == "ussr", False) for a in flagship.actors.values()]
    strip_w = size[0] - 2 * sp.gap
    rects, height = chip_rows(strip_w, words, sp)
    assert not overlaps(rects)
    for (name, role), rect in zip(words, rects, strict=True):
        assert rect.x >= 0 and rect.right <= strip_w and rect.bottom <= height
        assert font_width(name, sp.type.body, "bold") + 2 * sp.pad <= rect.w, name
        assert font_width(role, sp.type.small, "semibold") + 2 * sp.pad <= rect.w, role


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_measure_is_whole_or_out_of_sight_and_scrolls_into_view(make_pilot, size, shots) -> None:  # type: ignore[no-untyped-def]
    """The format-2 flagship's twenty measures at Projector size: a meter is never cut at the foot
    of its place; the meters scroll (Page Down, or the wheel over them) and the last one comes
    whole into view."""
    from pygame_gui.elements import UIScrollingContainer

    from .conftest import CURRENT_FLAGSHIP
    from .seating import sit_down, wait_until

    pilot = make_pilot(CURRENT_FLAGSHIP, size=size, settings=UISettings(computer_pause=0.0, text_size=LARGEST))
    app = pilot.app
    game = sit_down(pilot, {"britain": "human"}, start="cardinal_question")
    wait_until(pilot, lambda: not game.computer_to_move, 20.0)
    pilot.click("tab_measures")
    scene = app.scene
    meters = [scene.buttons[f"meter_{v.id}"] for v in scene.visible_variables()]
    view = next(e for e in scene.elements if isinstance(e, UIScrollingContainer)).rect
    assert not view.contains(meters[-1].rect), "the measures should need scrolling at this size"

    def whole_or_hidden() -> None:
        for meter in meters:
            assert view.contains(meter.rect) or not view.colliderect(meter.rect), f"a meter is cut: {meter.rect}"

    whole_or_hidden()
    check_layout(app, f"measures {size}")
    pilot.snapshot(shots / f"big-{size[0]}x{size[1]}-measures.png")
    for _ in range(6):
        pilot.press(pygame.K_PAGEDOWN)
    pilot.wait(0.3)
    assert view.contains(meters[-1].rect), "Page Down does not reach the last measure"
    for _ in range(6):
        pilot.press(pygame.K_PAGEUP)
    pilot.wait(0.3)
    assert view.contains(meters[0].rect)
    pilot.move(view.center)
    notch = {"x": 0, "y": -1, "flipped": False, "precise_x": 0.0, "precise_y": -1.0}
    for _ in range(8):
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, **notch))
        pilot.wait(0.1)
    pilot.wait(0.3)
    assert view.contains(meters[-1].rect), "the wheel does not reach the last measure"
    pilot.snapshot(shots / f"big-{size[0]}x{size[1]}-measures-scrolled.png")


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_replay_waiting_title_and_settings_keep_their_words_at_projector_size(make_pilot, size, shots) -> None:  # type: ignore[no-untyped-def]
    """Projector type on the small windows a class meets: the line saying who the computer is
    waiting for stops short of Skip wait; the title's key hint is whole (wrapped, never cut);
    Settings keeps its sample sentence (it shows what the size looks like); replaying, the badge
    stops short of the top bar's buttons with the day beside it, and the replay buttons hold their
    labels whole (in two rows when one is too narrow)."""
    from .conftest import CURRENT_FLAGSHIP
    from .seating import sit_down

    pilot = make_pilot(CURRENT_FLAGSHIP, size=size, settings=UISettings(computer_pause=30.0, text_size=LARGEST))
    app = pilot.app
    tag = f"proj-{size[0]}x{size[1]}"
    game = sit_down(pilot, {"ussr": "human"})
    assert game.computer_to_move and "skip" in app.top.buttons
    check_screen(app, "waiting")
    assert "status" in app.top.drawn  # whole, and (check_layout) clear of Skip wait
    pilot.snapshot(shots / f"{tag}-waiting.png")
    assert not app.autosave()
    app.to_title()
    pilot.wait()
    check_screen(app, "title")
    drawn = app.top.drawn
    assert any(k.startswith("keys_") for k in drawn), "no key hint"
    assert not any(k.startswith("whole_keys") for k in app.top.buttons), "the key hint is cut"
    assert any(k.startswith("autosave_") for k in drawn) or any(k.startswith("whole_autosave") for k in app.top.buttons)
    pilot.snapshot(shots / f"{tag}-title.png")
    pilot.press(pygame.K_o)
    check_screen(app, "settings")
    assert " ".join(app.top.sample_lines) == SAMPLE, "the sample sentence is missing"
    pilot.snapshot(shots / f"{tag}-settings.png")
    pilot.press(pygame.K_ESCAPE)
    pilot.press(pygame.K_r)
    scene = app.top
    assert scene.name == "play" and scene.history
    check_screen(app, "replay")
    check_labels_whole(app, "replay", ("back", "next", "auto", "takeover", "tree", "save", "help", "menu"))
    assert "badge" in scene.drawn and scene.drawn["badge"].right < scene.buttons["tree"].rect.x
    days = f"Day 1 of {app.scenario.last_day + 1}"  # the day is not crowded out by the badge
    assert "info" in scene.drawn and scene.drawn["info"].w >= font_width(days, app.type.body, "semibold") - 2
    pilot.snapshot(shots / f"{tag}-replay.png")


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("name", ["munich-1938", "moscow-1939", "tutorial-negotiation"])
def test_every_scenario_says_which_day_of_how_many(make_pilot, size, name) -> None:  # type: ignore[no-untyped-def]
    """Item 6 of the third play-test: Munich's top bar said 'Day 1' where the others said 'Day 1
    of N'. Its dates ('15 September 1938') are the longest written out, so at Projector size the
    day lost its length (or went). The date shortens its month first; the day always reads 'of N'."""
    from game.ui.theme import colour

    from .checks import ink
    from .conftest import ROOT
    from .seating import sit_down

    path = ROOT / "scenarios" / f"{name}.yaml"
    pilot = make_pilot(path, size=size, settings=UISettings(computer_pause=30.0, text_size=LARGEST))
    app = pilot.app
    assert app.scenario is not None
    days = f"Day 1 of {app.scenario.last_day + 1}"
    pilot.press(pygame.K_r)  # history replaying: the badge shares the bar
    person = next(iter(app.scenario.actors))
    for what in ("replay", "play"):
        if what == "play":
            sit_down(pilot, {person: "human"})
        scene = app.top
        assert scene.name == "play" and scene.history == (what == "replay")
        check_layout(app, f"{name} {what}")
        app.draw()
        info = scene.drawn.get("info")
        assert info is not None, f"{name} {what}: no day in the top bar"
        assert info.w >= font_width(days, app.type.body, "semibold") - 2, f"{name} {what}: the day is cut short"
        shown = ink(app.screen, info, colour(app.settings.palette, "panel"))
        assert shown.w >= info.w - 4, f"{name} {what}: the day is not drawn whole"
        assert scene.drawn["date"].right < info.x

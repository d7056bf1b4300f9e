"""The decision tree screen: reached by key, by button and from the pause menu; the player's path
and the current decision are marked; it opens fitted to the window and zooms and scrolls by key
and by mouse."""

from __future__ import annotations

import pygame
import pytest

from game.classroom.settings import ClassroomSettings
from game.engine import Game
from game.ui.settings import TEXT_SIZES, UISettings
from game.ui.widgets.tree_view import HOVER, READABLE, WINDOW, Viewport

from .checks import CAP_SHARE, check_layout, ink
from .conftest import CURRENT_FLAGSHIP
from .seating import sit_down


def start(pilot, flagship, moves: int = 4) -> Game:  # type: ignore[no-untyped-def]
    game = Game.new(flagship, seed=5, controllers={a: "human" for a in flagship.actors})
    ClassroomSettings(projector=True).store(game)
    pilot.app.play(game)
    for _ in range(moves):
        pilot.press(pygame.K_0 + game.decision.open_choices[0].number)  # type: ignore[union-attr]
    return game


def test_tree_marks_the_path_and_zooms_and_scrolls(make_pilot, flagship) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot()
    app = pilot.app
    game = start(pilot, flagship)
    pilot.press(pygame.K_t)
    scene = app.scene
    assert scene.name == "tree"
    assert scene.marked == {m.node for m in game.moves} | {game.state.node}
    view = scene.view
    assert view.zoom == view.reading  # readable: the whole width, titles at 14 pixels
    image_w = view.size[0]
    assert image_w * view.zoom <= scene.area.w + 1
    assert view.zoom * WINDOW.title >= 14
    pilot.press(pygame.K_EQUALS, text="+")
    assert view.zoom > view.fit
    pilot.move(scene.area.center)
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=2, flipped=False, precise_x=0.0, precise_y=2.0, touch=False)
    )
    pilot.wait()
    zoomed = view.zoom
    assert zoomed > view.reading * 1.5
    x = view.x
    pilot.press(pygame.K_RIGHT)
    assert view.x > x
    x = view.x
    centre = scene.area.center
    pilot.move(centre)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=centre, button=1, touch=False))
    pilot.wait()
    pilot.move((centre[0] + 60, centre[1]))  # drag right: the picture follows the mouse
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(centre[0] + 60, centre[1]), button=1, touch=False))
    pilot.wait()
    assert abs(view.x - (x - 60 / view.zoom)) < 0.5
    pilot.press(pygame.K_c)  # centre on where play is
    left, top = view.to_screen(scene.here.topleft)
    right, bottom = view.to_screen(scene.here.bottomright)
    assert 0 <= left < right <= view.area[0] and 0 <= top < bottom <= view.area[1]  # in view, not cut
    pilot.press(pygame.K_0)
    assert view.zoom == view.fit
    pilot.press(pygame.K_ESCAPE)
    assert app.scene.name == "play"
    pilot.press(pygame.K_ESCAPE)
    pilot.click("tree")  # from the pause menu
    assert app.scene.name == "tree"
    pilot.click("close")
    pilot.click("tree")  # the play screen's own button
    assert app.scene.name == "tree"


def test_tree_in_history_replay_and_in_the_debrief(make_pilot, flagship) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot()
    app = pilot.app
    pilot.press(pygame.K_r)
    assert app.scene.history
    pilot.press(pygame.K_g)  # T takes over in a replay; G opens the tree
    assert app.scene.name == "tree"
    pilot.press(pygame.K_ESCAPE)
    game = start(pilot, flagship, moves=0)
    while not game.ended:
        if app.overlay is not None and app.overlay.name == "confirm":  # the move ends the game: take it
            pilot.click("yes")
            continue
        pilot.press(pygame.K_0 + game.decision.open_choices[-1].number)  # type: ignore[union-attr]
    assert app.scene.name == "debrief"
    pilot.press(pygame.K_t)
    assert app.scene.name == "tree" and app.scene.trail.ended
    assert game.state.outcome in app.scene.marked
    pilot.press(pygame.K_ESCAPE)
    assert app.scene.name == "debrief"


def test_viewport_keeps_the_picture_on_screen() -> None:
    view = Viewport((1000, 700), (800, 600))
    view.fit_all()
    assert view.zoom == 0.8  # the whole picture
    assert view.y < 0  # a picture shorter than the viewport is centred
    view.zoom_by(1.25, (0, 0))
    assert view.zoom == 1.0 and view.x == 0 and view.y == 0
    view.pan(10_000, 10_000)
    assert view.x == 200 and view.y == 100
    view.zoom_by(0.01)
    assert view.zoom == view.fit * 0.5
    big = Viewport((4000, 3000), (800, 600))
    big.fit_all()
    assert big.zoom == 0.2 and big.overview  # the whole picture, too small for titles
    assert big.reading == READABLE  # it is read at 14-pixel titles
    big.read_at((2000, 1500))
    assert big.zoom == READABLE and not big.overview


def test_pointing_lights_a_box_and_clicking_reads_it(make_pilot, flagship) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot()
    app = pilot.app
    game = start(pilot, flagship, moves=2)
    pilot.press(pygame.K_t)
    scene = app.scene
    first = game.moves[0].node
    rect = scene.screen_rect(first)
    assert scene.area.contains(rect)
    pilot.move(rect.center)
    assert scene.hovered == first and scene.selected is None
    app.draw()
    assert app.screen.get_at((rect.centerx, rect.y - 1))[:3] == HOVER[:3]  # lit while the mouse is on it
    pilot.move((scene.area.x + 2, scene.area.bottom - 2))
    assert scene.hovered is None
    pilot.move(rect.center)
    pilot.click_at(rect.center)
    assert scene.selected == first
    node = flagship.nodes[first]
    lines = dict(scene.details(first))
    assert lines["title"] == node.title
    assert lines["date"].startswith(f"{node.date.day} {node.date:%B %Y}")  # '10 August 1939', not ISO
    assert ("history", "Your step 1.") in scene.details(first)
    texts = [words for kind, words in scene.details(first)]
    chosen = next(s for s in node.steps if s.id == game.moves[0].step)
    assert any(words.startswith(chosen.label) for words in texts)
    if node.sources:
        assert any(words.startswith("1. ") for kind, words in scene.details(first) if kind == "source")
    pilot.press(pygame.K_ESCAPE)  # closes the panel first ...
    assert scene.selected is None and app.scene is scene
    pilot.click_at(rect.center)
    pilot.click_at(rect.center)  # ... a second click on the same box closes it too
    assert scene.selected is None
    pilot.press(pygame.K_ESCAPE)
    assert app.scene.name == "play"


def test_a_drag_is_not_a_click(make_pilot, flagship) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot()
    app = pilot.app
    game = start(pilot, flagship, moves=1)
    pilot.press(pygame.K_t)
    scene = app.scene
    rect = scene.screen_rect(game.moves[0].node)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=rect.center, button=1, touch=False))
    pilot.wait()
    far = (rect.centerx + 80, rect.centery + 40)
    pilot.move(far)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=far, button=1, touch=False))
    pilot.wait()
    assert scene.selected is None


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("text", range(len(TEXT_SIZES)), ids=[name for name, _ in TEXT_SIZES])
def test_tree_layout_and_label_size_at_every_size(make_pilot, flagship, size, text) -> None:  # type: ignore[no-untyped-def]
    """Buttons, legend and picture clear of each other; at fit the whole width shows and titles are
    at least 14 pixels (measured: the capitals of a title's first line drawn on screen)."""
    pilot = make_pilot(size=size, settings=UISettings(text_size=text, computer_pause=0.4))
    app = pilot.app
    game = start(pilot, flagship, moves=1)
    pilot.press(pygame.K_t)
    scene = app.scene
    check_layout(app, f"tree {size} {TEXT_SIZES[text][0]}")
    assert not scene.drawn["legend"].colliderect(scene.area)
    view = scene.view
    assert view.zoom == view.reading and view.zoom * WINDOW.title >= 14
    assert view.size[0] * view.zoom <= scene.area.w + 1
    box = scene.screen_rect(game.moves[0].node)
    app.draw()
    fill = app.screen.get_at((box.x + 6, box.centery))
    glyphs = ink(app.screen, box.inflate(-12, -8), fill)
    assert glyphs.h >= 14 * CAP_SHARE  # text, and not tiny


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_fit_shows_the_whole_flagship_and_names_a_box_in_readable_type(make_pilot, size, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The format-2 flagship cannot fit any window with 14-pixel titles. Fit shows every box in
    view anyway, drawn without titles (none smaller than 14 pixels is drawn); pointing at a box
    names it in readable type, a click opens its side panel, and + brings the titles back."""
    from game.ui import fonts

    pilot = make_pilot(CURRENT_FLAGSHIP, size=size, settings=UISettings(computer_pause=0.0))
    app = pilot.app
    game = sit_down(pilot, {"britain": "human"}, start="cardinal_question")
    pilot.press(pygame.K_t)
    scene = app.scene
    view = scene.view
    assert view.zoom * WINDOW.title >= 14  # it opens readable, where play is
    pilot.click("fit")
    assert view.zoom == view.fit and view.overview
    boxes = [scene.screen_rect(box) for box in scene.plan.boxes]
    assert all(scene.area.contains(rect) for rect in boxes), "Fit leaves part of the tree out of view"
    sizes: list[int] = []
    real = fonts.font

    def spy(size: int, style: str = "regular"):  # type: ignore[no-untyped-def]
        sizes.append(size)
        return real(size, style)

    monkeypatch.setattr(fonts, "font", spy)
    scene._image = None  # the picture is drawn again, through the spy
    here = scene.screen_rect(game.state.node)
    pilot.move(here.center)
    app.draw()
    monkeypatch.setattr(fonts, "font", real)
    assert sizes and min(sizes) >= 14, f"text drawn at {min(sizes)} pixels"
    assert scene.hovered == game.state.node and scene.named is not None
    title = game.scenario.nodes[game.state.node].title
    fill = app.screen.get_at((scene.named.x + 4, scene.named.centery))
    glyphs = ink(app.screen, scene.named.inflate(-8, -8), fill)
    assert glyphs.h >= 14 * CAP_SHARE
    pilot.click_at(here.center)
    assert scene.selected == game.state.node and dict(scene.details(scene.selected))["title"] == title
    pilot.press(pygame.K_ESCAPE)
    pilot.press(pygame.K_EQUALS, text="+")
    pilot.press(pygame.K_c)
    assert not view.overview and view.zoom * WINDOW.title >= 14

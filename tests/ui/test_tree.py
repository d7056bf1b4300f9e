"""The decision tree screen: reached by key, by button and from the pause menu; the player's path
and the current decision are marked; it opens fitted to the window and zooms and scrolls by key
and by mouse."""

from __future__ import annotations

import pygame

from game.classroom.settings import ClassroomSettings
from game.engine import Game
from game.ui.widgets.tree_view import Viewport


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
    assert view.zoom == view.fit  # the whole tree, fitted
    image_w, image_h = view.size
    assert image_w * view.zoom <= scene.area.w + 1 and image_h * view.zoom <= scene.area.h + 1
    pilot.press(pygame.K_EQUALS, text="+")
    assert view.zoom > view.fit
    pilot.move(scene.area.center)
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=2, flipped=False, precise_x=0.0, precise_y=2.0, touch=False)
    )
    pilot.wait()
    zoomed = view.zoom
    assert zoomed > view.fit * 1.5
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
    view = Viewport((2000, 1000), (800, 600))
    view.fit_all()
    assert view.zoom == 0.4
    assert view.y < 0  # a picture shorter than the viewport is centred
    view.zoom_by(2.5, (0, 0))
    assert view.zoom == 1.0 and view.x == 0 and view.y == 0
    view.pan(10_000, 10_000)
    assert view.x == 1200 and view.y == 400
    view.zoom_by(0.01)
    assert view.zoom == view.fit * 0.5

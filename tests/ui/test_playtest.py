"""Bugs a play-tester found in the window, each driven through real events with the Pilot."""

from __future__ import annotations

import pygame

from game.engine import Game

from .conftest import TINY, human_tiny


def test_tab_focuses_the_reason_and_typing_never_presses_buttons(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(TINY)
    game = human_tiny(pilot)
    app = pilot.app
    pilot.press(pygame.K_TAB)
    assert app.top.focus_key == "reason"
    assert app.typing()
    pilot.type("we want a deal fast")
    pilot.press(pygame.K_RETURN)
    assert game.moves == []
    assert app.scene.buttons["reason"].get_text() == "we want a deal fast"
    assert not app.typing()
    pilot.press(pygame.K_2)
    assert len(game.moves) == 1
    assert game.moves[-1].reason == "we want a deal fast"


def test_tab_again_leaves_the_reason_and_a_click_into_it_also_keeps_keys(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(TINY)
    game = human_tiny(pilot, projector=False)
    app = pilot.app
    assert app.scene.name == "handover"
    pilot.click("ready")
    pilot.click("ok")  # the seated delegation's briefing
    pilot.click("reason")
    assert app.typing()
    pilot.type("1 2 3 u ")  # numbers, spaces and letters go into the box, never to the buttons
    pilot.press(pygame.K_SPACE, text=" ")
    assert game.moves == [] and app.scene.name == "play"
    assert app.scene.buttons["reason"].get_text().startswith("1 2 3 u")
    assert app.top.focus_key == "reason"  # the click moved the highlight into the box too
    pilot.press(pygame.K_TAB, mod=pygame.KMOD_SHIFT)  # and out again, back to the choices
    assert not app.typing()
    assert app.top.focus_key == "choice_1"
    pilot.press(pygame.K_SPACE)  # Space takes nothing: it only ever skips the computer's pause
    assert game.moves == []
    pilot.press(pygame.K_RETURN)  # Enter takes the highlighted choice, with the reason
    assert len(game.moves) == 1
    assert game.moves[-1].reason.startswith("1 2 3 u")
    assert app.scene.name == "handover"  # the next delegation's hand-over waits for its own click
    pilot.press(pygame.K_SPACE)  # hurrying the computer never answers a hand-over for the next delegation
    assert app.scene.name == "handover"


def test_a_click_under_a_tool_tip_still_presses_the_button(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot()
    app = pilot.app
    pilot.press(pygame.K_n)
    scene = app.scene
    keys = [k for k in scene.buttons if k.startswith("player_")]
    first, second = keys[0], keys[1]
    pilot.hover(first)
    tip = scene.buttons[first].tool_tip
    assert tip is not None, "the tool tip should be showing"
    target = scene.buttons[second].rect
    point = (target.centerx, target.centery)
    assert tip.rect.collidepoint(point), "the test needs the tool tip over the next row's button"
    before = scene.players[second.removeprefix("player_")]
    pilot.quick_click(point)
    assert scene.players[second.removeprefix("player_")] != before
    # and the lens cards' tips never swallow a click on the right-hand column either
    lenses = [k for k in app.scene.buttons if k.startswith("lens_")]
    if lenses:
        pilot.hover(lenses[-1])
        other = app.scene.buttons[keys[2]].rect.center
        before = app.scene.players[keys[2].removeprefix("player_")]
        pilot.quick_click(other)
        assert app.scene.players[keys[2].removeprefix("player_")] != before


def test_number_keys_choose_the_lens_on_setup(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(TINY)
    app = pilot.app
    pilot.press(pygame.K_n)
    assert app.scene.name == "setup" and app.scene.lens == "hopeful"
    pilot.press(pygame.K_2)
    assert app.scene.lens == "gloomy"
    pilot.press(pygame.K_1)
    assert app.scene.lens == "hopeful"
    pilot.press(pygame.K_9)  # no ninth lens: nothing changes
    assert app.scene.lens == "hopeful"
    pilot.click("seed")  # digits typed into the seed stay there
    pilot.press(pygame.K_2)
    assert app.scene.lens == "hopeful"
    pilot.press(pygame.K_ESCAPE)


def test_a_typed_save_name_replaces_the_suggested_one(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(TINY)
    human_tiny(pilot)
    app = pilot.app
    pilot.press(pygame.K_s, mod=pygame.KMOD_CTRL)
    assert app.scene.name == "saves"
    assert app.scene.buttons["name"].get_text()  # a name is suggested
    pilot.type("group3")
    assert app.scene.buttons["name"].get_text() == "group3"
    pilot.press(pygame.K_RETURN)
    assert app.scene.name == "play"
    assert "‘group3’" in app.scene.notice


def test_saved_notice_clears_after_the_next_move_and_the_debrief_confirms(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(TINY)
    app = pilot.app
    game = Game.new(app.scenario, seed=3, controllers={"red": "historical", "blue": "human"})
    app.play(game)
    pilot.wait()
    assert game.computer_to_move
    pilot.press(pygame.K_s, mod=pygame.KMOD_CTRL)  # saved while the computer is about to move
    pilot.type("before")
    pilot.press(pygame.K_RETURN)
    assert "Saved as ‘before’" in app.scene.texts["narration"].html_text
    pilot.press(pygame.K_SPACE)  # the computer moves: the notice has done its work
    assert len(game.moves) == 1
    assert "Saved as" not in app.scene.texts["narration"].html_text
    while app.scene.name == "play":
        if app.overlay is not None and app.overlay.name == "confirm":  # the move ends the game: take it
            pilot.click("yes")
        elif game.computer_to_move:
            pilot.press(pygame.K_SPACE)
        else:
            pilot.press(pygame.K_0 + game.decision.open_choices[0].number)  # type: ignore[union-attr]
    assert app.scene.name == "debrief"
    pilot.press(pygame.K_s, mod=pygame.KMOD_CTRL)
    assert app.scene.name == "saves"
    pilot.type("group3")
    pilot.press(pygame.K_RETURN)
    assert app.scene.name == "debrief"
    assert app.overlay is not None and "Saved as ‘group3’" in pilot.all_text()
    pilot.press(pygame.K_ESCAPE)
    assert app.overlay is None


def test_take_over_tells_the_truth_about_the_others(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(TINY)
    app = pilot.app
    pilot.press(pygame.K_r)
    pilot.press(pygame.K_p)
    notice = app.scene.notice
    assert notice.startswith("You now play the Red delegation")
    assert "follow history until the game leaves it" in notice and "own goals" in notice
    assert "keep to history where they can" not in pilot.all_text()


def test_the_map_is_titled_and_drawn_for_the_scenarios_date(make_pilot, shots) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from game.ui.widgets.map_view import map_as_of, map_title

    from .conftest import ROOT

    assert map_title(dt.date(1938, 9, 22)) == "Europe, September 1938"
    before = {f.id for f in map_as_of(dt.date(1938, 9, 22)).features}
    after = {f.id for f in map_as_of(dt.date(1939, 8, 10)).features}
    assert "czechoslovakia" in before and not {"bohemia_moravia", "slovakia"} & before
    assert {"bohemia_moravia", "slovakia"} <= after and "czechoslovakia" not in after
    assert map_as_of(dt.date(1939, 3, 14)).get("czechoslovakia") is not None
    assert map_as_of(dt.date(1939, 3, 15)).get("czechoslovakia") is None
    munich = ROOT / "scenarios" / "munich-1938.yaml"
    pilot = make_pilot(munich)
    app = pilot.app
    pilot.press(pygame.K_n)
    pilot.press(pygame.K_RETURN)
    assert app.scene.name == "play"
    assert app.scene.game.scenario.start.year == 1938
    pilot.snapshot(shots / "munich-1938-map.png")


def test_the_1939_transit_routes_are_not_drawn_for_1938() -> None:
    import datetime as dt

    from game.ui.widgets.map_view import map_as_of

    routes_1938 = {f.id for f in map_as_of(dt.date(1938, 9, 22)).features if f.kind == "route"}
    routes_1939 = {f.id for f in map_as_of(dt.date(1939, 8, 10)).features if f.kind == "route"}
    assert not routes_1938 and len(routes_1939) == 3

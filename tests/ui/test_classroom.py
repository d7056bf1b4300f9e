"""Class play in the window, with real events: the setup's class options, hot seat with hand-over
screens that hide the next delegation's table and everyone's briefing, projector mode, the
"Why?" line kept in the save, the decision clock (driven by the app's clock, never by sleeping),
and the debrief's transcript export, briefings and smallest counterfactual."""

from __future__ import annotations

import pygame

from game.classroom.settings import ClassroomSettings
from game.engine import Game
from game.ui.pilot import Pilot

from .conftest import TINY

RED_SECRET = "Red secretly needs it by Friday."
BLUE_SECRET = "Blue has no authority to sign."


def hot_seat_tiny(pilot: Pilot, projector: bool = False, time_limit: int = 0, rule: str = "") -> Game:
    game = Game.new(pilot.app.scenario, seed=3, controllers={"red": "human", "blue": "human"})
    ClassroomSettings.chosen(time_limit, rule or "computer", projector).store(game)
    pilot.app.play(game)
    pilot.wait()
    return game


def test_setup_offers_class_play_and_the_game_keeps_it(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot()
    app = pilot.app
    pilot.press(pygame.K_n)
    assert app.scene.name == "setup"
    for _ in range(3):  # Computer: as history -> own goals -> at random -> Person
        pilot.click("player_britain")
    assert app.scene.players["britain"] == "human"
    assert not app.scene.buttons["timeout_rule"].is_enabled  # no rule to choose without a time limit
    pilot.click("time_limit")
    assert app.scene.buttons["time_limit"].text == "45 seconds"  # the lesson plans' short clock
    for _ in range(3):  # 1 minute, 90 seconds, 2 minutes
        pilot.click("time_limit")
    assert app.scene.buttons["time_limit"].text == "2 minutes"
    pilot.click("timeout_rule")
    assert app.scene.buttons["timeout_rule"].text == "Status quo holds"
    pilot.click("start")
    game = app.game
    assert game is not None
    assert ClassroomSettings.of(game) == ClassroomSettings(120, "status_quo", False)
    assert app.scene.name == "handover"  # two delegations are played by people: hand over first
    assert "British military mission" in app.scene.card.name


def test_a_new_class_game_shows_as_much_of_the_computers_reasons_as_the_settings_say(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot()
    app = pilot.app
    app.settings.reasons = "nothing"
    pilot.press(pygame.K_n)
    pilot.click("start")
    assert app.game is not None
    assert ClassroomSettings.of(app.game).reasons == "nothing"


def test_hand_over_hides_the_table_and_every_briefing(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(TINY)
    app = pilot.app
    game = hot_seat_tiny(pilot, time_limit=60, rule="computer")
    assert app.scene.name == "handover"
    pilot.wait(100, step=1.0)  # the clock has not started while the hand-over screen is up
    shown = pilot.all_text()
    for hidden in ("Red opens the talks.", "Opening", "Be warm", RED_SECRET, BLUE_SECRET):
        assert hidden not in shown
    assert "We are the Red delegation — show our briefing" in shown
    pilot.press(pygame.K_RETURN)
    assert app.scene.name == "play"
    assert app.overlay is not None and app.overlay.name == "message"  # Red's briefing, straight away
    assert RED_SECRET in pilot.all_text() and BLUE_SECRET not in pilot.all_text()
    pilot.press(pygame.K_ESCAPE)
    assert app.scene.deadline is not None and app.scene.deadline.remaining(app.now) > 59
    pilot.press(pygame.K_b)
    assert RED_SECRET in pilot.all_text() and BLUE_SECRET not in pilot.all_text()
    pilot.press(pygame.K_ESCAPE)
    pilot.press(pygame.K_1)  # Red is warm; now Blue must answer, after a hand-over
    assert app.scene.name == "handover" and app.scene.card.actor == "blue"
    shown = pilot.all_text()
    for hidden in ("Blue must answer.", "Ask for powers", RED_SECRET, BLUE_SECRET):
        assert hidden not in shown
    pilot.press(pygame.K_ESCAPE)  # the menu, over the hand-over screen, offers no tree
    assert app.overlay is not None and app.overlay.name == "pause" and "tree" not in app.overlay.buttons
    pilot.press(pygame.K_ESCAPE)
    pilot.click("ready")
    assert BLUE_SECRET in pilot.all_text() and RED_SECRET not in pilot.all_text()
    pilot.press(pygame.K_RETURN)
    assert game.decision is not None and game.decision.actor.id == "blue"


def test_a_delegations_briefing_opens_by_itself_only_at_its_first_turn(make_pilot) -> None:  # type: ignore[no-untyped-def]
    """In a hot seat the briefing opened at every hand-over and had to be closed each time: it opens
    by itself at a delegation's first turn only, and the hand-over says so; B still shows it."""
    pilot = make_pilot(TINY)
    app = pilot.app
    game = hot_seat_tiny(pilot)
    pilot.press(pygame.K_RETURN)  # Red's first turn: its briefing opens
    assert app.overlay is not None and RED_SECRET in pilot.all_text()
    pilot.press(pygame.K_ESCAPE)
    pilot.press(pygame.K_1)  # Red is warm
    pilot.press(pygame.K_RETURN)  # Blue's first turn: its briefing opens
    assert app.overlay is not None and BLUE_SECRET in pilot.all_text()
    pilot.press(pygame.K_ESCAPE)
    pilot.press(pygame.K_3)  # Blue stalls: Red decides again
    assert app.scene.name == "handover" and app.scene.card.actor == "red"
    shown = pilot.all_text() + app.scene.card.instruction
    assert "We are the Red delegation — continue" in shown and "show our briefing" not in shown
    assert "briefing comes next" not in shown and "under Briefing (B)" in shown
    pilot.press(pygame.K_RETURN)
    assert app.scene.name == "play" and app.overlay is None  # Red's second turn: no briefing to close
    assert game.decision is not None and game.decision.actor.id == "red"
    assert "choice_1" in app.scene.buttons and RED_SECRET not in pilot.all_text()
    pilot.press(pygame.K_b)  # still one key away
    assert app.overlay is not None and RED_SECRET in pilot.all_text() and BLUE_SECRET not in pilot.all_text()


def test_projector_mode_skips_hand_overs_and_shows_every_briefing(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(TINY)
    app = pilot.app
    hot_seat_tiny(pilot, projector=True)
    assert app.scene.name == "play" and app.overlay is None
    pilot.press(pygame.K_b)
    assert RED_SECRET in pilot.all_text() and BLUE_SECRET in pilot.all_text()
    pilot.press(pygame.K_ESCAPE)
    pilot.press(pygame.K_1)
    assert app.scene.name == "play"


def test_one_player_never_sees_a_hand_over_or_another_briefing(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(TINY)
    app = pilot.app
    game = Game.new(app.scenario, seed=3, controllers={"red": "human", "blue": "historical"})
    app.play(game)
    assert app.scene.name == "play"
    pilot.press(pygame.K_b)
    assert RED_SECRET in pilot.all_text() and BLUE_SECRET not in pilot.all_text()
    pilot.press(pygame.K_ESCAPE)
    pilot.press(pygame.K_1)
    assert game.computer_to_move
    pilot.press(pygame.K_b)  # while the computer decides for Blue: Red's own briefing still, never Blue's
    assert app.overlay is not None
    assert RED_SECRET in pilot.all_text() and BLUE_SECRET not in pilot.all_text()


def test_a_typed_reason_goes_into_the_save_and_comes_back(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(TINY)
    app = pilot.app
    game = Game.new(app.scenario, seed=3, controllers={"red": "human", "blue": "historical"})
    app.play(game)
    for _ in range(8):  # Tab reaches the "Why?" line, after the choice cards
        if app.scene.focus_key == "reason":
            break
        pilot.press(pygame.K_TAB)
    assert app.typing()
    pilot.type("Trust first: 1 step")  # the digit goes into the line, it does not choose
    pilot.press(pygame.K_RETURN)  # Enter keeps the words and takes no choice
    assert game.moves == [] and app.scene.reason == "Trust first: 1 step"
    assert not app.typing()
    pilot.press(pygame.K_1)
    assert game.moves[0].reason == "Trust first: 1 step"
    assert app.scene.reason == ""  # the next decision starts with an empty line
    pilot.press(pygame.K_ESCAPE)
    pilot.click("title")
    pilot.press(pygame.K_c)  # continue from the autosave
    assert app.game is not game
    assert app.game.moves[0].reason == "Trust first: 1 step"  # type: ignore[union-attr]


def test_clicking_why_then_a_card_chooses_with_the_reason(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(TINY)
    app = pilot.app
    game = Game.new(app.scenario, seed=3, controllers={"red": "human", "blue": "historical"})
    app.play(game)
    pilot.click("reason")
    pilot.type("Walk out")
    pilot.click("choice_3")
    pilot.click("yes")  # walking out ends the game: the screen asks first
    assert game.moves[0].reason == "Walk out"


def test_the_clock_pauses_under_menus_and_the_rule_decides_when_it_runs_out(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(TINY)
    app = pilot.app
    game = Game.new(app.scenario, seed=3, controllers={"red": "historical", "blue": "human"})
    ClassroomSettings(60, "status_quo").store(game)
    app.play(game)
    pilot.press(pygame.K_SPACE)  # Red (the computer) moves now
    scene = app.scene
    assert game.decision is not None and game.decision.actor.id == "blue"
    deadline = scene.deadline
    assert deadline is not None
    pilot.wait(10, step=0.5)
    assert 49 <= deadline.remaining(app.now) <= 51
    assert scene.clock_face is not None and scene.clock_face.text == "0:50" and not scene.clock_face.warning
    pilot.press(pygame.K_ESCAPE)  # the pause menu stops the clock
    pilot.wait(30, step=0.5)
    pilot.press(pygame.K_F1)  # and so does the help
    pilot.wait(30, step=0.5)
    pilot.press(pygame.K_ESCAPE)
    assert app.overlay is None
    assert 49 <= deadline.remaining(app.now) <= 51
    pilot.press(pygame.K_t)  # and the decision tree
    pilot.wait(30, step=0.5)
    pilot.press(pygame.K_ESCAPE)
    assert app.scene is scene and 48 <= deadline.remaining(app.now) <= 51
    pilot.wait(45, step=0.5)
    assert scene.clock_face is not None and scene.clock_face.warning  # the last stretch
    assert len(game.moves) == 1
    pilot.wait(6, step=0.5)
    move = game.moves[1]
    assert (move.by, move.step) == ("proxy", "stall")
    assert scene.notice == "Time ran out for the Blue delegation: the status quo holds — Stall."
    assert "Time ran out for the Blue delegation: the status quo holds" in scene.texts["narration"].html_text


def test_debrief_exports_the_transcript_and_shows_every_briefing(make_pilot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(TINY)
    app = pilot.app
    game = Game.new(app.scenario, seed=3, controllers={"red": "human", "blue": "historical"})
    app.play(game)
    pilot.click("reason")
    pilot.type("We had enough")
    pilot.press(pygame.K_3)  # Enter was not pressed: the number still types into the line
    assert not game.moves
    pilot.press(pygame.K_TAB)
    pilot.press(pygame.K_3)  # walk out: the game ends
    pilot.click("yes")  # (the screen asks first)
    assert app.scene.name == "debrief"
    change = app.scene.change_text()
    assert "The smallest change that leads here: 1 departure from history" in change
    assert "Red delegation: ‘Walk out’ instead of ‘Be warm’" in change
    pilot.click("export")
    folder = tmp_path / "saves"
    html_files, md_files = list(folder.glob("transcript-tiny-*.html")), list(folder.glob("transcript-tiny-*.md"))
    assert len(html_files) == 1 and len(md_files) == 1
    assert "We had enough3" in md_files[0].read_text(encoding="utf-8")
    assert str(folder) in pilot.all_text() and html_files[0].name in pilot.all_text()
    pilot.press(pygame.K_RETURN)
    pilot.press(pygame.K_b)
    assert RED_SECRET in pilot.all_text() and BLUE_SECRET in pilot.all_text()


def test_a_finished_game_is_saved_by_name_from_the_debrief(make_pilot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Groups keep their finished game under their own name for the class report."""
    pilot = make_pilot(TINY)
    app = pilot.app
    game = Game.new(app.scenario, seed=3, controllers={"red": "human", "blue": "historical"})
    app.play(game)
    pilot.press(pygame.K_3)  # walk out: the game ends
    pilot.click("yes")  # (the screen asks first)
    assert app.scene.name == "debrief"
    pilot.press(pygame.K_s, mod=pygame.KMOD_CTRL)
    assert app.scene.name == "saves"
    app.scene.buttons["name"].set_text("")
    pilot.click("name")
    pilot.type("group3")
    pilot.press(pygame.K_RETURN)
    assert app.scene.name == "debrief"
    from game.engine.saves import read_save

    saved = read_save(tmp_path / "saves" / "group3.json")
    assert saved.outcome == "walkout" and [m.step for m in saved.moves] == ["leave"]


def test_in_a_hot_seat_each_delegation_reads_what_happened_since_its_own_last_move(make_pilot) -> None:  # type: ignore[no-untyped-def]
    """Red and Blue take turns at one computer. When Red sits down again, its summary runs from
    its own last move (Red's warmth, then Blue's stalling and the storm), not from the previous
    player's; Blue's, likewise, from Blue's own move. Each summary says whose it is."""
    pilot = make_pilot(TINY)
    app = pilot.app
    game = hot_seat_tiny(pilot)

    def sit(seat: str) -> str:
        assert app.scene.name == "handover" and app.scene.card.actor == seat
        pilot.press(pygame.K_RETURN)
        if app.overlay is not None:
            pilot.press(pygame.K_ESCAPE)  # the briefing shown on sitting down (the delegation's first turn)
        assert app.scene.name == "play" and app.overlay is None
        box = app.scene.texts.get("recap")  # none on the first turn: nothing has happened yet
        return box.html_text if box is not None else ""

    sit("red")
    pilot.press(pygame.K_1)  # Red: be warm
    first_blue = sit("blue")
    assert "Red delegation chose: Be warm" in first_blue and "Blue delegation" in first_blue
    pilot.press(pygame.K_3)  # Blue: stall, back to Red's opening (a storm on the way)
    red = sit("red")
    assert game.decision is not None and game.decision.actor.id == "red"
    assert "SINCE YOUR LAST TURN" in red and "Red delegation" in red
    assert "Red delegation chose: Be warm" in red, "Red's summary should start at Red's own last move"
    assert red.index("Red delegation chose: Be warm") < red.index("Blue delegation chose: Stall")
    assert "A storm" in red
    pilot.press(pygame.K_1)  # Red: be warm again
    blue = sit("blue")
    assert "Blue delegation chose: Stall" in blue, "Blue's summary should start at Blue's own last move"
    assert blue.count("Red delegation chose: Be warm") == 1  # Red's first move was before Blue's
    assert "A storm" in blue

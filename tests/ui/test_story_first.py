"""The play screen puts the story first and shows consequences, on the Moscow flagship with real
posted events: the narration at the top of the story tab in one typography, what others did in a
short box of its own, the wheel scrolling several lines a notch; choices that preview their known
effects, changed measures that show the change, its cause and a glow; a warning before a move that
ends the game; computer moves paced for a person to follow; the projector shows the public view."""

from __future__ import annotations

import pygame
import pytest

from game.classroom.settings import ClassroomSettings
from game.engine import Game
from game.ui.settings import TEXT_SIZES, UISettings

from .checks import check_layout, check_text_sizes
from .conftest import CURRENT_FLAGSHIP, ROOT
from .seating import sit_down, wait_until

TABLE = ROOT / "tests" / "fixtures" / "table.yaml"
PROJECTOR = len(TEXT_SIZES) - 1


def test_the_story_comes_first_and_the_recap_stands_apart(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(CURRENT_FLAGSHIP, settings=UISettings(computer_pause=0.1))
    app = pilot.app
    game = sit_down(pilot, {"london": "human"}, start="opening_session")
    wait_until(pilot, lambda: game.decision is not None and game.decision.actor.id == "london", 20.0)
    scene = app.scene
    narration, recap = scene.texts["narration"], scene.texts["recap"]
    body_top = scene.layout.tabs[0].bottom
    assert narration.rect.y - body_top <= scene.layout.table.h + app.spacing.gap * 2  # at the top
    assert narration.rect.h > recap.rect.h
    story = narration.html_text
    assert story.index("Drax's cable for powers") < story.index("Drax's request reaches London")
    assert "chose" not in story and "JUST NOW" not in story  # what others did is not in the story
    assert "SINCE YOUR LAST TURN" in recap.html_text and "chose:" in recap.html_text
    assert f"pixel_size={app.type.large}><b>Drax's cable" in story  # the one title size of every turn
    check_layout(app, "story")


def visible_story_lines(box, story: str) -> int:  # type: ignore[no-untyped-def]
    """How many lines of the narration's body a text box shows whole before any scrolling."""
    layout = box.text_box_layout
    seen = layout.view_rect.h
    count = 0
    for row in layout.layout_rows:
        words = "".join(getattr(chunk, "text", "") for chunk in row.items).strip()
        if words and words in story and row.bottom <= seen:
            count += 1
    return count


@pytest.mark.parametrize("size,least", [((1280, 720), 5), ((1024, 600), 4)], ids=["1280x720", "1024x600"])
def test_at_projector_size_the_story_keeps_the_room_beside_an_offer(make_pilot, size, least, shots) -> None:  # type: ignore[no-untyped-def]
    """The flagship at the table on 15 August with the offer open, Projector type on a small window:
    the recap folds to a line (its whole text on hover and on the Log tab), the line of who acts
    leaves out the date the top bar shows, and the narration shows several lines of the story."""
    pilot = make_pilot(CURRENT_FLAGSHIP, size=size, settings=UISettings(computer_pause=0.0, text_size=PROJECTOR))
    app = pilot.app
    game = sit_down(pilot, {"britain": "human"}, start="cardinal_question")
    wait_until(pilot, lambda: not game.computer_to_move, 20.0)
    scene = app.scene
    assert scene.panel is not None and scene.layout.scroll_h  # the offer is open and scrolls in its place
    assert scene.layout.recap_strip and "recap" not in scene.texts
    strip = scene.buttons["recap"]
    assert strip.rect.h <= app.spacing.small_line * 2 and "Since your last turn" in strip.text
    narration = scene.texts["narration"]
    assert "15 August 1939 ·" not in narration.html_text  # the top bar says it
    assert "British military mission · your turn" in narration.html_text
    lines = visible_story_lines(narration, scene.screen_view().narration)
    assert lines >= least, f"only {lines} lines of the story show"
    check_layout(app, f"projector {size}")
    app.draw()
    pilot.snapshot(shots / f"story-first-{size[0]}x{size[1]}-Projector.png")
    pilot.hover("recap")
    assert "SINCE YOUR LAST TURN" in pilot.tooltip_text()
    pilot.click("recap")
    assert scene.tab == "log" and "SINCE YOUR LAST TURN" in app.scene.texts["log"].html_text


NORMAL = 1


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1920, 1080)], ids=["1024x600", "1280x720", "1920x1080"])
def test_at_normal_size_an_open_offer_leaves_the_story_its_lines(make_pilot, size, shots) -> None:  # type: ignore[no-untyped-def]
    """Normal type, the flagship's five-issue offer open on 15 August: the offers do not take the
    width under a band of one or two lines of story; the story keeps its place at the top with at
    least five lines showing, and the offers sit beside it (scrolling in their place if need be)."""
    pilot = make_pilot(CURRENT_FLAGSHIP, size=size, settings=UISettings(computer_pause=0.0, text_size=NORMAL))
    app = pilot.app
    game = sit_down(pilot, {"britain": "human"}, start="cardinal_question")
    wait_until(pilot, lambda: not game.computer_to_move, 20.0)
    scene = app.scene
    assert scene.panel is not None
    narration = scene.texts["narration"]
    lines = visible_story_lines(narration, scene.screen_view().narration)
    assert lines >= 5, f"only {lines} lines of the story show beside the offer"
    assert scene.layout.choices.x >= narration.rect.right  # the offers beside the story, not under it
    check_layout(app, f"normal {size}")
    pilot.snapshot(shots / f"story-first-{size[0]}x{size[1]}-Normal-offer.png")


def test_one_wheel_notch_scrolls_at_least_three_lines(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(CURRENT_FLAGSHIP, size=(1024, 600), settings=UISettings(text_size=PROJECTOR))
    app = pilot.app
    sit_down(pilot, {"britain": "human"}, start="cardinal_question")
    wait_until(pilot, lambda: not app.scene.game.computer_to_move, 20.0)
    box = app.scene.texts["narration"]
    bar = box.scroll_bar
    assert bar is not None, "the narration should overflow at this size"
    content = box.text_box_layout.layout_rect.height
    pilot.move(box.rect.center)
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False, precise_x=0.0, precise_y=-1.0))
    pilot.wait(0.6)
    moved = bar.start_percentage * content
    assert moved >= 3 * app.spacing.line - 2, f"one notch scrolled {moved:.0f} px"


def test_choices_preview_their_known_effects_and_changes_show_after(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(CURRENT_FLAGSHIP, settings=UISettings(computer_pause=8.0))  # the screen holds still
    app = pilot.app
    game = sit_down(pilot, {"london": "human"}, start="london_cable")
    scene = app.scene
    details = [spec.detail for spec in scene.choice_specs()]
    assert details == ["", "Drax's written powers: sign", "Soviet patience −1"]
    pilot.press(pygame.K_3)  # "Send nothing": Soviet patience 5 -> 4
    assert game.state.values["soviet_patience"] == 4
    scene = app.scene
    change = scene.changes["soviet_patience"]
    assert (change.before, change.after, change.delta) == (5, 4, "−1")
    assert "Send nothing" in change.words() and "5 → 4 (−1)" in change.words()
    assert scene.flashing(app.now)
    assert "Measures · 1 changed" in scene.buttons["tab_measures"].text
    pilot.click("tab_measures")
    pilot.hover("meter_soviet_patience")
    tip = pilot.tooltip_text()
    assert "(from 0 to 10)" in tip and "5 → 4 (−1)" in tip
    pilot.wait(3.0)
    assert not app.scene.flashing(app.now)  # the glow fades; the change stays listed until the next turn
    assert "soviet_patience" in app.scene.changes


def test_an_issue_measure_shows_its_options_label(make_pilot) -> None:  # type: ignore[no-untyped-def]
    """On the measures tab at the table, an issue's value reads as its option's label (drawn and
    on hover), and another choice of words reads without its underscores."""
    from game.ui.widgets import draw

    pilot = make_pilot(CURRENT_FLAGSHIP, settings=UISettings(computer_pause=0.0))
    app = pilot.app
    game = sit_down(pilot, {"britain": "human"}, start="cardinal_question")
    wait_until(pilot, lambda: not game.computer_to_move, 20.0)
    assert game.state.values["signing"] == "refer_home" and game.state.values["london_line"] == "go_slow"
    drawn: list[str] = []
    real = draw.text

    def spy(surface, words, pos, px, colour, style="regular", anchor="topleft", halo=None):  # type: ignore[no-untyped-def]
        drawn.append(words)
        return real(surface, words, pos, px, colour, style, anchor, halo)

    draw.text = spy  # type: ignore[assignment]
    try:
        pilot.click("tab_measures")
    finally:
        draw.text = real  # type: ignore[assignment]
    assert any(words.startswith("Left open (not") for words in drawn) and "go slow" in drawn  # no deal yet
    assert not any("refer_home" in words or "refer home" in words for words in drawn)
    pilot.hover("meter_signing")
    tip = pilot.tooltip_text()
    assert "Refer home and keep talking (not agreed yet)" in tip and "refer_home" not in tip
    pilot.move((2, app.size[1] - 2))
    pilot.wait(0.3)
    pilot.hover("meter_london_line")
    tip = pilot.tooltip_text()
    assert "go slow" in tip and "go_slow" not in tip


def test_a_delegations_chip_tells_its_full_name_player_and_description(make_pilot) -> None:  # type: ignore[no-untyped-def]
    """The chips carry short names ("Drax"); hovering one tells the delegation's full name, who plays
    it and its public description."""
    pilot = make_pilot(CURRENT_FLAGSHIP, settings=UISettings(computer_pause=0.0))
    app = pilot.app
    game = sit_down(pilot, {"britain": "human"}, start="cardinal_question")
    wait_until(pilot, lambda: not game.computer_to_move, 20.0)
    pilot.click("tab_measures")
    assert app.scene.layout.chips
    pilot.hover("chip_britain")
    tip = pilot.tooltip_text()
    britain = game.scenario.actors["britain"]
    assert britain.short == "Drax" and "British military mission" in tip and "Played by you" in tip
    assert "Admiral Sir Reginald Drax" in tip
    pilot.move((2, app.size[1] - 2))
    pilot.wait(0.3)
    pilot.hover("chip_ussr")
    tip = pilot.tooltip_text()
    assert "Soviet delegation" in tip and "Played by the computer" in tip and "Voroshilov" in tip
    check_layout(app, "measures with the chips' hover spots")


def test_a_move_that_ends_the_game_asks_first(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(TABLE)
    app = pilot.app
    game = sit_down(pilot, {"red": "human"}, start="final")
    specs = app.scene.choice_specs()
    assert [s.detail for s in specs if not s.blocked] == ["Ends the game", "Ends the game"]
    pilot.press(pygame.K_2)
    assert app.overlay is not None and app.overlay.name == "confirm" and app.overlay.title == "This ends the game"
    pilot.press(pygame.K_RETURN)  # the safe answer has the focus: not yet
    assert not game.ended and app.overlay is None
    pilot.press(pygame.K_2)
    pilot.click("yes")
    assert game.ended and game.outcome is not None and game.outcome.id == "drift"


def test_a_sealed_move_that_may_end_the_game_says_so(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(TABLE)
    app = pilot.app
    game = sit_down(pilot, {"red": "human"}, start="evening")
    wait_until(pilot, lambda: not game.computer_to_move, 20.0)
    assert app.scene.choice_specs()[0].detail.startswith("May end the game")
    pilot.press(pygame.K_1)
    assert app.overlay is not None and app.overlay.title == "This may end the game"
    pilot.click("yes")
    assert any(m.actor == "red" and m.step == "rival" for m in game.moves)


def test_computer_moves_are_paced_and_space_skips(make_pilot) -> None:  # type: ignore[no-untyped-def]
    assert UISettings().computer_pause >= 2.5  # a person can follow (tests inject a shorter pause)
    pilot = make_pilot(TABLE, settings=UISettings(computer_pause=2.5))
    game = sit_down(pilot, {"blue": "human"})
    assert game.computer_to_move
    pilot.wait(2.0)
    assert not game.moves, "the computer moved before a person could follow"
    pilot.press(pygame.K_SPACE)
    assert game.moves


def test_projector_mode_shows_no_private_points(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(TABLE)
    app = pilot.app
    sit_down(pilot, {"red": "human", "blue": "human"}, projector=True)
    panel = app.scene.panel
    assert panel is not None
    labels = [o.label for row in panel.issues for o in row.options]
    assert labels and not any("+" in label or "−" in label for label in labels)
    assert not any("to you" in line for line in panel.lines)


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1920, 1080)], ids=["1024x600", "1280x720", "1920x1080"])
@pytest.mark.parametrize("text", range(len(TEXT_SIZES)), ids=[name for name, _ in TEXT_SIZES])
def test_eight_delegations_and_the_offers_fit_every_size(make_pilot, size, text, shots) -> None:  # type: ignore[no-untyped-def]
    """The flagship at the table (eight delegations, an offer of five terms): every tab lies inside
    the window, clear of itself, its labels tall enough; at Projector size on 1280×720 no text
    drawn on the story, measures or map tab (the map's labels included) is under 24 px."""
    from game.ui.widgets import draw

    pilot = make_pilot(CURRENT_FLAGSHIP, size=size, settings=UISettings(computer_pause=0.0, text_size=text))
    app = pilot.app
    game = sit_down(pilot, {"britain": "human"}, start="cardinal_question")
    wait_until(pilot, lambda: not game.computer_to_move, 20.0)
    sizes: list[int] = []
    real = draw.text

    def spy(surface, words, pos, px, colour, style="regular", anchor="topleft", halo=None):  # type: ignore[no-untyped-def]
        sizes.append(px)
        return real(surface, words, pos, px, colour, style, anchor, halo)

    tag = f"{size[0]}x{size[1]}-{TEXT_SIZES[text][0]}"
    for tab in ("story", "measures", "map", "log"):
        draw.text = spy  # type: ignore[assignment]
        try:
            pilot.click(f"tab_{tab}")
            app.rebuild()  # (the story tab is shown already: drawn again under the spy)
        finally:
            draw.text = real  # type: ignore[assignment]
        assert app.scene.tab == tab
        assert app.scene.layout.fits
        check_layout(app, f"{tag} {tab}")
        app.draw()
        check_text_sizes(app, f"{tag} {tab}")
        pilot.snapshot(shots / f"table8-{tag}-{tab}.png")
        if size == (1280, 720) and TEXT_SIZES[text][0] == "Projector" and tab in ("story", "measures", "map"):
            assert min(sizes) >= 24, f"{tab}: text drawn at {min(sizes)} px"
            assert app.type.small >= 24
        sizes.clear()


def test_a_time_out_is_told_on_the_hand_over_as_the_leaving_delegations(make_pilot) -> None:  # type: ignore[no-untyped-def]
    """Hot seat with a clock: Red's time runs out; the hand-over to Blue says so to the room, as
    Red's, and Blue's own screen does not carry Red's time-out as if it were Blue's."""
    from .conftest import TINY

    pilot = make_pilot(TINY)
    app = pilot.app
    game = Game.new(app.scenario, seed=3, controllers={"red": "human", "blue": "human"})
    ClassroomSettings(30).store(game)  # the computer decides for a delegation out of time
    app.play(game)
    pilot.wait()
    assert app.top.name == "handover" and app.top.card.actor == "red" and not app.top.note
    pilot.press(pygame.K_RETURN)
    pilot.press(pygame.K_ESCAPE)  # Red's briefing read
    pilot.wait(31, step=0.5)
    assert game.moves and game.moves[0].actor == "red" and game.moves[0].step == "warm"
    handover = app.top
    assert handover.name == "handover" and handover.card.actor == "blue"
    assert handover.note.startswith("Time ran out for the Red delegation")
    assert "note_0" in handover.drawn
    check_layout(app, "hand-over with a note")
    pilot.press(pygame.K_RETURN)
    pilot.press(pygame.K_ESCAPE)  # Blue's briefing
    assert app.scene.name == "play"
    assert "Time ran out" not in app.scene.texts["narration"].html_text


def test_the_keyboard_highlight_scrolls_the_offers_into_view(make_pilot) -> None:  # type: ignore[no-untyped-def]
    """Projector type on 1024×600: the flagship's offer panel scrolls; Tab walks its options and
    the panel follows, so the highlighted option is always in sight; the moves stay in sight in
    the panel's fixed footer."""
    pilot = make_pilot(CURRENT_FLAGSHIP, size=(1024, 600), settings=UISettings(text_size=PROJECTOR))
    app = pilot.app
    game = sit_down(pilot, {"britain": "human"}, start="cardinal_question")
    wait_until(pilot, lambda: not game.computer_to_move, 20.0)
    scene = app.scene
    assert scene.layout.scroll_h > scene.layout.choices.h  # the panel is taller than its place
    box = next(e for e in scene.elements if e.__class__.__name__ == "UIScrollingContainer")
    window = pygame.Rect((0, 0), app.size)
    last = max((k for k in scene.buttons if k.startswith("opt_")), key=lambda k: scene.buttons[k].rect.bottom)
    assert not box.rect.contains(scene.buttons[last].rect)
    seen = set()
    for _ in range(40):
        pilot.press(pygame.K_TAB)
        pilot.wait(0.2)
        key = scene.focus_key or ""
        if key.startswith("opt_"):
            seen.add(key)
            assert box.rect.contains(scene.buttons[key].rect), f"the highlighted {key} is out of sight"
        if key.startswith("act_"):
            assert window.contains(scene.buttons[key].rect) and not box.rect.colliderect(scene.buttons[key].rect)
        if key == "act_walk":
            break
    assert last in seen and scene.focus_key == "act_walk"


def test_a_changed_issue_reads_in_its_options_labels_since_the_last_turn() -> None:
    from game.engine.loader import load_scenario
    from game.engine.views import Meter
    from game.engine.wording import value_words
    from game.ui.table_turn import measure_changes

    scenario = load_scenario(str(CURRENT_FLAGSHIP))
    passage = scenario.issues["passage"]
    first, last = passage.options[0], passage.options[-1]
    meter = Meter("passage", "Passage", last.id, "", False)

    def words(variable: str, value: object) -> str:
        return value_words(scenario.issues, variable, value)

    change = measure_changes({}, {"passage": first.id}, [meter], "a deal", words)["passage"]
    assert f"{first.label} → {last.label}" in change.words()
    assert first.id not in change.words().replace(first.label, "")


def test_walking_away_from_talks_whose_breakdown_ends_the_game_asks_first(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(ROOT / "scenarios" / "tutorial-negotiation.yaml", settings=UISettings(computer_pause=0.0))
    app = pilot.app
    game = sit_down(pilot, {"ferrand": "human"}, start="second_sitting")  # the commission proposes first
    moves = len(game.moves)
    pilot.click("act_walk")
    assert app.overlay is not None and app.overlay.name == "confirm" and app.overlay.title == "This ends the game"
    pilot.press(pygame.K_RETURN)  # not yet
    assert app.overlay is None and len(game.moves) == moves and not game.ended
    pilot.click("act_walk")
    pilot.click("yes")
    assert game.moves[moves].step == "walk"


def test_what_a_delegation_said_stands_apart_from_its_terms(make_pilot) -> None:  # type: ignore[no-untyped-def]
    """The terms and the words said about them come as two lines; the recap used to run them together
    ("Kestra alone Our farms need the water")."""
    from game.ui.story import said_html

    assert said_html("Keys: Kestra alone\nOur farms need the water.") == (
        "Keys: Kestra alone — <i>Our farms need the water.</i>"
    )
    assert said_html("Keys: Kestra alone") == "Keys: Kestra alone" and said_html("\nRefused.") == "<i>Refused.</i>"
    pilot = make_pilot(ROOT / "scenarios" / "tutorial-negotiation.yaml", settings=UISettings(computer_pause=0.1))
    game = sit_down(pilot, {"kestra": "human"})
    wait_until(pilot, lambda: any(t.actor == "kestra" for t in game.turns) and not game.computer_to_move, 20.0)
    recap = pilot.app.scene.texts["recap"].html_text
    assert "proposes" in recap and " — <i>Idris opens with half the flow" in recap

"""The debrief as one page to discuss (item 14 of the window's review): the scores and what earned
them, the measures over time, the path beside history aligned by date with the departures marked,
the sources as numbered notes, a turning point in plain words; one scrolling page, not five boxes."""

from __future__ import annotations

import pygame
import pytest

from game.classroom.transcript import score_cards
from game.engine import Game
from game.engine.history import played_history
from game.engine.scoring import best_total, scores
from game.engine.wording import value_words
from game.ui.debrief_page import Notes, aligned_paths, measures, note_lines, turning_words
from game.ui.settings import TEXT_SIZES, UISettings

from .checks import check_layout
from .conftest import CURRENT_FLAGSHIP, TINY


def chance_departs(tiny) -> Game:  # type: ignore[no-untyped-def]
    """A game of the small scenario that follows history but for the courier, lost by chance."""
    game = Game.new(tiny, seed=5, controllers={a: "historical" for a in tiny.actors})
    while not game.ended:
        game.play_computer()
    return game


def test_a_chance_turning_point_reads_as_chance(tiny) -> None:  # type: ignore[no-untyped-def]
    game = chance_departs(tiny)
    words = turning_words(game, played_history(tiny, None, 5))
    assert "chance went another way" in words
    assert "“The courier is lost”" in words and "“The courier arrives”" in words
    assert "By chance:" not in words and "As it turned out" not in words and "had By" not in words
    assert "4 January 1900" in words  # a date as people write it


def test_paths_align_by_date_and_mark_only_the_departures(tiny) -> None:  # type: ignore[no-untyped-def]
    game = chance_departs(tiny)
    history = played_history(tiny, None, 5)
    notes = Notes()
    rows = aligned_paths(game, history, notes)
    assert [r.date for r in rows] == sorted(r.date for r in rows)
    departing = [r for r in rows if r.departs]
    assert departing and all(r.mine != r.theirs for r in departing)
    assert all(r.mine == r.theirs for r in rows if not r.departs)
    assert any("The courier is lost" in r.mine and "The courier arrives" in r.theirs for r in departing)
    lines = note_lines(game, notes)
    assert lines and lines[0].startswith("1. ")
    assert all(0 < n <= len(lines) for r in rows for n in r.notes)


def test_scores_and_measures_come_from_the_game(flagship_v2) -> None:  # type: ignore[no-untyped-def]
    game = Game.new(flagship_v2, seed=2, controllers={a: "random" for a in flagship_v2.actors})
    while not game.ended:
        game.play_computer()
    cards = score_cards(game)
    final = scores(flagship_v2, game.state)
    assert [c.actor for c in cards] == list(final)
    assert all(c.total == final[c.actor].total for c in cards)
    assert all(c.possible == best_total(flagship_v2, c.actor) <= final[c.actor].possible for c in cards)
    dates, series = measures(game)
    assert dates[0] == flagship_v2.start and series
    start = Game.new(flagship_v2, lens=game.settings.lens or None, seed=2).state.values
    for one in series:
        assert len(one.values) == len(dates)
        if one.kind == "terms":  # an issue's terms: by its option's place, and in words
            assert one.words[0] == value_words(flagship_v2.issues, one.id, start[one.id])
            continue
        assert one.values[0] == start[one.id]  # as the game began (the lens sets some measures)
        assert one.values[-1] == game.state.values[one.id]


@pytest.fixture(scope="module")
def flagship_v2():  # type: ignore[no-untyped-def]
    from game.engine import load_scenario

    return load_scenario(str(CURRENT_FLAGSHIP))


def test_the_debrief_is_one_page_that_scrolls(make_pilot, flagship_v2) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(CURRENT_FLAGSHIP)
    app = pilot.app
    game = Game.new(flagship_v2, seed=2, controllers={a: "random" for a in flagship_v2.actors})
    while not game.ended:
        game.play_computer()
    app.play(game)
    pilot.wait()
    scene = app.scene
    assert scene.name == "debrief"
    assert not scene.texts  # no scroll boxes: one page
    text = scene.page_text()
    for card in score_cards(game):
        assert f"{card.name} — {card.total} of {card.possible} points" in text
    assert "THE MEASURES OVER TIME" in text and "chart" in scene.page.marks
    assert "YOUR PATH BESIDE HISTORY" in text and "SOURCES" in text
    assert "| departs" in text  # this game left history somewhere, and the page says where
    assert "1. " in text
    assert scene.max_scroll > 0 and scene.scroll == 0
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-2, flipped=False, precise_x=0.0, precise_y=-2.0, touch=False)
    )
    pilot.wait()
    assert scene.scroll > 0
    pilot.press(pygame.K_END)
    assert scene.scroll == scene.max_scroll
    pilot.press(pygame.K_PAGEUP)
    assert 0 < scene.scroll < scene.max_scroll
    pilot.press(pygame.K_HOME)
    assert scene.scroll == 0
    pilot.press(pygame.K_RETURN)  # Enter still presses the focused button
    assert app.scene.name == "setup"


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("text", range(len(TEXT_SIZES)), ids=[name for name, _ in TEXT_SIZES])
def test_debrief_layout_at_every_size(make_pilot, size, text) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(TINY, size=size, settings=UISettings(text_size=text, computer_pause=0.4))
    app = pilot.app
    game = chance_departs(app.scenario)
    app.play(game)
    pilot.wait()
    scene = app.scene
    check_layout(app, f"debrief {size} {TEXT_SIZES[text][0]}")
    assert scene.page.surface.get_width() <= scene.area.w
    assert scene.area.h >= 3 * scene.sp.line  # the page keeps room to read


def test_an_invented_case_never_claims_to_be_history(make_pilot) -> None:  # type: ignore[no-untyped-def]
    """The tutorial is made up: its computers play 'as the case is written' and its written ending is
    not 'how it really ended'. The flagship's words stay history's."""
    path = CURRENT_FLAGSHIP.parent / "tutorial-negotiation.yaml"
    pilot = make_pilot(path)
    app = pilot.app
    assert app.scenario.invented
    game = Game.new(app.scenario, seed=0, controllers={a: "historical" for a in app.scenario.actors})
    while not game.ended:
        game.play_computer()
    reasons = " ".join(m.reason for m in game.moves)
    assert "As the case is written." in reasons and "history" not in reasons.lower()
    app.play(game)
    pilot.wait()
    text = app.scene.page_text()
    assert "This is how the case is written to end." in text and "really ended" not in text


def test_a_historical_case_says_history(flagship_v2) -> None:  # type: ignore[no-untyped-def]
    game = Game.new(flagship_v2, seed=0, controllers={a: "historical" for a in flagship_v2.actors})
    for _ in range(6):
        game.play_computer()
    assert not flagship_v2.invented and "As history records." in " ".join(m.reason for m in game.moves)


def _last_inked_row(surface: pygame.Surface, background: pygame.Color) -> int:
    """The lowest row of the page with anything drawn on it."""
    for y in range(surface.get_height() - 1, -1, -1):
        if any(surface.get_at((x, y)) != background for x in range(0, surface.get_width(), 2)):
            return y
    return -1


def test_the_tutorial_debrief_ends_with_its_content_and_shows_what_changed(make_pilot) -> None:  # type: ignore[no-untyped-def]
    """The page was measured at no width, so its height ran on for screens of blank page; and the
    tutorial, whose measures are yes/no and terms, had no chart at all."""
    pilot = make_pilot(CURRENT_FLAGSHIP.parent / "tutorial-negotiation.yaml")
    app = pilot.app
    game = Game.new(app.scenario, seed=0, controllers={a: "historical" for a in app.scenario.actors})
    while not game.ended:
        game.play_computer()
    app.play(game)
    pilot.wait()
    scene = app.scene
    page = scene.page.surface
    assert page.get_height() - _last_inked_row(page, scene.c("bg")) < 3 * scene.sp.line
    text = scene.page_text()
    assert "chart" in scene.page.marks
    assert "Dunmore's powers to sign: no, yes" in text  # a yes/no measure, charted as one
    assert "Height of the weir: High at the start, Middle from" in text  # the terms, told in words
    assert "[1, 1]" not in text and "SOURCES" in text.splitlines()[-2]


def test_the_endings_header_fits_the_window_at_projector_size(make_pilot) -> None:  # type: ignore[no-untyped-def]
    """Item 3 of the third play-test: at the Projector text size the header ('How speculative: …
    medium — Speculative: historians disagree whether this could have happened.') ran off the
    window's right edge at 1280×720 and 1024×600. Its words wrap inside the margin now."""
    from game.engine import load_scenario
    from game.ui.theme import colour

    from .checks import ink

    scenario = load_scenario(str(CURRENT_FLAGSHIP))
    game = Game.new(scenario, seed=0, controllers={a: "random" for a in scenario.actors})
    while not game.ended:
        game.play_computer()
    assert game.outcome is not None and game.outcome.speculative == "medium"  # the longest words
    projector = len(TEXT_SIZES) - 1
    pilot = make_pilot(CURRENT_FLAGSHIP, settings=UISettings(text_size=projector, computer_pause=0.4))
    app = pilot.app
    app.play(game)
    pilot.wait()
    for size in ((1280, 720), (1024, 600)):
        pilot.resize(size)  # the window is resized as a person would
        scene = app.scene
        assert scene.name == "debrief" and app.size == size
        check_layout(app, f"debrief at {size}")
        margin = scene.sp.gap * 2
        header = pygame.Rect(0, 0, size[0], scene.drawn["page"].y - scene.sp.gap)
        app.draw()
        drawn = ink(app.screen, header, colour(app.settings.palette, "bg"))
        assert drawn.right <= size[0] - margin, f"{size}: the header's words reach x={drawn.right}"
        assert "speculative_1" in scene.drawn  # the words took a second line rather than the edge
        assert all(r.right <= size[0] - margin for k, r in scene.drawn.items() if k.startswith(("ending", "spec")))

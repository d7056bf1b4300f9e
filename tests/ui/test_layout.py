"""The play screen's layout, checked as rectangles: at every supported window size and text
size, the choice cards fit, do not overlap each other or the narration, and hold their text."""

from __future__ import annotations

import pytest

from game.engine import Game
from game.ui import fonts
from game.ui.layout import ChoiceSpec, Spacing, overlaps, play_layout, wrap
from game.ui.settings import TEXT_SIZES
from game.ui.theme import effective_scale

SIZES = [(1024, 600), (1280, 720), (1366, 768), (1600, 900), (1920, 1080)]


@pytest.fixture(scope="module")
def moscow():  # type: ignore[no-untyped-def]
    """The current flagship: eight delegations, five issues at the table."""
    from game.engine import load_scenario

    from .conftest import CURRENT_FLAGSHIP

    return load_scenario(str(CURRENT_FLAGSHIP))


def worst_decisions(scenario) -> list[list[ChoiceSpec]]:  # type: ignore[no-untyped-def]
    """The decisions with the most choices and the longest labels that players can actually meet,
    as the play screen shows them (a blocked choice carries a line naming its constraints). They
    are gathered from random games under every lens: choices hidden by their conditions never share
    the screen, so counting every choice a node has would ask for a screen no player sees."""
    from game.engine import Game

    seen: dict[tuple[str, ...], list[ChoiceSpec]] = {}
    for lens in scenario.lenses or [""]:
        for seed in range(60):
            game = Game.new(scenario, lens or None, seed, {a: "random" for a in scenario.actors})
            while not game.ended:
                decision = game.decision
                if decision is None:  # a negotiation or a sealed move: its own layout test below
                    game.play_computer()
                    continue
                row = []
                for view in decision.choices:
                    blocked = "Blocked: " + "; ".join(c.title for c in view.blocked_by) if view.blocked_by else ""
                    row.append(ChoiceSpec(view.step.label, blocked, bool(blocked), str(view.number)))
                seen[tuple(v.step.id for v in decision.choices) + (decision.node.id,)] = row
                game.play_computer()
    specs = sorted(seen.values(), key=lambda r: (len(r), sum(len(s.label) + len(s.detail) for s in r)), reverse=True)
    return specs[:3]


EIGHT = [("▶ Kremlin", "deciding now"), ("USSR", "Computer"), ("London", "offstage"), ("Drax", "You")] + [
    ("Paris", "offstage"),
    ("Doumenc", "Computer"),
    ("Warsaw", "offstage"),
    ("Berlin", "offstage"),
]


def story_regions(lay) -> list:  # type: ignore[no-untyped-def]
    regions = [lay.narration, lay.recap, lay.choices, lay.controls, lay.meters, lay.table, lay.top_bar, *lay.tabs]
    if lay.reason != lay.controls:  # the "Why?" entry has a row of its own, or shares the controls row
        regions.append(lay.reason)
    return [r for r in regions if r.h > 0]


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("text", range(len(TEXT_SIZES)), ids=[name for name, _ in TEXT_SIZES])
@pytest.mark.parametrize("reason", [False, True], ids=["computer", "person-with-why"])
def test_choice_cards_fit_without_overlap(size, text, reason, tiny, flagship, moscow) -> None:  # type: ignore[no-untyped-def]
    """The story tab with eight delegations, "since your last turn" and the worst decisions: the
    cards fit whole in the theme's own type, clear of each other and of every other part, and the
    narration starts at the top of the body (never below the fold) with room for several lines."""
    import pygame

    pygame.font.init()
    scale = effective_scale(size, TEXT_SIZES[text][1])
    for scenario in (tiny, flagship, moscow):
        variables = sum(1 for v in scenario.variables.values() if v.visible)
        for specs in worst_decisions(scenario):
            lay = play_layout(size, scale, specs, variables, reason=reason, chips=EIGHT, recap_lines=6)
            sp = lay.card_spacing or Spacing.at(scale)
            assert sp.type == Spacing.at(scale).type  # the cards never shrink their type
            assert lay.fits, f"{scenario.id} at {size}, text {TEXT_SIZES[text][0]}: choices do not fit"
            window = pygame.Rect((0, 0), size)
            cards = [c.rect for c in lay.cards]
            assert not overlaps(cards)
            for geo in lay.cards:
                assert window.contains(geo.rect)
                assert lay.choices.contains(geo.rect)
                assert not geo.rect.colliderect(lay.narration)
                assert not geo.rect.colliderect(lay.recap)
                assert not geo.rect.colliderect(lay.controls)
                assert not geo.rect.colliderect(lay.reason)
                assert not geo.rect.colliderect(lay.meters)
                assert geo.rect.contains(geo.badge)
                text_w = geo.rect.right - sp.pad * 2 - geo.text_x
                for line in geo.label_lines:
                    assert fonts.font(sp.type.body, "semibold").size(line)[0] <= text_w
                lines_h = len(geo.label_lines) * sp.line + len(geo.detail_lines) * sp.small_line
                assert geo.rect.h >= lines_h + sp.pad, "card text would be clipped"
            regions = story_regions(lay)
            assert not overlaps(regions), f"{size} {TEXT_SIZES[text][0]}: {regions}"
            assert all(window.contains(r) for r in regions)
            assert not overlaps(lay.top_buttons)
            body_top = lay.tabs[0].bottom + sp.gap
            assert lay.narration.y <= body_top + lay.table.h, "the narration starts at the top of the story"
            assert lay.narration.h >= sp.line * 4 + sp.large_line
            assert lay.recap.h <= lay.narration.h, "the recap is shorter than the story"
            assert (lay.reason.h > 0) == reason


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("text", range(len(TEXT_SIZES)), ids=[name for name, _ in TEXT_SIZES])
def test_the_offer_panel_fits_or_scrolls_beside_the_story(size, text, moscow) -> None:  # type: ignore[no-untyped-def]
    """The flagship's five issues at the table: the panel fits whole, or (large type on a small
    window) scrolls in its place; either way the narration keeps its top-of-body place and nothing
    overlaps; every issue title and option shows whole (titles above the options when needed)."""
    import pygame

    from game.engine.table import Table
    from game.ui.table_turn import Draft, panel_spec
    from game.ui.widgets.offer_panel import panel_height, panel_layout

    pygame.font.init()
    flagship = moscow
    game = Game.new(flagship, seed=1, controllers={"britain": "human"}, start="cardinal_question")
    table = Table(game, "numbers")
    while game.computer_to_move:
        table.advance()
    view = table.view("britain")
    panel = panel_spec(view, Draft(), {a: x.name for a, x in flagship.actors.items()})
    assert panel is not None
    scale = effective_scale(size, TEXT_SIZES[text][1])
    sp = Spacing.at(scale)
    lay = play_layout(
        size, scale, [], 17, reason=True, panel=lambda w, _: panel_height(panel, w, sp), chips=EIGHT, recap_lines=3
    )
    window = pygame.Rect((0, 0), size)
    regions = story_regions(lay)
    assert not overlaps(regions) and all(window.contains(r) for r in regions)
    assert lay.fits
    geo = panel_layout(panel, pygame.Rect(0, 0, lay.choices.w - (max(20, sp.pad * 2) if lay.scroll_h else 0), 0), sp)
    if not lay.scroll_h:
        assert geo.rect.h <= lay.choices.h
    for line in geo.lines:
        assert line.rect.right <= geo.rect.right and line.rect.x >= 0, line.text
        style = {"heading": "bold", "issue": "semibold", "note": "regular"}[line.kind]
        assert fonts.font(sp.type.small, style).size(line.text)[0] <= line.rect.w + 1, line.text
    assert not overlaps(list(geo.options.values()) + list(geo.actions.values()))
    for option in (o for row in panel.issues for o in row.options):
        rect = geo.options[option.key]
        assert fonts.font(sp.type.small, "bold").size("✓ " + option.label)[0] <= rect.w - 2 * sp.pad, option.label
    assert lay.narration.h >= sp.line * 4 + sp.large_line


def test_projector_text_is_never_under_24_px_at_1280x720() -> None:
    projector = TEXT_SIZES[-1]
    assert projector[0] == "Projector"
    t = Spacing.at(effective_scale((1280, 720), projector[1])).type
    assert min(t.all) >= 24


def test_the_other_tabs_take_the_whole_body() -> None:
    """Measures (with the delegations in rows and the timeline), the map and the log each fill
    the body under the tab row; nothing of the story is laid out behind them."""
    import pygame

    pygame.font.init()
    for tab, parts in (("measures", ("meters", "timeline", "table")), ("map", ("map",)), ("log", ("log",))):
        lay = play_layout((1280, 720), 1.5, [ChoiceSpec("A", badge="1")], 17, tab=tab, chips=EIGHT)
        assert not lay.cards and lay.narration.h == 0 and lay.choices.h == 0
        rects = [getattr(lay, name) for name in parts]
        assert all(r.h > 0 for r in rects) and not overlaps(rects)
        assert all(pygame.Rect((0, 0), (1280, 720)).contains(r) for r in rects)


def test_wrap_breaks_long_words() -> None:
    import pygame

    pygame.font.init()
    lines = wrap("a " + "x" * 200, 100, 20)
    assert len(lines) > 2
    assert all(fonts.font(20).size(line)[0] <= 100 for line in lines)


def test_game_of_tiny_lays_out(tiny) -> None:  # type: ignore[no-untyped-def]
    game = Game.new(tiny, seed=1, controllers={"red": "human", "blue": "human"})
    specs = [ChoiceSpec(v.step.label, badge=str(v.number)) for v in game.decision.choices]  # type: ignore[union-attr]
    assert play_layout((1024, 600), 1.0, specs, 2).fits


def test_a_remembered_window_is_fitted_to_the_desktop_with_its_title_bar() -> None:
    from game.ui.layout import DECORATIONS, fit_window

    assert fit_window((1280, 720), (1280, 720)) == (1280 - DECORATIONS[0], 720 - DECORATIONS[1])
    assert fit_window((1280, 720), (1920, 1080)) == (1280, 720)
    assert fit_window((1280, 720), None) == (1280, 720)


def test_the_window_opens_inside_the_desktop(make_pilot) -> None:  # type: ignore[no-untyped-def]
    """With no size asked for, the window takes the remembered 1280×720 only as far as the desktop
    (SDL's dummy desktop is 1024×768) leaves room for its title bar and borders."""
    import pygame

    from game.ui.app import App
    from game.ui.layout import fit_window
    from game.ui.settings import UISettings

    app = App(None, settings=UISettings(), persist=False)
    try:
        desktop = pygame.display.get_desktop_sizes()[0]
        assert app.size == fit_window((1280, 720), desktop)
        assert app.size[0] < desktop[0] and app.size[1] < desktop[1]
    finally:
        app.running = False

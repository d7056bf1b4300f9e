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
                assert decision is not None
                row = []
                for view in decision.choices:
                    blocked = "Blocked: " + "; ".join(c.title for c in view.blocked_by) if view.blocked_by else ""
                    row.append(ChoiceSpec(view.step.label, blocked, bool(blocked), str(view.number)))
                seen[tuple(v.step.id for v in decision.choices) + (decision.node.id,)] = row
                game.play_computer()
    specs = sorted(seen.values(), key=lambda r: (len(r), sum(len(s.label) + len(s.detail) for s in r)), reverse=True)
    return specs[:3]


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("text", range(len(TEXT_SIZES)), ids=[name for name, _ in TEXT_SIZES])
@pytest.mark.parametrize("reason", [False, True], ids=["computer", "person-with-why"])
def test_choice_cards_fit_without_overlap(size, text, reason, tiny, flagship) -> None:  # type: ignore[no-untyped-def]
    import pygame

    pygame.font.init()
    scale = effective_scale(size, TEXT_SIZES[text][1])
    for scenario in (tiny, flagship):
        variables = sum(1 for v in scenario.variables.values() if v.visible)
        for specs in worst_decisions(scenario):
            lay = play_layout(size, scale, specs, variables, reason=reason)
            sp = lay.card_spacing or Spacing.at(scale)
            assert sp.type.body >= Spacing.at(scale).type.body * 0.7 - 1
            assert lay.fits, f"{scenario.id} at {size}, text {TEXT_SIZES[text][0]}: choices do not fit"
            window = pygame.Rect((0, 0), size)
            cards = [c.rect for c in lay.cards]
            assert not overlaps(cards)
            for geo in lay.cards:
                assert window.contains(geo.rect)
                assert lay.choices.contains(geo.rect)
                assert not geo.rect.colliderect(lay.narration)
                assert not geo.rect.colliderect(lay.controls)
                assert not geo.rect.colliderect(lay.reason)
                assert not geo.rect.colliderect(lay.map)
                assert geo.rect.contains(geo.badge)
                text_w = geo.rect.right - sp.pad * 2 - geo.text_x
                for line in geo.label_lines:
                    assert fonts.font(sp.type.body, "semibold").size(line)[0] <= text_w
                lines_h = len(geo.label_lines) * sp.line + len(geo.detail_lines) * sp.small_line
                assert geo.rect.h >= lines_h + sp.pad, "card text would be clipped"
            regions = [
                lay.narration,
                lay.choices,
                lay.controls,
                lay.map,
                lay.table,
                lay.meters,
                lay.timeline,
                lay.log,
                lay.top_bar,
            ]
            if lay.reason != lay.controls:  # the "Why?" entry has a row of its own, or shares the controls row
                regions.append(lay.reason)
            assert not overlaps([r for r in regions if r.h > 0])
            assert all(window.contains(r) for r in regions)
            assert not overlaps(lay.top_buttons)
            assert lay.narration.h >= Spacing.at(scale).line * 3
            assert (lay.reason.h > 0) == reason


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

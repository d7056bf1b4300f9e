"""Help (F1) explains the table in players' words before it lists the keys (the newcomer's
play-test found only a list of keys): what the numbers on the options are, the moves, rounds and
the last round, sealed moves, objectives and scores, and where the briefing is. At Projector size
it stays readable: the window's own large type, in one column that scrolls."""

from __future__ import annotations

import pygame
import pytest

from game.ui.settings import TEXT_SIZES, UISettings

from .checks import check_layout, check_text_sizes
from .conftest import CURRENT_FLAGSHIP
from .seating import sit_down

WORDS = (
    "How the table works",
    "yours alone",  # the numbers on the options are the player's own, confidential points
    "No deal is worth",
    "<b>Accept</b>",
    "<b>Reject</b>",
    "<b>Counter</b>",
    "<b>Pass</b>",
    "<b>Walk away</b>",
    "The last round",
    "in secret",
    "objectives",
    "score",
    "<b>Briefing</b>",
    "Keys",
)


@pytest.mark.parametrize(
    ("size", "text"), [((1280, 720), 1), ((1280, 720), 3), ((1024, 600), 3)], ids=["normal", "projector", "small"]
)
def test_help_explains_the_table_and_scrolls(make_pilot, size, text, shots) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(CURRENT_FLAGSHIP, size=size, settings=UISettings(computer_pause=30.0, text_size=text))
    app = pilot.app
    sit_down(pilot, {"britain": "human"})
    pilot.press(pygame.K_F1)
    overlay = app.overlay
    assert overlay is not None and overlay.name == "help"
    shown = overlay.all_text()
    for words in WORDS:
        assert words in shown, f"Help does not say {words!r}"
    assert shown.index("How the table works") < shown.index("Everywhere")  # the table first, then the keys
    check_layout(app, "help")
    app.draw()
    check_text_sizes(app, "help")
    pilot.snapshot(shots / f"help-{TEXT_SIZES[text][0]}-{size[0]}x{size[1]}.png")
    box = overlay.texts["help_text"]
    if text == len(TEXT_SIZES) - 1:
        assert "help_more" not in overlay.texts  # one column at Projector size: lines long enough to read
        assert box.rect.w >= app.size[0] * 0.7
    bar = box.scroll_bar
    assert bar is not None, "the help should need scrolling here"
    before = bar.start_percentage
    pilot.press(pygame.K_PAGEDOWN)
    pilot.wait(0.2)
    assert bar.start_percentage > before  # Page Down scrolls it
    pilot.press(pygame.K_ESCAPE)
    assert app.overlay is None and app.top.name == "play"

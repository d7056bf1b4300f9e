"""The decision clock: ``m:ss`` in a pill with a bar that shrinks as time runs out.

Drawn every time its face changes (the play screen asks ``face`` what would be shown and redraws
only when that differs), in the warning colour in the last stretch, and marked while paused.
"""

from __future__ import annotations

from typing import NamedTuple

import pygame

from ..layout import Spacing
from ..theme import colour
from . import draw

BAR_STEPS = 120  # the bar moves in this many steps: enough to look smooth, few enough to redraw rarely


class Face(NamedTuple):
    """What the clock shows; two equal faces draw the same pixels."""

    text: str
    steps_left: int  # of BAR_STEPS
    warning: bool
    paused: bool


def face(text: str, fraction_left: float, warning: bool, paused: bool) -> Face:
    return Face(text, round(max(0.0, min(1.0, fraction_left)) * BAR_STEPS), warning, paused)


def width(sp: Spacing) -> int:
    """The pill's width: room for '0:00' in large bold type and the word 'paused'."""
    t = sp.type
    return (
        draw.fonts.font(t.large, "bold").size("00:00")[0]
        + draw.fonts.font(t.small, "bold").size(" paused")[0]
        + sp.pad * 3
    )


def render(surface: pygame.Surface, rect: pygame.Rect, shown: Face, sp: Spacing, palette: str) -> None:
    """Paint the clock into ``rect``."""
    t = sp.type
    radius = max(4, sp.pad - 2)
    fill = colour(palette, "bad") if shown.warning else colour(palette, "panel_hi")
    ink = pygame.Color("#FFFFFF") if shown.warning else colour(palette, "text")
    draw.panel(surface, rect, fill, radius, colour(palette, "border"), 1)
    bar_h = max(4, sp.pad // 2)
    text_area = pygame.Rect(rect.x, rect.y, rect.w, rect.h - bar_h)
    label = draw.text(surface, shown.text, (rect.x + sp.pad, text_area.centery), t.large, ink, "bold", anchor="midleft")
    if shown.paused:
        draw.text(
            surface, "paused", (label.right + sp.pad // 2, text_area.centery), t.small, ink, "bold", anchor="midleft"
        )
    track = pygame.Rect(rect.x + radius, rect.bottom - bar_h - 2, rect.w - 2 * radius, bar_h)
    pygame.draw.rect(surface, colour(palette, "panel"), track, border_radius=bar_h // 2)
    filled = round(track.w * shown.steps_left / BAR_STEPS)
    if filled > 0:
        bar = colour(palette, "text") if shown.warning else colour(palette, "accent")
        pygame.draw.rect(surface, bar, (track.x, track.y, filled, track.h), border_radius=bar_h // 2)

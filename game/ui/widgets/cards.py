"""Cards: large click targets with wrapped text (choices, saves, scenarios, lenses).

pygame_gui buttons draw one line of text, so a card's face is drawn here, below the interface,
and a transparent ``UIButton`` of the same size lies on top: it takes clicks, shows hover and
keyboard focus as a coloured border, and carries the tool tip.
"""

from __future__ import annotations

import pygame

from ..layout import CardGeometry, Spacing
from ..theme import colour
from . import draw


def draw_card(
    surface: pygame.Surface,
    geo: CardGeometry,
    sp: Spacing,
    palette: str,
    badge: str = "",
    blocked: bool = False,
    chosen: bool = False,
    accent: pygame.Color | None = None,
    detail_colour: str = "",
) -> None:
    """Paint one card: background, number badge, label lines, detail lines."""
    radius = max(4, sp.pad - 2)
    fill = colour(palette, "panel" if blocked else "card")
    draw.panel(surface, geo.rect, fill, radius, colour(palette, "blocked" if blocked else "border"), 1)
    if blocked:
        stripes = draw.hatch(surface, geo.rect, (255, 255, 255, 14), spacing=10, width=2)
        mask = pygame.Surface(geo.rect.size, pygame.SRCALPHA)
        pygame.draw.rect(mask, (255, 255, 255, 255), mask.get_rect(), border_radius=radius)
        stripes.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
        surface.blit(stripes, geo.rect)
    if chosen:
        pygame.draw.rect(surface, colour(palette, "accent"), geo.rect, 3, border_radius=radius)
    if accent is not None:
        bar = pygame.Rect(geo.rect.x, geo.rect.y + radius, max(4, sp.pad // 2), geo.rect.h - 2 * radius)
        pygame.draw.rect(surface, accent, bar)
    t = sp.type
    if badge:
        badge_fill = colour(palette, "blocked" if blocked else "accent")
        pygame.draw.rect(surface, badge_fill, geo.badge, border_radius=max(4, geo.badge.w // 4))
        ink = colour(palette, "blocked_text" if blocked else "accent_text")
        draw.text(surface, badge, geo.badge.center, t.large, ink, "bold", anchor="center")
    text_colour = colour(palette, "blocked_text" if blocked else "text")
    lines_h = len(geo.label_lines) * sp.line + len(geo.detail_lines) * sp.small_line
    y = geo.rect.y + (geo.rect.h - lines_h) // 2
    for line in geo.label_lines:
        draw.text(surface, line, (geo.text_x, y), t.body, text_colour, "semibold")
        y += sp.line
    detail = colour(palette, detail_colour or ("muted" if not blocked else "blocked_text"))
    for line in geo.detail_lines:
        draw.text(surface, line, (geo.text_x, y), t.small, detail, "italic")
        y += sp.small_line

"""The table: the delegations, each with its colour, who plays it, and the speaker marked.

Each chip is as wide as its words (``layout.chip_rows`` places them, in more rows when one is not
enough), so a name is never shrunk or cut."""

from __future__ import annotations

import pygame

from ...engine import Actor
from ..layout import Spacing
from ..theme import colour, readable_on
from . import draw

SPEAKER = "▶ "  # before the name of the delegation whose turn it is


def chip_words(actor: Actor, role: str, speaking: bool, you: bool) -> tuple[str, str]:
    """A chip's two lines: the name (marked when speaking) and what it is doing or who plays it."""
    if speaking:
        role = "deciding now"
    elif actor.seat != "table" and not you:
        role = "offstage"
    return (SPEAKER if speaking else "") + (actor.short or actor.name), role


def render_table(
    size: tuple[int, int],
    chips: list[pygame.Rect],
    actors: list[Actor],
    colours: dict[str, pygame.Color],
    words: dict[str, tuple[str, str]],
    speaker: str,
    palette: str,
    sp: Spacing,
) -> pygame.Surface:
    """The chips at their places (relative to the strip); ``words`` maps an actor to its two lines
    (``chip_words``); the ``speaker`` (whose turn it is) is filled with its colour and outlined."""
    t = sp.type
    surface = pygame.Surface(size, pygame.SRCALPHA)
    radius = max(4, sp.pad // 2 + 1)
    draw.panel(surface, surface.get_rect(), colour(palette, "panel"), radius, colour(palette, "border"))
    for actor, chip in zip(actors, chips, strict=False):
        tint = colours.get(actor.id, colour(palette, "neutral"))
        speaking = actor.id == speaker
        fill = tint if speaking else draw.mix(colour(palette, "card"), tint, 0.28)
        draw.panel(surface, chip, fill, radius)
        if speaking:
            pygame.draw.rect(surface, colour(palette, "focus"), chip.inflate(4, 4), 3, border_radius=radius)
        ink = readable_on(fill, palette) if speaking else colour(palette, "text")
        name, role = words.get(actor.id, (actor.name, ""))
        top = chip.y + max(2, (chip.h - sp.line - sp.small_line) // 2)
        draw.text(surface, name, (chip.x + sp.pad, top), t.body, ink, "bold")
        draw.text(
            surface,
            role,
            (chip.x + sp.pad, top + sp.line),
            t.small,
            ink if speaking else colour(palette, "muted"),
            "semibold",
        )
    return surface

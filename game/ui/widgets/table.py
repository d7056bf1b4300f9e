"""The table: the delegations, each with its colour, who plays it, and the speaker marked."""

from __future__ import annotations

import pygame

from ...engine import Actor
from ..theme import Type, colour, readable_on
from . import draw


def render_table(
    size: tuple[int, int],
    actors: list[Actor],
    colours: dict[str, pygame.Color],
    players: dict[str, str],
    speaker: str,
    palette: str,
    scale: float,
) -> pygame.Surface:
    """Chips for the actors at the table, then the offstage ones smaller; ``players`` maps an actor
    to "You" or "Computer"; the ``speaker`` (whose decision it is) is raised and outlined."""
    t = Type.at(scale)
    surface = pygame.Surface(size, pygame.SRCALPHA)
    rect = surface.get_rect()
    draw.panel(surface, rect, colour(palette, "panel"), max(4, round(6 * scale)), colour(palette, "border"))
    pad = max(6, round(8 * scale))
    table = [a for a in actors if a.seat == "table"]
    offstage = [a for a in actors if a.seat != "table"]
    chips = table + offstage
    if not chips:
        return surface
    weights = [1.0 if a.seat == "table" else 0.78 for a in chips]
    room = rect.w - pad * (len(chips) + 1)
    x = pad
    for actor, weight in zip(chips, weights, strict=True):
        w = round(room * weight / sum(weights))
        chip = pygame.Rect(x, pad, w, rect.h - 2 * pad)
        x += w + pad
        tint = colours.get(actor.id, colour(palette, "neutral"))
        speaking = actor.id == speaker
        fill = tint if speaking else draw.mix(colour(palette, "card"), tint, 0.28)
        draw.panel(surface, chip, fill, max(4, round(6 * scale)))
        if speaking:
            pygame.draw.rect(
                surface, colour(palette, "focus"), chip.inflate(4, 4), 3, border_radius=max(4, round(6 * scale))
            )
        ink = readable_on(fill, palette) if speaking else colour(palette, "text")
        size_name = t.body if actor.seat == "table" else t.small
        name = actor.short or actor.name
        prefix = "▶ " if speaking else ""
        label = prefix + name
        # Smaller type before cutting a name short (large text on a narrow window).
        smallest = max(10, round(t.small * 0.8))
        while size_name > smallest and draw.fonts.font(size_name, "bold").size(label)[0] > chip.w - 2 * pad:
            size_name -= 1
        font = draw.fonts.font(size_name, "bold")
        if font.size(label)[0] > chip.w - 2 * pad and prefix:
            label = name  # the raised, outlined chip already says whose turn it is
        while font.size(label)[0] > chip.w - 2 * pad and len(label) > 3:
            label = label[:-2] + "…"
        top = chip.y + max(2, (chip.h - draw.fonts.line_height(size_name) - draw.fonts.line_height(t.small)) // 2)
        draw.text(surface, label, (chip.x + pad, top), size_name, ink, "bold")
        role = players.get(actor.id, "")
        if speaking:
            role = "deciding now"
        elif actor.seat != "table" and role != "You":
            role = "offstage"
        role_size = t.small
        while role_size > smallest and draw.fonts.font(role_size, "semibold").size(role)[0] > chip.w - 2 * pad:
            role_size -= 1
        sub = draw.fonts.font(role_size, "semibold")
        while sub.size(role)[0] > chip.w - 2 * pad and len(role) > 3:
            role = role[:-2] + "…"
        draw.text(
            surface,
            role,
            (chip.x + pad, top + draw.fonts.line_height(size_name)),
            role_size,
            ink if speaking else colour(palette, "muted"),
            "semibold",
        )
    return surface

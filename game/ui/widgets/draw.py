"""Small drawing helpers shared by the widgets: text with a halo, rounded panels, hatching."""

from __future__ import annotations

from functools import lru_cache

import pygame

from .. import fonts


def text(
    surface: pygame.Surface,
    words: str,
    pos: tuple[int, int],
    size: int,
    colour: pygame.Color | str,
    style: str = "regular",
    anchor: str = "topleft",
    halo: pygame.Color | str | None = None,
) -> pygame.Rect:
    """Draw one line of text; ``anchor`` names the rect attribute ``pos`` sets. A halo (a 1-px
    outline) keeps labels readable over the map."""
    font = fonts.font(size, style)
    image = font.render(words, True, colour)
    rect = image.get_rect(**{anchor: pos})
    if halo is not None:
        ring = font.render(words, True, halo)
        for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1), (-1, -1), (1, 1), (-1, 1), (1, -1)):
            surface.blit(ring, rect.move(dx, dy))
    surface.blit(image, rect)
    return rect


def panel(
    surface: pygame.Surface,
    rect: pygame.Rect,
    fill: pygame.Color | str,
    radius: int = 8,
    border: pygame.Color | str | None = None,
    width: int = 1,
) -> None:
    pygame.draw.rect(surface, fill, rect, border_radius=radius)
    if border is not None:
        pygame.draw.rect(surface, border, rect, width, border_radius=radius)


@lru_cache(maxsize=16)
def hatch_tile(colour: tuple[int, int, int, int], spacing: int, width: int) -> pygame.Surface:
    """A square tile of diagonal stripes, to tile over a highlighted region."""
    size = spacing * 4
    tile = pygame.Surface((size, size), pygame.SRCALPHA)
    for offset in range(-size, size * 2, spacing):
        pygame.draw.line(tile, colour, (offset, size), (offset + size, 0), width)
    return tile


def hatch(
    surface: pygame.Surface, rect: pygame.Rect, colour: tuple[int, int, int, int], spacing: int = 9, width: int = 2
) -> pygame.Surface:
    """A surface of ``rect``'s size filled with stripes."""
    tile = hatch_tile(colour, spacing, width)
    out = pygame.Surface(rect.size, pygame.SRCALPHA)
    for x in range(0, rect.w, tile.get_width()):
        for y in range(0, rect.h, tile.get_height()):
            out.blit(tile, (x, y))
    return out


def mix(a: pygame.Color, b: pygame.Color, t: float) -> pygame.Color:
    """``a`` moved a fraction ``t`` of the way towards ``b``."""
    return pygame.Color(round(a.r + (b.r - a.r) * t), round(a.g + (b.g - a.g) * t), round(a.b + (b.b - a.b) * t))

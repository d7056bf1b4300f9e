"""The class report's outcome chart (``game.classroom.chart``) as a PNG, drawn with pygame
(imported only when a PNG is asked for).

Works without a display: pygame draws on an off-screen surface, and SDL is told to use its dummy
video driver when no display is set. Fonts: Source Sans Pro when its package is installed, else
pygame's own font.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ...classroom.chart import INK, RULE, Chart, layout

SCALE = 2  # drawn at twice the size, so it stays sharp when printed


def _pygame() -> Any:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    if not pygame.font.get_init():
        pygame.font.init()
    return pygame


def _font(pygame: Any, size: int, bold: bool = False) -> Any:
    try:
        import font_source_sans_pro as fonts

        path = fonts.font_files_ttf.get("SourceSansProBold" if bold else "SourceSansPro")
        if path:
            return pygame.font.Font(path, size)
    except (ImportError, OSError):
        pass
    font = pygame.font.Font(None, round(size * 1.25))
    font.set_bold(bold)
    return font


def _colour(pygame: Any, text: str) -> Any:
    return pygame.Color(text)


def write_png(chart: Chart, path: str | Path, width: int = 720) -> Path:
    """Draw ``chart`` and write it to ``path`` as PNG; return the path."""
    pygame = _pygame()
    lay = layout(chart, width)
    s = SCALE
    surface = pygame.Surface((lay.width * s, lay.height * s))
    surface.fill(_colour(pygame, "#FFFFFF"))
    ink = _colour(pygame, INK)
    title_font, font, bold = _font(pygame, 17 * s, True), _font(pygame, 15 * s), _font(pygame, 15 * s, True)
    title = title_font.render(lay.title, True, ink)
    surface.blit(title, (0, lay.title_y * s - title.get_height() * 3 // 4))
    pygame.draw.line(
        surface,
        _colour(pygame, RULE),
        (lay.axis_x * s, (lay.boxes[0].y - 6) * s if lay.boxes else 0),
        (lay.axis_x * s, (lay.height - 10) * s),
        s,
    )
    for box in lay.boxes:
        label = font.render(box.label, True, ink)
        surface.blit(label, (box.label_x * s - label.get_width(), box.text_y * s - label.get_height() // 2))
        if box.count:
            rect = pygame.Rect(box.x * s, box.y * s, max(box.width, 1) * s, box.height * s)
            pygame.draw.rect(surface, _colour(pygame, box.colour), rect, border_radius=2 * s)
        count = bold.render(str(box.count), True, ink)
        surface.blit(count, (box.count_x * s, box.text_y * s - count.get_height() // 2))
    path = Path(path)
    pygame.image.save(surface, str(path))
    return path

"""Writing a page of text onto a surface, top to bottom: headings, wrapped paragraphs, items with a
left column, coloured fills. With no surface it only measures, so a screen can size a page before
drawing it. Every line written is kept as plain text, so tests read what the page says.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from .. import fonts
from ..layout import Spacing, wrap
from ..theme import colour


@dataclass
class Writer:
    surface: pygame.Surface | None
    sp: Spacing
    palette: str
    x: int = 0
    width: int = 0
    y: int = 0
    lines: list[tuple[str, str]] = field(default_factory=list)  # (text, kind)
    marks: dict[str, pygame.Rect] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.width and self.surface is not None:
            self.width = self.surface.get_width() - self.x

    def text_at(self, words: str, x: int, y: int, size: int, style: str = "regular", tone: str = "text") -> None:
        """One line at a place, without moving on."""
        if self.surface is not None:
            image = fonts.font(size, style).render(words, True, colour(self.palette, tone))
            self.surface.blit(image, (self.x + x, y))

    def fill(self, rect: pygame.Rect, tone: str) -> None:
        if self.surface is not None:
            self.surface.fill(colour(self.palette, tone), rect.move(self.x, 0))

    def heading(self, words: str, size: int) -> None:
        """A small capitalised heading in the accent colour."""
        self.para(words.upper(), size, "bold", "accent", kind="heading")

    def para(
        self,
        words: str,
        size: int,
        style: str = "regular",
        tone: str = "text",
        colour: str | None = None,
        kind: str = "text",
    ) -> None:
        """A paragraph wrapped to the width, then a little space."""
        font = fonts.font(size, style)
        ink = pygame.Color(colour) if colour else None
        for line in wrap(words, max(40, self.width), size, style):
            if self.surface is not None:
                image = font.render(line, True, ink or _tone(self.palette, tone))
                self.surface.blit(image, (self.x, self.y))
            self.y += font.get_linesize()
        self.lines.append((words, kind))
        self.y += self.sp.gap // 3

    def item(self, lead: str, words: str, size: int, lead_tone: str) -> None:
        """A line of a list: a short lead in its own column (points, a number), the words wrapped beside it."""
        font = fonts.font(size)
        bold = fonts.font(size, "bold")
        lead_w = bold.size("0 of 00")[0] + self.sp.gap // 2
        if self.surface is not None:
            self.surface.blit(bold.render(lead, True, _tone(self.palette, lead_tone)), (self.x, self.y))
        for line in wrap(words, max(40, self.width - lead_w), size):
            if self.surface is not None:
                self.surface.blit(font.render(line, True, _tone(self.palette, "text")), (self.x + lead_w, self.y))
            self.y += font.get_linesize()
        self.lines.append((f"{lead} {words}", "item"))


def _tone(palette: str, tone: str) -> pygame.Color:
    return colour(palette, tone)

"""The timeline: the scenario's days from start to end, today marked, dated historical events.

Event labels go in two rows (above and below the line) and are shortened or left out when they
would collide; every event keeps its dot, and the play screen puts a tool tip on each dot, so
the strip stays readable however many events fall in one week.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pygame

from ..theme import Type, colour
from . import draw


@dataclass(frozen=True)
class Mark:
    date: dt.date
    title: str
    past: bool


@dataclass(frozen=True)
class TimelineGeometry:
    left: int
    right: int
    y: int
    start: dt.date
    span: int

    def x_of(self, day: dt.date) -> int:
        return round(self.left + (self.right - self.left) * min(max((day - self.start).days / self.span, 0), 1))


def geometry(size: tuple[int, int], start: dt.date, end: dt.date, scale: float) -> TimelineGeometry:
    w, h = size
    pad = max(10, round(14 * scale))
    return TimelineGeometry(pad, w - pad, h // 2, start, max(1, (end - start).days))


def render_timeline(
    size: tuple[int, int], start: dt.date, end: dt.date, today: dt.date, marks: list[Mark], palette: str, scale: float
) -> pygame.Surface:
    t = Type.at(scale)
    surface = pygame.Surface(size, pygame.SRCALPHA)
    rect = surface.get_rect()
    draw.panel(surface, rect, colour(palette, "panel"), max(4, round(6 * scale)), colour(palette, "border"))
    geo = geometry(size, start, end, scale)
    left, right, y = geo.left, geo.right, geo.y
    small = t.small
    line_h = draw.fonts.line_height(small)
    line_w = max(3, round(4 * scale))
    today_x = geo.x_of(today)
    pygame.draw.line(surface, colour(palette, "border"), (left, y), (right, y), line_w)
    pygame.draw.line(surface, colour(palette, "accent"), (left, y), (today_x, y), line_w)
    for week in range(0, geo.span + 1, 7):
        x = geo.x_of(start + dt.timedelta(days=week))
        pygame.draw.line(surface, colour(palette, "faint"), (x, y - 5), (x, y + 5), 1)
    taken: list[pygame.Rect] = []
    # today's label sits below the line, under its marker
    label = f"Today {today.day} {today:%b}"
    font_b = draw.fonts.font(small, "bold")
    lw = font_b.size(label)[0]
    below_y = y + max(7, round(9 * scale))
    today_box = pygame.Rect(min(max(today_x - lw // 2, 4), rect.right - 4 - lw), below_y, lw, line_h)
    taken.append(today_box.inflate(10, 0))
    draw.text(surface, label, today_box.topleft, small, colour(palette, "focus"), "bold")
    for words, anchor_x, side in ((f"{start.day} {start:%b}", left, "left"), (f"{end.day} {end:%b}", right, "right")):
        box = pygame.Rect(0, below_y, draw.fonts.font(small, "semibold").size(words)[0], line_h)
        if side == "left":
            box.left = anchor_x
        else:
            box.right = anchor_x
        if not any(box.colliderect(o) for o in taken):
            taken.append(box.inflate(10, 0))
            draw.text(surface, words, box.topleft, small, colour(palette, "muted"), "semibold")
    font = draw.fonts.font(small, "regular")
    above_y = max(3, y - max(7, round(9 * scale)) - line_h)
    for mark in sorted(marks, key=lambda m: m.date):
        x = geo.x_of(mark.date)
        ink = colour(palette, "text" if mark.past else "muted")
        pygame.draw.circle(surface, ink, (x, y), max(4, round(5 * scale)))
        pygame.draw.circle(surface, colour(palette, "panel"), (x, y), max(4, round(5 * scale)), 1)
        full = f"{mark.date.day} {mark.date:%b} {mark.title}"
        for words in (full, f"{mark.date.day} {mark.date:%b}"):
            width = font.size(words)[0]
            if width > rect.width - 8:  # wider than the timeline: the date alone will do
                continue
            for top in (above_y, below_y):
                box = pygame.Rect(min(max(x - width // 2, 4), rect.right - 4 - width), top, width, line_h)
                if not any(box.inflate(8, 0).colliderect(o) for o in taken):
                    taken.append(box)
                    draw.text(surface, words, box.topleft, small, ink, "regular")
                    break
            else:
                continue
            break
    marker = max(7, round(9 * scale))
    tip = [(today_x, y + 2), (today_x - marker, y - marker - 4), (today_x + marker, y - marker - 4)]
    pygame.draw.polygon(surface, colour(palette, "focus"), tip)
    pygame.draw.polygon(surface, colour(palette, "bg"), tip, 2)
    return surface

"""The measures over a game as a line chart, drawn with pygame onto a surface: one line per measure,
each against its own range (so a 0–10 and a 0–3 measure share the chart), dates along the bottom,
and every line named at its end with its last value, so the chart needs no separate key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pygame

from ...engine.wording import short_date
from .. import fonts
from ..debrief_page import Series

LINE_COLOURS = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#CC79A7", "#D55E00", "#0072B2", "#999999")


def end_label(one: Series) -> str:
    """'Soviet patience: 3 (0–10)': the measure, where it ended and its range ('Gates shut: yes' for
    a yes/no measure, whose range goes without saying)."""
    if one.words:
        return f"{one.label}: {one.said(-1)}"
    return f"{one.label}: {one.values[-1]} ({one.low}–{one.high})"


def chart_height(series_count: int, size: int) -> int:
    """The height the chart wants: room for its plot and a label per line."""
    line = fonts.line_height(size)
    return max(8 * line, (series_count + 2) * line + 2 * line)


def draw_chart(
    surface: pygame.Surface,
    rect: pygame.Rect,
    dates: Sequence[dt.date],
    series: Sequence[Series],
    size: int,
    text: pygame.Color,
    muted: pygame.Color,
    grid: pygame.Color,
) -> pygame.Rect:
    """Draw the chart in ``rect``; return the plot's rectangle (for tests)."""
    font = fonts.font(size)
    bold = fonts.font(size, "semibold")
    line_h = font.get_linesize()
    label_w = min(rect.w // 3, max((bold.size(end_label(s))[0] for s in series), default=0) + 16)
    plot = pygame.Rect(rect.x + 8, rect.y + line_h // 2, rect.w - label_w - 24, rect.h - line_h * 2)
    for fraction in (0.0, 0.5, 1.0):
        y = plot.bottom - fraction * plot.h
        pygame.draw.line(surface, grid, (plot.x, y), (plot.right, y), 1)
    words = ("lowest", "", "highest")
    for fraction, word in zip((0.0, 0.5, 1.0), words, strict=True):
        if word:
            image = font.render(word, True, muted)
            surface.blit(image, (plot.x + 4, plot.bottom - fraction * plot.h - line_h))
    count = len(dates)
    if count < 2 or not series:
        return plot

    def x_at(i: int) -> float:
        return plot.x + plot.w * i / (count - 1)

    last_x = -1e9
    for i, date in enumerate(dates):
        words_at = "start" if i == 0 else short_date(date)
        image = font.render(words_at, True, muted)
        box = image.get_rect(midtop=(round(x_at(i)), plot.bottom + 4))
        box.clamp_ip(pygame.Rect(rect.x, box.y, rect.w - label_w, box.h))
        if box.x > last_x + 6:
            surface.blit(image, box)
            last_x = box.right
        pygame.draw.line(surface, grid, (x_at(i), plot.bottom), (x_at(i), plot.bottom + 3), 1)
    ends: list[tuple[float, int, Series]] = []
    drawn: list[tuple[float, ...]] = []  # each line's heights as fractions, to part lines that coincide
    for index, one in enumerate(series):
        colour = pygame.Color(LINE_COLOURS[index % len(LINE_COLOURS)])
        span = max(1, one.high - one.low)
        shape = tuple((v - one.low) / span for v in one.values)
        nudge = 4 * drawn.count(shape)  # a line on top of another (two yes/no that changed together) moves aside
        drawn.append(shape)
        points = [(x_at(i), plot.bottom - plot.h * f + (nudge if f > 0.5 else -nudge)) for i, f in enumerate(shape)]
        pygame.draw.lines(surface, colour, False, points, 3)
        for point in points:
            pygame.draw.circle(surface, colour, point, 4)
        ends.append((points[-1][1], index, one))
    floor = -1e9
    for y, index, one in sorted(ends, key=lambda e: e[0]):
        colour = pygame.Color(LINE_COLOURS[index % len(LINE_COLOURS)])
        top = max(y - line_h / 2, floor)
        image = bold.render(end_label(one), True, colour)
        surface.blit(image, (plot.right + 12, round(top)))
        floor = top + line_h
    return plot

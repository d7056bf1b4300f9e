"""Draw the decision tree with pygame: the ``graph`` command's PNG and the window's tree view.

The picture follows ``graph.layout`` and ``graph.routes``: boxes on a grid, arrows through the gaps
between them (never across another box). Titles are wrapped whole words at the size they are shown
(never a bitmap scaled down, which runs letters together), dates read as people write them, each
choice's words stand at the arrow leaving its box, and a legend names every mark. The same code
draws light for a printed page and dark for the game, at any zoom, so the window's labels stay
sharp. Drawing is off-screen (SDL's dummy video driver when there is no display), so the command
works on a server.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pygame

from ...authoring.graph import (
    HISTORY_COLOUR,
    SEALED_COLOUR,
    TABLE_COLOUR,
    Box,
    Frame,
    Layout,
    Point,
    box_area,
    ink,
    layout,
    rgb,
    routes,
)
from ...engine.model import Scenario
from ...engine.wording import long_date, short_date
from .. import fonts
from ..layout import wrap

Colour = tuple[int, int, int]


@dataclass(frozen=True)
class Style:
    """The colours of one look: light for a page, dark for the game's screens."""

    background: Colour
    text: Colour
    muted: Colour
    line: Colour
    outline: Colour
    ending: Colour  # an ending's fill


LIGHT = Style((250, 250, 247), (30, 30, 30), (90, 90, 90), (120, 120, 120), (40, 40, 40), (255, 255, 255))
DARK = Style((18, 26, 36), (242, 245, 248), (180, 192, 206), (127, 142, 163), (12, 16, 22), (236, 240, 245))


@dataclass(frozen=True)
class Sizes:
    """Type sizes in picture pixels (before any zoom)."""

    title: int = 17
    date: int = 14
    label: int = 13
    legend: int = 15

    @property
    def title_line(self) -> int:
        return fonts.line_height(self.title, "bold")


PAGE = Sizes()
GOLD = rgb(HISTORY_COLOUR)
PAD = 8
MOST_LINES = 6  # a title's lines in a box
TITLE_CHARS = 400  # read no further into a title (a hostile file's may be 40,000 characters)
LARGEST = 16000  # pixels: a bigger page is drawn smaller, all of it, rather than not at all


def readable_date(iso: str, long: bool = False) -> str:
    """'16 Aug' (or '16 August 1939') for a box's ISO date; '' when there is none."""
    if not iso:
        return ""
    try:
        day = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return long_date(day) if long else short_date(day)


def title_lines(box: Box, width: float, size: int) -> list[str]:
    """A box's title wrapped in whole words to ``width`` pixels (a title of more than
    ``MOST_LINES`` lines, which no real scene has, ends with an ellipsis)."""
    lines = wrap(box.title[:TITLE_CHARS], max(20, int(width)), size, "bold")
    if len(lines) > MOST_LINES or len(box.title) > TITLE_CHARS:
        lines = lines[:MOST_LINES]
        lines[-1] = lines[-1].rstrip(" ,;:.") + "…"
    return lines


def frame_for_text(
    plan: Layout, sizes: Sizes = PAGE, box_w: int = 210, gap_x: int = 220, gap_y: int = 46, labels: bool = True
) -> Frame:
    """A frame whose boxes hold every title wrapped in full, a readable date and, with
    ``labels``, two lines of each of a box's choices at the arrows leaving it."""
    _init()
    most = max((len(title_lines(b, box_w - 2 * PAD, sizes.title)) for b in plan.boxes.values()), default=1)
    title_h = most * sizes.title_line + fonts.line_height(sizes.date) + 2 * PAD
    exits: dict[str, int] = {}
    for arrow in plan.arrows:
        exits[arrow.source] = exits.get(arrow.source, 0) + 1
    label_h = max(exits.values(), default=1) * (2 * fonts.line_height(sizes.label) + 2) if labels else 0
    box_h = max(title_h, label_h)
    margin = max(40.0, gap_x * 0.7, gap_y)
    return Frame(float(box_w + gap_x), float(box_h + gap_y), float(box_w), float(box_h), margin, True)


def legend_items(scenario: Scenario) -> list[tuple[str, str]]:
    """(words, colour) for every colour and mark the picture uses."""
    items = [(a.short or a.name, a.colour) for a in scenario.actors.values()]
    kinds = {n.kind for n in scenario.nodes.values()}
    if "negotiation" in kinds:
        items.append(("talks at the table", TABLE_COLOUR))
    if "sealed" in kinds:
        items.append(("sealed move", SEALED_COLOUR))
    if any(n.is_chance for n in scenario.nodes.values()):
        items.append(("chance (dashed arrows)", "#9E9E9E"))
    items.append(("ending (round box)", "#FFFFFF"))
    return items


def _legend_height(scenario: Scenario, width: float, sizes: Sizes) -> int:
    return _legend(None, scenario, width, sizes, LIGHT, (0, 0))


def _legend(
    surface: pygame.Surface | None,
    scenario: Scenario,
    width: float,
    sizes: Sizes,
    style: Style,
    at: tuple[float, float],
) -> int:
    """The key to every mark, wrapped to ``width``; returns its height (draws only with a surface)."""
    font = fonts.font(sizes.legend)
    line = font.get_linesize() + 6
    swatch = sizes.legend
    x0, y0 = at
    x, y = x0, y0
    entries: list[tuple[str, str | None, str]] = [(w, c, "swatch") for w, c in legend_items(scenario)]
    entries.append(("gold border and arrow: what really happened", None, "gold"))
    entries.append(("words at an arrow: the choice it stands for", None, "plain"))
    for words, colour_name, kind in entries:
        item_w = font.size(words)[0] + (swatch + 6 if kind != "plain" else 0)
        if x > x0 and x + item_w > x0 + width:
            x, y = x0, y + line
        if surface is not None:
            if kind == "swatch" and colour_name is not None:
                box = pygame.Rect(round(x), round(y + 2), swatch, swatch)
                pygame.draw.rect(surface, rgb(colour_name), box, border_radius=3)
                pygame.draw.rect(surface, style.muted, box, 1, border_radius=3)
            elif kind == "gold":
                pygame.draw.line(surface, GOLD, (x, y + swatch / 2 + 2), (x + swatch, y + swatch / 2 + 2), 4)
            text_x = x + (swatch + 6 if kind != "plain" else 0)
            surface.blit(font.render(words, True, GOLD if kind == "gold" else style.text), (text_x, y))
        x += item_w + 22
    return round(y - y0 + line)


def picture_size(scenario: Scenario, plan: Layout, frame: Frame, sizes: Sizes = PAGE) -> tuple[int, int]:
    """The page: the frame's grid plus the legend under it."""
    width, height = frame.size(plan)
    return width, height - 30 + _legend_height(scenario, width - 2 * frame.margin, sizes) + 10


def smooth(points: Sequence[Point], radius: float) -> list[Point]:
    """A polyline with its corners rounded (quadratic curves of ``radius`` pixels at most)."""
    if len(points) < 3:
        return list(points)
    out = [points[0]]
    for before, corner, after in zip(points, points[1:], points[2:], strict=False):
        a = math.dist(before, corner)
        b = math.dist(corner, after)
        r = min(radius, a / 2, b / 2)
        if r < 1:
            out.append(corner)
            continue
        p1 = (corner[0] + (before[0] - corner[0]) * r / a, corner[1] + (before[1] - corner[1]) * r / a)
        p2 = (corner[0] + (after[0] - corner[0]) * r / b, corner[1] + (after[1] - corner[1]) * r / b)
        for i in range(7):
            t = i / 6
            u = 1 - t
            out.append(
                (
                    u * u * p1[0] + 2 * u * t * corner[0] + t * t * p2[0],
                    u * u * p1[1] + 2 * u * t * corner[1] + t * t * p2[1],
                )
            )
    out.append(points[-1])
    return out


def dashes(points: Sequence[Point], on: float, off: float) -> list[tuple[Point, Point]]:
    """The dashes of a dashed line along ``points``: ``on`` pixels drawn, ``off`` left out."""
    out: list[tuple[Point, Point]] = []
    drawing, left = True, on
    for a, b in itertools.pairwise(points):
        length = math.dist(a, b)
        done = 0.0
        while done < length - 1e-9:
            step = min(left, length - done)
            if drawing:
                t0, t1 = done / length, (done + step) / length
                out.append(
                    (
                        (a[0] + (b[0] - a[0]) * t0, a[1] + (b[1] - a[1]) * t0),
                        (a[0] + (b[0] - a[0]) * t1, a[1] + (b[1] - a[1]) * t1),
                    )
                )
            done += step
            left -= step
            if left <= 1e-9:
                drawing = not drawing
                left = on if drawing else off
    return out


def _arrow_head(surface: pygame.Surface, colour: Colour, tip: Point, towards: Point, size: float) -> None:
    angle = math.atan2(tip[1] - towards[1], tip[0] - towards[0])
    left = (tip[0] - size * math.cos(angle - 0.45), tip[1] - size * math.sin(angle - 0.45))
    right = (tip[0] - size * math.cos(angle + 0.45), tip[1] - size * math.sin(angle + 0.45))
    pygame.draw.polygon(surface, colour, [tip, left, right])


@dataclass(frozen=True)
class View:
    """How picture pixels map to a surface: ``(p - origin) * scale``."""

    scale: float = 1.0
    origin: Point = (0.0, 0.0)

    def point(self, p: Point) -> Point:
        return (p[0] - self.origin[0]) * self.scale, (p[1] - self.origin[1]) * self.scale

    def rect(self, area: tuple[float, float, float, float]) -> pygame.Rect:
        x, y = self.point((area[0], area[1]))
        return pygame.Rect(round(x), round(y), round(area[2] * self.scale), round(area[3] * self.scale))

    def size(self, px: float) -> int:
        return max(1, round(px * self.scale))


def draw_tree(
    surface: pygame.Surface,
    scenario: Scenario,
    plan: Layout,
    frame: Frame,
    style: Style = LIGHT,
    sizes: Sizes = PAGE,
    view: View | None = None,
    labels: bool = True,
    min_text: int = 6,
) -> None:
    """Arrows, boxes and (with ``labels``) the choices' words onto ``surface`` through ``view``.
    Text is rendered at its final size, and a box's title not at all when it would be smaller
    than ``min_text`` pixels (an overview of boxes); boxes wholly off the surface are skipped."""
    view = view or View()
    bounds = surface.get_rect()
    paths = routes(plan, frame)
    line_w = view.size(1.5)
    head = max(4.0, 9 * view.scale)
    for arrow in sorted(plan.arrows, key=lambda a: a.historical):
        points = paths.get((arrow.source, arrow.step))
        if points is None:
            continue
        shown = [view.point(p) for p in smooth(points, 14)]
        colour, wide = (GOLD, view.size(4)) if arrow.historical else (style.line, line_w)
        if arrow.kind in ("chance", "no_deal"):
            for a, b in dashes(shown, view.size(8), view.size(5)):
                pygame.draw.line(surface, colour, a, b, max(wide, 2))
        elif wide <= 1:
            pygame.draw.aalines(surface, colour, False, shown)
        else:
            pygame.draw.lines(surface, colour, False, shown, wide)
        _arrow_head(surface, colour, shown[-1], (shown[-1][0] - 10, shown[-1][1]), head)
    for box in plan.boxes.values():
        rect = view.rect(box_area(frame, box))
        if not rect.colliderect(bounds):
            continue
        _draw_box(surface, box, rect, style, sizes, view, min_text)
    if labels:
        _draw_labels(surface, plan, frame, paths, style, sizes, view)


def _draw_box(
    surface: pygame.Surface, box: Box, rect: pygame.Rect, style: Style, sizes: Sizes, view: View, min_text: int = 6
) -> None:
    radius = rect.h // 2 if box.kind == "outcome" else view.size(4 if box.kind == "decision" else 12)
    fill = style.ending if box.kind == "outcome" else rgb(box.colour)
    radius = min(radius, rect.h // 2, view.size(26))
    pygame.draw.rect(surface, fill, rect, border_radius=radius)
    border, wide = (GOLD, view.size(4)) if box.historical else (style.outline, view.size(1.2))
    if box.fallback:
        wide = max(wide, view.size(2))
    pygame.draw.rect(surface, border, rect, wide, border_radius=radius)
    text_colour = ink(f"#{fill[0]:02X}{fill[1]:02X}{fill[2]:02X}")
    title_size = view.size(sizes.title)
    date_size = view.size(sizes.date)
    if title_size < min_text:
        return
    pad = view.size(PAD)
    lines = title_lines(box, max(10, rect.w - 2 * pad), title_size)
    font = fonts.font(title_size, "bold")
    line_h = font.get_linesize()
    date = readable_date(box.date) + ("" if box.reachable else " · never reached")
    date_font = fonts.font(date_size)
    block = len(lines) * line_h + (date_font.get_linesize() if date else 0)
    y = rect.centery - block / 2
    for line in lines:
        image = font.render(line, True, text_colour)
        surface.blit(image, image.get_rect(midtop=(rect.centerx, round(y))))
        y += line_h
    if date:
        image = date_font.render(date, True, text_colour)
        surface.blit(image, image.get_rect(midtop=(rect.centerx, round(y))))


def _draw_labels(
    surface: pygame.Surface,
    plan: Layout,
    frame: Frame,
    paths: dict[tuple[str, str], tuple[Point, ...]],
    style: Style,
    sizes: Sizes,
    view: View,
) -> None:
    """Each choice's words just right of its box, over the arrow leaving there; two lines at most,
    and pushed down so no two overlap."""
    size = view.size(sizes.label)
    if size < 7:
        return
    font = fonts.font(size)
    line_h = font.get_linesize()
    by_source: dict[str, list[tuple[float, str, bool]]] = {}
    for arrow in plan.arrows:
        points = paths.get((arrow.source, arrow.step))
        if points is None or not arrow.label:
            continue
        by_source.setdefault(arrow.source, []).append((points[0][1], arrow.label, arrow.historical))
    width = max(20, round((frame.column - frame.box_w) * 0.66 * view.scale) - 8)
    for source, items in by_source.items():
        area = box_area(frame, plan.boxes[source])
        left = view.point((area[0] + area[2], 0))[0] + 4
        floor = -1e9
        for y, words, historical in sorted(items):
            lines = wrap(words, width, size)
            if len(lines) > 2:
                lines = [lines[0], _clip(font, " ".join(lines[1:]), width)]
            top = max(view.point((0, y))[1] - len(lines) * line_h - 1, floor)
            for i, line in enumerate(lines):
                image = font.render(line, True, GOLD if historical else style.muted)
                back = image.get_rect(topleft=(round(left), round(top + i * line_h))).inflate(4, 0)
                surface.fill(style.background, back)
                surface.blit(image, back.move(2, 0))
            floor = top + len(lines) * line_h + 2


def _clip(font: pygame.font.Font, text: str, width: int) -> str:
    """``text`` cut at a word and ended with an ellipsis until it fits ``width`` pixels."""
    if font.size(text)[0] <= width:
        return text
    words = text.split()
    while len(words) > 1 and font.size(" ".join(words) + "…")[0] > width:
        words.pop()
    return " ".join(words) + "…"


def draw(scenario: Scenario, plan: Layout | None = None, frame: Frame | None = None) -> pygame.Surface:
    """The whole tree as a light page on a new surface, with its legend."""
    _init()
    plan = plan or layout(scenario)
    frame = frame or frame_for_text(plan)
    width, height = picture_size(scenario, plan, frame)
    scale = min(1.0, LARGEST / max(width, height))
    surface = pygame.Surface((max(1, round(width * scale)), max(1, round(height * scale))))
    surface.fill(LIGHT.background)
    draw_tree(surface, scenario, plan, frame, view=View(scale))
    grid_h = (frame.size(plan)[1] - 30) * scale
    _legend(surface, scenario, surface.get_width() - 2 * frame.margin, PAGE, LIGHT, (frame.margin, grid_h))
    return surface


def _init() -> None:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    pygame.font.init()


def write_png(scenario: Scenario, path: Path, plan: Layout | None = None) -> Path:
    """Draw the tree and write it to ``path``; a file that cannot be written raises ``OSError``, as for
    any other file, never a ``pygame.error``."""
    surface = draw(scenario, plan)
    with open(path, "wb") as handle:  # Python opens it, so a bad path is the usual OSError
        try:
            pygame.image.save(surface, handle, Path(path).name)
        except pygame.error as exc:
            raise OSError(f"the picture could not be saved ({exc})") from None
    return path

"""Draw the decision tree to a PNG with pygame: no window and no Graphviz needed.

The picture follows ``graph.layout`` and ``graph.frame_for``, like the SVG (``game.authoring.graph``).
The window's tree view draws with it too; the ``graph`` command imports it only when a PNG is asked
for. Drawing is off-screen (SDL's dummy video driver when there is no display), so the command works
on a server.
"""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Any

from ...authoring.graph import HISTORY_COLOUR, SEALED_COLOUR, TABLE_COLOUR, Frame, Layout, frame_for, ink, layout, rgb
from ...engine.model import Scenario

BACKGROUND = (250, 250, 247)
LINE = (110, 110, 110)


def _pygame() -> Any:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    pygame.font.init()
    return pygame


def _arrow_head(
    pygame: Any,
    surface: Any,
    colour: tuple[int, int, int],
    tip: tuple[float, float],
    towards: tuple[float, float],
    size: float,
) -> None:
    angle = math.atan2(tip[1] - towards[1], tip[0] - towards[0])
    left = (tip[0] - size * math.cos(angle - 0.4), tip[1] - size * math.sin(angle - 0.4))
    right = (tip[0] - size * math.cos(angle + 0.4), tip[1] - size * math.sin(angle + 0.4))
    pygame.draw.polygon(surface, colour, [tip, left, right])


def curve(
    start: tuple[float, float],
    c1: tuple[float, float],
    c2: tuple[float, float],
    end: tuple[float, float],
    steps: int = 16,
) -> list[tuple[float, float]]:
    """Points along a cubic Bezier curve, for drawing arrows as polylines."""
    points = []
    for i in range(steps + 1):
        t = i / steps
        u = 1 - t
        points.append(
            (
                u**3 * start[0] + 3 * u * u * t * c1[0] + 3 * u * t * t * c2[0] + t**3 * end[0],
                u**3 * start[1] + 3 * u * u * t * c1[1] + 3 * u * t * t * c2[1] + t**3 * end[1],
            )
        )
    return points


def draw(scenario: Scenario, plan: Layout | None = None, frame: Frame | None = None) -> Any:
    """The tree on a new ``pygame.Surface``."""
    pygame = _pygame()
    plan = plan or layout(scenario)
    frame = frame or frame_for(plan, limit=8000)
    width, height = frame.size(plan)
    surface = pygame.Surface((width, height))
    surface.fill(BACKGROUND)
    title_font = pygame.font.Font(None, 20)
    small_font = pygame.font.Font(None, 16)
    half_w, half_h = frame.box_w / 2, frame.box_h / 2
    gold = rgb(HISTORY_COLOUR)
    head = max(3.0, min(9.0, frame.box_h / 5))

    # Plain arrows first, history on top of them.
    for arrow in sorted(plan.arrows, key=lambda a: a.historical):
        if arrow.target not in plan.boxes:
            continue
        (x1, y1), (x2, y2) = frame.centre(plan.boxes[arrow.source]), frame.centre(plan.boxes[arrow.target])
        colour, wide = (gold, 4) if arrow.historical else (LINE, 1)
        if arrow.wraps:
            drop = frame.row * 0.8
            points = curve((x1, y1 + half_h), (x1, y1 + half_h + drop), (x2, y2 - half_h - drop), (x2, y2 - half_h))
        elif arrow.back:
            lift = frame.row * 0.6
            points = curve((x1, y1 - half_h), (x1, y1 - half_h - lift), (x2, y2 - half_h - lift), (x2, y2 - half_h))
        else:
            bend = min(40.0, frame.column / 4)
            points = curve((x1 + half_w, y1), (x1 + half_w + bend, y1), (x2 - half_w - bend, y2), (x2 - half_w, y2))
        if arrow.kind == "chance":
            for i in range(0, len(points) - 1, 2):
                pygame.draw.line(surface, colour, points[i], points[i + 1], wide)
        elif wide == 1:
            pygame.draw.aalines(surface, colour, False, points)
        else:
            pygame.draw.lines(surface, colour, False, points, wide)
        _arrow_head(pygame, surface, colour, points[-1], points[-3], head)

    for box in plan.boxes.values():
        x, y = frame.centre(box)
        rect = pygame.Rect(round(x - half_w), round(y - half_h), round(frame.box_w), round(frame.box_h))
        radius = int(frame.box_h / 2) if box.kind == "outcome" else (2 if box.kind == "decision" else 10)
        fill = rgb(box.colour)
        pygame.draw.rect(surface, fill, rect, border_radius=min(radius, rect.h // 2))
        border, wide = (gold, 4) if box.historical else ((40, 40, 40), 1)
        if box.fallback:
            wide = max(wide, 2)
        pygame.draw.rect(surface, border, rect, wide, border_radius=min(radius, rect.h // 2))
        if not frame.labels:
            continue
        text_colour = ink(box.colour)
        rendered = title_font.render(_fit(title_font, box.title, frame.box_w - 8), True, text_colour)
        surface.blit(rendered, rendered.get_rect(center=(x, y - 7)))
        detail = box.date + ("  (unreachable)" if not box.reachable else "")
        rendered = small_font.render(detail, True, text_colour)
        surface.blit(rendered, rendered.get_rect(center=(x, y + 10)))

    _legend(pygame, surface, scenario, frame, height, small_font)
    return surface


def _legend(pygame: Any, surface: Any, scenario: Scenario, frame: Frame, height: int, font: Any) -> None:
    x = frame.margin
    y = height - 24
    items = [(a.short or a.name, a.colour) for a in scenario.actors.values()]
    kinds = {n.kind for n in scenario.nodes.values()}
    items += [("negotiation", TABLE_COLOUR)] if "negotiation" in kinds else []
    items += [("sealed move", SEALED_COLOUR)] if "sealed" in kinds else []
    items += [("chance", "#9E9E9E"), ("ending", "#FFFFFF")]
    for name, colour in items:
        swatch = pygame.Rect(int(x), int(y), 14, 14)
        pygame.draw.rect(surface, rgb(colour), swatch)
        pygame.draw.rect(surface, (40, 40, 40), swatch, 1)
        text = font.render(name, True, (30, 30, 30))
        surface.blit(text, (x + 18, y + 1))
        x += 28 + text.get_width()
    text = font.render("gold: what really happened", True, rgb(HISTORY_COLOUR))
    surface.blit(text, (x + 10, y + 1))


def _fit(font: Any, text: str, width: float) -> str:
    """``text``, shortened with an ellipsis until it fits ``width`` pixels."""
    if font.size(text)[0] <= width:
        return text
    while len(text) > 1 and font.size(text + "…")[0] > width:
        text = text[:-1]
    return text.rstrip() + "…"


def write_png(scenario: Scenario, path: Path, plan: Layout | None = None) -> Path:
    """Draw the tree and write it to ``path``; a file that cannot be written raises ``OSError``, as for
    any other file, never a ``pygame.error``."""
    pygame = _pygame()
    surface = draw(scenario, plan)
    with open(path, "wb") as handle:  # Python opens it, so a bad path is the usual OSError
        try:
            pygame.image.save(surface, handle, Path(path).name)
        except pygame.error as exc:
            raise OSError(f"the picture could not be saved ({exc})") from None
    return path

"""The decision tree in the window: ``graph_png``'s picture of ``graph.layout`` with the player's
path drawn over it, and the arithmetic of fitting, zooming and scrolling it in a viewport.

The picture is drawn once per scenario version at full size (about 2000 pixels wide for the
flagship) and the path once per visit; each frame only scales the visible part, so zooming and
scrolling stay cheap on a classroom machine.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from ...authoring.graph import Frame, Layout, frame_for, layout
from ...engine import Game, Scenario
from .. import fonts
from ..render import graph_png
from ..render.graph_png import curve

ROAD = pygame.Color("#1B1B1B")  # the player's path: a dark road with a white centre line, unlike
CENTRE_LINE = pygame.Color("#FFFFFF")  # any actor colour and unlike history's gold
MIN_ZOOM_FACTOR = 0.5  # zooming out stops at half the fitted size
MAX_ZOOM = 1.6

_pictures: dict[tuple[str, str], tuple[Layout, Frame, pygame.Surface]] = {}


def picture(scenario: Scenario) -> tuple[Layout, Frame, pygame.Surface]:
    """The tree at full size (cached for the latest two scenario versions)."""
    key = (scenario.id, scenario.content_hash)
    if key not in _pictures:
        if len(_pictures) >= 2:
            _pictures.clear()
        plan = layout(scenario)
        frame = frame_for(plan, limit=8000)
        _pictures[key] = (plan, frame, graph_png.draw(scenario, plan, frame))
    return _pictures[key]


@dataclass(frozen=True)
class Trail:
    """Where the player has been: nodes in visiting order, the steps taken, and where play is now
    (the current node, or the ending reached)."""

    visited: tuple[str, ...]
    steps: tuple[tuple[str, str], ...]  # (node, step id)
    current: str
    ended: bool


def trail_of(game: Game) -> Trail:
    visited: list[str] = []
    for move in game.moves:
        if move.node not in visited:
            visited.append(move.node)
    current = game.state.outcome if game.ended else game.state.node
    return Trail(tuple(visited), tuple((m.node, m.step) for m in game.moves), current, game.ended)


def _arrow_points(
    plan: Layout, frame: Frame, source: str, target: str, back: bool, wraps: bool
) -> list[tuple[float, float]]:
    """The curve ``graph_png`` draws for an arrow, so the road lies on it; except that a road
    along a row past other boxes arches over them, so those boxes do not look visited."""
    (x1, y1), (x2, y2) = frame.centre(plan.boxes[source]), frame.centre(plan.boxes[target])
    half_w, half_h = frame.box_w / 2, frame.box_h / 2
    skips = abs(plan.boxes[target].x - plan.boxes[source].x) > 1 and abs(y2 - y1) < frame.row / 2
    if skips and not back and not wraps:
        lift = (frame.row - frame.box_h) * 0.9
        return curve(
            (x1, y1 - half_h),
            (x1 + frame.column / 2, y1 - half_h - lift),
            (x2 - frame.column / 2, y2 - half_h - lift),
            (x2, y2 - half_h),
        )
    if wraps:
        drop = frame.row * 0.8
        return curve((x1, y1 + half_h), (x1, y1 + half_h + drop), (x2, y2 - half_h - drop), (x2, y2 - half_h))
    if back:
        lift = frame.row * 0.6
        return curve((x1, y1 - half_h), (x1, y1 - half_h - lift), (x2, y2 - half_h - lift), (x2, y2 - half_h))
    bend = min(40.0, frame.column / 4)
    return curve((x1 + half_w, y1), (x1 + half_w + bend, y1), (x2 - half_w - bend, y2), (x2 - half_w, y2))


def box_rect(plan: Layout, frame: Frame, box_id: str) -> pygame.Rect:
    x, y = frame.centre(plan.boxes[box_id])
    return pygame.Rect(round(x - frame.box_w / 2), round(y - frame.box_h / 2), round(frame.box_w), round(frame.box_h))


def with_trail(scenario: Scenario, trail: Trail) -> tuple[pygame.Surface, pygame.Rect | None]:
    """The full-size tree with the player's path over it; also the current box's rectangle."""
    plan, frame, base = picture(scenario)
    surface = base.copy()
    arrows = {(a.source, a.step): a for a in plan.arrows}
    for node, step in trail.steps:
        arrow = arrows.get((node, step))
        if arrow is None or arrow.source not in plan.boxes or arrow.target not in plan.boxes:
            continue
        points = _arrow_points(plan, frame, arrow.source, arrow.target, arrow.back, arrow.wraps)
        pygame.draw.lines(surface, ROAD, False, points, 9)
        pygame.draw.lines(surface, CENTRE_LINE, False, points, 3)
    for box in trail.visited:
        if box in plan.boxes:
            pygame.draw.rect(surface, ROAD, box_rect(plan, frame, box).inflate(10, 10), 5, border_radius=6)
    badge = fonts.font(16, "bold")
    for number, box in enumerate(trail.visited, start=1):
        if box not in plan.boxes:
            continue
        rect = box_rect(plan, frame, box)
        centre = (rect.x - 2, rect.y - 2)
        pygame.draw.circle(surface, ROAD, centre, 12)
        text = badge.render(str(number), True, CENTRE_LINE)
        surface.blit(text, text.get_rect(center=centre))
    here = None
    if trail.current in plan.boxes:
        here = box_rect(plan, frame, trail.current)
        pygame.draw.rect(surface, ROAD, here.inflate(14, 14), 7, border_radius=8)
        pygame.draw.rect(surface, CENTRE_LINE, here.inflate(6, 6), 2, border_radius=6)
        words = "The ending you reached" if trail.ended else "You are here"
        tag = fonts.font(18, "bold").render(words, True, CENTRE_LINE)
        pill = tag.get_rect(midbottom=(here.centerx, here.y - 10)).inflate(16, 8)
        pill.clamp_ip(surface.get_rect())
        pygame.draw.rect(surface, ROAD, pill, border_radius=pill.h // 2)
        surface.blit(tag, tag.get_rect(center=pill.center))
    return surface, here


@dataclass
class Viewport:
    """Which part of a picture shows in a window rectangle, at what zoom. ``x`` and ``y`` are the
    picture's point (in its own pixels) at the viewport's top-left corner."""

    size: tuple[int, int]  # the picture
    area: tuple[int, int]  # the viewport
    zoom: float = 1.0
    x: float = 0.0
    y: float = 0.0

    @property
    def fit(self) -> float:
        """The zoom at which the whole picture fits (never enlarged beyond MAX_ZOOM)."""
        return min(self.area[0] / max(1, self.size[0]), self.area[1] / max(1, self.size[1]), MAX_ZOOM)

    def fit_all(self) -> None:
        self.zoom = self.fit
        self.clamp()

    def clamp(self) -> None:
        """Keep the picture on screen: centred on an axis where it is smaller than the viewport."""
        self.zoom = min(MAX_ZOOM, max(self.fit * MIN_ZOOM_FACTOR, self.zoom))
        for axis in (0, 1):
            seen = self.area[axis] / self.zoom
            extent = self.size[axis]
            value = self.x if axis == 0 else self.y
            value = (extent - seen) / 2 if seen >= extent else min(max(0.0, value), extent - seen)
            if axis == 0:
                self.x = value
            else:
                self.y = value

    def zoom_by(self, factor: float, around: tuple[float, float] | None = None) -> None:
        """Zoom keeping the picture's point under ``around`` (viewport pixels; default the middle) still."""
        ax, ay = around if around is not None else (self.area[0] / 2, self.area[1] / 2)
        px, py = self.x + ax / self.zoom, self.y + ay / self.zoom
        self.zoom = min(MAX_ZOOM, max(self.fit * MIN_ZOOM_FACTOR, self.zoom * factor))
        self.x, self.y = px - ax / self.zoom, py - ay / self.zoom
        self.clamp()

    def pan(self, dx: float, dy: float) -> None:
        """Move by viewport pixels."""
        self.x += dx / self.zoom
        self.y += dy / self.zoom
        self.clamp()

    def centre_on(self, point: tuple[float, float]) -> None:
        self.x = point[0] - self.area[0] / 2 / self.zoom
        self.y = point[1] - self.area[1] / 2 / self.zoom
        self.clamp()

    def source_rect(self) -> pygame.Rect:
        """The part of the picture on screen (in picture pixels), clipped to the picture."""
        rect = pygame.Rect(
            int(self.x), int(self.y), int(self.area[0] / self.zoom) + 1, int(self.area[1] / self.zoom) + 1
        )
        return rect.clip(pygame.Rect((0, 0), self.size))

    def to_screen(self, point: tuple[float, float]) -> tuple[float, float]:
        return (point[0] - self.x) * self.zoom, (point[1] - self.y) * self.zoom


def view_of(picture_surface: pygame.Surface, view: Viewport) -> tuple[pygame.Surface, tuple[int, int]]:
    """The visible part scaled to the viewport, and where (relative to the viewport) to put it."""
    part = view.source_rect()
    if part.w <= 0 or part.h <= 0:
        return pygame.Surface((1, 1)), (0, 0)
    size = (max(1, round(part.w * view.zoom)), max(1, round(part.h * view.zoom)))
    sub = picture_surface.subsurface(part)
    scaled = pygame.transform.smoothscale(sub, size) if view.zoom != 1.0 else sub.copy()
    offset = view.to_screen(part.topleft)
    return scaled, (round(offset[0]), round(offset[1]))

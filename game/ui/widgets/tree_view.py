"""The decision tree in the window: ``graph.layout`` drawn dark by ``graph_png`` at the zoom it is
seen at, the player's path over it, and the arithmetic of fitting, zooming and scrolling it.

Every label is rendered at its final size (never a bitmap scaled down), so text stays sharp at any
zoom. The picture is drawn once per zoom and scrolled by copying (a very large one: only the part on
screen, each time), so dragging stays smooth. The layout is
folded into as many columns as fit the window when the titles are at least ``MIN_TEXT`` pixels
tall, and read at that zoom (``Viewport.reading``) by scrolling down, like a page.

"Fit" shows the whole tree, always. A large tree (the flagship has thirty-odd boxes) cannot fit a
window with its titles at ``MIN_TEXT`` pixels, and titles smaller than that are not readable; so
below that zoom the boxes are drawn without titles, as an overview of colours, the path and
history's road, and the screen names the box under the mouse in readable type and opens the
side panel on a click. Zooming in brings the titles back.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from ...authoring.graph import Frame, Layout, Point, box_area, layout, routes
from ...engine import Game, Scenario
from .. import fonts
from ..render.graph_png import DARK, Sizes, View, draw_tree, frame_for_text, smooth

WINDOW = Sizes(title=20, date=17, label=15, legend=16)
MIN_TEXT = 14  # pixels: no title is drawn smaller than this (below it, the overview has none)
READABLE = MIN_TEXT / WINDOW.title  # the zoom at which titles are MIN_TEXT pixels
WHOLE_PIXELS = 12_000_000  # a tree up to this size at the current zoom is drawn once and scrolled
MIN_ZOOM_FACTOR = 0.5  # zooming out stops at half the fitted size
MAX_ZOOM = 1.6
BOX_W, GAP_X, GAP_Y = 230, 84, 40
ROAD = pygame.Color("#F4F1E8")  # the player's path: a pale road with a dark centre line, unlike
CENTRE_LINE = pygame.Color("#101820")  # any actor colour and unlike history's gold
HOVER = pygame.Color("#8FC7FF")
SELECTED = pygame.Color("#FFFFFF")

_plans: dict[tuple[str, str, int], tuple[Layout, Frame]] = {}


def columns_for(width: int) -> int:
    """How many columns of boxes fit ``width`` pixels with titles at ``MIN_TEXT`` pixels."""
    column = (BOX_W + GAP_X) * READABLE
    return max(3, int((width - 2 * GAP_X * READABLE) // column))


def plan_for(scenario: Scenario, width: int) -> tuple[Layout, Frame]:
    """The layout folded for a window ``width`` pixels wide, and its frame (cached)."""
    fold = columns_for(width)
    key = (scenario.id, scenario.content_hash, fold)
    if key not in _plans:
        if len(_plans) >= 4:
            _plans.clear()
        plan = layout(scenario, fold=fold)
        _plans[key] = (plan, frame_for_text(plan, WINDOW, BOX_W, GAP_X, GAP_Y, labels=False))
    return _plans[key]


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


def box_rect(plan: Layout, frame: Frame, box_id: str) -> pygame.Rect:
    """A box's rectangle in picture pixels."""
    left, top, width, height = box_area(frame, plan.boxes[box_id])
    return pygame.Rect(round(left), round(top), round(width), round(height))


def box_at(plan: Layout, frame: Frame, point: Point) -> str | None:
    """The box under a point of the picture, if any."""
    for box_id in plan.boxes:
        if box_rect(plan, frame, box_id).collidepoint(point):
            return box_id
    return None


def draw_view(
    surface: pygame.Surface,
    scenario: Scenario,
    plan: Layout,
    frame: Frame,
    trail: Trail,
    view: View,
) -> None:
    """The tree as seen through ``view`` onto ``surface``: the picture, then the player's road,
    numbered visits and where play is."""
    surface.fill(DARK.background)
    draw_tree(surface, scenario, plan, frame, DARK, WINDOW, view, labels=False, min_text=MIN_TEXT)
    ways = routes(plan, frame)
    road_w = view.size(9)
    for node, step in trail.steps:
        points = ways.get((node, step))
        if points is None:
            continue
        shown = [view.point(p) for p in smooth(points, 14)]
        pygame.draw.lines(surface, ROAD, False, shown, max(3, road_w))
        pygame.draw.lines(surface, CENTRE_LINE, False, shown, max(1, road_w // 3))
    badge = fonts.font(max(MIN_TEXT, view.size(16)), "bold")
    for number, box in enumerate(trail.visited, start=1):
        if box not in plan.boxes:
            continue
        rect = view.rect(box_area(frame, plan.boxes[box]))
        pygame.draw.rect(surface, ROAD, rect.inflate(8, 8), 4, border_radius=6)
        text = badge.render(str(number), True, CENTRE_LINE)
        centre = (rect.x, rect.y)
        pygame.draw.circle(surface, ROAD, centre, max(text.get_width(), text.get_height()) // 2 + 4)
        surface.blit(text, text.get_rect(center=centre))
    if trail.current in plan.boxes:
        here = view.rect(box_area(frame, plan.boxes[trail.current]))
        pygame.draw.rect(surface, ROAD, here.inflate(16, 16), 6, border_radius=8)
        pygame.draw.rect(surface, CENTRE_LINE, here.inflate(6, 6), 2, border_radius=6)
        words = "The ending you reached" if trail.ended else "You are here"
        tag = fonts.font(max(MIN_TEXT, view.size(18)), "bold").render(words, True, CENTRE_LINE)
        pill = tag.get_rect(midbottom=(here.centerx, here.y - 10)).inflate(16, 6)
        pygame.draw.rect(surface, ROAD, pill, border_radius=pill.h // 2)
        surface.blit(tag, tag.get_rect(center=pill.center))


def draw_lit(
    surface: pygame.Surface,
    plan: Layout,
    frame: Frame,
    view: View,
    offset: tuple[int, int],
    hovered: str | None,
    selected: str | None,
) -> None:
    """Rings round the box under the mouse and the box being read, drawn each frame over the
    picture (which is drawn once per zoom)."""
    for lit, colour, wide in ((hovered, HOVER, 3), (selected, SELECTED, 4)):
        if lit is not None and lit in plan.boxes:
            rect = view.rect(box_area(frame, plan.boxes[lit])).move(offset)
            pygame.draw.rect(surface, colour, rect.inflate(4, 4), wide, border_radius=6)


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

    @property
    def reading(self) -> float:
        """The zoom the tree is read at: the fit, unless that takes titles under ``MIN_TEXT``."""
        return max(self.fit, min(READABLE, MAX_ZOOM))

    @property
    def overview(self) -> bool:
        """Titles would be under ``MIN_TEXT`` pixels at this zoom: the boxes are drawn without."""
        return self.zoom < READABLE - 1e-9

    def fit_all(self) -> None:
        """The whole tree in view (an overview without titles when it is large)."""
        self.zoom = self.fit
        self.x = self.y = 0.0
        self.clamp()

    def read_at(self, point: tuple[float, float]) -> None:
        """At least the reading zoom, centred on a point of the picture."""
        self.zoom = max(self.zoom, self.reading)
        self.centre_on(point)

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

    def to_screen(self, point: tuple[float, float]) -> tuple[float, float]:
        return (point[0] - self.x) * self.zoom, (point[1] - self.y) * self.zoom

    def to_picture(self, point: tuple[float, float]) -> tuple[float, float]:
        return self.x + point[0] / self.zoom, self.y + point[1] / self.zoom

    @property
    def view(self) -> View:
        return View(self.zoom, (self.x, self.y))

"""The map of Europe, drawn from ``assets/map/europe-1939.json`` as it stood on a scenario's start
date: a feature may carry ``from``/``until`` dates (Czechoslovakia before 15 March 1939;
Bohemia-Moravia and Slovakia from then), and the title names the month ("Europe, September 1938").

Regions whose id is an actor's id are tinted in that actor's colour; the features a decision
names in its ``map`` list are outlined and hatched (so the highlight does not rely on colour
alone); routes are drawn as arrows when highlighted. Nothing here knows any scenario's ids: the
map file holds the features, the scenario says which to highlight.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pygame

from ...engine import Scenario
from ...paths import ASSETS
from ..theme import Type, colour, readable_on
from . import draw

MAP_FILE = ASSETS / "map" / "europe-1939.json"


@dataclass(frozen=True)
class Feature:
    id: str
    name: str
    kind: str  # "region" | "route" | "place"
    shapes: tuple[tuple[tuple[float, float], ...], ...]  # polygons, a polyline, or one point
    label: tuple[float, float] | None = None
    context: bool = False
    small: bool = False
    capital: bool = False
    note: str = ""
    since: str = ""  # ISO date from which the feature holds ('' : always)
    until: str = ""  # ISO date from which it no longer holds ('' : still)

    def holds_on(self, day: dt.date) -> bool:
        iso = day.isoformat()
        return (not self.since or self.since <= iso) and (not self.until or iso < self.until)


@dataclass(frozen=True)
class MapData:
    title: str
    extent: tuple[float, float, float, float]  # west, east, south, north
    features: tuple[Feature, ...]
    labels: tuple[tuple[str, tuple[float, float]], ...]
    core: tuple[float, float, float, float] | None = None  # the part that must always show

    def ids(self) -> set[str]:
        return {f.id for f in self.features}

    def get(self, feature: str) -> Feature | None:
        return next((f for f in self.features if f.id == feature), None)


def _pt(value: list[float]) -> tuple[float, float]:
    return (float(value[0]), float(value[1]))


@lru_cache(maxsize=4)
def load_map(path: Path = MAP_FILE) -> MapData:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    ext = data["extent"]
    features: list[Feature] = []
    for region in data.get("regions", []):
        shapes = tuple(tuple(_pt(p) for p in poly) for poly in region["polygons"])
        features.append(
            Feature(
                region["id"],
                region["name"],
                "region",
                shapes,
                _pt(region["label"]) if "label" in region else None,
                bool(region.get("context")),
                bool(region.get("small")),
                note=region.get("note", ""),
                since=str(region.get("from", "")),
                until=str(region.get("until", "")),
            )
        )
    for route in data.get("routes", []):
        features.append(
            Feature(
                route["id"],
                route["name"],
                "route",
                (tuple(_pt(p) for p in route["points"]),),
                _pt(route["label"]) if "label" in route else None,
                since=str(route.get("from", "")),
                until=str(route.get("until", "")),
            )
        )
    for place in data.get("places", []):
        features.append(
            Feature(place["id"], place["name"], "place", ((_pt(place["at"]),),), capital=bool(place.get("capital")))
        )
    labels = tuple((item["text"], _pt(item["at"])) for item in data.get("labels", []))
    core = data.get("core")
    return MapData(
        data.get("title", ""),
        (float(ext["west"]), float(ext["east"]), float(ext["south"]), float(ext["north"])),
        tuple(features),
        labels,
        (float(core["west"]), float(core["east"]), float(core["south"]), float(core["north"])) if core else None,
    )


def uses_map(scenario: Scenario) -> bool:
    """Whether a scenario is played on the map: it names map features (``meta.map`` or a node's
    ``map``). An invented case that names none is not set in 1939 Europe: no map is shown for it."""
    return bool(scenario.map_features) or any(node.map for node in scenario.nodes.values())


def map_title(day: dt.date) -> str:
    """The map's caption for a scenario starting on ``day``: 'Europe, September 1938'."""
    return f"Europe, {day:%B %Y}"


@lru_cache(maxsize=8)
def map_as_of(day: dt.date, path: Path = MAP_FILE) -> MapData:
    """The map with only the features that hold on ``day``, titled for it."""
    data = load_map(path)
    features = tuple(f for f in data.features if f.holds_on(day))
    return MapData(map_title(day), data.extent, features, data.labels, data.core)


class Projection:
    """Longitude/latitude to pixels: equirectangular, squeezed by cos(mid-latitude). The view
    zooms in as far as it can while the ``core`` box stays whole, but no further than needed to
    fill the rectangle with the full extent, so any window shape shows the heart of the map."""

    def __init__(
        self,
        extent: tuple[float, float, float, float],
        rect: pygame.Rect,
        core: tuple[float, float, float, float] | None = None,
    ) -> None:
        west, east, south, north = extent
        self.k = math.cos(math.radians((south + north) / 2))
        core = core or extent
        cw, ce, cs, cn = core
        fit_core = min(rect.w / ((ce - cw) * self.k), rect.h / (cn - cs))
        cover = max(rect.w / ((east - west) * self.k), rect.h / (north - south))
        fit = min(rect.w / ((east - west) * self.k), rect.h / (north - south))
        self.scale = max(fit, min(fit_core, cover))
        centre_lon, centre_lat = (cw + ce) / 2, (cs + cn) / 2
        self.x0 = rect.centerx - centre_lon * self.k * self.scale
        self.y0 = rect.centery + centre_lat * self.scale

    @property
    def per_degree(self) -> float:
        """Pixels per degree of latitude: how much room labels have."""
        return self.scale

    def __call__(self, point: tuple[float, float]) -> tuple[int, int]:
        lon, lat = point
        return (round(self.x0 + lon * self.k * self.scale), round(self.y0 - lat * self.scale))


@dataclass(frozen=True)
class _Inks:
    """The palette's colours for the map."""

    sea: pygame.Color
    land: pygame.Color
    context: pygame.Color
    edge: pygame.Color
    glow: pygame.Color
    route: pygame.Color
    ink: pygame.Color
    halo: pygame.Color = field(default_factory=lambda: pygame.Color(20, 24, 30))
    white: pygame.Color = field(default_factory=lambda: pygame.Color("#FFFFFF"))

    @classmethod
    def of(cls, palette: str) -> _Inks:
        names = ("sea", "land", "context_land", "land_edge", "highlight", "route", "ink")
        return cls(*(colour(palette, name) for name in names))


@dataclass(frozen=True)
class _View:
    """Where the map goes in the surface, and how big its labels may be there."""

    proj: Projection
    label_px: int
    small_px: int
    roomy: bool  # room for the sea names and the context regions' names
    scale: float

    @classmethod
    def of(cls, data: MapData, rect: pygame.Rect, t: Type, scale: float, least_px: int = 0) -> _View:
        """Labels as large as the picture allows, up to the type's sizes and never under
        ``least_px`` (the reader's own small type: a label that no longer fits is left out)."""
        proj = Projection(data.extent, rect.inflate(-8, -8), data.core)
        label_px = max(least_px, int(min(t.body, max(11, proj.per_degree * 0.8))))
        small_px = max(least_px, int(min(t.small, max(10, proj.per_degree * 0.62))))
        return cls(proj, label_px, small_px, proj.per_degree >= 15, scale)


@dataclass(frozen=True)
class _Dot:
    feature: Feature
    at: tuple[int, int]
    r: int

    @property
    def rect(self) -> pygame.Rect:
        return pygame.Rect(self.at[0] - self.r, self.at[1] - self.r, 2 * self.r, 2 * self.r)


@dataclass(frozen=True)
class _Label:
    """A label asked for; lower ``priority`` is placed first."""

    priority: int
    words: str
    at: tuple[int, int]
    size: int
    ink: pygame.Color
    style: str
    anchor: str
    ring: pygame.Color | None  # a halo; a label without one also keeps off the place dots


def render_map(
    size: tuple[int, int],
    highlight: frozenset[str],
    tints: dict[str, pygame.Color],
    palette: str,
    scale: float,
    title: str = "",
    data: MapData | None = None,
    least_px: int = 0,
) -> pygame.Surface:
    """The map as a surface of ``size``: sea, land, tints, highlights, routes, places, labels. No
    label is drawn under ``least_px`` (a screen that is read passes its small type: at projector
    size the minor labels give way rather than shrink with the picture)."""
    data = data or load_map()
    t = Type.at(scale)
    inks = _Inks.of(palette)
    surface = pygame.Surface(size)
    surface.fill(inks.sea)
    view = _View.of(data, surface.get_rect(), t, scale, least_px)
    regions = [f for f in data.features if f.kind == "region"]
    fills = _draw_regions(surface, regions, tints, view, inks)
    _draw_highlights(surface, [f for f in regions if f.id in highlight], view, inks)
    _draw_routes(surface, data.features, highlight, view, inks)  # geometry first: routes, then place dots
    dots = _draw_places(surface, data.features, highlight, view, inks)
    labels = [
        *_place_labels(dots, highlight, view, inks),
        *_region_labels(regions, highlight, tints, fills, view, inks, palette),
        *_route_labels(data.features, highlight, view, inks),
        *_sea_labels(data, view, inks),
    ]
    _draw_labels(surface, labels, dots)
    if title:
        draw.text(surface, title, (10, 8), t.small, inks.white, "bold", halo=inks.halo)
    return surface


def _draw_regions(
    surface: pygame.Surface, regions: list[Feature], tints: dict[str, pygame.Color], view: _View, inks: _Inks
) -> dict[str, pygame.Color]:
    """Every region filled (tinted for an actor) and edged; returns each region's fill."""
    fills: dict[str, pygame.Color] = {}
    for feature in regions:
        fill = inks.context if feature.context else inks.land
        if feature.id in tints:
            fill = draw.mix(inks.land, tints[feature.id], 0.55)
        fills[feature.id] = fill
        for poly in feature.shapes:
            points = [view.proj(p) for p in poly]
            pygame.draw.polygon(surface, fill, points)
            pygame.draw.polygon(surface, inks.edge, points, 1)
    return fills


def _draw_highlights(surface: pygame.Surface, regions: list[Feature], view: _View, inks: _Inks) -> None:
    """The highlighted regions hatched and outlined, so the highlight does not rely on colour alone."""
    glow, scale = inks.glow, view.scale
    hatch_rgba = (glow.r, glow.g, glow.b, 150)
    outline_w = max(2, round(3 * scale))
    for feature in regions:
        for poly in feature.shapes:
            points = [view.proj(p) for p in poly]
            bounds = pygame.Rect(points[0], (0, 0)).unionall([pygame.Rect(p, (1, 1)) for p in points])
            mask = pygame.Surface(bounds.size, pygame.SRCALPHA)
            pygame.draw.polygon(mask, (255, 255, 255, 255), [(x - bounds.x, y - bounds.y) for x, y in points])
            stripes = draw.hatch(surface, bounds, hatch_rgba, spacing=max(8, round(10 * scale)), width=2)
            stripes.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
            surface.blit(stripes, bounds)
            pygame.draw.polygon(surface, pygame.Color(20, 20, 20), points, outline_w + 2)
            pygame.draw.polygon(surface, glow, points, outline_w)


def _draw_routes(
    surface: pygame.Surface, features: tuple[Feature, ...], highlight: frozenset[str], view: _View, inks: _Inks
) -> None:
    for feature in features:
        if feature.kind == "route":
            lit = feature.id in highlight
            points = [view.proj(p) for p in feature.shapes[0]]
            _route(surface, points, inks.glow if lit else inks.route, lit, view.scale)


def _draw_places(
    surface: pygame.Surface, features: tuple[Feature, ...], highlight: frozenset[str], view: _View, inks: _Inks
) -> list[_Dot]:
    """A dot for each place (ringed when highlighted); returns them, for the labels to keep clear of."""
    dots: list[_Dot] = []
    scale = view.scale
    for feature in features:
        if feature.kind != "place":
            continue
        at = view.proj(feature.shapes[0][0])
        lit = feature.id in highlight
        r = max(3, round((5 if feature.capital else 4) * min(scale, 1.3)))
        if lit:
            pygame.draw.circle(surface, inks.halo, at, r + 6)
            pygame.draw.circle(surface, inks.glow, at, r + 4, max(2, round(2 * scale)))
        pygame.draw.circle(surface, inks.halo, at, r + 1)
        pygame.draw.circle(surface, inks.white if lit else inks.ink, at, r)
        dots.append(_Dot(feature, at, r))
    return dots


def _place_labels(dots: list[_Dot], highlight: frozenset[str], view: _View, inks: _Inks) -> list[_Label]:
    labels = []
    for dot in dots:
        feature = dot.feature
        lit = feature.id in highlight
        priority = 0 if lit else (3 if feature.capital else 5)
        labels.append(
            _Label(
                priority,
                feature.name,
                (dot.at[0] + dot.r + 3, dot.at[1]),
                view.label_px if lit else view.small_px,
                inks.white,
                "bold" if lit else "semibold",
                "midleft",
                inks.halo,
            )
        )
    return labels


def _region_labels(
    regions: list[Feature],
    highlight: frozenset[str],
    tints: dict[str, pygame.Color],
    fills: dict[str, pygame.Color],
    view: _View,
    inks: _Inks,
    palette: str,
) -> list[_Label]:
    """Country names in capitals; context regions (beyond the negotiation) only where there is room."""
    labels = []
    for feature in regions:
        if feature.label is None:
            continue
        lit = feature.id in highlight
        if feature.context and not lit and not view.roomy:
            continue
        size_px = view.small_px if (feature.small or feature.context) else view.label_px
        ink = inks.white if lit else readable_on(fills[feature.id], palette)
        priority = 1 if lit else (4 if feature.id in tints else 6 if not feature.context else 8)
        labels.append(
            _Label(
                priority,
                feature.name.upper() if not feature.context else feature.name,
                view.proj(feature.label),
                size_px,
                ink,
                "bold" if not feature.context else "semibold",
                "center",
                inks.halo if lit else None,
            )
        )
    return labels


def _route_labels(features: tuple[Feature, ...], highlight: frozenset[str], view: _View, inks: _Inks) -> list[_Label]:
    """Only a highlighted route is named."""
    return [
        _Label(2, f.name, view.proj(f.label), view.small_px, inks.white, "bold", "center", inks.halo)
        for f in features
        if f.kind == "route" and f.id in highlight and f.label is not None
    ]


def _sea_labels(data: MapData, view: _View, inks: _Inks) -> list[_Label]:
    if not view.roomy:
        return []
    ink = draw.mix(inks.sea, inks.white, 0.45)
    return [_Label(9, words, view.proj(at), view.small_px, ink, "italic", "center", None) for words, at in data.labels]


def _draw_labels(surface: pygame.Surface, labels: list[_Label], dots: list[_Dot]) -> None:
    """Labels by priority; one that would leave the map or overlap a label already placed is left
    out, and so is one without a halo that would cover a place's dot."""
    bounds = surface.get_rect()
    dot_boxes = [dot.rect for dot in dots]
    placed: list[pygame.Rect] = []
    for label in sorted(labels, key=lambda item: item.priority):
        font = draw.fonts.font(label.size, label.style)
        box = pygame.Rect((0, 0), font.size(label.words))
        setattr(box, label.anchor, label.at)
        if not bounds.contains(box) or any(box.colliderect(other) for other in placed):
            continue
        if label.ring is None and any(box.colliderect(other) for other in dot_boxes):
            continue
        placed.append(box.inflate(4, 0))
        draw.text(
            surface, label.words, label.at, label.size, label.ink, label.style, anchor=label.anchor, halo=label.ring
        )


def _route(surface: pygame.Surface, points: list[tuple[int, int]], ink: pygame.Color, lit: bool, scale: float) -> None:
    """A route: dashed and thin when idle, thick with an arrowhead when highlighted."""
    width = max(4, round(6 * scale)) if lit else max(1, round(2 * scale))
    dash = max(6, round(10 * scale))
    if lit:
        pygame.draw.lines(surface, (20, 20, 20), False, points, width + 4)
        pygame.draw.lines(surface, ink, False, points, width)
        for point in points:
            pygame.draw.circle(surface, ink, point, width // 2)
    for (x1, y1), (x2, y2) in itertools.pairwise(points) if not lit else ():
        length = math.hypot(x2 - x1, y2 - y1)
        steps = max(1, int(length // dash))
        for i in range(0, steps, 2):
            a = i / steps
            b = min(1.0, (i + 1) / steps)
            start = (x1 + (x2 - x1) * a, y1 + (y2 - y1) * a)
            end = (x1 + (x2 - x1) * b, y1 + (y2 - y1) * b)
            pygame.draw.line(surface, ink, start, end, width)
    if lit and len(points) >= 2:
        (x1, y1), (x2, y2) = points[-2], points[-1]
        angle = math.atan2(y2 - y1, x2 - x1)
        size = max(14, round(22 * scale))
        head = [
            (x2, y2),
            (x2 - size * math.cos(angle - 0.45), y2 - size * math.sin(angle - 0.45)),
            (x2 - size * math.cos(angle + 0.45), y2 - size * math.sin(angle + 0.45)),
        ]
        pygame.draw.polygon(surface, ink, head)
        pygame.draw.polygon(surface, (20, 20, 20), head, 2)

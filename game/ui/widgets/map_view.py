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
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pygame

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


def render_map(
    size: tuple[int, int],
    highlight: frozenset[str],
    tints: dict[str, pygame.Color],
    palette: str,
    scale: float,
    title: str = "",
    data: MapData | None = None,
) -> pygame.Surface:
    """The map as a surface of ``size``: sea, land, tints, highlights, routes, places, labels."""
    data = data or load_map()
    t = Type.at(scale)
    surface = pygame.Surface(size)
    rect = surface.get_rect()
    surface.fill(colour(palette, "sea"))
    inner = rect.inflate(-8, -8)
    proj = Projection(data.extent, inner, data.core)
    label_px = int(min(t.body, max(11, proj.per_degree * 0.8)))
    small_px = int(min(t.small, max(10, proj.per_degree * 0.62)))
    roomy = proj.per_degree >= 15
    placed: list[pygame.Rect] = []
    land = colour(palette, "land")
    context = colour(palette, "context_land")
    edge = colour(palette, "land_edge")
    glow = colour(palette, "highlight")
    hatch_rgba = (glow.r, glow.g, glow.b, 150)
    outline_w = max(2, round(3 * scale))
    regions = [f for f in data.features if f.kind == "region"]
    fills: dict[str, pygame.Color] = {}
    for feature in regions:
        fill = context if feature.context else land
        if feature.id in tints:
            fill = draw.mix(land, tints[feature.id], 0.55)
        fills[feature.id] = fill
        for poly in feature.shapes:
            points = [proj(p) for p in poly]
            pygame.draw.polygon(surface, fill, points)
            pygame.draw.polygon(surface, edge, points, 1)
    for feature in regions:
        if feature.id not in highlight:
            continue
        for poly in feature.shapes:
            points = [proj(p) for p in poly]
            bounds = pygame.Rect(points[0], (0, 0)).unionall([pygame.Rect(p, (1, 1)) for p in points])
            mask = pygame.Surface(bounds.size, pygame.SRCALPHA)
            pygame.draw.polygon(mask, (255, 255, 255, 255), [(x - bounds.x, y - bounds.y) for x, y in points])
            stripes = draw.hatch(surface, bounds, hatch_rgba, spacing=max(8, round(10 * scale)), width=2)
            stripes.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
            surface.blit(stripes, bounds)
            pygame.draw.polygon(surface, pygame.Color(20, 20, 20), points, outline_w + 2)
            pygame.draw.polygon(surface, glow, points, outline_w)
    halo = pygame.Color(20, 24, 30)
    white = pygame.Color("#FFFFFF")
    # geometry first: routes, then place dots
    for feature in data.features:
        if feature.kind == "route":
            lit = feature.id in highlight
            _route(surface, [proj(p) for p in feature.shapes[0]], glow if lit else colour(palette, "route"), lit, scale)
    dots: list[tuple[Feature, tuple[int, int], int]] = []
    for feature in data.features:
        if feature.kind != "place":
            continue
        at = proj(feature.shapes[0][0])
        lit = feature.id in highlight
        r = max(3, round((5 if feature.capital else 4) * min(scale, 1.3)))
        if lit:
            pygame.draw.circle(surface, halo, at, r + 6)
            pygame.draw.circle(surface, glow, at, r + 4, max(2, round(2 * scale)))
        pygame.draw.circle(surface, halo, at, r + 1)
        pygame.draw.circle(surface, white if lit else colour(palette, "ink"), at, r)
        dots.append((feature, at, r))
        placed.append(pygame.Rect(at[0] - r, at[1] - r, 2 * r, 2 * r))
    # labels by priority; a label that would overlap one already placed is left out
    requests: list[tuple[int, str, tuple[int, int], int, pygame.Color, str, str, pygame.Color | None]] = []
    for feature, at, r in dots:
        lit = feature.id in highlight
        priority = 0 if lit else (3 if feature.capital else 5)
        requests.append(
            (
                priority,
                feature.name,
                (at[0] + r + 3, at[1]),
                label_px if lit else small_px,
                white,
                "bold" if lit else "semibold",
                "midleft",
                halo,
            )
        )
    for feature in regions:
        if feature.label is None:
            continue
        lit = feature.id in highlight
        if feature.context and not lit and not roomy:
            continue
        size_px = small_px if (feature.small or feature.context) else label_px
        ink = white if lit else readable_on(fills[feature.id], palette)
        priority = 1 if lit else (4 if feature.id in tints else 6 if not feature.context else 8)
        requests.append(
            (
                priority,
                feature.name.upper() if not feature.context else feature.name,
                proj(feature.label),
                size_px,
                ink,
                "bold" if not feature.context else "semibold",
                "center",
                halo if lit else None,
            )
        )
    for feature in data.features:
        if feature.kind == "route" and feature.id in highlight and feature.label is not None:
            requests.append((2, feature.name, proj(feature.label), small_px, white, "bold", "center", halo))
    sea_label = draw.mix(colour(palette, "sea"), white, 0.45)
    if roomy:
        for words, at in data.labels:
            requests.append((9, words, proj(at), small_px, sea_label, "italic", "center", None))
    bounds = surface.get_rect()
    for _, words, at, size_px, ink, style, anchor, ring in sorted(requests, key=lambda r: r[0]):
        font = draw.fonts.font(size_px, style)
        box = pygame.Rect((0, 0), font.size(words))
        setattr(box, anchor, at)
        if not bounds.contains(box) or any(box.colliderect(other) for other in placed[len(dots) :]):
            continue
        if ring is None and any(box.colliderect(other) for other in placed[: len(dots)]):
            continue
        placed.append(box.inflate(4, 0))
        draw.text(surface, words, at, size_px, ink, style, anchor=anchor, halo=ring)
    if title:
        draw.text(surface, title, (10, 8), t.small, white, "bold", halo=halo)
    return surface


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

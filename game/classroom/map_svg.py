"""The map of Europe for printed pages, as inline SVG, from ``assets/map/europe-1939.json``.

The window draws the same file with pygame; a handout needs no window, so this reads the file with
the guarded JSON reader and writes SVG text. Regions whose id is a role's id are tinted in its
colour, as in the window; routes are dashed arrows; features that hold only from or until a date
are drawn as they stood when the scenario starts.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass

from ..engine.jsonread import JSONValue
from ..engine.safefile import FileProblem, read_json
from ..paths import ASSETS
from .html_page import e

MAP_FILE = ASSETS / "map" / "europe-1939.json"
MAP_LIMIT = 4 * 1024 * 1024
WIDTH = 760.0


@dataclass(frozen=True)
class _Box:
    west: float
    east: float
    south: float
    north: float

    @property
    def squeeze(self) -> float:
        return math.cos(math.radians((self.south + self.north) / 2))

    @property
    def scale(self) -> float:
        return WIDTH / ((self.east - self.west) * self.squeeze)

    @property
    def height(self) -> float:
        return (self.north - self.south) * self.scale

    def at(self, point: tuple[float, float]) -> tuple[float, float]:
        lon, lat = point
        return (lon - self.west) * self.squeeze * self.scale, (self.north - lat) * self.scale

    def pairs(self, points: list[tuple[float, float]]) -> str:
        return " ".join("{:.1f},{:.1f}".format(*self.at(p)) for p in points)


def _holds(feature: Mapping[str, JSONValue], day: dt.date) -> bool:
    iso = day.isoformat()
    since, until = str(feature.get("from") or ""), str(feature.get("until") or "")
    return (not since or since <= iso) and (not until or iso < until)


def _dicts(value: JSONValue) -> list[Mapping[str, JSONValue]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _point(value: JSONValue) -> tuple[float, float] | None:
    """A [longitude, latitude] pair, or None for anything else in the file."""
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, (int, float)) for v in value):
        lon, lat = value
        assert isinstance(lon, (int, float)) and isinstance(lat, (int, float))
        return float(lon), float(lat)
    return None


def _points(value: JSONValue) -> list[tuple[float, float]]:
    found = [_point(p) for p in value] if isinstance(value, list) else []
    return [p for p in found if p is not None]


def _text(box: _Box, at: JSONValue, css: str, words: object, dx: float = 0, dy: float = 0) -> str:
    point = _point(at)
    if point is None:
        return ""
    x, y = box.at(point)
    near_edge = dx > 0 and x + dx > WIDTH - 70  # a name beside a dot at the right edge goes to its left
    anchor = ' text-anchor="end"' if near_edge else ""
    return f'<text x="{x + (-dx if near_edge else dx):.1f}" y="{y + dy:.1f}" class="{css}"{anchor}>{e(words)}</text>'


def map_svg(day: dt.date, colours: Mapping[str, str], features: frozenset[str]) -> str:
    """The map as it stood on ``day``, with the regions named in ``colours`` tinted; '' when none of
    ``features`` (the scenario's roles and the places its decisions name) is on the map, or the map
    file cannot be read (the page then says there is no map)."""
    try:
        data = read_json(MAP_FILE, MAP_LIMIT, "map")
    except FileProblem:
        return ""
    if not isinstance(data, dict) or not isinstance(data.get("core"), dict):
        return ""
    on_map = {str(f.get("id")) for key in ("regions", "routes", "places") for f in _dicts(data.get(key))}
    if not features & on_map:
        return ""
    core, extent = data["core"], data.get("extent")
    assert isinstance(core, dict)
    west = extent.get("west", core["west"]) if isinstance(extent, dict) else core["west"]
    # the core box, widened west to the map's edge so Britain and France show whole on paper
    box = _Box(float(str(west)), *(float(str(core[k])) for k in ("east", "south", "north")))
    shapes, labels = [], []
    for region in (r for r in _dicts(data.get("regions")) if _holds(r, day)):
        rid = str(region.get("id", ""))
        fill = colours.get(rid, "#eef0f2" if region.get("context") else "#dfe3e8")
        opacity = "0.55" if rid in colours else "1"
        polygons = region.get("polygons")
        for polygon in polygons if isinstance(polygons, list) else []:
            points = box.pairs(_points(polygon))
            shapes.append(
                f'<polygon points="{points}" fill="{e(fill)}" fill-opacity="{opacity}" stroke="#6b7280" '
                'stroke-width="0.8"/>'
            )
        if not region.get("context"):
            labels.append(_text(box, region.get("label"), "region", str(region.get("name", rid)).upper()))
    for route in (r for r in _dicts(data.get("routes")) if _holds(r, day)):
        points = box.pairs(_points(route.get("points")))
        shapes.append(
            f'<polyline points="{points}" fill="none" stroke="#1f2328" stroke-width="2.2" '
            'stroke-dasharray="6 4" marker-end="url(#arrow)"/>'
        )
        labels.append(_text(box, route.get("label"), "route", route.get("name", "")))
    for place in _dicts(data.get("places")):
        at = _point(place.get("at"))
        if at is not None:
            x, y = box.at(at)
            radius = 3.2 if place.get("capital") else 2.2
            shapes.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius}" fill="#1f2328"/>')
            labels.append(_text(box, place.get("at"), "place", place.get("name", ""), 5, -4))
    for item in _dicts(data.get("labels")):
        labels.append(_text(box, item.get("at"), "sea", item.get("text", "")))
    return (
        f'<svg viewBox="0 0 {WIDTH:.0f} {box.height:.0f}" role="img" aria-label="Map of Europe, {day:%B %Y}" '
        'xmlns="http://www.w3.org/2000/svg">'
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="6" markerHeight="6" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#1f2328"/></marker>'
        "<style>text{font-family:Helvetica,Arial,sans-serif;paint-order:stroke;stroke:#fff;stroke-width:3px}"
        ".region{font-size:11px;font-weight:bold;text-anchor:middle;fill:#1f2328}"
        ".route{font-size:10px;font-style:italic;fill:#1f2328}.place{font-size:10px;fill:#1f2328}"
        ".sea{font-size:10px;font-style:italic;fill:#5b6169;text-anchor:middle}</style></defs>"
        f'<rect width="100%" height="100%" fill="#f4f7fb"/>{"".join(shapes)}{"".join(labels)}</svg>'
    )

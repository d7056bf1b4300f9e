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

    def at(self, point: list[float]) -> str:
        lon, lat = float(point[0]), float(point[1])
        return f"{(lon - self.west) * self.squeeze * self.scale:.1f},{(self.north - lat) * self.scale:.1f}"


def _holds(feature: Mapping[str, JSONValue], day: dt.date) -> bool:
    iso = day.isoformat()
    since, until = str(feature.get("from") or ""), str(feature.get("until") or "")
    return (not since or since <= iso) and (not until or iso < until)


def _dicts(value: JSONValue) -> list[Mapping[str, JSONValue]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _points(value: JSONValue) -> list[list[float]]:
    return [p for p in value if isinstance(p, list) and len(p) == 2] if isinstance(value, list) else []


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
        for polygon in region.get("polygons") or []:
            points = " ".join(box.at(p) for p in _points(polygon))
            shapes.append(
                f'<polygon points="{points}" fill="{e(fill)}" fill-opacity="{opacity}" stroke="#6b7280" '
                'stroke-width="0.8"/>'
            )
        label = region.get("label")
        if isinstance(label, list) and not region.get("context"):
            x, y = box.at(label).split(",")
            labels.append(f'<text x="{x}" y="{y}" class="region">{e(str(region.get("name", rid)).upper())}</text>')
    for route in (r for r in _dicts(data.get("routes")) if _holds(r, day)):
        points = " ".join(box.at(p) for p in _points(route.get("points")))
        shapes.append(
            f'<polyline points="{points}" fill="none" stroke="#1f2328" stroke-width="2.2" '
            'stroke-dasharray="6 4" marker-end="url(#arrow)"/>'
        )
        label = route.get("label")
        if isinstance(label, list):
            x, y = box.at(label).split(",")
            labels.append(f'<text x="{x}" y="{y}" class="route">{e(route.get("name", ""))}</text>')
    for place in _dicts(data.get("places")):
        at = place.get("at")
        if isinstance(at, list):
            x, y = box.at(at).split(",")
            shapes.append(f'<circle cx="{x}" cy="{y}" r="{3.2 if place.get("capital") else 2.2}" fill="#1f2328"/>')
            labels.append(f'<text x="{float(x) + 5:.1f}" y="{float(y) - 4:.1f}" class="place">{e(place.get("name", ""))}</text>')
    for item in _dicts(data.get("labels")):
        at = item.get("at")
        if isinstance(at, list):
            x, y = box.at(at).split(",")
            labels.append(f'<text x="{x}" y="{y}" class="sea">{e(item.get("text", ""))}</text>')
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

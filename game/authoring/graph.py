"""The decision tree as a picture: a pure layered layout, and writers for Graphviz DOT and SVG.

``layout(scenario)`` is pure (no pygame, no files) so the game's in-game tree view and the
``graph`` command draw the same picture from the same positions. Play flows left to right: each
node sits one layer after the latest node that leads to it, outcomes form the last layer, and
the order within a layer is chosen to keep arrows from crossing. A long tree is folded into bands
read top to bottom, like lines of text, so the whole of it fits one screen or page.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace
from html import escape

from ..engine.budget import Budget
from ..engine.graphcheck import historical_path, reachable
from ..engine.model import Node, Scenario
from ..engine.wording import short_date

CHANCE_COLOUR = "#9E9E9E"
TABLE_COLOUR = "#E8D9B5"  # a negotiation: no one actor's colour, the parties meet there
SEALED_COLOUR = "#C9C3DE"  # a sealed move
TABLE_EXITS = ("deal", "no_deal", "resolve")  # arrow kinds out of negotiations and sealed moves
OUTCOME_COLOUR = "#FFFFFF"
HISTORY_COLOUR = "#C9A227"
_SWEEPS = 4
GRAPH_BUDGET = (2_000_000, 20.0)  # steps of row tidying, and seconds
_LAYERS_PER_BAND = 10  # fold when there are more layers than this


@dataclass(frozen=True)
class Box:
    """A placed node or outcome. ``x`` is its column and ``y`` its row, in layout units."""

    id: str
    kind: str  # "decision" | "chance" | "negotiation" | "sealed" | "outcome"
    title: str
    actor: str  # "" for chance nodes and outcomes
    colour: str
    layer: int
    row: int
    x: float
    y: float
    date: str
    historical: bool  # on the historical path, or the ending it reaches
    reachable: bool  # some path through the graph leads here
    fallback: bool = False


@dataclass(frozen=True)
class Arrow:
    """A choice or chance branch from one box to another. ``back`` arrows go to an earlier column."""

    source: str
    target: str
    step: str
    label: str
    kind: str  # "choice" | "chance" | "deal" | "no_deal" | "resolve" (a sealed move's resolution)
    historical: bool
    back: bool
    wraps: bool = False  # goes forward into a later band (drawn downwards)


@dataclass(frozen=True)
class Layout:
    boxes: dict[str, Box]
    arrows: tuple[Arrow, ...]
    columns: int  # columns on the page (layers per band)
    rows: int  # rows on the page, all bands together
    path: tuple[str, ...]  # the historical path: node ids, then the ending if it reaches one
    layers: int = 0  # layers of play from the start to the outcomes
    bands: int = 1
    stopped: str = ""  # why the tidying of rows stopped early ('' when it ran its course)


@dataclass(frozen=True)
class Way:
    """One way out of a node as the picture shows it: a choice, a branch, or a table's exit."""

    step: str
    label: str
    target: str
    kind: str
    historical: bool  # history went this way (when history reached the node)


def ways_out(scenario: Scenario, node: Node) -> list[Way]:
    """A decision's choices, a chance node's branches, a negotiation's 'deal' and 'no deal', or a
    sealed move's resolutions (labelled by their conditions), in file order."""
    negotiation = node.negotiation
    if negotiation is not None:
        return [
            Way("deal", "deal", negotiation.deal.next, "deal", negotiation.deal.historical),
            Way("no_deal", "no deal", negotiation.no_deal.next, "no_deal", negotiation.no_deal.historical),
        ]
    if node.sealed:
        history = scenario.historical_exit(node)
        first = next((i for i, o in enumerate(node.resolve) if o.next == history), -1)
        return [
            Way(
                f"resolve{i + 1}",
                f"if {o.condition_text}" if o.condition_text else "otherwise",
                o.next,
                "resolve",
                i == first,
            )
            for i, o in enumerate(node.resolve)
        ]
    history_step = scenario.historical_step(node)
    kind = "chance" if node.is_chance else "choice"
    return [Way(s.id, s.label, s.next, kind, s is history_step) for s in node.steps]


def _colour(scenario: Scenario, node: Node) -> str:
    actor = scenario.actors.get(node.actor)
    if actor is not None:
        return actor.colour
    return {"negotiation": TABLE_COLOUR, "sealed": SEALED_COLOUR}.get(node.kind, CHANCE_COLOUR)


def _forward_edges(scenario: Scenario) -> tuple[dict[str, list[str]], set[tuple[str, str]]]:
    """Successor lists in discovery order, and the edges that close a loop (found by depth-first search)."""
    succ = {nid: [e.next for e in node.exits if e.next in scenario.nodes] for nid, node in scenario.nodes.items()}
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    back: set[tuple[str, str]] = set()
    roots = [scenario.start_node, *scenario.nodes]
    for root in roots:
        if root in state:
            continue
        state[root] = 1
        work = [(root, iter(succ[root]))]
        while work:
            node, children = work[-1]
            for child in children:
                mark = state.get(child)
                if mark == 1:
                    back.add((node, child))
                elif mark is None:
                    state[child] = 1
                    work.append((child, iter(succ[child])))
                    break
            else:
                state[node] = 2
                work.pop()
    return succ, back


def _discovery_order(scenario: Scenario, succ: dict[str, list[str]]) -> list[str]:
    """Breadth-first order from the start (then file order): the first guess at each column's order."""
    seen: dict[str, None] = {}
    for root in [scenario.start_node, *scenario.nodes]:
        if root in seen:
            continue
        seen[root] = None
        queue = [root]
        for current in queue:
            for child in succ[current]:
                if child not in seen:
                    seen[child] = None
                    queue.append(child)
    return list(seen)


def _layers(scenario: Scenario, succ: dict[str, list[str]], back: set[tuple[str, str]]) -> dict[str, int]:
    """Longest-path layering of the loop-free part, so every forward arrow points right."""
    indegree = dict.fromkeys(scenario.nodes, 0)
    for nid, children in succ.items():
        for child in children:
            if (nid, child) not in back:
                indegree[child] += 1
    layer = dict.fromkeys(scenario.nodes, 0)
    ready = [nid for nid in scenario.nodes if indegree[nid] == 0]
    while ready:
        nid = ready.pop()
        for child in succ[nid]:
            if (nid, child) in back:
                continue
            layer[child] = max(layer[child], layer[nid] + 1)
            indegree[child] -= 1
            if indegree[child] == 0:
                ready.append(child)
    return layer


def _centre(box: str, neighbours: dict[str, list[str]], row: dict[str, int]) -> float:
    near = neighbours.get(box, ())
    return sum(row[n] for n in near) / len(near) if near else row[box]


def _order(columns: list[list[str]], preds: dict[str, list[str]], succs: dict[str, list[str]], budget: Budget) -> None:
    """Barycentre sweeps: sort each column by the mean row of its neighbours, keeping ties stable.
    Each sort spends the boxes it weighs from ``budget``; when it runs out the rows stay as they
    are (a valid picture, only less tidy)."""
    row = {box: i for column in columns for i, box in enumerate(column)}
    for sweep in range(_SWEEPS):
        forward = sweep % 2 == 0
        sequence = columns[1:] if forward else columns[-2::-1]
        neighbours = preds if forward else succs
        for column in sequence:
            if not budget.spend(len(column) + sum(len(neighbours.get(box, ())) for box in column)):
                return
            near = neighbours
            column.sort(key=lambda box: (_centre(box, near, row), row[box]))
            for i, box in enumerate(column):
                row[box] = i


def band_width(layers: int, fold: int = _LAYERS_PER_BAND) -> int:
    """Layers per band: all in one band up to ``fold``, else spread evenly over as few bands as fit."""
    if layers <= fold:
        return max(layers, 1)
    return math.ceil(layers / math.ceil(layers / fold))


def layout(scenario: Scenario, fold: int = _LAYERS_PER_BAND, budget: Budget | None = None) -> Layout:
    """Columns, rows and arrows for every node and outcome of ``scenario``; more than ``fold``
    layers are folded into bands. Tidying the rows is bounded by ``budget`` (``GRAPH_BUDGET``)."""
    budget = budget or Budget(*GRAPH_BUDGET)
    succ, back = _forward_edges(scenario)
    layer = _layers(scenario, succ, back)
    last = max(layer.values(), default=-1) + 1
    for oid in scenario.outcomes:
        layer[oid] = last
    columns: list[list[str]] = [[] for _ in range(last + 1)]
    for box in _discovery_order(scenario, succ):
        columns[layer[box]].append(box)
    for oid in scenario.outcomes:
        columns[last].append(oid)

    path_nodes, ending = historical_path(scenario)
    on_path = set(path_nodes) | ({ending} if ending else set())
    history = set(path_nodes)
    preds: dict[str, list[str]] = {}
    succs: dict[str, list[str]] = {}
    arrows = []
    for nid, node in scenario.nodes.items():
        for way in ways_out(scenario, node):
            is_back = (nid, way.target) in back or (way.target in layer and layer[way.target] <= layer[nid])
            arrows.append(
                Arrow(nid, way.target, way.step, way.label, way.kind, way.historical and nid in history, is_back)
            )
            if not is_back:
                preds.setdefault(way.target, []).append(nid)
                succs.setdefault(nid, []).append(way.target)
    _order(columns, preds, succs, budget)

    width = band_width(len(columns), fold)
    band_count = math.ceil(len(columns) / width)
    heights = [max(len(c) for c in columns[b * width : (b + 1) * width]) for b in range(band_count)]
    tops = [sum(heights[:b]) + b for b in range(band_count)]  # one empty row between bands
    seen = reachable(scenario)
    boxes: dict[str, Box] = {}
    for col, members in enumerate(columns):
        band = col // width
        offset = tops[band] + (heights[band] - len(members)) // 2  # whole rows: the row gaps line up
        for row, box in enumerate(members):
            if box in scenario.nodes:
                node = scenario.nodes[box]
                boxes[box] = Box(
                    box,
                    node.kind,
                    node.title,
                    node.actor,
                    _colour(scenario, node),
                    col,
                    row,
                    float(col % width),
                    row + offset,
                    node.date.isoformat(),
                    box in on_path,
                    box in seen,
                )
            else:
                outcome = scenario.outcomes[box]
                boxes[box] = Box(
                    box,
                    "outcome",
                    outcome.title,
                    "",
                    OUTCOME_COLOUR,
                    col,
                    row,
                    float(col % width),
                    row + offset,
                    outcome.date.isoformat() if outcome.date else "",
                    box in on_path,
                    box in seen,
                    box == scenario.fallback_outcome,
                )
    arrows = [
        replace(a, wraps=not a.back and a.target in layer and layer[a.target] // width > layer[a.source] // width)
        for a in arrows
    ]
    path = (*path_nodes, ending) if ending else tuple(path_nodes)
    rows = tops[-1] + heights[-1] if band_count else 0
    return Layout(boxes, tuple(arrows), width, rows, path, len(columns), band_count, budget.stopped)


# ---------------------------------------------------------------- writers


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def to_dot(scenario: Scenario, plan: Layout | None = None) -> str:
    """Graphviz DOT: ``dot -Tpng`` draws it; columns and colours follow ``layout``."""
    plan = plan or layout(scenario)
    lines = [
        f"digraph {_quote(scenario.id)} {{",
        "  rankdir=LR;",
        f"  label={_quote(scenario.title)};",
        '  node [fontname="Helvetica", fontsize=10, style=filled];',
        '  edge [fontname="Helvetica", fontsize=8];',
    ]
    for box in plan.boxes.values():
        title = "\n".join(_wrap_chars(box.title, SVG_CHARS, SVG_LINES))  # whole, wrapped
        label = f"{title}\n{box.date}" if box.date else title
        shape = {
            "decision": "box",
            "chance": "diamond",
            "negotiation": "hexagon",
            "sealed": "octagon",
            "outcome": "doubleoctagon",
        }[box.kind]
        extra = f', penwidth=3, color="{HISTORY_COLOUR}"' if box.historical else ""
        if not box.reachable:
            extra += ', style="filled,dashed"'
        lines.append(f'  {box.id} [label={_quote(label)}, shape={shape}, fillcolor="{box.colour}"{extra}];')
    for column in range(plan.layers):
        members = " ".join(b.id for b in plan.boxes.values() if b.layer == column)
        lines.append(f"  {{ rank=same; {members} }}")
    for arrow in plan.arrows:
        words = "\n".join(_wrap_chars(arrow.label, SVG_LABEL_CHARS, 3))
        attrs = [f"label={_quote(words)}"]
        if arrow.historical:
            attrs += [f'color="{HISTORY_COLOUR}"', "penwidth=3"]
        if arrow.kind in ("chance", "no_deal"):
            attrs.append("style=dashed")
        if arrow.back:
            attrs.append("constraint=false")
        lines.append(f"  {arrow.source} -> {arrow.target} [{', '.join(attrs)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Frame:
    """How layout units become pixels: the size of a column and row, the box size and the margin."""

    column: float
    row: float
    box_w: float
    box_h: float
    margin: float = 40.0
    labels: bool = True

    def centre(self, box: Box) -> tuple[float, float]:
        return self.margin + box.x * self.column + self.box_w / 2, self.margin + box.y * self.row + self.box_h / 2

    def size(self, plan: Layout) -> tuple[int, int]:
        width = self.margin * 2 + max(plan.columns - 1, 0) * self.column + self.box_w
        height = self.margin * 2 + max(plan.rows - 1, 0) * self.row + self.box_h + 30
        return int(width), int(height)


def frame_for(plan: Layout, limit: int = 12000) -> Frame:
    """Comfortable spacing for a small tree, shrunk to fit ``limit`` pixels for a big one."""
    frame = Frame(230.0, 74.0, 180.0, 52.0)
    width, height = frame.size(plan)
    scale = min(1.0, limit / max(width, 1), limit / max(height, 1))
    if scale >= 1.0:
        return frame
    return Frame(
        frame.column * scale,
        frame.row * scale,
        max(frame.box_w * scale, 2.0),
        max(frame.box_h * scale, 2.0),
        20.0,
        labels=scale >= 0.5,
    )


Point = tuple[float, float]
Rect = tuple[float, float, float, float]  # left, top, width, height


def box_area(frame: Frame, box: Box) -> Rect:
    """Where a box sits, in pixels."""
    x, y = frame.centre(box)
    return x - frame.box_w / 2, y - frame.box_h / 2, frame.box_w, frame.box_h


def _ports(count: int, top: float, height: float) -> list[float]:
    """``count`` heights spread evenly down a box's side."""
    return [top + height * (i + 1) / (count + 1) for i in range(count)]


def routes(plan: Layout, frame: Frame, lane: float = 5.0) -> dict[tuple[str, str], tuple[Point, ...]]:
    """The way each arrow runs, as a polyline keyed by (source, step): out of its source's right
    side, through the gaps between columns and between rows only, into its target's left side.

    Boxes sit on a grid, so a line down the middle of a column gap or along a row gap never
    crosses a box: an arrow to the next column bends within the gap between them; any other (a
    long jump, one into a later band, one going back) runs down its source's gap to the row gap
    beside its target, along it, and down the target's gap. Arrows leave a box from evenly spread
    points ordered by where they go, and arrive likewise, so they do not cross at the box; those
    sharing a gap keep apart by ``lane`` pixels."""
    gap_x = frame.column - frame.box_w
    gap_y = frame.row - frame.box_h
    out_of: dict[str, list[Arrow]] = {}
    into: dict[str, list[Arrow]] = {}
    for arrow in plan.arrows:
        if arrow.source in plan.boxes and arrow.target in plan.boxes:
            out_of.setdefault(arrow.source, []).append(arrow)
            into.setdefault(arrow.target, []).append(arrow)
    exits: dict[tuple[str, str], tuple[float, int, int]] = {}
    for source, arrows in out_of.items():
        _, top, _, height = box_area(frame, plan.boxes[source])
        ordered = sorted(arrows, key=lambda a: (frame.centre(plan.boxes[a.target])[1], a.back))
        for i, (arrow, y) in enumerate(zip(ordered, _ports(len(ordered), top, height), strict=True)):
            exits[(arrow.source, arrow.step)] = (y, i, len(ordered))
    entries: dict[tuple[str, str], tuple[float, int, int]] = {}
    for target, arrows in into.items():
        _, top, _, height = box_area(frame, plan.boxes[target])
        ordered = sorted(arrows, key=lambda a: (frame.centre(plan.boxes[a.source])[1], a.back))
        for i, (arrow, y) in enumerate(zip(ordered, _ports(len(ordered), top, height), strict=True)):
            entries[(arrow.source, arrow.step)] = (y, i, len(ordered))
    out: dict[tuple[str, str], tuple[Point, ...]] = {}
    for index, arrow in enumerate(plan.arrows):
        key = (arrow.source, arrow.step)
        if key not in exits:
            continue
        from_box, to_box = plan.boxes[arrow.source], plan.boxes[arrow.target]
        s_left, _, _, _ = box_area(frame, from_box)
        t_left, t_top, _, _ = box_area(frame, to_box)
        s_right = s_left + frame.box_w
        ys, i, n = exits[key]
        yt, j, m = entries[key]
        spread = min(lane, gap_x / 4 / max(n, m, 1))
        x1 = s_right + gap_x * 0.7 + (i - (n - 1) / 2) * spread
        x2 = t_left - gap_x * 0.15 + (j - (m - 1) / 2) * spread
        next_column = not arrow.back and not arrow.wraps and to_box.x == from_box.x + 1
        if next_column:
            middle = s_right + gap_x * 0.7 + (i - (n - 1) / 2) * spread
            out[key] = ((s_right, ys), (middle, ys), (middle, yt), (t_left, yt))
            continue
        shift = ((index % 5) - 2) * min(lane, gap_y / 6)
        yc = (t_top - gap_y / 2 if ys <= yt else t_top + frame.box_h + gap_y / 2) + shift
        out[key] = ((s_right, ys), (x1, ys), (x1, yc), (x2, yc), (x2, yt), (t_left, yt))
    return out


SVG_BOX_W = 210
SVG_CHARS = 25  # characters of a title per line in an SVG box (13-pixel bold Helvetica)
SVG_LABEL_CHARS = 30  # characters of a choice's words per line beside its arrow
SVG_LINES = 6


def _wrap_chars(text: str, limit: int, most: int) -> list[str]:
    """``text`` in lines of at most ``limit`` characters, words whole (a longer word is cut), and at
    most ``most`` lines, the last ending in an ellipsis when some were left out."""
    lines: list[str] = []
    line = ""
    for word in text[: limit * most * 2].split():
        while len(word) > limit:
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:limit])
            word = word[limit:]
        trial = f"{line} {word}" if line else word
        if len(trial) <= limit:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    lines = lines or [""]
    if len(lines) > most:
        lines = lines[:most]
        lines[-1] = lines[-1][: limit - 1].rstrip(" ,;:.") + "…"
    return lines


def svg_frame(plan: Layout) -> Frame:
    """A frame whose boxes hold each title wrapped in full (up to ``SVG_LINES`` lines) and a date,
    with room beside each box for two lines of each of its choices."""
    most = max((len(_wrap_chars(b.title, SVG_CHARS, SVG_LINES)) for b in plan.boxes.values()), default=1)
    exits: dict[str, int] = {}
    for arrow in plan.arrows:
        exits[arrow.source] = exits.get(arrow.source, 0) + 1
    box_h = max(most * 16 + 34, max(exits.values(), default=1) * 28)
    return Frame(SVG_BOX_W + 200.0, box_h + 46.0, float(SVG_BOX_W), float(box_h), 140.0, True)


def _svg_date(iso: str) -> str:
    try:
        return short_date(dt.date.fromisoformat(iso)) if iso else ""
    except ValueError:
        return iso


def to_svg(scenario: Scenario, plan: Layout | None = None) -> str:
    """A standalone SVG drawn like the PNG: titles wrapped whole, readable dates, each choice's
    words beside its arrow, arrows through the gaps (``routes``), and a legend for every mark."""
    plan = plan or layout(scenario)
    frame = svg_frame(plan)
    width, grid_h = frame.size(plan)
    legend = _svg_legend(scenario)
    height = grid_h + 24 * ((len(legend) + 5) // 6) + 20
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="Helvetica, Arial, sans-serif">',
        f"<title>{escape(scenario.title[:200])}</title>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" '
        'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker></defs>',
        f'<rect width="{width}" height="{height}" fill="#FAFAF7"/>',
    ]
    ways = routes(plan, frame)
    for arrow in sorted(plan.arrows, key=lambda a: a.historical):
        points = ways.get((arrow.source, arrow.step))
        if points is None:
            continue
        colour, wide = (HISTORY_COLOUR, 4) if arrow.historical else ("#777", 1.2)
        dash = ' stroke-dasharray="6,4"' if arrow.kind in ("chance", "no_deal") else ""
        d = "M " + " L ".join(f"{x:.1f} {y:.1f}" for x, y in points)
        out.append(
            f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="{wide}"{dash} '
            f'marker-end="url(#arrow)"><title>{escape(arrow.label)}</title></path>'
        )
    labels: dict[str, list[tuple[float, str, bool]]] = {}
    for arrow in plan.arrows:
        points = ways.get((arrow.source, arrow.step))
        if points is not None and arrow.label:
            labels.setdefault(arrow.source, []).append((points[0][1], arrow.label, arrow.historical))
    for source, items in labels.items():
        left = box_area(frame, plan.boxes[source])[0] + frame.box_w + 4
        floor = -1e9
        for y, words, historical in sorted(items):
            lines = _wrap_chars(words, SVG_LABEL_CHARS, 2)
            top = max(y - 13 * len(lines) - 2, floor)
            ink_colour = HISTORY_COLOUR if historical else "#444"
            for i, line in enumerate(lines):
                out.append(
                    f'<text x="{left:.1f}" y="{top + 11 + i * 13:.1f}" font-size="11" fill="{ink_colour}">'
                    f"{escape(line)}</text>"
                )
            floor = top + 13 * len(lines) + 2
    for box in plan.boxes.values():
        left, top, box_w, box_h = box_area(frame, box)
        x, y = left + box_w / 2, top + box_h / 2
        stroke, wide = (HISTORY_COLOUR, 4) if box.historical else ("#333", 1)
        dash = ' stroke-dasharray="4,3"' if not box.reachable else ""
        radius = {"outcome": box_h / 2, "decision": 2.0, "negotiation": box_h / 3}.get(box.kind, 10.0)
        radius = min(radius, 24.0)
        out.append(
            f"<g><title>{escape(box.title[:400])}</title>"
            f'<rect x="{left:.1f}" y="{top:.1f}" width="{box_w:.1f}" height="{box_h:.1f}" '
            f'rx="{radius:.1f}" fill="{box.colour}" stroke="{stroke}" stroke-width="{wide}"{dash}/>'
        )
        ink_colour = _ink(box.colour)
        lines = _wrap_chars(box.title, SVG_CHARS, SVG_LINES)
        date = _svg_date(box.date) + ("" if box.reachable else " · never reached")
        first = y - (len(lines) * 16 + (14 if date else 0)) / 2 + 12
        for i, line in enumerate(lines):
            out.append(
                f'<text x="{x:.1f}" y="{first + i * 16:.1f}" font-size="13" font-weight="bold" '
                f'text-anchor="middle" fill="{ink_colour}">{escape(line)}</text>'
            )
        if date:
            out.append(
                f'<text x="{x:.1f}" y="{first + len(lines) * 16:.1f}" font-size="11" text-anchor="middle" '
                f'fill="{ink_colour}">{escape(date)}</text>'
            )
        out.append("</g>")
    for i, (words, colour, kind) in enumerate(legend):
        lx = frame.margin + (i % 6) * 260
        ly = grid_h + 4 + (i // 6) * 24
        if kind == "swatch":
            out.append(f'<rect x="{lx}" y="{ly}" width="14" height="14" rx="3" fill="{colour}" stroke="#555"/>')
        else:
            dash = ' stroke-dasharray="6,4"' if kind == "dashed" else ""
            out.append(
                f'<line x1="{lx}" y1="{ly + 7}" x2="{lx + 14}" y2="{ly + 7}" stroke="{colour}" stroke-width="3"{dash}/>'
            )
        out.append(f'<text x="{lx + 20}" y="{ly + 12}" font-size="12" fill="#333">{escape(words)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _svg_legend(scenario: Scenario) -> list[tuple[str, str, str]]:
    """(words, colour, kind) for every colour and mark the SVG uses."""
    items = [(a.short or a.name, a.colour, "swatch") for a in scenario.actors.values()]
    kinds = {n.kind for n in scenario.nodes.values()}
    if "negotiation" in kinds:
        items.append(("talks at the table", TABLE_COLOUR, "swatch"))
    if "sealed" in kinds:
        items.append(("sealed move", SEALED_COLOUR, "swatch"))
    items.append(("chance", CHANCE_COLOUR, "swatch"))
    items.append(("ending (round box)", OUTCOME_COLOUR, "swatch"))
    items.append(("what really happened", HISTORY_COLOUR, "line"))
    items.append(("chance, or no deal", "#777", "dashed"))
    return items


def _ink(colour: str) -> str:
    """Black or white text, whichever reads better on ``colour``."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#000" if 0.299 * r + 0.587 * g + 0.114 * b > 140 else "#FFF"


def ink(colour: str) -> tuple[int, int, int]:
    """The text colour for ``colour`` as RGB, for raster renderers."""
    return (0, 0, 0) if _ink(colour) == "#000" else (255, 255, 255)


def rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)

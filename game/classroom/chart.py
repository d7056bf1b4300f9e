"""A bar chart of outcomes: the geometry once, drawn as inline SVG here and as PNG by
``game.ui.render.chart_png``.

Keeping the layout pure means the HTML's SVG and the PNG beside it show the same picture, and the
layout can be tested without pygame. Colours are from the Okabe–Ito palette (safe for colour-blind
readers), and every bar is labelled in words, so colour is never the only cue.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

HISTORICAL = "#0072B2"  # blue
OTHER = "#D55E00"  # vermilion
UNFINISHED = "#8C8C8C"
INK = "#222222"
RULE = "#BBBBBB"
FONT = "'Source Sans Pro', 'Segoe UI', Helvetica, Arial, sans-serif"

ROW = 34
BAR = 22
TOP = 44
LABEL_WIDTH = 300
MAX_LABEL = 40
FONT_SIZE = 15


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    historical: bool = False
    unfinished: bool = False


@dataclass(frozen=True)
class Chart:
    title: str
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Box:
    """One bar placed: its label, bar rectangle and count, in pixels at scale 1."""

    label: str
    count: int
    colour: str
    x: int
    y: int
    width: int
    height: int
    label_x: int
    text_y: int  # baseline-ish middle of the row, for label and count
    count_x: int


@dataclass(frozen=True)
class Layout:
    width: int
    height: int
    title: str
    title_y: int
    axis_x: int
    boxes: tuple[Box, ...]


def shorten(text: str, limit: int = MAX_LABEL) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def colour_of(bar: Bar) -> str:
    if bar.unfinished:
        return UNFINISHED
    return HISTORICAL if bar.historical else OTHER


def layout(chart: Chart, width: int = 720) -> Layout:
    """Where everything goes: one row per bar, the longest bar filling the space left of the count."""
    axis = LABEL_WIDTH + 10
    span = width - axis - 50
    most = max((b.count for b in chart.bars), default=0) or 1
    boxes = []
    for row, bar in enumerate(chart.bars):
        top = TOP + row * ROW
        length = round(span * bar.count / most)
        label = shorten(bar.label + (" (historical)" if bar.historical else ""))
        boxes.append(
            Box(
                label,
                bar.count,
                colour_of(bar),
                axis,
                top + (ROW - BAR) // 2,
                length,
                BAR,
                LABEL_WIDTH,
                top + ROW // 2,
                axis + length + 8,
            )
        )
    height = TOP + ROW * max(1, len(chart.bars)) + 14
    return Layout(width, height, chart.title, 24, axis, tuple(boxes))


def svg(chart: Chart, width: int = 720) -> str:
    """The chart as an inline SVG element (no external files), with a text alternative."""
    lay = layout(chart, width)
    summary = "; ".join(f"{b.label}: {b.count}" for b in chart.bars) or "no games"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {lay.width} {lay.height}" '
        f'width="{lay.width}" height="{lay.height}" role="img" aria-label="{escape(chart.title)}: {escape(summary)}">',
        f"<title>{escape(chart.title)}: {escape(summary)}</title>",
        f'<g font-family="{escape(FONT)}" font-size="{FONT_SIZE}" fill="{INK}">',
        f'<text x="0" y="{lay.title_y}" font-size="{FONT_SIZE + 2}" font-weight="bold">{escape(lay.title)}</text>',
        f'<line x1="{lay.axis_x}" y1="{TOP - 4}" x2="{lay.axis_x}" y2="{lay.height - 10}" stroke="{RULE}"/>',
    ]
    for box in lay.boxes:
        parts += [
            f'<text x="{box.label_x}" y="{box.text_y}" text-anchor="end" dominant-baseline="middle">'
            f"{escape(box.label)}</text>",
            f'<rect x="{box.x}" y="{box.y}" width="{max(box.width, 1) if box.count else 0}" height="{box.height}" '
            f'fill="{box.colour}" rx="2"/>',
            f'<text x="{box.count_x}" y="{box.text_y}" dominant-baseline="middle" font-weight="bold">'
            f"{box.count}</text>",
        ]
    parts += ["</g>", "</svg>"]
    return "\n".join(parts)

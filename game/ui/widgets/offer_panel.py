"""The offer panel of a negotiation: where its lines and buttons go, and its face.

The panel takes the place of the choice cards while a person's seat is to propose or answer. Its
layout is rectangle arithmetic (so the play screen can ask how tall it is for a width before
placing it, and tests can check it); its face (background and lines) is drawn on the screen's
backdrop, and the play screen lays real buttons over the places given here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame
from pygame import Rect

from ..layout import Spacing, WidthFn, button_width, font_width, wrap
from ..table_turn import PanelSpec
from ..theme import colour
from . import draw


@dataclass(frozen=True)
class Line:
    """A line of the panel's words: ``kind`` is heading, issue or note."""

    text: str
    rect: Rect
    kind: str


@dataclass
class PanelGeometry:
    rect: Rect
    lines: list[Line] = field(default_factory=list)
    options: dict[str, Rect] = field(default_factory=dict)
    actions: dict[str, Rect] = field(default_factory=dict)
    footer_top: int = 0  # where the moves begin: a scrolling panel keeps them in a fixed footer from here


CHECK = "✓ "  # marks the selected option (room for it is kept on every option's button)


def option_height(sp: Spacing) -> int:
    return max(26, sp.small_line + max(8, sp.pad))


def panel_layout(spec: PanelSpec, area: Rect, sp: Spacing, width: WidthFn = font_width) -> PanelGeometry:
    """Where everything goes inside ``area`` (its height is recomputed): the heading, one row per
    issue (its title, then its options, wrapping as needed), the notes, then the moves."""
    t = sp.type
    pad, gap = sp.pad, max(4, sp.gap // 2)
    inner_x, inner_w = area.x + pad, max(60, area.w - 2 * pad)
    geo = PanelGeometry(Rect(area))
    y = area.y + pad // 2 + 2

    def text_lines(words: str, style: str, kind: str) -> None:
        nonlocal y
        for part in wrap(words, inner_w, t.small, style, width):
            geo.lines.append(Line(part, Rect(inner_x, y, width(part, t.small, style), sp.small_line), kind))
            y += sp.small_line

    text_lines(spec.heading, "bold", "heading")
    y += gap
    opt_h = option_height(sp)
    titles = [width(row.title, t.small, "semibold") for row in spec.issues]
    title_w = min(max(titles, default=0) + pad, inner_w // 3)
    widest = max((button_width(CHECK + o.label, sp, t.small) for row in spec.issues for o in row.options), default=0)
    # Titles go above their options when beside them they would be cut, or squeeze an option.
    above = any(w + pad > title_w for w in titles) or widest > inner_w - title_w
    if above:
        title_w = 0
    for row in spec.issues:
        x0 = inner_x + title_w
        if above:
            text_lines(row.title, "semibold", "issue")
        top = y
        x = x0
        for option in row.options:
            bw = min(inner_x + inner_w - x0, button_width(CHECK + option.label, sp, t.small))
            if x > x0 and x + bw > inner_x + inner_w:
                x, y = x0, y + opt_h + gap
            geo.options[option.key] = Rect(x, y, bw, opt_h)
            x += bw + gap
        if not above:
            rect = Rect(
                inner_x, top + (opt_h - sp.small_line) // 2, width(row.title, t.small, "semibold"), sp.small_line
            )
            geo.lines.append(Line(row.title, rect, "issue"))
        y += opt_h + gap
    for note in spec.lines:
        text_lines(note, "regular", "note")
    geo.footer_top = y
    y += gap
    x = inner_x
    for action in spec.actions:
        bw = min(inner_w, button_width(action.label, sp))
        if x > inner_x and x + bw > inner_x + inner_w:
            x, y = inner_x, y + sp.button_h + gap
        geo.actions[action.key] = Rect(x, y, bw, sp.button_h)
        x += bw + gap
    y += (sp.button_h if spec.actions else 0) + pad // 2 + 2  # an onlooker's panel has no moves
    geo.rect = Rect(area.x, area.y, area.w, y - area.y)
    return geo


def panel_height(spec: PanelSpec, width_px: int, sp: Spacing) -> int:
    return panel_layout(spec, Rect(0, 0, width_px, 0), sp).rect.h


def draw_panel(surface: pygame.Surface, geo: PanelGeometry, sp: Spacing, palette: str) -> None:
    """The panel's background and its words (the buttons lie on top)."""
    draw.panel(surface, geo.rect, colour(palette, "panel"), max(4, sp.pad - 2), colour(palette, "border"), 1)
    t = sp.type
    styles = {"heading": ("bold", "text"), "issue": ("semibold", "text"), "note": ("regular", "muted")}
    for line in geo.lines:
        style, ink = styles[line.kind]
        draw.text(surface, line.text, line.rect.topleft, t.small, colour(palette, ink), style)

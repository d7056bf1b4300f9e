"""Meters for the scenario's visible variables: bars for numbers, segments for choices, pills
for yes/no, in a compact grid (label and value on one line, a thin bar below).

The bars are one neutral colour: whether a value is good depends on who you play, so the meters
show amounts and never judge them.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

import pygame

from ...engine import Variable
from ...engine.model import Issue
from ...engine.wording import show_value, value_words
from ..layout import Spacing, fit_line, meter_row_height
from ..theme import colour
from . import draw


def meter_cells(size: tuple[int, int], count: int, columns: int, sp: Spacing) -> list[pygame.Rect]:
    """Where each meter sits inside the meters panel (the play screen puts tool tips there)."""
    pad = sp.pad
    cell_w = (size[0] - pad * (columns + 1)) // columns
    row_h = meter_row_height(sp)
    return [
        pygame.Rect(pad + (i % columns) * (cell_w + pad), pad // 2 + (i // columns) * row_h + 2, cell_w, row_h - 2)
        for i in range(count)
    ]


def render_meters(
    size: tuple[int, int],
    variables: list[Variable],
    values: dict[str, object],
    palette: str,
    scale: float,
    columns: int,
    sp: Spacing | None = None,
    changes: dict[str, str] | None = None,
    issues: Mapping[str, Issue] | None = None,
    settled: Collection[str] | None = None,
) -> pygame.Surface:
    """The meters; ``changes`` maps a variable to how it changed since the player's last turn
    ("+2"), drawn in the accent colour before its value. A number's bar carries a tick for each
    step of its range (every fifth on long ranges), so its length can be read as a quantity. An
    issue's value shows as its option's label (``issues``: the scenario's issues by id), and one no
    deal has settled yet (not in ``settled``) says so while it stands at its status quo."""
    sp = sp or Spacing.at(scale)
    changes = changes or {}
    issues = issues or {}
    t = sp.type
    surface = pygame.Surface(size, pygame.SRCALPHA)
    rect = surface.get_rect()
    if not variables:
        return surface
    draw.panel(surface, rect, colour(palette, "panel"), max(4, round(6 * scale)), colour(palette, "border"))
    pad = sp.pad
    cell_w = (rect.w - pad * (columns + 1)) // columns
    line = sp.small_line
    bar_h = max(6, round(line * 0.35))
    for variable, cell in zip(variables, meter_cells(size, len(variables), columns, sp), strict=True):
        x, y = cell.topleft
        value = values.get(variable.id)
        kind = variable.type.kind
        options: list[object] = []
        if kind == "int":
            shown = f"{value}"
            lo, hi = variable.type.minimum, variable.type.maximum
            fraction = (int(value) - lo) / (hi - lo) if hi > lo else 0.0  # type: ignore[call-overload]
        elif kind == "bool":
            shown = show_value(value)
            fraction = 1.0 if value else 0.0
        else:
            options = list(variable.type.values)
            shown = value_words(issues, variable.id, value, settled)
            fraction = 0.0
        if kind == "int":
            shown = f"{value} of {variable.type.maximum}" if variable.type.minimum == 0 else shown
        delta = changes.get(variable.id, "")
        delta_w = draw.fonts.font(t.small, "bold").size(delta + " ")[0] if delta else 0
        shown = fit_line(shown, round(cell_w * 0.6) - delta_w, t.small, "bold")  # a long label: whole on hover
        value_w = draw.fonts.font(t.small, "bold").size(shown)[0] + delta_w
        label = variable.label or variable.id
        label_font = draw.fonts.font(t.small, "semibold")
        room = cell_w - value_w - 8
        if label_font.size(label)[0] > room:
            while label_font.size(label + "…")[0] > room and len(label) > 3:
                label = label[:-1]
            label = label.rstrip() + "…"
        draw.text(surface, label, (x, y), t.small, colour(palette, "muted"), "semibold")
        drawn = draw.text(surface, shown, (x + cell_w, y), t.small, colour(palette, "text"), "bold", anchor="topright")
        if delta:
            draw.text(surface, delta, (drawn.x - 4, y), t.small, colour(palette, "accent"), "bold", anchor="topright")
        bar = pygame.Rect(x, y + line, cell_w, bar_h)
        pygame.draw.rect(surface, colour(palette, "panel_hi"), bar, border_radius=bar_h // 2)
        if options:
            seg = bar.w / max(1, len(options))
            for i, option in enumerate(options):
                cell = pygame.Rect(round(bar.x + i * seg) + 1, bar.y, max(2, round(seg) - 2), bar.h)
                if option == value:
                    pygame.draw.rect(surface, colour(palette, "neutral"), cell, border_radius=bar_h // 2)
                elif options.index(option) < (options.index(value) if value in options else 0):
                    pygame.draw.rect(surface, colour(palette, "border"), cell, border_radius=bar_h // 2)
        elif fraction > 0:
            filled = pygame.Rect(bar.x, bar.y, max(bar_h, round(bar.w * min(max(fraction, 0.0), 1.0))), bar.h)
            pygame.draw.rect(surface, colour(palette, "neutral"), filled, border_radius=bar_h // 2)
        if kind == "int":
            _ticks(surface, bar, variable.type.minimum, variable.type.maximum, colour(palette, "bg"))
    return surface


def _ticks(surface: pygame.Surface, bar: pygame.Rect, lo: int, hi: int, ink: pygame.Color) -> None:
    """Thin marks across a bar at each step of ``lo``..``hi`` (every fifth when there are many)."""
    span = hi - lo
    if span <= 0:
        return
    step = 1 if span <= 12 else 5 if span <= 60 else max(1, span // 10)
    for value in range(lo + step, hi, step):
        x = bar.x + round(bar.w * (value - lo) / span)
        pygame.draw.line(surface, ink, (x, bar.y), (x, bar.bottom - 1), 1)

"""Meters for the scenario's visible variables: bars for numbers, segments for choices, pills
for yes/no, in a compact grid (label and value on one line, or two when they do not share one,
a thin bar below).

The bars are one neutral colour: whether a value is good depends on who you play, so the meters
show amounts and never judge them.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

import pygame

from ...engine import Variable
from ...engine.model import Issue
from ...engine.wording import show_value, value_words
from ..layout import MeterWords, Spacing, fit_line, meter_cell_width, meter_lines, meter_row_heights
from ..theme import colour
from . import draw


def meter_cells(
    size: tuple[int, int], count: int, columns: int, sp: Spacing, words: Sequence[MeterWords] = ()
) -> list[pygame.Rect]:
    """Where each meter sits inside the meters panel (the play screen puts tool tips there); a row
    is a line taller where a meter in it takes two lines (``words``: see ``meter_words``)."""
    pad = sp.pad
    cell_w = meter_cell_width(size[0], columns, sp)
    tops = [pad // 2 + 2]
    for row_h in meter_row_heights(count, size[0], sp, words, columns=columns):
        tops.append(tops[-1] + row_h)
    return [
        pygame.Rect(
            pad + (i % columns) * (cell_w + pad),
            tops[i // columns],
            cell_w,
            tops[i // columns + 1] - tops[i // columns] - 2,
        )
        for i in range(count)
    ]


def highlight_box(cell: pygame.Rect, ring: int) -> pygame.Rect:
    """Where a ring ``ring`` pixels wide goes around a meter's cell without touching what the cell
    holds: a pixel clear of it on the left, right and top, where the grid leaves at least half the
    pad (3 px) free; at the foot just under the cell, in the 2 px between rows (the cell ends a few
    pixels below its bar: see ``layout.meter_row_height``)."""
    out = ring + 1
    return pygame.Rect(cell.x - out, cell.y - out, cell.w + 2 * out, cell.h + out + ring)


def meter_words(
    variables: list[Variable],
    values: Mapping[str, object],
    changes: Mapping[str, str] | None = None,
    issues: Mapping[str, Issue] | None = None,
    settled: Collection[str] | None = None,
) -> list[MeterWords]:
    """Each meter's name, its value in words ("3 of 6", an option's label) and its change since the
    player's last turn ("+2", "new" or '')."""
    changes = changes or {}
    issues = issues or {}
    out = []
    for variable in variables:
        value = values.get(variable.id)
        kind = variable.type.kind
        if kind == "int":
            shown = f"{value} of {variable.type.maximum}" if variable.type.minimum == 0 else f"{value}"
        elif kind == "bool":
            shown = show_value(value)
        else:
            shown = value_words(issues, variable.id, value, settled)
        out.append((variable.label or variable.id, shown, changes.get(variable.id, "")))
    return out


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
    deal has settled yet (not in ``settled``) says so while it stands at its status quo. A meter
    whose name and value do not share a line has its value on a line of its own under the name."""
    sp = sp or Spacing.at(scale)
    t = sp.type
    surface = pygame.Surface(size, pygame.SRCALPHA)
    rect = surface.get_rect()
    if not variables:
        return surface
    draw.panel(surface, rect, colour(palette, "panel"), max(4, round(6 * scale)), colour(palette, "border"))
    words = meter_words(variables, values, changes, issues, settled)
    cell_w = meter_cell_width(rect.w, columns, sp)
    line = sp.small_line
    bar_h = max(6, round(line * 0.35))
    bold = draw.fonts.font(t.small, "bold")
    for variable, cell, (label, shown, delta) in zip(
        variables, meter_cells(size, len(variables), columns, sp, words), words, strict=True
    ):
        x, y = cell.topleft
        value = values.get(variable.id)
        kind = variable.type.kind
        options: list[object] = list(variable.type.values) if kind not in ("int", "bool") else []
        fraction = 0.0
        if kind == "int":
            lo, hi = variable.type.minimum, variable.type.maximum
            fraction = (int(value) - lo) / (hi - lo) if hi > lo else 0.0  # type: ignore[call-overload]
        elif kind == "bool":
            fraction = 1.0 if value else 0.0
        delta_w = bold.size(delta + " ")[0] if delta else 0
        two = meter_lines((label, shown, delta), cell_w, sp) == 2
        value_y = y + line if two else y
        if two:  # each on its own line, cut only when wider than the whole cell (whole on hover)
            label = fit_line(label, cell_w, t.small, "semibold")
            shown = fit_line(shown, cell_w - delta_w, t.small, "bold")
        draw.text(surface, label, (x, y), t.small, colour(palette, "muted"), "semibold")
        drawn = draw.text(
            surface, shown, (x + cell_w, value_y), t.small, colour(palette, "text"), "bold", anchor="topright"
        )
        if delta:
            draw.text(
                surface, delta, (drawn.x - 4, value_y), t.small, colour(palette, "accent"), "bold", anchor="topright"
            )
        bar = pygame.Rect(x, value_y + line, cell_w, bar_h)
        pygame.draw.rect(surface, colour(palette, "panel_hi"), bar, border_radius=bar_h // 2)
        if options:
            seg = bar.w / max(1, len(options))
            for i, option in enumerate(options):
                box = pygame.Rect(round(bar.x + i * seg) + 1, bar.y, max(2, round(seg) - 2), bar.h)
                if option == value:
                    pygame.draw.rect(surface, colour(palette, "neutral"), box, border_radius=bar_h // 2)
                elif options.index(option) < (options.index(value) if value in options else 0):
                    pygame.draw.rect(surface, colour(palette, "border"), box, border_radius=bar_h // 2)
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

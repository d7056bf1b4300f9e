"""Layout as pure rectangle arithmetic, so tests can check it without drawing anything.

Every screen asks here where things go for a window size and a text scale. Text is measured
through a ``Measure`` (real fonts in the game and in tests), and the play screen widens its
right-hand column until the choice cards fit without overlapping or being clipped.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from pygame import Rect

from . import fonts
from .theme import Type

WidthFn = Callable[[str, int, str], int]  # (text, size, style) -> pixels
PanelHeight = Callable[[int, "Spacing"], int]  # (width, spacing) -> the height a panel needs
TOP_BUTTONS = ("Tree", "Undo", "Save", "Help", "Menu")  # the play screen's top bar, left to right


def font_width(text: str, size: int, style: str = "regular") -> int:
    return fonts.font(size, style).size(text)[0]


def wrap(text: str, max_width: int, size: int, style: str = "regular", width: WidthFn = font_width) -> list[str]:
    """Greedy word wrap; a word longer than the line is broken by characters."""
    lines: list[str] = []
    for para in text.split("\n"):
        words = para.split()
        line = ""
        for word in words:
            trial = f"{line} {word}" if line else word
            if width(trial, size, style) <= max_width:
                line = trial
                continue
            if line:
                lines.append(line)
            while width(word, size, style) > max_width and len(word) > 1:
                cut = len(word)
                while cut > 1 and width(word[:cut], size, style) > max_width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines or [""]


@dataclass(frozen=True)
class Spacing:
    """Gaps and control heights derived from the type sizes."""

    type: Type
    gap: int
    pad: int
    button_h: int
    line: int
    small_line: int
    large_line: int

    @classmethod
    def at(cls, scale: float) -> Spacing:
        t = Type.at(scale)
        line = fonts.line_height(t.body)
        button_h = max(36, round(fonts.line_height(t.body, "bold") * 1.75))
        return cls(
            t,
            max(6, round(10 * scale)),
            max(6, round(10 * scale)),
            button_h,
            line,
            fonts.line_height(t.small),
            fonts.line_height(t.large),
        )


@dataclass
class ChoiceSpec:
    """What the layout needs to know about a card: its label (bold), a detail line in smaller type
    (for a blocked choice: why it is blocked), and whether it is blocked."""

    label: str
    detail: str = ""
    blocked: bool = False
    badge: str = ""


@dataclass
class CardGeometry:
    rect: Rect
    badge: Rect
    text_x: int
    label_lines: list[str]
    detail_lines: list[str]


@dataclass
class PlayLayout:
    size: tuple[int, int]
    top_bar: Rect
    top_buttons: list[Rect]
    table: Rect
    map: Rect
    meters: Rect
    timeline: Rect
    log: Rect
    narration: Rect
    choices: Rect
    cards: list[CardGeometry] = field(default_factory=list)
    controls: Rect = field(default_factory=Rect)
    fits: bool = True
    card_spacing: Spacing | None = None  # the cards' type, smaller than the rest when room is short
    meter_spacing: Spacing | None = None  # the meters' type, likewise
    reason: Rect = field(default_factory=Rect)  # the "Why?" entry under the cards (empty when not asked)


def card_geometry(rect: Rect, spec: ChoiceSpec, sp: Spacing, width: WidthFn = font_width) -> CardGeometry:
    """Where a card's number badge and wrapped text go inside ``rect`` (height is recomputed)."""
    t = sp.type
    badge_size = max(sp.line + 4, round(t.large * 1.3)) if spec.badge else 0
    text_x = rect.x + sp.pad * 2 + badge_size if spec.badge else rect.x + sp.pad * 2
    text_w = max(40, rect.right - sp.pad * 2 - text_x)
    label = wrap(spec.label, text_w, t.body, "semibold", width)
    detail = wrap(spec.detail, text_w, t.small, "italic", width) if spec.detail else []
    text_h = len(label) * sp.line + len(detail) * sp.small_line
    vpad = max(5, round(sp.pad * 0.7))
    height = max(badge_size + vpad * 2, text_h + vpad * 2)
    card = Rect(rect.x, rect.y, rect.w, height)
    badge = Rect(rect.x + sp.pad, rect.y + (height - badge_size) // 2, badge_size, badge_size)
    return CardGeometry(card, badge, text_x, label, detail)


def stack_cards(
    area: Rect, specs: Sequence[ChoiceSpec], sp: Spacing, width: WidthFn = font_width
) -> list[CardGeometry]:
    out = []
    y = area.y
    for spec in specs:
        geo = card_geometry(Rect(area.x, y, area.w, 0), spec, sp, width)
        out.append(geo)
        y = geo.rect.bottom + sp.gap // 2 + 2
    return out


def play_layout(
    size: tuple[int, int],
    scale: float,
    choices: Sequence[ChoiceSpec],
    meters: int,
    width: WidthFn = font_width,
    reason: bool = False,
    panel: PanelHeight | None = None,
) -> PlayLayout:
    """The play screen: top bar; left column (table, map, meters); right column (narration, choice
    cards, an optional "Why?" row, controls); bottom band (timeline, log). The right column widens
    from half the window to two thirds when the cards need room. A ``panel`` (the negotiation's
    offer panel) takes the cards' place: it says how tall it is at a width, and ``choices`` is its
    place."""
    sp = Spacing.at(scale)
    t = sp.type
    w, h = size
    g = sp.gap
    top_h = max(sp.button_h + 8, round(fonts.line_height(t.heading, "bold") * 1.25))
    top = Rect(0, 0, w, top_h)
    bottom_h = max(round(sp.small_line * 4.6), 74)
    bottom_y = h - bottom_h - g
    body = Rect(g, top.bottom + g, w - 2 * g, bottom_y - top.bottom - 2 * g)
    button_w = [max(round(sp.button_h * 2.0), font_width(label, t.body, "bold") + sp.pad * 3) for label in TOP_BUTTONS]
    x = w - g
    top_buttons: list[Rect] = []
    for bw in reversed(button_w):
        x -= bw
        top_buttons.insert(0, Rect(x, (top_h - sp.button_h) // 2, bw, sp.button_h))
        x -= g // 2 + 2
    narration_min = sp.line * 3 + sp.pad * 2 + sp.large_line

    def arrange(reason_row: bool) -> PlayLayout:
        return _arrange(
            size, scale, sp, top, top_buttons, body, bottom_y, bottom_h, narration_min, choices, meters, width,
            reason_row, panel,
        )  # fmt: skip

    if reason:
        # The "Why?" entry gets a row of its own when that leaves the narration a few lines more
        # than its minimum; otherwise it takes the place of the hint in the controls row (the keys
        # are in the help).
        own_row = arrange(True)
        if own_row.fits and own_row.narration.h >= narration_min + 3 * sp.line:
            return own_row
        inline = arrange(False)
        inline.reason = Rect(inline.controls)
        return inline if inline.fits or not own_row.fits else own_row
    return arrange(False)


def _arrange(
    size: tuple[int, int],
    scale: float,
    sp: Spacing,
    top: Rect,
    top_buttons: list[Rect],
    body: Rect,
    bottom_y: int,
    bottom_h: int,
    narration_min: int,
    choices: Sequence[ChoiceSpec],
    meters: int,
    width: WidthFn,
    reason_row: bool,
    panel: PanelHeight | None = None,
) -> PlayLayout:
    """The first arrangement of the body that fits (or the roomiest one tried, when none does)."""
    h = size[1]
    g = sp.gap
    reason_h = sp.button_h + g if reason_row else 0
    controls_h = sp.button_h + reason_h
    best: PlayLayout | None = None
    # First the roomy arrangement (timeline and log in a band across the bottom); if the cards do
    # not fit, the right column takes the full height and the log moves beside the timeline.
    narrow = (0.5, 0.56, 0.62)
    wide = (0.5, 0.56, 0.62, 0.68, 0.74)
    shrink = [
        (1.0, False, narrow),
        (1.0, True, narrow),
        (0.92, True, narrow),
        (0.85, True, narrow),
        (1.0, True, wide),
        (0.92, True, wide),
        (0.85, True, wide),
        (0.78, True, wide),
        (0.7, True, wide),
    ]
    for card_factor, tall_right, fractions in shrink:
        card_sp = sp if card_factor == 1.0 else Spacing.at(scale * card_factor)
        for fraction in fractions:
            right_w = round(body.w * fraction)
            left_w = body.w - right_w - g
            right_h = (h - g - body.y) if tall_right else body.h
            right = Rect(body.right - right_w, body.y, right_w, right_h)
            left = Rect(body.x, body.y, left_w, body.h)
            cards = stack_cards(Rect(right.x, 0, right.w, 0), choices, card_sp, width)
            cards_h = (cards[-1].rect.bottom - cards[0].rect.top) if cards else 0
            if panel is not None:
                cards_h = panel(right.w, card_sp)
            need = narration_min + g + cards_h + g + controls_h
            narration_h = max(narration_min, right.h - cards_h - controls_h - 2 * g)
            narration = Rect(right.x, right.y, right.w, narration_h)
            choices_rect = Rect(right.x, narration.bottom + g, right.w, cards_h)
            dy = choices_rect.y
            for card in cards:
                card.rect.y += dy
                card.badge.y += dy
            reason_rect = Rect(right.x, choices_rect.bottom + g, right.w, sp.button_h if reason_row else 0)
            controls = Rect(right.x, choices_rect.bottom + g + reason_h, right.w, sp.button_h)
            table_h = round(sp.line * 1.2 + sp.small_line + sp.pad * 1.6)
            table = Rect(left.x, left.y, left.w, table_h)
            for meter_factor in (1.0, 0.88, 0.76, 0.66):
                meter_sp = sp if meter_factor == 1.0 else Spacing.at(scale * meter_factor)
                meter_cols = meter_columns(left.w, meter_sp)
                rows = math.ceil(meters / meter_cols) if meters else 0
                meters_h = rows * meter_row_height(meter_sp) + (meter_sp.pad if rows else 0)
                if meters_h <= left.h * 0.3:
                    break
            meters_rect = Rect(left.x, left.bottom - meters_h, left.w, meters_h)
            map_rect = Rect(left.x, table.bottom + g, left.w, max(60, meters_rect.y - table.bottom - 2 * g))
            if tall_right:
                timeline_w = round(left.w * 0.56)
                timeline = Rect(left.x, bottom_y, timeline_w, bottom_h)
                log = Rect(timeline.right + g, bottom_y, left.right - timeline.right - g, bottom_h)
            else:
                timeline = Rect(left.x, bottom_y, left.w, bottom_h)
                log = Rect(right.x, bottom_y, right.w, bottom_h)
            fits = need <= right.h and controls.bottom <= right.bottom
            layout = PlayLayout(
                size=size,
                top_bar=top,
                top_buttons=list(top_buttons),
                table=table,
                map=map_rect,
                meters=meters_rect,
                timeline=timeline,
                log=log,
                narration=narration,
                choices=choices_rect,
                cards=cards,
                controls=controls,
                fits=fits,
                card_spacing=card_sp,
                meter_spacing=meter_sp,
                reason=reason_rect,
            )
            if layout.fits:
                return layout
            best = best or layout
    assert best is not None
    return best


def meter_columns(width: int, sp: Spacing) -> int:
    """As many meter columns as fit at about 15 small characters' width each (1 to 3)."""
    return max(1, min(3, width // max(1, sp.type.small * 11)))


def meter_row_height(sp: Spacing) -> int:
    return sp.small_line + max(6, round(sp.small_line * 0.35)) + max(4, sp.pad // 2)


def column(area: Rect, heights: Sequence[int], gap: int) -> list[Rect]:
    """Rectangles stacked top to bottom inside ``area``, each the full width."""
    out = []
    y = area.y
    for height in heights:
        out.append(Rect(area.x, y, area.w, height))
        y += height + gap
    return out


def row(area: Rect, widths: Sequence[int], gap: int, align: str = "left") -> list[Rect]:
    """Rectangles side by side inside ``area``, the full height, aligned left, right or centre."""
    total = sum(widths) + gap * max(0, len(widths) - 1)
    x = {"left": area.x, "right": area.right - total, "center": area.centerx - total // 2}[align]
    out = []
    for wd in widths:
        out.append(Rect(x, area.y, wd, area.h))
        x += wd + gap
    return out


def fit_column(count: int, room: int, button_h: int, gap: int, minimum: int) -> tuple[int, int]:
    """Button height and gap for ``count`` buttons stacked in ``room`` pixels: the usual ones when
    they fit, else a smaller gap and shorter buttons (never shorter than ``minimum``)."""
    if count <= 0 or count * button_h + (count - 1) * gap <= room:
        return button_h, gap
    gap = max(2, gap // 2)
    return max(minimum, min(button_h, (room - (count - 1) * gap) // count)), gap


def fit_line(text: str, max_width: int, size: int, style: str = "regular", width: WidthFn = font_width) -> str:
    """``text`` cut with '…' to ``max_width`` pixels (whole when it fits)."""
    if width(text, size, style) <= max_width:
        return text
    while len(text) > 1 and width(text + "…", size, style) > max_width:
        text = text[:-1]
    return text.rstrip() + "…"


def fit_size(
    text: str, max_width: int, size: int, smallest: int, style: str = "regular", width: WidthFn = font_width
) -> int:
    """The largest type size from ``size`` down to ``smallest`` at which ``text`` fits ``max_width``."""
    while size > smallest and width(text, size, style) > max_width:
        size -= 1
    return size


def button_width(label: str, sp: Spacing, size: int | None = None, minimum: int = 0) -> int:
    return max(minimum, font_width(label, size or sp.type.body, "bold") + sp.pad * 4)


def overlaps(rects: Sequence[Rect]) -> list[tuple[int, int]]:
    """Pairs of indices whose rectangles overlap (for tests and debug checks)."""
    return [(i, j) for i in range(len(rects)) for j in range(i + 1, len(rects)) if rects[i].colliderect(rects[j])]

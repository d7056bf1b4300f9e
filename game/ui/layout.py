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
MeterWords = tuple[str, str, str]  # a measure's name, its value as shown, and its change ("+2", "new" or "")
TOP_BUTTONS = ("Tree", "Undo", "Save", "Help", "Menu")  # the play screen's top bar, left to right


DECORATIONS = (16, 80)  # what a desktop takes around a window: borders, a title bar and a task bar


def fit_window(requested: tuple[int, int], desktop: tuple[int, int] | None) -> tuple[int, int]:
    """The window size to open: the one asked for, made small enough that the window with its
    title bar and borders fits the desktop (a 1280×720 window on a 1280×720 screen would run off
    it). Unknown desktop: as asked."""
    if desktop is None or desktop[0] <= 0 or desktop[1] <= 0:
        return requested
    return (
        min(requested[0], desktop[0] - DECORATIONS[0]),
        min(requested[1], desktop[1] - DECORATIONS[1]),
    )


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


def wrap_at(text: str, sep: str, max_width: int, size: int, style: str = "regular") -> list[str]:
    """``text`` broken into lines between its ``sep``-separated parts (a list of keys, say), so no
    part is split; a part wider than a line is wrapped at its words."""
    lines: list[str] = []
    line = ""
    for part in text.split(sep):
        trial = f"{line}{sep}{part}" if line else part
        if font_width(trial, size, style) <= max_width:
            line = trial
            continue
        if line:
            lines.append(line)
        *whole, line = wrap(part, max_width, size, style)
        lines += whole
    return [*lines, line] if line else lines or [""]


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
    """Where the play screen's parts go. The body under the tab row shows one tab: the story (the
    narration, the question and its choices or the offers, and beside them the measures when there
    is room), the measures (with the delegations and the timeline), the map, or the log. A part not
    on the tab shown has an empty rectangle."""

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
    card_spacing: Spacing | None = None  # the cards' type (the theme's: cards never shrink below it)
    meter_spacing: Spacing | None = None  # the meters' type, likewise
    reason: Rect = field(default_factory=Rect)  # the "Why?" entry under the cards (empty when not asked)
    tab: str = "story"
    tabs: list[Rect] = field(default_factory=list)  # the tab row's buttons, in TABS order
    recap: Rect = field(default_factory=Rect)  # "since your last turn", under the narration
    chips: list[Rect] = field(default_factory=list)  # each delegation's place in ``table``
    stacked: bool = False  # the choices sit under the narration (no room beside it)
    scroll_h: int = 0  # the offer panel's full height when it scrolls inside ``choices`` (0: it fits)
    recap_strip: bool = False  # "since your last turn" folded to one line (the story needs the room)
    meters_scroll_h: int = 0  # the meters' full height when they scroll inside ``meters`` (0: they fit)
    meters_count: int = 0  # how many measures (the first) ``meters`` shows when not all fit (0: all)
    meters_more: Rect = field(default_factory=Rect)  # the line under them that opens the rest (the measures tab)


TABS: tuple[tuple[str, str], ...] = (("story", "Story"), ("measures", "Measures"), ("map", "Map"), ("log", "Log"))
RECAP_LINES = 6  # "since your last turn" at most: then it scrolls (and never over a third of the column)
STORY_LINES = 8  # the narration's room (in body lines, besides its title) before the recap folds to a strip
OFFER_STORY_LINES = 5  # the story's lines that show beside an open offer before the offer gives way


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


def chip_size(label: str, role: str, sp: Spacing, width: WidthFn = font_width) -> tuple[int, int]:
    """A delegation's chip: its name in bold body type over its role in small type, whole."""
    t = sp.type
    text_w = max(width(label, t.body, "bold"), width(role, t.small, "semibold"))
    return text_w + 2 * sp.pad + 4, round(sp.line * 1.1 + sp.small_line + sp.pad)


def chip_rows(
    area_w: int, chips: Sequence[tuple[str, str]], sp: Spacing, width: WidthFn = font_width
) -> tuple[list[Rect], int]:
    """The delegations' chips in rows as wide as ``area_w`` (each chip as wide as its words, so
    no name is cut), and the height of the strip; chips of a row share its spare width."""
    g = max(4, sp.gap // 2)
    sizes = [chip_size(label, role, sp, width) for label, role in chips]
    rows: list[list[int]] = [[]]
    used = g
    for index, (cw, _) in enumerate(sizes):
        if rows[-1] and used + cw + g > area_w:
            rows.append([])
            used = g
        rows[-1].append(index)
        used += min(cw, area_w - 2 * g) + g
    chip_h = max((ch for _, ch in sizes), default=0)
    rects: list[Rect] = [Rect(0, 0, 0, 0)] * len(sizes)
    y = g
    for members in rows:
        if not members:
            continue
        natural = [min(sizes[i][0], area_w - 2 * g) for i in members]
        spare = max(0, area_w - g * (len(members) + 1) - sum(natural)) // len(members)
        x = g
        for i, cw in zip(members, natural, strict=True):
            rects[i] = Rect(x, y, cw + spare, chip_h)
            x += cw + spare + g
        y += chip_h + g
    return rects, (y if chips else 0)


def play_layout(
    size: tuple[int, int],
    scale: float,
    choices: Sequence[ChoiceSpec],
    meters: int,
    width: WidthFn = font_width,
    reason: bool = False,
    panel: PanelHeight | None = None,
    tab: str = "story",
    tab_labels: Sequence[str] = (),
    chips: Sequence[tuple[str, str]] = (),
    recap_lines: int = 0,
    controls_w: int = 0,
    meter_words: Sequence[MeterWords] = (),
) -> PlayLayout:
    """The play screen: the top bar, a row of tabs, and the body showing the tab ``tab``.

    On the story tab the narration and the question come first: the narration holds a column of
    the full height (with "since your last turn" under it), the choice cards or the offer panel
    (``panel`` says how tall it is at a width; ``choices`` is its place) hold the column beside
    it, and the measures get a third column when there is room. When the choices do not fit beside
    the narration, they go under it across the full width. Nothing shrinks the type: what does not
    fit moves to another tab (the delegations to the measures tab when they need more than a row).
    ``controls_w`` is the width replay's four buttons need on a row: they take a bar of their own
    at the foot of the window, the same place at every step (narration, decision or table), so a
    second click where Next was never lands on a choice; two rows where the window is narrower.
    ``meter_words`` (each measure's name, value and change) lets a measure whose name and value
    do not share a line take two (see ``meter_lines``).
    """
    sp = Spacing.at(scale)
    t = sp.type
    w, h = size
    g = sp.gap
    top_h = max(sp.button_h + 8, round(fonts.line_height(t.heading, "bold") * 1.25))
    top = Rect(0, 0, w, top_h)
    button_w = [max(round(sp.button_h * 2.0), width(label, t.body, "bold") + sp.pad * 3) for label in TOP_BUTTONS]
    x = w - g
    top_buttons: list[Rect] = []
    for bw in reversed(button_w):
        x -= bw
        top_buttons.insert(0, Rect(x, (top_h - sp.button_h) // 2, bw, sp.button_h))
        x -= g // 2 + 2
    labels = list(tab_labels) or [label for _, label in TABS]
    tab_h = small_button_height(sp)
    tabs = row(
        Rect(g, top.bottom + g // 2, w - 2 * g, tab_h),
        [width(label, t.small, "bold") + sp.pad * 3 for label in labels],
        max(4, g // 2),
    )
    body = Rect(g, tabs[0].bottom + g // 2 if tabs else top.bottom + g, w - 2 * g, 0)
    body.h = h - g - body.y
    empty = Rect(0, 0, 0, 0)
    lay = PlayLayout(
        size=size, top_bar=top, top_buttons=top_buttons, table=Rect(empty), map=Rect(empty),
        meters=Rect(empty), timeline=Rect(empty), log=Rect(empty), narration=Rect(empty),
        choices=Rect(empty), controls=Rect(empty), card_spacing=sp, meter_spacing=sp, tab=tab, tabs=tabs,
    )  # fmt: skip
    if not controls_w:
        _arrange_tab(lay, body, sp, choices, meters, width, reason, panel, tab, chips, recap_lines, meter_words)
        return lay
    bar_h = sp.button_h if controls_w <= body.w else sp.button_h * 2 + g
    bar = Rect(body.x, body.bottom - bar_h, body.w, bar_h)
    body.h -= bar_h + g // 2
    _arrange_tab(lay, body, sp, choices, meters, width, reason, panel, tab, chips, recap_lines, meter_words, False)
    lay.controls = bar
    return lay


def _arrange_tab(
    lay: PlayLayout,
    body: Rect,
    sp: Spacing,
    choices: Sequence[ChoiceSpec],
    meters: int,
    width: WidthFn,
    reason: bool,
    panel: PanelHeight | None,
    tab: str,
    chips: Sequence[tuple[str, str]],
    recap_lines: int,
    meter_words: Sequence[MeterWords],
    controls: bool = True,
) -> PlayLayout:
    """The body of the play screen for the tab ``tab`` (see ``play_layout``); without ``controls``
    the story leaves no row for them under the choices (replay has its own bar)."""
    g = sp.gap
    chip_rects, strip_h = chip_rows(body.w, chips, sp, width)
    one_row = strip_h <= chip_size("M", "M", sp, width)[1] + 2 * max(4, g // 2)
    if tab == "story":
        strip = (chip_rects, strip_h) if chips and one_row else None
        _arrange_story(lay, body, sp, choices, meters, width, reason, panel, recap_lines, strip, meter_words, controls)
        return lay
    if tab == "measures":
        if chips:
            lay.table = Rect(body.x, body.y, body.w, strip_h)
            lay.chips = [r.move(body.topleft) for r in chip_rects]
            body = Rect(body.x, lay.table.bottom + g, body.w, body.bottom - lay.table.bottom - g)
        timeline_h = max(round(sp.small_line * 4.6), 74)
        lay.timeline = Rect(body.x, body.bottom - timeline_h, body.w, timeline_h)
        lay.meters = Rect(body.x, body.y, body.w, max(0, lay.timeline.y - g - body.y))
        if meters_height(meters, body.w, sp, meter_words, width) > lay.meters.h:
            # Large type on a small window: the meters scroll in a place of whole rows (none is cut
            # until scrolled), and the timeline takes what is left under them.
            inner = body.w - scroll_bar_width(sp)
            lay.meters_scroll_h = meters_height(meters, inner, sp, meter_words, width)
            edge = sp.pad // 2 + 2  # above the first row (see ``widgets.meters.meter_cells``)
            shown = edge
            for row_h in meter_row_heights(meters, inner, sp, meter_words, width):
                if shown + row_h > lay.meters.h and shown > edge:
                    break
                shown += row_h
            lay.meters.h = min(lay.meters.h, shown)
            lay.timeline = Rect(body.x, lay.meters.bottom + g, body.w, body.bottom - lay.meters.bottom - g)
        return lay
    if tab == "map":
        lay.map = Rect(body)
        return lay
    lay.log = Rect(body)
    return lay


def meters_height(
    count: int, width_px: int, sp: Spacing, words: Sequence[MeterWords] = (), width: WidthFn = font_width
) -> int:
    """The height of the meters panel holding ``count`` meters at a width (0 for none)."""
    if not count:
        return 0
    return sum(meter_row_heights(count, width_px, sp, words, width)) + sp.pad


def meter_cell_width(width_px: int, columns: int, sp: Spacing) -> int:
    return (width_px - sp.pad * (columns + 1)) // columns


def meter_lines(words: MeterWords, cell_w: int, sp: Spacing, width: WidthFn = font_width) -> int:
    """1 when a measure's name, change and value share a line of its cell; else 2 (the value goes
    under the name, so neither is cut to make room for the other)."""
    label, value, delta = words
    small = sp.type.small
    need = width(label, small, "semibold") + 8 + width(value, small, "bold")
    if delta:
        need += width(delta + " ", small, "bold")
    return 1 if need <= cell_w else 2


def meter_row_heights(
    count: int,
    width_px: int,
    sp: Spacing,
    words: Sequence[MeterWords] = (),
    width: WidthFn = font_width,
    columns: int = 0,
) -> list[int]:
    """Each row's height in the meters' grid at a width (in ``columns``, or as many as fit): a line
    taller where one of its measures takes two lines."""
    columns = columns or meter_columns(width_px, sp)
    cell_w = meter_cell_width(width_px, columns, sp)
    heights = [meter_row_height(sp)] * math.ceil(count / columns)
    for index, item in enumerate(words[:count]):
        if meter_lines(item, cell_w, sp, width) == 2:
            heights[index // columns] = meter_row_height(sp) + sp.small_line
    return heights


def _arrange_story(
    lay: PlayLayout,
    body: Rect,
    sp: Spacing,
    choices: Sequence[ChoiceSpec],
    meters: int,
    width: WidthFn,
    reason: bool,
    panel: PanelHeight | None,
    recap_lines: int,
    strip: tuple[list[Rect], int] | None,
    meter_words: Sequence[MeterWords] = (),
    controls: bool = True,
) -> None:
    """The story tab: the first arrangement, roomiest first, in which the choices fit whole. Tried
    in turn: with the delegations' strip, then without it (it is on the measures tab too); the
    "Why?" entry on a row of its own, then in the controls row; the choices beside the narration
    (at a few widths), then under it. When none fits, an offer panel scrolls beside the narration."""
    g = sp.gap
    recap_h = (min(recap_lines, RECAP_LINES) + 1) * sp.small_line + sp.pad * 4 if recap_lines else 0
    narration_w_min = sp.type.body * 16  # about thirty words a line's worth of room, never a sliver
    narration_min = sp.line * 4 + sp.large_line + sp.pad * 2
    # Under an offer panel (it can scroll) the story keeps room for its title and several lines:
    # a band with a line or two of story above the offers would put the question below the fold.
    stacked_min = story_least(sp, OFFER_STORY_LINES) if panel is not None else narration_min

    def buttons_h(column_w: int) -> int:
        """The controls' row under the choices (none when they have a bar of their own)."""
        return sp.button_h if controls else 0

    def decision_h(column_w: int) -> tuple[int, list[CardGeometry]]:
        if panel is not None:
            return panel(column_w, sp), []
        cards = stack_cards(Rect(0, 0, column_w, 0), choices, sp, width)
        return ((cards[-1].rect.bottom - cards[0].rect.top) if cards else 0), cards

    def story_area(with_strip: bool) -> Rect:
        if not with_strip or strip is None:
            lay.table, lay.chips = Rect(0, 0, 0, 0), []
            return Rect(body)
        rects, strip_h = strip
        lay.table = Rect(body.x, body.y, body.w, strip_h)
        lay.chips = [r.move(body.topleft) for r in rects]
        return Rect(body.x, lay.table.bottom + g // 2, body.w, body.bottom - lay.table.bottom - g // 2)

    # Beside the narration, first where the measures fit under the choices too, then anywhere.
    for with_strip in (True, False) if strip is not None else (False,):
        for with_meters in (True, False) if meters else (False,):
            area = story_area(with_strip)
            for own_row in (True, False) if reason else (False,):
                for fraction in (0.46, 0.52, 0.58):
                    decision_w = round(area.w * fraction)
                    controls_h = buttons_h(decision_w) + (sp.button_h + g if own_row else 0)
                    narration_w = area.w - decision_w - g
                    needed, cards = decision_h(decision_w)
                    below = meters_height(meters, decision_w, sp, meter_words, width) + g if with_meters else 0
                    if narration_w < narration_w_min or needed + g + controls_h + below > area.h:
                        continue
                    column = Rect(area.right - decision_w, area.y, decision_w, area.h)
                    _place_decision(lay, column, needed, cards, sp, reason, own_row, buttons_h(decision_w))
                    _place_narration(lay, Rect(area.x, area.y, narration_w, area.h), recap_h, sp)
                    if with_meters:
                        lay.meters = Rect(column.x, lay.controls.bottom + g, column.w, below - g)
                    elif meters:  # not all of them: as many rows as the room under the controls holds
                        under = Rect(column.x, lay.controls.bottom + g, column.w, area.bottom - lay.controls.bottom - g)
                        _some_meters(lay, under, meters, sp, meter_words, width)
                    lay.fits = True
                    return
    for with_strip in (True, False) if strip is not None else (False,):
        area = story_area(with_strip)
        for own_row in (True, False) if reason else (False,):
            controls_h = buttons_h(area.w) + (sp.button_h + g if own_row else 0)
            needed, cards = decision_h(area.w)
            if needed + controls_h + 2 * g + stacked_min <= area.h:
                narration_h = area.h - needed - controls_h - 2 * g
                _place_narration(lay, Rect(area.x, area.y, area.w, narration_h), recap_h, sp, beside=True)
                column = Rect(area.x, area.y + narration_h + g, area.w, area.h - narration_h - g)
                _place_decision(lay, column, needed, cards, sp, reason, own_row, buttons_h(area.w))
                lay.stacked = True
                lay.fits = True
                return
    # Nothing fits whole, or the story would be a band: the offer panel scrolls beside the
    # narration (cards are never cut), and the recap folds to a line when the story needs it.
    area = story_area(False)
    decision_w = round(area.w * 0.56)
    column = Rect(area.right - decision_w, area.y, decision_w, area.h)
    needed, cards = decision_h(decision_w)
    room = area.h - buttons_h(decision_w) - g
    _place_decision(lay, column, min(needed, room), cards, sp, reason, False, buttons_h(decision_w))
    _place_narration(lay, Rect(area.x, area.y, area.w - decision_w - g, area.h), recap_h, sp)
    lay.scroll_h = needed if needed > room else 0
    lay.fits = panel is not None


def _some_meters(
    lay: PlayLayout, room: Rect, meters: int, sp: Spacing, words: Sequence[MeterWords], width: WidthFn
) -> None:
    """The first measures, as many whole rows as ``room`` holds over a line saying where the rest
    are (the measures tab); none when it holds fewer than two rows. Drawn once on the backdrop:
    a scrolling box of them costs every frame and every rebuild of the screen."""
    more_h = small_button_height(sp)
    columns = meter_columns(room.w, sp)
    used = rows = 0
    for row_h in meter_row_heights(meters, room.w, sp, words, width):
        if used + row_h + sp.pad + sp.gap // 2 + more_h > room.h:  # (the panel's edges: see ``meters_height``)
            break
        used += row_h
        rows += 1
    if rows < 2:
        return
    lay.meters = Rect(room.x, room.y, room.w, used + sp.pad)
    lay.meters_count = min(meters, rows * columns)
    lay.meters_more = Rect(room.x, lay.meters.bottom + sp.gap // 2, room.w, more_h)


def _place_decision(
    lay: PlayLayout,
    column: Rect,
    needed: int,
    cards: list[CardGeometry],
    sp: Spacing,
    reason: bool,
    own_row: bool,
    controls_h: int | None = None,
) -> None:
    """The choices at the top of ``column`` (the question is read first), then the "Why?" row
    (or, without ``own_row``, the "Why?" entry in the controls row) and the controls (``controls_h``
    0: none there)."""
    g = sp.gap
    lay.choices = Rect(column.x, column.y, column.w, needed)
    for card in cards:
        card.rect.x += column.x
        card.badge.x += column.x
        card.text_x += column.x
        card.rect.y += column.y
        card.badge.y += column.y
    lay.cards = cards
    y = lay.choices.bottom + g
    if reason and own_row:
        lay.reason = Rect(column.x, y, column.w, sp.button_h)
        y += sp.button_h + g
    lay.controls = Rect(column.x, y, column.w, sp.button_h if controls_h is None else controls_h)
    if reason and not own_row:
        lay.reason = Rect(lay.controls)  # the entry takes the place of the hint in the controls row
    elif not reason:
        lay.reason = Rect(column.x, y, column.w, 0)


def _place_narration(lay: PlayLayout, area: Rect, recap_h: int, sp: Spacing, beside: bool = False) -> None:
    """The narration fills ``area``; "since your last turn" takes its foot (or, when the area is a
    short band across the screen, its right third)."""
    g = sp.gap
    lay.narration, lay.recap = Rect(area), Rect(0, 0, 0, 0)
    if not recap_h:
        return
    if beside:
        recap_w = max(sp.type.small * 16, area.w // 3)
        lay.narration = Rect(area.x, area.y, area.w - recap_w - g, area.h)
        lay.recap = Rect(lay.narration.right + g, area.y, recap_w, area.h)
        return
    recap_h = min(recap_h, area.h // 3)
    if area.h - recap_h - g < story_room(sp):
        recap_h = small_button_height(sp)
        lay.recap_strip = True
    lay.narration = Rect(area.x, area.y, area.w, area.h - recap_h - g)
    lay.recap = Rect(area.x, lay.narration.bottom + g, area.w, recap_h)


def story_room(sp: Spacing) -> int:
    """The narration's height below which the recap gives up its box: a two-line title, the line
    of who acts, and ``STORY_LINES`` lines of the story itself."""
    return sp.large_line * 2 + sp.small_line + sp.line * STORY_LINES


def story_least(sp: Spacing, lines: int) -> int:
    """The narration's height that shows a one-line title, the line of who acts, the blank line
    after it and ``lines`` lines of the story itself."""
    return sp.large_line + sp.small_line + sp.line * (lines + 1) + sp.pad * 2


def scroll_bar_width(sp: Spacing) -> int:
    """The width a scrolling area's bar takes from its content."""
    return max(20, sp.pad * 2)


def small_button_height(sp: Spacing) -> int:
    """A button of one line of small type: a tab, or the folded recap."""
    return sp.small_line + sp.pad + 6


def meter_columns(width: int, sp: Spacing) -> int:
    """As many meter columns as fit at about 26 small characters' width each (1 to 3), so most
    labels show whole beside their values."""
    return max(1, min(3, width // max(1, sp.type.small * 16)))


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

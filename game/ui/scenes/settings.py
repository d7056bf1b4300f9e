"""The settings screen: text size, colours, fullscreen, pacing and how much of the computer's reasons
a class sees, saved between runs.

Every option is on screen at once, a row of buttons per setting (the chosen one filled: light on
dark, told apart by brightness, not hue alone), each explained by its tool tip; a row that does not
fit beside its label goes under it. The sample below names every colour it shows.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from ..layout import button_width, fit_line, fit_size, wrap
from ..settings import PALETTES, PAUSES, REASONS, REPLAY_SPEEDS, TEXT_SIZES
from ..widgets import draw
from .base import Scene

SWATCHES = (
    ("accent", "Buttons"),
    ("focus", "Keyboard focus"),
    ("good", "Better"),
    ("bad", "Worse"),
    ("highlight", "Map highlight"),
)


def _seconds(value: float) -> str:
    return "none" if value == 0 else f"{value:g} s"


@dataclass(frozen=True)
class Option:
    key: str  # the button's key: the setting and the option, as 'palette_safe'
    label: str
    tip: str
    chosen: bool


@dataclass(frozen=True)
class Setting:
    key: str
    label: str
    options: tuple[Option, ...]


TEXT_TIPS = {
    "Small": "Smaller text: more fits on a small screen",
    "Normal": "The usual size",
    "Large": "Larger text, for reading at a distance",
    "Projector": "The largest text, for a class reading a projected screen",
}
PALETTE_TIPS = {
    "standard": "Each delegation in its scenario's own colours",
    "safe": "Colours told apart with red-green colour blindness: no two delegations, nor the sea, look alike",
}
REASON_TIPS = {
    "numbers": "Class games show why each computer delegation moved, with the points it weighed",
    "reasons": "Class games show why each computer delegation moved, without its points",
    "nothing": "Class games show only what the computer delegations did, not why",
}


def settings_rows(scene: Scene) -> list[Setting]:
    """Every setting and its options, the chosen one marked."""
    s = scene.app.settings

    def opts(name: str, items: list[tuple[str, str, str, bool]]) -> tuple[Option, ...]:
        return tuple(Option(f"{name}_{value}", label, tip, chosen) for value, label, tip, chosen in items)

    return [
        Setting(
            "text_size",
            "Text size",
            opts(
                "text_size",
                [(str(i), name, TEXT_TIPS[name], i == s.text_size) for i, (name, _) in enumerate(TEXT_SIZES)],
            ),
        ),
        Setting(
            "palette",
            "Colours",
            opts("palette", [(pid, label, PALETTE_TIPS[pid], pid == s.palette) for pid, label in PALETTES]),
        ),
        Setting(
            "fullscreen",
            "Fullscreen (F11)",
            opts(
                "fullscreen",
                [
                    ("off", "Off", "In a window", not s.fullscreen),
                    ("on", "On", "The whole screen (F11 switches at any time)", s.fullscreen),
                ],
            ),
        ),
        Setting(
            "computer_pause",
            "Pause before the computer moves",
            opts(
                "computer_pause",
                [
                    (
                        f"{p:g}",
                        _seconds(p),
                        f"Wait {_seconds(p)} before each computer move, to follow it",
                        p == s.computer_pause,
                    )
                    for p in PAUSES
                ],
            ),
        ),
        Setting(
            "replay_step",
            "Time per step when history replays itself",
            opts(
                "replay_step",
                [
                    (f"{p:g}", _seconds(p), f"Replaying history moves on every {_seconds(p)}", p == s.replay_step)
                    for p in REPLAY_SPEEDS
                ],
            ),
        ),
        Setting(
            "reasons",
            "The computer's reasons, in class games",
            opts("reasons", [(rid, label, REASON_TIPS[rid], rid == s.reasons) for rid, label in REASONS]),
        ),
    ]


SAMPLE = "Sample: every delegation must answer before the deadline, or lose its chance."


class SettingsScene(Scene):
    name = "settings"
    default_focus = "back"

    def build(self) -> None:
        app, sp, t = self.app, self.sp, self.app.type
        w, h = app.size
        g = sp.gap
        margin = g * 2
        backdrop = self.new_backdrop()
        head = self.mark("head", draw.text(backdrop, "Settings", (margin, margin), t.heading, self.c("accent"), "bold"))
        intro = "Click an option (or move to it with the arrow keys and press Enter). Saved for next time."
        intro_size = fit_size(intro, w - 2 * margin, t.body, t.small)
        self.mark(
            "intro",
            draw.text(
                backdrop,
                fit_line(intro, w - 2 * margin, intro_size),
                (margin, head.bottom + 4),
                intro_size,
                self.c("muted"),
            ),
        )
        rows = settings_rows(self)
        width = w - 2 * margin
        back_y = h - margin - sp.button_h
        top = head.bottom + sp.line + g
        room = back_y - g - top
        for small in (False, True):
            placed = self._place(rows, width, small)
            if placed[-1] <= room:
                break
        label_w, stacked, row_h, _ = placed
        size = t.small if small else t.body
        style = "@small" if small else ""
        y = top
        for setting in rows:
            label_h = draw.fonts.line_height(size, "bold")
            if stacked:
                self.mark(
                    f"label_{setting.key}",
                    draw.text(backdrop, setting.label, (margin, y), size, self.c("text"), "bold"),
                )
                y += label_h + 2
                x = margin
            else:
                self.mark(
                    f"label_{setting.key}",
                    draw.text(
                        backdrop,
                        setting.label,
                        (margin, y + row_h // 2),
                        size,
                        self.c("text"),
                        "bold",
                        anchor="midleft",
                    ),
                )
                x = margin + label_w
            for option in setting.options:
                text = option.label
                bw = button_width(text, sp, size)
                chosen_style = ("@small_chosen" if small else "@chosen") if option.chosen else style
                self.add_button(option.key, pygame.Rect(x, y, bw, row_h), text, chosen_style, tooltip=option.tip)
                x += bw + g // 2
            y += row_h + g // 2
        sample_top = y + g
        back = pygame.Rect(margin, back_y, button_width("Back", sp, minimum=140), sp.button_h)
        place = pygame.Rect(margin, sample_top, width, back_y - g - sample_top)
        if self._sample_height(place.w) > place.h:
            # Large type: the sample (its sentence shows what the text size looks like) takes the
            # foot of the screen too, with Back beside it on the right.
            place = pygame.Rect(margin, sample_top, width - back.w - g * 2, back.bottom - sample_top)
            back.right = margin + width
        self._sample(backdrop, place)
        self.add_button("back", back, "Back", "@primary", tooltip="Back to where you were (Esc)")
        self.backdrop = backdrop

    def _place(self, rows: list[Setting], width: int, small: bool) -> tuple[int, bool, int, int]:
        """(label column width, labels above their options?, row height, total height) for a type size."""
        sp, t = self.sp, self.app.type
        size = t.small if small else t.body
        row_h = max(draw.fonts.line_height(size, "bold") + 10, round(sp.button_h * (0.8 if small else 1.0)))
        label_w = max(draw.fonts.font(size, "bold").size(r.label)[0] for r in rows) + sp.gap * 2
        widest = max(sum(button_width(o.label, sp, size) + sp.gap // 2 for o in r.options) for r in rows)
        stacked = label_w + widest > width
        per_row = row_h + sp.gap // 2 + (draw.fonts.line_height(size, "bold") + 2 if stacked else 0)
        return label_w, stacked, row_h, per_row * len(rows)

    def _sample_height(self, width: int) -> int:
        """The height of the sample, sentence and colour names, at ``width``."""
        sp, t = self.sp, self.app.type
        lines = wrap(SAMPLE, width - sp.pad * 2, t.body)
        return len(lines) * sp.line + sp.small_line + 6 + sp.pad * 2 + 4

    def _sample(self, backdrop: pygame.Surface, room: pygame.Rect) -> None:
        """Text and every colour role of the palette, each named, when there is room for them."""
        sp, t = self.sp, self.app.type
        self.sample_lines: list[str] = []  # the sentence as shown (none when there was no room)
        lines = wrap(SAMPLE, room.w - sp.pad * 2, t.body)
        chip = sp.small_line
        names_h = sp.small_line + 6
        height = self._sample_height(room.w)
        if height > room.h:  # short of room (large type): the named colours matter most, so keep them
            lines, height = [], names_h + sp.pad * 2
        if height > room.h:
            return
        sample = self.mark("sample", pygame.Rect(room.x, room.y, room.w, height))
        draw.panel(backdrop, sample, self.c("panel"), 6, self.c("border"))
        self.sample_lines = lines
        for index, line in enumerate(lines):
            draw.text(backdrop, line, (sample.x + sp.pad, sample.y + sp.pad + index * sp.line), t.body, self.c("text"))
        x = sample.x + sp.pad
        y = sample.y + sp.pad + len(lines) * sp.line + 4
        for name, words in SWATCHES:
            width = chip + 6 + draw.fonts.font(t.small).size(words)[0]
            if x + width > sample.right - sp.pad:
                break
            pygame.draw.rect(backdrop, self.c(name), (x, y + 2, chip, chip - 4), border_radius=3)
            draw.text(backdrop, words, (x + chip + 6, y), t.small, self.c("muted"))
            x += width + sp.gap * 2

    def on_button(self, key: str) -> None:
        app = self.app
        s = app.settings
        if key == "back":
            app.pop()
            return
        name, _, value = key.rpartition("_")
        if name == "text_size":
            s.text_size = int(value)
        elif name == "palette":
            s.palette = value
        elif name == "fullscreen":
            if (value == "on") != s.fullscreen:
                app.toggle_fullscreen()
            self.focus_key = key
            app.rebuild()
            return
        elif name == "computer_pause":
            s.computer_pause = float(value)
        elif name == "replay_step":
            s.replay_step = float(value)
        elif name == "reasons":
            s.reasons = value
        else:
            return
        self.focus_key = key
        app.apply_settings()

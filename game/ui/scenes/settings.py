"""The settings screen: text size, colours, fullscreen and pacing, saved between runs."""

from __future__ import annotations

import pygame

from ..layout import button_width, column, fit_column, fit_line, fit_size, wrap
from ..settings import PALETTES, PAUSES, REPLAY_SPEEDS, TEXT_SIZES
from ..widgets import draw
from .base import Scene


def _seconds(value: float) -> str:
    return "none" if value == 0 else f"{value:g} s"


class SettingsScene(Scene):
    name = "settings"
    default_focus = "text_size"

    def rows(self) -> list[tuple[str, str, str]]:
        s = self.app.settings
        return [
            ("text_size", "Text size", s.text_size_name),
            ("palette", "Colours", s.palette_name),
            ("fullscreen", "Fullscreen (F11)", "on" if s.fullscreen else "off"),
            ("computer_pause", "Pause before the computer moves", _seconds(s.computer_pause)),
            ("replay_step", "Time per step when history replays itself", _seconds(s.replay_step)),
        ]

    def build(self) -> None:
        app, sp, t = self.app, self.sp, self.app.type
        w, h = app.size
        g = sp.gap
        margin = g * 2
        backdrop = self.new_backdrop()
        head = self.mark("head", draw.text(backdrop, "Settings", (margin, margin), t.heading, self.c("accent"), "bold"))
        intro = "Click a setting (or press Enter on it) to change it. Saved for next time."
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
        rows = self.rows()
        value_w = max(button_width(v, sp) for v in ("Colour-blind safe", "Projector", "none", "3 s")) + g
        # Labels in smaller type when the window is narrow for them and the values side by side.
        room_w = w - 2 * margin - value_w - g * 3
        label_size = min(fit_size(label, room_w, t.body, t.small, "bold") for _, label, _ in rows)
        label_w = max(draw.fonts.font(label_size, "bold").size(label)[0] for _, label, _ in rows) + g * 3
        top = head.bottom + sp.line + g * 2
        back_h = sp.button_h
        back_y = h - margin - back_h
        # The colour sample: its words wrap; it is left out when the rows need its room.
        sample_text = "Sample: every delegation must answer before the deadline, or lose its chance."
        sample_lines = wrap(sample_text, w - 2 * margin - sp.pad * 2, t.body)
        sample_h = (len(sample_lines) + 1) * sp.line + sp.pad * 2
        minimum = draw.fonts.line_height(t.body, "bold") + 8
        room = back_y - g * 2 - top
        show_sample = len(rows) * (minimum + g // 2) + g * 2 + sample_h <= room
        if show_sample:
            room -= sample_h + g * 2
        row_h, row_gap = fit_column(len(rows), room, sp.button_h, g, minimum)
        area = pygame.Rect(margin, top, min(w - 2 * margin, label_w + value_w), 0)
        rects = column(area, [row_h] * len(rows), row_gap)
        for (key, label, value), rect in zip(rows, rects, strict=True):
            self.mark(
                f"label_{key}",
                draw.text(
                    backdrop, label, (rect.x, rect.centery), label_size, self.c("text"), "bold", anchor="midleft"
                ),
            )
            self.add_button(key, pygame.Rect(rect.x + label_w, rect.y, value_w, rect.h), value)
        if show_sample:
            y = rects[-1].bottom + g * 2
            sample = self.mark("sample", pygame.Rect(margin, y, w - 2 * margin, sample_h))
            draw.panel(backdrop, sample, self.c("panel"), 6, self.c("border"))
            for index, line in enumerate(sample_lines):
                draw.text(
                    backdrop, line, (sample.x + sp.pad, sample.y + sp.pad + index * sp.line), t.body, self.c("text")
                )
            swatches = ["accent", "focus", "good", "bad", "highlight"]
            x = sample.x + sp.pad
            swatch_y = sample.y + sp.pad + len(sample_lines) * sp.line
            for name in swatches:
                pygame.draw.rect(backdrop, self.c(name), (x, swatch_y, sp.line * 2, sp.line - 6), border_radius=3)
                x += sp.line * 2 + g
        (back,) = column(pygame.Rect(margin, back_y, button_width("Back", sp, minimum=140), 0), [back_h], g)
        self.add_button("back", back, "Back", "@primary")
        self.backdrop = backdrop

    def on_button(self, key: str) -> None:
        app = self.app
        s = app.settings
        if key == "back":
            app.pop()
            return
        if key == "text_size":
            s.text_size = (s.text_size + 1) % len(TEXT_SIZES)
        elif key == "palette":
            ids = [p for p, _ in PALETTES]
            s.palette = ids[(ids.index(s.palette) + 1) % len(ids)] if s.palette in ids else ids[0]
        elif key == "fullscreen":
            app.toggle_fullscreen()
            return
        elif key == "computer_pause":
            s.computer_pause = _next(PAUSES, s.computer_pause)
        elif key == "replay_step":
            s.replay_step = _next(REPLAY_SPEEDS, s.replay_step)
        self.focus_key = key
        app.apply_settings()


def _next(options: tuple[float, ...], value: float) -> float:
    later = [o for o in options if o > value + 1e-9]
    return later[0] if later else options[0]

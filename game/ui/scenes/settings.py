"""The settings screen: text size, colours, fullscreen and pacing, saved between runs."""

from __future__ import annotations

import pygame

from ..layout import button_width, column
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
        head = draw.text(backdrop, "Settings", (margin, margin), t.heading, self.c("accent"), "bold")
        draw.text(backdrop, "Click a setting (or press Enter on it) to change it. Saved for next time.",
                  (margin, head.bottom + 4), t.body, self.c("muted"))
        rows = self.rows()
        label_w = max(draw.fonts.font(t.body, "bold").size(label)[0] for _, label, _ in rows) + g * 3
        value_w = max(button_width(v, sp) for v in ("Colour-blind safe", "Projector", "none", "3 s")) + g
        area = pygame.Rect(margin, head.bottom + sp.line + g * 2, min(w - 2 * margin, label_w + value_w), 0)
        rects = column(area, [sp.button_h] * len(rows), g)
        for (key, label, value), rect in zip(rows, rects, strict=True):
            draw.text(backdrop, label, (rect.x, rect.centery), t.body, self.c("text"), "bold", anchor="midleft")
            self.add_button(key, pygame.Rect(rect.x + label_w, rect.y, value_w, rect.h), value)
        y = rects[-1].bottom + g * 2
        sample = pygame.Rect(margin, y, w - 2 * margin, sp.line * 2 + sp.pad * 2)
        draw.panel(backdrop, sample, self.c("panel"), 6, self.c("border"))
        draw.text(backdrop, "Sample: every delegation must answer before the deadline, or lose its chance.",
                  (sample.x + sp.pad, sample.y + sp.pad), t.body, self.c("text"))
        swatches = ["accent", "focus", "good", "bad", "highlight"]
        x = sample.x + sp.pad
        for name in swatches:
            pygame.draw.rect(backdrop, self.c(name), (x, sample.y + sp.pad + sp.line, sp.line * 2, sp.line - 6),
                             border_radius=3)
            x += sp.line * 2 + g
        (back,) = column(pygame.Rect(margin, h - margin - sp.button_h, button_width("Back", sp, minimum=140), 0),
                         [sp.button_h], g)
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

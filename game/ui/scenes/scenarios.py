"""Choosing a scenario: every file in ``scenarios/``, by title (players know scenarios by their
titles, not their files); the invalid ones are listed with their first error (file:line), so an
author sees at once what to fix."""

from __future__ import annotations

from collections import Counter

import pygame

from ..host import SceneHost
from ..layout import ChoiceSpec, button_width, card_geometry, row
from ..story import CatalogueEntry, catalogue, esc, long_date
from ..widgets import draw
from ..widgets.cards import draw_card
from .base import Scene


def clashing_titles(entries: list[CatalogueEntry]) -> set[str]:
    """The titles more than one playable file bears (a player's own copy of a shipped scenario)."""
    titles = Counter(e.scenario.title for e in entries if e.scenario is not None)
    return {title for title, count in titles.items() if count > 1}


def card_spec(entry: CatalogueEntry, clashing: set[str]) -> ChoiceSpec:
    """A scenario's card: its title, then its dates and summary; its file only when another
    file bears the same title (to tell them apart), or when it cannot be read for a title."""
    s = entry.scenario
    if s is None:
        return ChoiceSpec(f"{entry.path.name} — cannot be played", entry.first_error, True)
    dates = f"{long_date(s.start)} – {long_date(s.end)}"
    where = f" · file {entry.path.name}" if s.title in clashing else ""
    return ChoiceSpec(s.title, f"{dates}{where} · {s.summary}")


class ScenarioScene(Scene):
    name = "scenarios"

    def __init__(self, app: SceneHost) -> None:
        super().__init__(app)
        self.entries: list[CatalogueEntry] = catalogue()
        self.page = 0
        self.specs: dict[str, ChoiceSpec] = {}  # each card's words, by its button's key (for tests)

    def build(self) -> None:
        app, sp, t = self.app, self.sp, self.app.type
        w, h = app.size
        g = sp.gap
        margin = g * 2
        backdrop = self.new_backdrop()
        head = draw.text(backdrop, "Choose a scenario", (margin, margin), t.heading, self.c("accent"), "bold")
        footer = pygame.Rect(margin, h - margin - sp.button_h, w - 2 * margin, sp.button_h)
        area = pygame.Rect(margin, head.bottom + g, w - 2 * margin, footer.y - g - head.bottom - g)
        current = app.slot.path.resolve()
        yy = area.y
        shown = 0
        clashing = clashing_titles(self.entries)
        self.specs = {}
        for index, entry in enumerate(self.entries[self.page :], start=self.page):
            spec = card_spec(entry, clashing)
            geo = card_geometry(pygame.Rect(area.x, yy, area.w, 0), spec, sp)
            geo.detail_lines = geo.detail_lines[:2]
            geo.rect.h = len(geo.label_lines) * sp.line + len(geo.detail_lines) * sp.small_line + sp.pad * 2
            if geo.rect.bottom > area.bottom:
                break
            draw_card(backdrop, geo, sp, self.palette, blocked=not entry.valid, chosen=entry.path.resolve() == current)
            tip = None
            if not entry.valid:
                tip = f"<b>First error</b><br>{esc(entry.first_error)}"
            self.add_button(f"scenario_{index}", geo.rect, "", "@card" if entry.valid else "@card_blocked", tooltip=tip)
            self.specs[f"scenario_{index}"] = spec
            yy = geo.rect.bottom + g // 2 + 2
            shown += 1
        if not self.entries:
            draw.text(backdrop, "The scenarios folder is empty.", (area.x, area.y), t.body, self.c("muted"))
        labels = []
        if self.page > 0 or self.page + shown < len(self.entries):
            labels += [("prev", "◀ Previous"), ("next", "More ▶")]
        labels.append(("back", "Back"))
        rects = row(footer, [button_width(label, sp) for _, label in labels], g, "right")
        for (key, label), rect in zip(labels, rects, strict=True):
            enabled = not (
                (key == "prev" and self.page == 0) or (key == "next" and self.page + shown >= len(self.entries))
            )
            self.add_button(key, rect, label, "@primary" if key == "back" else "", enabled=enabled)
        self.shown_count = shown
        self.backdrop = backdrop

    def on_button(self, key: str) -> None:
        app = self.app
        if key == "back":
            app.pop()
        elif key == "next":
            self.page += max(1, self.shown_count)
            app.rebuild()
        elif key == "prev":
            self.page = max(0, self.page - max(1, self.shown_count))
            app.rebuild()
        elif key.startswith("scenario_"):
            entry = self.entries[int(key.split("_", 1)[1])]
            if entry.scenario is None:
                more = "<br>".join(esc(f.format()) for f in entry.findings if f.severity == "error")
                app.message(f"{entry.path.name} cannot be played", more or esc(entry.first_error), wide=True)
                return
            app.use_scenario(entry.path, entry.scenario)
            app.to_title()

"""The title screen: the scenario on offer, and the way into everything else."""

from __future__ import annotations

import datetime as dt

import pygame

from ...engine import Scenario
from ...engine.saves import SaveError, read_save
from ..layout import column, fit_column, fit_size, wrap, wrap_at
from ..story import counted, esc, long_date
from ..theme import actor_colours
from ..widgets import draw
from ..widgets.map_view import map_as_of, render_map, uses_map
from .base import Scene

MENU = (
    ("new", "New game", pygame.K_n),
    ("continue", "Continue", pygame.K_c),
    ("load", "Load game", pygame.K_l),
    ("replay", "Replay history", pygame.K_r),
    ("scenarios", "Choose scenario", pygame.K_s),
    ("host", "Host a class", pygame.K_h),
    ("settings", "Settings", pygame.K_o),
    ("quit", "Quit", pygame.K_q),
)


KEYS = "Keys: N new · C continue · L load · R replay · S scenarios · H host · O settings · Q quit · F1 help"
LATEST_MAP = dt.date(1939, 9, 1)  # the map's own date, when no scenario is loaded
SAVED_LINES = 2  # the footer's room for the autosave line, kept when there is none


def roles_words(scenario: Scenario) -> str:
    """'8 roles; 3 delegations sit at the table': every role a person may play, and how many of them are at the
    table (a summary that speaks of 'eight roles' must not seem to be contradicted)."""
    roles = len(scenario.actors)
    seated = sum(1 for a in scenario.actors.values() if a.seat == "table")
    if seated == roles:
        return f"{counted(roles, 'delegation')} at the table"
    if not seated:
        return counted(roles, "role")
    return f"{counted(roles, 'role')}; {counted(seated, 'delegation')} {'sits' if seated == 1 else 'sit'} at the table"


class TitleScene(Scene):
    name = "title"
    default_focus = "new"

    def build(self) -> None:
        app, sp, t = self.app, self.sp, self.app.type
        w, h = app.size
        scenario = app.scenario
        self.autosave_line = self._autosave_line()
        backdrop = self.new_backdrop()
        tints = {}
        if scenario:
            tints = actor_colours(
                list(scenario.actors), {a.id: a.colour for a in scenario.actors.values()}, self.palette
            )
        if scenario is None or uses_map(scenario):  # a case set nowhere on the map: a plain background
            when = scenario.start if scenario else LATEST_MAP
            key = ("title", app.size, self.palette, app.scale, tuple(sorted(tints)), when)
            world = app.map_surface(
                key, lambda: render_map(app.size, frozenset(), tints, self.palette, app.scale, data=map_as_of(when))
            )
            backdrop.blit(world, (0, 0))
        shade = pygame.Surface(app.size, pygame.SRCALPHA)
        shade.fill((*self.c("bg")[:3], 222))
        backdrop.blit(shade, (0, 0))
        margin = max(sp.gap * 3, round(w * 0.05))
        widest = max(draw.fonts.font(t.large, "bold").size(label)[0] for _, label, _ in MENU)
        menu_w = min(max(widest + sp.pad * 6, 240), round(w * 0.36))
        full = w - menu_w - 3 * margin  # the footer stays on the plain side, clear of the map
        # The footer (autosave line, keys) under the summary, wrapped to as many lines as it needs.
        saved = wrap(self.autosave_line, full, t.small, "italic") if self.autosave_line else []
        if len(saved) > SAVED_LINES:  # two lines at most: the second is cut, its whole text on hover
            saved = [saved[0], " ".join(saved[1:])]
        keys = wrap_at(KEYS, " · ", full, t.small, "semibold")
        # The autosave line's room is kept whether it shows or not: the menu stays in its place.
        footer_h = (SAVED_LINES + len(keys)) * sp.small_line + sp.gap
        footer_y = h - margin - footer_h + sp.gap
        room = footer_y - sp.gap - margin
        button_h, gap = fit_column(len(MENU), room, sp.button_h, sp.gap, draw.fonts.line_height(t.large, "bold") + 6)
        menu_h = len(MENU) * (button_h + gap) - gap
        menu = pygame.Rect(
            w - margin - menu_w, max(margin, min((h - menu_h) // 2, footer_y - sp.gap - menu_h)), menu_w, menu_h
        )
        left = pygame.Rect(margin, margin, menu.x - 2 * margin, footer_y - sp.gap - margin)
        self._calm(backdrop, menu.x - margin, margin)
        y = left.y
        title_rect = self.mark("title", draw.text(backdrop, "Parley", (left.x, y), t.title, self.c("accent"), "bold"))
        y = title_rect.bottom
        tagline = "Historical negotiations, and what could have happened instead"
        size = fit_size(tagline, left.w, t.body, t.small, "italic")
        sub = self.line(backdrop, "tagline", tagline, (left.x, y), left.w, size, self.c("muted"), "italic")
        y = sub.bottom + sp.gap * 2
        if scenario:
            heading = f"{scenario.title}"
            dates = f"{long_date(scenario.start)} – {long_date(scenario.end)}"
            body = (
                f"<font pixel_size={t.heading}><b>{esc(heading)}</b></font><br>"
                f"<font color='{self.c('muted').hex[:7]}'>{esc(dates)} · "
                f"{esc(roles_words(scenario))}"
                f"</font><br><br>{esc(scenario.summary)}"
            )
        else:
            body = (
                f"<font pixel_size={t.heading}><b>This scenario cannot be played</b></font><br>"
                f"<font color='{self.c('bad').hex[:7]}'>{esc(app.slot.error)}</font><br><br>"
                "Choose another scenario, or fix the file and check it with "
                f"<b>python main.py validate {esc(str(app.slot.path))}</b>."
            )
        summary = pygame.Rect(left.x, y, left.w, left.bottom - y)
        self.add_text("summary", summary, body, "@plain")
        y = footer_y + (SAVED_LINES - len(saved)) * sp.small_line  # the lines sit on the keys
        for index, words in enumerate(saved):
            self.line(backdrop, f"autosave_{index}", words, (left.x, y), full, t.small, self.c("muted"), "italic")
            y += sp.small_line
        for index, words in enumerate(keys):
            self.line(backdrop, f"keys_{index}", words, (left.x, y), full, t.small, self.c("faint"), "semibold")
            y += sp.small_line
        rects = column(menu, [button_h] * len(MENU), gap)
        for (name, label, _), rect in zip(MENU, rects, strict=True):
            enabled = True
            if name in ("new", "replay", "host"):
                enabled = scenario is not None
            if name == "continue":
                enabled = bool(self.autosave_line)
            self.add_button(name, rect, label, "@primary" if name == "new" else "@menu", enabled=enabled)
        self.backdrop = backdrop

    def _calm(self, backdrop: pygame.Surface, right: int, fade: int) -> None:
        """The background under the words, plain: the map (its labels above all) shows only beside
        the menu, fading in over ``fade`` pixels, never through the text."""
        h = self.app.size[1]
        bg = self.c("bg")
        backdrop.fill(bg, pygame.Rect(0, 0, right, h))
        strip = pygame.Surface((1, h), pygame.SRCALPHA)
        for i in range(max(1, fade)):
            strip.fill((bg.r, bg.g, bg.b, round(255 * (1 - i / fade))))
            backdrop.blit(strip, (right + i, 0))

    def _autosave_line(self) -> str:
        path = self.app.autosave_path()
        if path is None:
            return ""
        try:
            data = read_save(path)
        except SaveError:
            return ""
        return f"Autosave: {data.scenario_title} — {data.context}"

    def on_key(self, event: pygame.event.Event) -> bool:
        for key, _, code in MENU:
            if event.key == code and not event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
                button = self.buttons.get(key)
                if button is not None and button.is_enabled:
                    self.on_button(key)
                return True
        return False

    def on_button(self, key: str) -> None:
        app = self.app
        if key == "new" and app.scenario:
            app.open("setup", app.scenario)
        elif key == "continue":
            path = app.autosave_path()
            if path is None:
                return
            game, notice = app.restore_save(path)
            if game is None:
                app.message("Cannot continue", esc(notice))
            else:
                app.play(game, notice)
        elif key == "load":
            app.open("saves", saving=False)
        elif key == "replay" and app.scenario:
            from ...engine.history import historical_game

            app.play(historical_game(app.scenario), history=True)
        elif key == "scenarios":
            app.open("scenarios")
        elif key == "host" and app.scenario:
            app.open("hosting")
        elif key == "settings":
            app.open("settings")
        elif key == "quit":
            app.quit()

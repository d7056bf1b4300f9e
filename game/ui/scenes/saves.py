"""Saving to named slots and loading: every save listed with its scenario, date and a line of
context; damaged saves are listed as damaged (with the reason), never hidden and never fatal."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pygame

from ...engine.saves import AUTOSAVE, SaveError, SaveInfo, list_saves, read_save, save_game, slot_path
from ...paths import saves_folder
from ..host import SceneHost
from ..layout import CardGeometry, ChoiceSpec, button_width, card_geometry, row
from ..story import esc
from ..widgets import draw
from ..widgets.cards import draw_card
from .base import Scene


def when(stamp: str) -> str:
    """An ISO time stamp as local time for people, or '' if it cannot be read."""
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return f"{moment.day} {moment:%b %Y, %H:%M}"


def is_autosave(info: SaveInfo) -> bool:
    """Autosaves are files named ``autosave`` (older versions) or ``autosave-<scenario>-<game>``."""
    return info.name == AUTOSAVE or info.name.startswith((f"{AUTOSAVE}-", f"{AUTOSAVE} "))


def describe(info: SaveInfo) -> ChoiceSpec:
    if info.data is None:
        return ChoiceSpec(f"{info.name} — damaged", info.damaged, True)
    data = info.data
    label = "Autosave" if is_autosave(info) else info.name  # the name it is saved under, as typed
    saved = when(data.updated)
    detail = f"{data.scenario_title} · {data.context}" + (f" · saved {saved}" if saved else "")
    return ChoiceSpec(label, detail)


def _first(lines: list[str], count: int) -> list[str]:
    """The first ``count`` lines, the last ending in an ellipsis when more were left out."""
    if len(lines) <= count:
        return lines
    kept = lines[:count]
    kept[-1] = kept[-1].rstrip(" ,;:·") + "…"
    return kept


def paginate(heights: list[int], room: int, spacing: int) -> list[list[int]]:
    """The cards' indexes page by page, as many to a page as fit in ``room`` one below the other
    (at least one, however tall): every card is on exactly one page, in order; one empty page
    when there are none."""
    pages: list[list[int]] = [[]]
    used = 0
    for index, height in enumerate(heights):
        if pages[-1] and used + height > room:
            pages.append([])
            used = 0
        pages[-1].append(index)
        used += height + spacing
    return pages


class SavesScene(Scene):
    name = "saves"

    def __init__(self, app: SceneHost, saving: bool) -> None:
        super().__init__(app)
        self.saving = saving
        self.page = 0
        self.status = ""
        self.status_bad = False
        self.saves: list[SaveInfo] = []
        self.slot_name = self._default_name()

    def _default_name(self) -> str:
        game = self.app.game
        if game is None:
            return "my game"
        # In the player's words (the place and the day), within what a save name may hold.
        place = re.split(r"[,:;(]", game.scenario.title)[0]
        name = re.sub(r"[^A-Za-z0-9 _.-]", "", f"{place} {game.date.day} {game.date:%b %Y}")
        return re.sub(r"\s+", " ", name).strip()[:64] or "my game"

    def build(self) -> None:
        app, sp, t = self.app, self.sp, self.app.type
        w, h = app.size
        g = sp.gap
        margin = g * 2
        self.saves = list_saves(saves_folder())
        backdrop = self.new_backdrop()
        head = draw.text(
            backdrop,
            "Save the game" if self.saving else "Load a game",
            (margin, margin),
            t.heading,
            self.c("accent"),
            "bold",
        )
        y = head.bottom + g
        if self.saving:
            draw.text(
                backdrop,
                "Name of the save (letters, digits, spaces, - _ .):",
                (margin, y),
                t.small,
                self.c("muted"),
                "bold",
            )
            y += sp.small_line + 4
            entry, button = row(
                pygame.Rect(margin, y, w - 2 * margin, sp.button_h),
                [min(520, w - 2 * margin - button_width("Save", sp) - g), button_width("Save", sp)],
                g,
            )
            box = self.add_entry("name", entry, self.slot_name)
            box.set_text_length_limit(64)
            self.add_button("save", button, "Save", "@primary")
            y += sp.button_h + g
        if self.status:
            draw.text(backdrop, self.status, (margin, y), t.body, self.c("bad" if self.status_bad else "good"), "bold")
            y += sp.line + g // 2
        footer = pygame.Rect(margin, h - margin - sp.button_h, w - 2 * margin, sp.button_h)
        area = pygame.Rect(margin, y, w - 2 * margin, footer.y - g - y)
        specs = [describe(info) for info in self.saves]
        cards = [self._card(pygame.Rect(area.x, 0, area.w, 0), spec) for spec in specs]
        spacing = g // 2 + 2
        page_list = paginate([geo.rect.h for geo, _ in cards], area.h, spacing)
        pages = len(page_list)
        self.page = min(self.page, pages - 1)
        yy = area.y
        for index in page_list[self.page]:
            spec = specs[index]
            geo, cut = self._card(pygame.Rect(area.x, yy, area.w, 0), spec)
            geo.rect.h = min(geo.rect.h, area.bottom - yy)  # a card taller than the whole list
            draw_card(
                backdrop,
                geo,
                sp,
                self.palette,
                blocked=spec.blocked,
                accent=self.c("accent") if is_autosave(self.saves[index]) else None,
            )
            tip = f"<b>{esc(spec.label)}</b><br>{esc(spec.detail)}" if cut else None  # nothing cut is lost
            if spec.blocked:
                tip = f"<b>This save is damaged</b><br>{esc(self.saves[index].damaged)}"
            self.add_button(f"slot_{index}", geo.rect, "", "@card_blocked" if spec.blocked else "@card", tooltip=tip)
            yy = geo.rect.bottom + spacing
        if not specs:
            draw.text(backdrop, "There are no saves yet.", (area.x, area.y + g), t.body, self.c("muted"), "italic")
        labels = []
        if pages > 1:
            labels += [("prev", "◀ Newer"), ("next", "Older ▶")]
            draw.text(
                backdrop,
                f"Page {self.page + 1} of {pages}",
                (footer.x, footer.centery),
                t.body,
                self.c("muted"),
                "semibold",
                anchor="midleft",
            )
        labels.append(("back", "Back"))
        rects = row(footer, [button_width(label, sp) for _, label in labels], g, "right")
        for (key, label), rect in zip(labels, rects, strict=True):
            enabled = not ((key == "prev" and self.page == 0) or (key == "next" and self.page >= pages - 1))
            self.add_button(key, rect, label, enabled=enabled)
        self.backdrop = backdrop

    def _card(self, rect: pygame.Rect, spec: ChoiceSpec) -> tuple[CardGeometry, bool]:
        """A save's card at ``rect``: its name on one line, its detail on one (a damaged save's
        reason on two), as tall as those lines; and whether anything was cut."""
        sp = self.sp
        geo = card_geometry(rect, spec, sp)
        keep = 2 if spec.blocked else 1
        label, detail = _first(geo.label_lines, 1), _first(geo.detail_lines, keep)
        cut = len(label) < len(geo.label_lines) or len(detail) < len(geo.detail_lines)
        dropped = (len(geo.label_lines) - len(label)) * sp.line
        dropped += (len(geo.detail_lines) - len(detail)) * sp.small_line
        geo.rect.h -= dropped
        geo.label_lines, geo.detail_lines = label, detail
        return geo, cut

    def shown(self) -> None:
        """The suggested name is selected, caret at its end: typing replaces it, End keeps it."""
        entry = self.buttons.get("name")
        if entry is not None and self.app.typing():
            text = entry.get_text()  # type: ignore[union-attr]
            entry.select_range = [0, len(text)]  # type: ignore[union-attr]
            entry.edit_position = len(text)  # type: ignore[union-attr]
            self.app.dirty = True

    def on_button(self, key: str) -> None:
        app = self.app
        if key == "back":
            app.pop()
        elif key == "prev":
            self.page -= 1
            app.rebuild()
        elif key == "next":
            self.page += 1
            app.rebuild()
        elif key == "save":
            entry = self.buttons["name"]
            self.save(entry.get_text())  # type: ignore[union-attr]
        elif key.startswith("slot_"):
            info = self.saves[int(key.split("_", 1)[1])]
            if info.data is None:
                app.message(
                    "This save is damaged",
                    f"{esc(info.damaged)}<br><br>It was left as it is.",
                )
            elif self.saving:
                self.slot_name = info.data.name
                self.save(self.slot_name)  # asks before replacing it
            else:
                self.load(info)

    def on_text(self, key: str, text: str) -> None:
        if key == "name":
            self.save(text)

    def save(self, name: str, replace: bool = False) -> None:
        """Save under ``name``; a save already there is replaced only after the player says so."""
        app = self.app
        self.slot_name = name
        if app.game is None or app.replaying_history():  # history replaying is nobody's game to save
            return
        try:
            existing = slot_path(saves_folder(), name)
        except SaveError as exc:
            self.status, self.status_bad = f"Not saved: {exc}", True
            app.rebuild()
            return
        if existing.exists() and not replace:
            app.confirm(
                f"Replace the save ‘{existing.stem}’?",
                f"{esc(self._what_is_in(existing))}<br>It will be replaced by this game as it stands now.",
                "Replace it",
                "Keep it",
                lambda: self.save(name, replace=True),
            )
            return
        try:
            path = save_game(app.game, saves_folder(), name)
        except SaveError as exc:
            self.status, self.status_bad = f"Not saved: {exc}", True
            app.rebuild()
            return
        self.status, self.status_bad = f"Saved as ‘{path.stem}’.", False
        app.pop()
        if not app.scene.show_notice(f"Saved as ‘{path.stem}’."):
            # the debrief (no narration to carry a notice): say so in a message
            app.message("Saved", f"Saved as ‘{esc(path.stem)}’. <b>Load game</b> on the title screen opens it again.")

    @staticmethod
    def _what_is_in(path: Path) -> str:
        try:
            data = read_save(path)
        except SaveError:
            return "It cannot be read (damaged)."
        saved = when(data.updated)
        return f"It holds {data.scenario_title}, {data.context}" + (f", saved {saved}." if saved else ".")

    def load(self, info: SaveInfo) -> None:
        app = self.app
        game, notice = app.restore_save(info.path)
        if game is None:
            app.message("Cannot load this save", esc(notice))
            return
        app.play(game, notice)

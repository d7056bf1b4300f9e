"""The debrief, one page to discuss: the ending with its date and how speculative it is, what
followed, every delegation's score and what earned it, where the game left history (and the smallest
change from history that leads to this ending), the measures day by day as a chart, the path beside
history aligned by date with the departures marked, and the sources as numbered notes. The page
scrolls with the wheel, Page Up/Down and Home/End; the heading and the buttons stay.
For a class: every delegation's briefing (secret no longer), the transcript written as HTML and
Markdown, and the decision tree."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pygame

from ...classroom.handover import debrief_briefings
from ...classroom.transcript import score_cards
from ...engine import Game
from ...engine.history import historical_game, played_history, turning_point
from ...engine.narrate import PUBLIC, render
from ...engine.wording import long_date, short_date
from ...paths import saves_folder
from ..classroom import SmallestChange, briefings_html, export_transcript, smallest_change_later
from ..debrief_page import Notes, PathRow, aligned_paths, change_words, measures, note_lines, turning_words
from ..layout import Spacing, button_width, font_width, row, wrap
from ..render.line_chart import chart_height, draw_chart
from ..story import SPECULATION_WORDS, counted, esc
from ..theme import actor_text_colours
from ..widgets import draw
from ..widgets.writer import Writer
from .base import Scene

CLASS_BUTTONS = (
    ("save", "Save game"),
    ("export", "Export transcript"),
    ("briefings", "Briefings"),
    ("tree", "Decision tree"),
)
NAV_BUTTONS = (("replay", "Replay history"), ("new", "New game"), ("title", "Title screen"), ("quit", "Quit"))
TIPS = {
    "save": "Ctrl+S: keep this game under a name (such as group3) for the class report",
    "export": "E: write the transcript (HTML to print, Markdown to edit) into the saves folder",
    "briefings": "B: every delegation's private briefing, now the game is over",
    "tree": "T or G: the decision tree with the path you took",
    "replay": "R: watch history play out",
    "new": "N: set up a new game",
    "title": "Esc: back to the title screen",
    "quit": "Close the window (Q on the title screen)",
}


def footer_rows(width: int, sp: Spacing) -> tuple[list[list[tuple[str, str, int]]], bool]:
    """The debrief's buttons: one row (class buttons left, the rest right) when they fit, then one
    row in small type, else two rows. Returns the rows and whether the type is small."""
    for small in (False, True):

        def sized(buttons: tuple[tuple[str, str], ...], small: bool = small) -> list[tuple[str, str, int]]:
            if small:  # small type, and narrower padding
                return [(key, label, font_width(label, sp.type.small, "bold") + sp.pad * 2) for key, label in buttons]
            return [(key, label, button_width(label, sp)) for key, label in buttons]

        left, right = sized(CLASS_BUTTONS), sized(NAV_BUTTONS)
        total = sum(w for *_, w in left + right) + sp.gap * (len(left) + len(right) + 2)
        if total <= width:
            return [left + right], small
    return [sized(CLASS_BUTTONS, False), sized(NAV_BUTTONS, False)], False


SCROLLBAR = 8  # pixels: the page's scroll bar
LEVELS = ("none", "low", "medium", "high")


@dataclass
class Page:
    """The debrief's page, drawn once per build: its picture, its lines as text and where its parts are."""

    surface: pygame.Surface
    lines: list[tuple[str, str]]
    marks: dict[str, pygame.Rect]


WORKING = "The smallest change that leads here: working it out…"


class DebriefScene(Scene):
    name = "debrief"
    default_focus = "new"

    def __init__(self, app, game: Game) -> None:  # type: ignore[no-untyped-def]
        super().__init__(app)
        self.game = game
        self.history = played_history(game.scenario, game.settings.lens or None, game.settings.seed)
        self.turn = turning_point(game.moves, self.history.moves, finished=game.ended)
        self.change: SmallestChange | None = None
        self.change_work = smallest_change_later(game)  # a search of the scenario's states, started once drawn
        self._take_change()  # at once, when it was worked out before
        self.exported: tuple[Path, Path] | None = None  # the transcript files written last
        self.area = pygame.Rect(0, 0, 0, 0)
        self.page = Page(pygame.Surface((1, 1)), [], {})
        self.scroll = 0
        self.measures = measures(game)  # replays the record: once, not per build

    @property
    def working(self) -> bool:
        """The smallest change is still being worked out."""
        return self.change_work is not None

    def _take_change(self) -> bool:
        """Take the smallest change once its work is done; True if it was taken now."""
        work = self.change_work
        if work is None or not work.ready:
            return False
        self.change_work = None
        try:
            self.change = work.result()
        except Exception:  # a search failure must not cost the class its debrief
            self.change = SmallestChange(False)
        return True

    def update(self, now: float) -> bool:
        if self._take_change():
            self.app.rebuild()
            return True
        return False

    def wake_at(self) -> float | None:
        return self.app.now + 0.1 if self.working else None

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        area = self.area
        visible = pygame.Rect(0, self.scroll, area.w, area.h).clip(self.page.surface.get_rect())
        surface.blit(self.page.surface, area.topleft, visible)
        total = self.page.surface.get_height()
        if total > area.h:
            track = pygame.Rect(area.right - SCROLLBAR, area.y, SCROLLBAR, area.h)
            pygame.draw.rect(surface, self.c("panel"), track, border_radius=SCROLLBAR // 2)
            thumb_h = max(24, area.h * area.h // total)
            thumb_y = area.y + (area.h - thumb_h) * self.scroll // max(1, self.max_scroll)
            thumb = pygame.Rect(track.x, thumb_y, SCROLLBAR, thumb_h)
            pygame.draw.rect(surface, self.c("muted"), thumb, border_radius=SCROLLBAR // 2)
        if self.change_work is not None:
            self.change_work.start()  # only now: the worker would slow the screen's first build

    def build(self) -> None:
        app, sp = self.app, self.sp
        w, h = app.size
        g = sp.gap
        margin = g * 2
        backdrop = self.new_backdrop()
        y = self._draw_header(backdrop, margin)
        rows, small = footer_rows(w - 2 * margin, sp)
        footer_h = len(rows) * sp.button_h + (len(rows) - 1) * g
        footer = pygame.Rect(margin, h - margin - footer_h, w - 2 * margin, footer_h)
        self.area = self.mark("page", pygame.Rect(margin, y, w - 2 * margin, footer.y - g - y))
        pygame.draw.line(backdrop, self.c("border"), (0, self.area.y - g // 2), (w, self.area.y - g // 2), 1)
        pygame.draw.line(backdrop, self.c("border"), (0, footer.y - g // 2), (w, footer.y - g // 2), 1)
        self.page = self.compose(self.area.w - SCROLLBAR - g)
        self.scroll = min(self.scroll, self.max_scroll)
        self._build_footer(footer, rows, small)
        if self.focus_key is None:
            self.focus_key = "new"
        self.backdrop = backdrop

    def _draw_header(self, backdrop: pygame.Surface, margin: int) -> int:
        """The ending's title with its date beside it (or under it, when the two do not share a
        line), then how speculative it is: the words wrap beside the meter rather than run off the
        window's edge at a large text size. Returns where the page starts."""
        sp, t = self.sp, self.app.type
        game = self.game
        outcome = game.outcome
        assert outcome is not None
        g = sp.gap
        right = self.app.size[0] - margin
        kicker = draw.text(backdrop, "THE ENDING", (margin, margin), t.small, self.c("accent"), "bold")
        y = kicker.bottom
        title = pygame.Rect(margin, y, 0, 0)
        for index, words in enumerate(wrap(outcome.title, right - margin, t.heading, "bold")):
            title = draw.text(backdrop, words, (margin, y), t.heading, self.c("text"), "bold")
            self.mark(f"ending_{index}", title)
            y = title.bottom
        when = long_date(outcome.date or game.date)
        when_w = draw.fonts.font(t.large, "semibold").size(when)[0]
        if title.right + g * 2 + when_w <= right:
            spot, anchor = (title.right + g * 2, title.centery), "midleft"
        else:
            spot, anchor = (margin, y), "topleft"
        dated = draw.text(backdrop, when, spot, t.large, self.c("muted"), "semibold", anchor=anchor)
        self.mark("ending_date", dated)
        y = max(y, dated.bottom) + g // 2
        level = outcome.speculative if outcome.speculative in LEVELS else "high"
        meter_x = margin
        draw.text(backdrop, "How speculative:", (meter_x, y), t.body, self.c("muted"), "bold")
        meter_x += draw.fonts.font(t.body, "bold").size("How speculative:")[0] + g
        cell = max(14, round(sp.line * 0.8))
        for index in range(1, len(LEVELS)):
            box = pygame.Rect(meter_x + (index - 1) * (cell + 4), y + (sp.line - cell) // 2, cell, cell)
            lit = LEVELS.index(level) >= index
            pygame.draw.rect(backdrop, self.c("accent") if lit else self.c("panel_hi"), box, border_radius=3)
            pygame.draw.rect(backdrop, self.c("border"), box, 1, border_radius=3)
        words = SPECULATION_WORDS.get(level, level)
        if outcome.historical and game.state.off_history:
            words = (
                "Not speculative: the case as written ends here too, though by another road."
                if game.scenario.invented
                else "Not speculative: history ended here too, though by another road."
            )
        words_x = meter_x + 3 * (cell + 4) + g
        for index, part in enumerate(wrap(f"{level} — {words}", right - words_x, t.body, "semibold")):
            self.mark(
                f"speculative_{index}", draw.text(backdrop, part, (words_x, y), t.body, self.c("text"), "semibold")
            )
            y += sp.line
        return y + g

    def _build_footer(self, footer: pygame.Rect, rows: list[list[tuple[str, str, int]]], small: bool) -> None:
        sp, g = self.sp, self.sp.gap
        if len(rows) == 1:
            count = len(CLASS_BUTTONS)
            line = pygame.Rect(footer.x, footer.y, footer.w, sp.button_h)
            placed = row(line, [w for *_, w in rows[0][:count]], g, "left") + row(
                line, [w for *_, w in rows[0][count:]], g, "right"
            )
            buttons = rows[0]
        else:
            placed, buttons = [], []
            for index, items in enumerate(rows):
                line = pygame.Rect(footer.x, footer.y + index * (sp.button_h + g), footer.w, sp.button_h)
                fit = min(1.0, (footer.w - g * (len(items) - 1)) / sum(w for *_, w in items))
                placed += row(line, [int(w * fit) for *_, w in items], g, "left" if index == 0 else "right")
                buttons += items
        for (key, label, _), rect in zip(buttons, placed, strict=True):
            if small:
                style = "@small_primary" if key == "new" else "@small"
            else:
                style = "@primary" if key == "new" else ""
            self.add_button(key, rect, label, style, tooltip=TIPS[key])
        order = [k for k, _ in NAV_BUTTONS] + [k for k, _ in CLASS_BUTTONS]
        self.order.sort(key=order.index)

    def change_lines(self) -> list[str]:
        change = self.change
        if change is None:
            return []
        return [f"• {d.date} — {d.actor}: ‘{d.choice}’ instead of ‘{d.instead}’" for d in change.lines]

    def change_heading(self) -> str:
        if self.change is None:
            return WORKING if self.working else ""
        return self.change.heading

    def change_text(self) -> str:
        """The smallest change from history, as the page says it (for tests)."""
        return "\n".join([self.change_heading(), *self.change_lines()])

    def page_text(self) -> str:
        """Every line on the page, in order (for tests)."""
        return "\n".join(line for line, _ in self.page.lines)

    @property
    def max_scroll(self) -> int:
        return max(0, self.page.surface.get_height() - self.area.h)

    def scroll_by(self, pixels: int) -> None:
        self.scroll = max(0, min(self.max_scroll, self.scroll + pixels))
        self.app.dirty = True

    def compose(self, width: int) -> Page:
        """The page at ``width`` pixels: measured in one pass, drawn in a second."""
        height = self._write(None, width).y
        surface = pygame.Surface((width, max(1, height)))
        surface.fill(self.c("bg"))
        writer = self._write(surface, width)
        return Page(surface, writer.lines, writer.marks)

    def _write(self, surface: pygame.Surface | None, width: int) -> Writer:
        t, sp, g = self.app.type, self.sp, self.sp.gap
        game, scenario = self.game, self.game.scenario
        outcome = game.outcome
        assert outcome is not None
        out = Writer(surface, sp, self.palette, 0, width)  # the width too when only measuring
        notes = Notes()
        rows = aligned_paths(game, self.history, notes)
        half = (width - 2 * g) // 2
        # What followed | the scores
        left, right = Writer(surface, sp, self.palette, 0, half), Writer(surface, sp, self.palette, half + 2 * g, half)
        left.heading("What followed", t.small)
        epilogue = render(outcome.epilogue, outcome.epilogue_parts, game.state.values, PUBLIC)
        for paragraph in [p for p in epilogue.split("\n\n") if p.strip()]:
            left.para(paragraph, t.body)
        if outcome.historical:
            ending = "This is how the case is written to end." if scenario.invented else "This is how it really ended."
            left.para(ending, t.body, "bold", "muted")
        elif outcome.speculation:
            left.para(f"What is and is not known: {outcome.speculation}", t.body, "regular", "muted")
        people = [a.name for a in scenario.actors.values() if game.controller(a.id) == "human"]
        decided = sum(1 for m in game.moves if m.by == "human")
        played = ", ".join(people) or "nobody"
        were = "was" if decided == 1 else "were"
        left.para(f"You played {played}; {counted(decided, 'decision')} {were} yours.", t.small, "regular", "muted")
        right.heading("Scores, and what earned them", t.small)
        cards = score_cards(game)
        if not cards:
            right.para("This scenario sets no objectives to score.", t.body, "regular", "muted")
        colours = actor_text_colours(
            list(scenario.actors), {a.id: a.colour for a in scenario.actors.values()}, self.palette
        )
        for card in cards:
            right.para(
                f"{card.name} — {card.total} of {counted(card.possible, 'point')}",
                t.body,
                "bold",
                colour=colours.get(card.actor),
            )
            for objective in card.objectives:
                points = f"+{objective.points}" if objective.met else f"0 of {objective.points}"
                secret = " (secret)" if objective.secret else ""
                right.item(points, f"{objective.text}{secret}", t.small, "good" if objective.met else "faint")
            right.y += sp.gap // 3
        out.y = max(left.y, right.y) + g
        out.lines += left.lines + right.lines
        # Where the game left history
        out.heading("Where your game left history", t.small)
        out.para(turning_words(game, self.history), t.body, "semibold")
        if self.change is not None or self.working:
            out.para(self.change_heading(), t.body, "bold", "accent")
            for line in self.change_lines():
                out.para(line, t.body)
        out.y += g
        # The measures over time
        dates, series = self.measures
        charted = [one for one in series if one.kind != "terms"]
        terms = [one for one in series if one.kind == "terms"]
        if series:
            out.heading("The measures over time", t.small)
        if charted:
            chart = pygame.Rect(0, out.y, width, chart_height(len(charted), t.small))
            if surface is not None:
                draw_chart(surface, chart, dates, charted, t.small, self.c("text"), self.c("muted"), self.c("border"))
            out.marks["chart"] = chart
            out.lines += [
                (f"{one.label}: {', '.join(one.said(i) for i in range(len(one.values)))}", "chart") for one in charted
            ]
            out.y = chart.bottom + g
        if terms:
            out.para(
                "The terms at the table are choices, not amounts, so they are told, not charted:",
                t.small,
                "regular",
                "muted",
            )
            for one in terms:
                out.para(change_words(dates, one), t.body)
            out.y += g
        # The path beside history
        out.heading("Your path beside history", t.small)
        self._path_table(out, rows, width)
        out.y += g
        # Notes
        out.heading("Sources", t.small)
        lines = note_lines(game, notes)
        for line in lines or ["No sources are cited along this path."]:
            out.para(line, t.small, "regular", "muted")
        return out

    def _path_table(self, out: Writer, rows: list[PathRow], width: int) -> None:
        t, sp = self.app.type, self.sp
        date_w = font_width("00 Aug", t.small, "bold") + sp.gap
        col = (width - date_w - sp.gap * 2) // 2
        mine_x, theirs_x = date_w, date_w + col + sp.gap * 2
        header = out.y
        out.text_at("Date", 0, header, t.small, "bold", "muted")
        out.text_at("Your game", mine_x, header, t.small, "bold", "muted")
        out.text_at("What happened", theirs_x, header, t.small, "bold", "muted")
        out.y += draw.fonts.line_height(t.small, "bold") + 4
        line_h = draw.fonts.line_height(t.small)
        last = None
        departures = 0
        for entry in rows:
            notes = f" [{', '.join(map(str, entry.notes))}]" if entry.notes else ""
            mine = wrap(entry.mine + notes if entry.mine else "—", col - 8, t.small)
            theirs = wrap(entry.theirs or "—", col - 8, t.small)
            height = max(len(mine), len(theirs)) * line_h + 4
            top = out.y
            if entry.departs:
                departures += 1
                out.fill(pygame.Rect(mine_x - 6, top, width - mine_x + 6, height), "panel_hi")
                out.fill(pygame.Rect(mine_x - 6, top, 4, height), "accent")
            if entry.date != last:
                out.text_at(short_date(entry.date), 0, top + 2, t.small, "bold", "muted")
                last = entry.date
            style = "semibold" if entry.departs else "regular"
            for i, line in enumerate(mine):
                out.text_at(line, mine_x, top + 2 + i * line_h, t.small, style, "text" if entry.departs else "muted")
            for i, line in enumerate(theirs):
                out.text_at(line, theirs_x, top + 2 + i * line_h, t.small, style, "text" if entry.departs else "muted")
            mark = "departs" if entry.departs else "same"
            out.lines.append((f"{short_date(entry.date)} | {entry.mine} | {entry.theirs} | {mark}", "path"))
            out.y = top + height
        if not departures:
            out.para("Every step matched history.", t.small, "regular", "muted")

    def export(self) -> None:
        folder = saves_folder()
        try:
            html_path, md_path = export_transcript(self.game, folder)
        except OSError as exc:
            self.app.message("The transcript could not be written", esc(f"{folder}: {exc.strerror or exc}"))
            return
        self.exported = (html_path, md_path)
        self.app.message(
            "Transcript exported",
            (
                f"Written to the saves folder, <b>{esc(str(folder))}</b>:<br><br>"
                f"• <b>{esc(html_path.name)}</b> — a page to open in a browser and print<br>"
                f"• <b>{esc(md_path.name)}</b> — Markdown, to edit or paste into notes"
            ),
            wide=True,
        )

    def briefings(self) -> None:
        game = self.game
        scenario = game.scenario
        actors = scenario.actors
        colours = actor_text_colours(list(actors), {a.id: a.colour for a in actors.values()}, self.palette)
        self.app.message(
            "Every delegation's briefing",
            briefings_html(scenario, debrief_briefings(game), colours, self.c("muted").hex[:7]),
            wide=True,
        )

    def on_button(self, key: str) -> None:
        app = self.app
        if key == "save":
            app.open("saves", saving=True)
        elif key == "export":
            self.export()
        elif key == "briefings":
            self.briefings()
        elif key == "tree":
            app.open("tree", self.game)
        elif key == "replay":
            settings = self.game.settings
            app.play(historical_game(self.game.scenario, settings.lens or None, settings.seed), history=True)
        elif key == "new":
            app.open("setup", self.game.scenario)
        elif key == "title":
            app.to_title()
        elif key == "quit":
            app.quit()

    def on_mouse(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEWHEEL:
            self.scroll_by(-event.y * self.sp.line * 3)
            return True
        return False

    def on_key(self, event: pygame.event.Event) -> bool:
        # The same keys as everywhere: R replay and N new (the title's), Ctrl+S save (play's), T tree.
        pages = {  # as the play screen scrolls its story; the arrows move between buttons, as everywhere
            pygame.K_PAGEUP: -(self.area.h - self.sp.line * 2),
            pygame.K_PAGEDOWN: self.area.h - self.sp.line * 2,
            pygame.K_HOME: -(10**9),
            pygame.K_END: 10**9,
        }
        if event.key in pages and not event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
            self.scroll_by(pages[event.key])
            return True
        if event.key == pygame.K_s and event.mod & pygame.KMOD_CTRL:
            self.on_button("save")
            return True
        if event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
            return False
        if event.key == pygame.K_SPACE:
            # Space skips the computers' pause while playing: pressed a few times as the game ends,
            # it must not press the highlighted button here (New game) and hide the ending.
            return True
        keys = {
            pygame.K_r: "replay",
            pygame.K_n: "new",
            pygame.K_e: "export",
            pygame.K_b: "briefings",
            pygame.K_t: "tree",
            pygame.K_g: "tree",
        }
        if event.key in keys:
            self.on_button(keys[event.key])
            return True
        return False

    def on_escape(self) -> bool:
        self.app.to_title()
        return True

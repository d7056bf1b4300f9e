"""The debrief: the ending with its date and epilogue, how speculative it is, the player's path
beside the historical one with the turning point where they parted, the smallest change from
history that leads to this ending, and the sources. For a class: every delegation's briefing
(secret no longer), the transcript written as HTML and Markdown, and the decision tree."""

from __future__ import annotations

import html
import math
import re
from pathlib import Path

import pygame

from ...classroom.handover import debrief_briefings
from ...engine import Game
from ...engine.history import historical_game, played_history, turning_point
from ...engine.wording import cite, long_date
from ...paths import saves_folder
from ..classroom import SmallestChange, briefings_html, export_transcript, smallest_change_later
from ..layout import Spacing, button_width, font_width, row, wrap
from ..story import SPECULATION_WORDS, esc, path_of, sources_of
from ..theme import actor_text_colours
from ..widgets import draw
from .base import Scene

TEXT_BOX_LINE_SPACING = 1.15  # as "text_box" in assets/ui/theme.json
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


LEVELS = ("none", "low", "medium", "high")
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
        if self.change_work is not None:
            self.change_work.start()  # only now: the worker would slow the screen's first build

    def build(self) -> None:
        app, sp, t = self.app, self.sp, self.app.type
        game = self.game
        scenario = game.scenario
        outcome = game.outcome
        assert outcome is not None
        w, h = app.size
        g = sp.gap
        margin = g * 2
        backdrop = self.new_backdrop()
        y = margin
        kicker = draw.text(backdrop, "THE ENDING", (margin, y), t.small, self.c("accent"), "bold")
        title = draw.text(backdrop, outcome.title, (margin, kicker.bottom), t.heading, self.c("text"), "bold")
        date = outcome.date or game.date
        draw.text(
            backdrop,
            long_date(date),
            (title.right + g * 2, title.centery),
            t.large,
            self.c("muted"),
            "semibold",
            anchor="midleft",
        )
        y = title.bottom + g // 2
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
            words = "Not speculative: history ended here too, though by another road."
        draw.text(backdrop, f"{level} — {words}", (meter_x + 3 * (cell + 4) + g, y), t.body, self.c("text"), "semibold")
        y += sp.line + g
        rows, small = footer_rows(w - 2 * margin, sp)
        footer_h = len(rows) * sp.button_h + (len(rows) - 1) * g
        footer = pygame.Rect(margin, h - margin - footer_h, w - 2 * margin, footer_h)
        body = pygame.Rect(margin, y, w - 2 * margin, footer.y - g - y)
        left = pygame.Rect(body.x, body.y, round(body.w * 0.38), body.h)
        right = pygame.Rect(left.right + g, body.y, body.right - left.right - g, body.h)
        sources_h = max(sp.small_line * 4 + sp.pad * 2, round(left.h * 0.34))
        epilogue = pygame.Rect(left.x, left.y, left.w, left.h - sources_h - g)
        sources = pygame.Rect(left.x, epilogue.bottom + g, left.w, sources_h)
        self.add_text("epilogue", epilogue, self.epilogue_html())
        self.add_text("sources", sources, self.sources_html(), "@log")
        plain_turn = re.sub(r"<[^>]+>", "", self.turning_html())
        turn_lines = len(wrap(html.unescape(plain_turn), right.w - sp.pad * 2 - 24, t.body))
        turn_h = self.box_line() * min(4, turn_lines) + sp.pad * 2 + 6
        turn = pygame.Rect(right.x, right.y, right.w, turn_h)
        self.add_text("turning_point", turn, self.turning_html())
        below = turn.bottom
        if self.change is not None or self.working:
            paths_min = sp.small_line * 6 + sp.pad * 2  # the two paths keep room for a few steps
            room = right.bottom - turn.bottom - 2 * g - paths_min
            change_h = max(sp.line * 2, min(self.change_height(right.w), room))
            change = pygame.Rect(right.x, turn.bottom + g, right.w, change_h)
            self.add_text("smallest_change", change, self.change_html())
            below = change.bottom
        mine = pygame.Rect(right.x, below + g, (right.w - g) // 2, right.bottom - below - g)
        theirs = pygame.Rect(mine.right + g, mine.y, right.right - mine.right - g, mine.h)
        self.add_text("your_path", mine, self.path_html("Your path", game, True), "@log")
        self.add_text("history_path", theirs, self.path_html("What happened", self.history, False), "@log")
        self._build_footer(footer, rows, small)
        if self.focus_key is None:
            self.focus_key = "new"
        self.backdrop = backdrop
        del scenario

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

    def change_height(self, width: int) -> int:
        sp, t = self.sp, self.app.type
        if self.change is None and not self.working:
            return 0
        lines = len(wrap(self.change_heading(), width - sp.pad * 2 - 24, t.body, "bold"))
        for line in self.change_lines():
            lines += len(wrap(line, width - sp.pad * 2 - 24, t.body))
        return lines * self.box_line() + sp.pad * 2 + 6

    def box_line(self) -> int:
        """A line of body text in a text box (the theme spaces lines by 1.15)."""
        return math.ceil(self.sp.line * TEXT_BOX_LINE_SPACING)

    def change_html(self) -> str:
        accent = self.c("accent").hex[:7]
        lines = [f"<font color='{accent}'><b>{esc(self.change_heading())}</b></font>"]
        lines += [esc(line) for line in self.change_lines()]
        return "<br>".join(lines)

    def epilogue_html(self) -> str:
        outcome = self.game.outcome
        assert outcome is not None
        muted = self.c("muted").hex[:7]
        parts = [esc(outcome.epilogue)]
        if outcome.historical:
            parts.append(f"<br><br><font color='{muted}'><b>This is how it really ended.</b></font>")
        elif outcome.speculation:
            parts.append(f"<br><br><b>What is and is not known:</b> {esc(outcome.speculation)}")
        people = [a.name for a in self.game.scenario.actors.values() if self.game.controller(a.id) == "human"]
        decided = sum(1 for m in self.game.moves if m.by == "human")
        parts.append(
            f"<br><br><font color='{muted}'>You played {esc(', '.join(people) or 'nobody')}; "
            f"{decided} decisions were yours. Seed {self.game.settings.seed}.</font>"
        )
        return "".join(parts)

    def sources_html(self) -> str:
        scenario = self.game.scenario
        ids = sources_of(self.game)
        muted = self.c("muted").hex[:7]
        lines = [f"<font color='{muted}'><b>SOURCES</b></font>"]
        lines += [f"• {esc(cite(scenario, s))}" for s in ids]
        if len(lines) == 1:
            lines.append("No sources are cited along this path.")
        return "<br>".join(lines)

    def turning_html(self) -> str:
        game, hist = self.game, self.history
        if self.turn is None:
            return "<b>You followed history all the way.</b> Every decision matched the record."
        mine = path_of(game)
        theirs = path_of(hist)
        index = self.turn
        accent = self.c("accent").hex[:7]
        if index < len(mine) and index < len(theirs):
            a, b = mine[index], theirs[index]
            when = long_date(a.date)
            return (
                f"<font color='{accent}'><b>The turning point, {esc(when)}:</b></font> "
                f"{esc(a.text)} — where history had {esc(b.text)}."
            )
        if index >= len(mine):
            return f"<font color='{accent}'><b>The turning point:</b></font> your game ended before history's did."
        return f"<font color='{accent}'><b>The turning point:</b></font> history ended here; your game went on."

    def path_html(self, heading: str, game: Game, ours: bool) -> str:
        muted = self.c("muted").hex[:7]
        accent = self.c("accent").hex[:7]
        lines = [f"<font color='{muted}'><b>{esc(heading.upper())}</b></font>"]
        for index, step in enumerate(path_of(game)):
            text = f"<b>{step.date.day} {step.date:%b}</b>  {esc(step.text)}"
            if self.turn is not None and index == self.turn:
                text = f"<font color='{accent}'>▶ {text}  <b>(turning point)</b></font>"
            elif self.turn is not None and index > self.turn:
                text = f"<font color='{muted}'>{text}</font>"
            lines.append(text)
        outcome = game.outcome
        if outcome:
            lines.append(f"<b>End:</b> {esc(outcome.title)}")
        return "<br>".join(lines)

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

    def on_key(self, event: pygame.event.Event) -> bool:
        # The same keys as everywhere: R replay and N new (the title's), Ctrl+S save (play's), T tree.
        if event.key == pygame.K_s and event.mod & pygame.KMOD_CTRL:
            self.on_button("save")
            return True
        if event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
            return False
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

"""The debrief: the ending with its date and epilogue, how speculative it is, the player's path
beside the historical one with the turning point where they parted, and the sources."""

from __future__ import annotations

import html
import re

import pygame

from ...engine import Game
from ..layout import button_width, row, wrap
from ..story import SPECULATION_WORDS, cite, esc, history_of, long_date, path_of, sources_of, turning_point
from ..widgets import draw
from .base import Scene

LEVELS = ("none", "low", "medium", "high")


class DebriefScene(Scene):
    name = "debrief"
    default_focus = "new"

    def __init__(self, app, game: Game) -> None:  # type: ignore[no-untyped-def]
        super().__init__(app)
        self.game = game
        self.history = history_of(game.scenario, game.settings.lens or None, game.settings.seed)
        self.turn = turning_point(game.moves, self.history.moves)

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
        draw.text(backdrop, long_date(date), (title.right + g * 2, title.centery), t.large, self.c("muted"),
                  "semibold", anchor="midleft")
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
        draw.text(backdrop, f"{level} — {words}", (meter_x + 3 * (cell + 4) + g, y), t.body, self.c("text"),
                  "semibold")
        y += sp.line + g
        footer = pygame.Rect(margin, h - margin - sp.button_h, w - 2 * margin, sp.button_h)
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
        turn_h = sp.line * min(4, turn_lines) + sp.pad * 2 + 4
        turn = pygame.Rect(right.x, right.y, right.w, turn_h)
        self.add_text("turning_point", turn, self.turning_html())
        mine = pygame.Rect(right.x, turn.bottom + g, (right.w - g) // 2, right.bottom - turn.bottom - g)
        theirs = pygame.Rect(mine.right + g, mine.y, right.right - mine.right - g, mine.h)
        self.add_text("your_path", mine, self.path_html("Your path", game, True), "@log")
        self.add_text("history_path", theirs, self.path_html("What happened", self.history, False), "@log")
        labels = [("replay", "Replay history"), ("new", "New game"), ("title", "Title screen"), ("quit", "Quit")]
        rects = row(footer, [button_width(label, sp) for _, label in labels], g, "right")
        for (key, label), rect in zip(labels, rects, strict=True):
            self.add_button(key, rect, label, "@primary" if key == "new" else "")
        if self.focus_key is None:
            self.focus_key = "new"
        self.backdrop = backdrop
        del scenario

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
        parts.append(f"<br><br><font color='{muted}'>You played {esc(', '.join(people) or 'nobody')}; "
                     f"{decided} decisions were yours. Seed {self.game.settings.seed}.</font>")
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
            return (f"<font color='{accent}'><b>The turning point, {esc(when)}:</b></font> "
                    f"{esc(a.text)} — where history had {esc(b.text)}.")
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

    def on_button(self, key: str) -> None:
        app = self.app
        if key == "replay":
            from ...terminal.replay import historical_game

            app.play(historical_game(self.game.scenario, self.game.settings.lens or None), history=True)
        elif key == "new":
            from .setup import SetupScene

            app.push(SetupScene(app, self.game.scenario))
        elif key == "title":
            app.to_title()
        elif key == "quit":
            app.quit()

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_h:
            self.on_button("replay")
            return True
        if event.key == pygame.K_n:
            self.on_button("new")
            return True
        return False

    def on_escape(self) -> bool:
        self.app.to_title()
        return True

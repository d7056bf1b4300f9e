"""The hand-over screen of a hot-seat game: it names the delegation whose turn it is, in its colour,
and nothing else, so the players leaving the computer see neither the next decision nor anyone's
briefing. The words come from ``game.classroom.handover``; Enter (or the button) seats the named
delegation and the play screen shows its briefing the first time that delegation plays (later, it is
one click away, under Briefing).
"""

from __future__ import annotations

from typing import Protocol

import pygame

from ...classroom.handover import Handover
from ...classroom.pace import clock_text
from ...classroom.settings import ClassroomSettings
from ...engine import Game
from ..classroom import we_are
from ..host import SceneHost
from ..layout import button_width, wrap
from ..theme import actor_colours, readable_on
from ..widgets import draw
from .base import Scene


class Seating(Protocol):
    """The screen of the game being handed over: its game, and the seat the hand-over fills."""

    game: Game

    def take_seat(self, actor: str) -> None: ...


class HandoverScene(Scene):
    name = "handover"
    default_focus = "ready"

    def __init__(self, app: SceneHost, play: Seating, card: Handover, note: str = "", briefs: bool = True) -> None:
        super().__init__(app)
        self.play = play
        self.card = card
        self.briefs = briefs  # the briefing opens once the delegation is seated (its first turn only)
        self.note = note  # about the delegation leaving (its clock ran out), said to the room

    def actor_colour(self) -> pygame.Color:
        scenario = self.play.game.scenario
        ids = list(scenario.actors)
        return actor_colours(ids, {a.id: a.colour for a in scenario.actors.values()}, self.palette)[self.card.actor]

    def build(self) -> None:
        app, sp, t = self.app, self.sp, self.app.type
        w, h = app.size
        g = sp.gap
        backdrop = self.new_backdrop()
        fill = self.actor_colour()
        ink = readable_on(fill, self.palette)
        text_w = min(w - 8 * g, round(t.large * 34))
        # the delegation's name on a band of its colour, in the largest type that fits
        size = t.title
        while size > t.heading and draw.fonts.font(size, "bold").size(self.card.name)[0] > w - 6 * g:
            size -= 2
        name_lines = wrap(self.card.name, w - 6 * g, size, "bold")
        name_h = draw.fonts.line_height(size, "bold") * len(name_lines)
        instruction = wrap(self.card.instruction, text_w, t.large)
        clock_note = self.clock_note()
        block_h = (
            sp.small_line
            + g
            + name_h
            + g * 4
            + len(instruction) * sp.large_line
            + g * 3
            + sp.button_h
            + (g + sp.line if clock_note else 0)
        )
        note = wrap(self.note, text_w, t.body, "semibold") if self.note else []
        block_h += len(note) * sp.line + (g if note else 0)
        y = max(g * 2, (h - block_h) // 2 - sp.small_line)
        for index, line in enumerate(note):
            self.mark(
                f"note_{index}",
                draw.text(backdrop, line, (w // 2, y), t.body, self.c("accent"), "semibold", anchor="midtop"),
            )
            y += sp.line
        y += g if note else 0
        draw.text(backdrop, "HAND-OVER", (w // 2, y), t.small, self.c("muted"), "bold", anchor="midtop")
        y += sp.small_line + g
        band = pygame.Rect(0, y - g, w, name_h + g * 2)
        pygame.draw.rect(backdrop, fill, band)
        for line in name_lines:
            draw.text(backdrop, line, (w // 2, y), size, ink, "bold", anchor="midtop")
            y += draw.fonts.line_height(size, "bold")
        y = band.bottom + g * 3
        for line in instruction:
            draw.text(backdrop, line, (w // 2, y), t.large, self.c("text"), anchor="midtop")
            y += sp.large_line
        y += g * 2
        label = we_are(self.card.name, self.briefs)
        if button_width(label, sp, t.large) > w - 4 * g:
            label = "We are here — show our briefing" if self.briefs else "We are here — continue"
        bw = min(w - 4 * g, button_width(label, sp, t.large))
        self.add_button(
            "ready",
            pygame.Rect((w - bw) // 2, y, bw, sp.button_h),
            label,
            "@primary",
            tooltip="Enter: only this delegation is at the computer now",
        )
        y += sp.button_h + g
        if clock_note:
            draw.text(backdrop, clock_note, (w // 2, y), t.body, self.c("muted"), "semibold", anchor="midtop")
        draw.text(backdrop, "Esc: menu · F1: keys", (w // 2, h - g * 2), t.small, self.c("faint"), anchor="midbottom")
        self.backdrop = backdrop

    def clock_note(self) -> str:
        limit = ClassroomSettings.of(self.play.game).time_limit
        return f"Your clock ({clock_text(limit)}) starts when you continue." if limit > 0 else ""

    def on_button(self, key: str) -> None:
        if key == "ready":
            self.play.take_seat(self.card.actor)
            self.app.pop()

    def on_escape(self) -> bool:
        self.app.open("pause")
        return True

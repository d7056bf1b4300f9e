"""Overlays: help (F1), pause (Esc during play) and messages (errors, notices, briefings)."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from ..host import SceneHost
from ..layout import button_width, column, fit_column, row, wrap
from ..story import esc
from ..widgets import draw
from .base import Overlay

KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Everywhere",
        (
            ("F1", "this help (Page Up / Page Down or the wheel scroll it)"),
            ("Esc", "pause, go back, or close a window like this one"),
            ("F11", "fullscreen on or off"),
            ("Tab / Shift+Tab, ↑ ↓", "move the highlight between buttons"),
            ("Enter", "press the highlighted button (Space never does: it only skips the computer's pause)"),
        ),
    ),
    (
        "Title screen",
        (
            ("N", "new game"),
            ("C", "continue the latest autosave"),
            ("L", "load a saved game"),
            ("R", "replay history"),
            ("S", "choose a scenario"),
            ("O", "settings"),
            ("Q", "quit"),
        ),
    ),
    ("New game", (("1 – 9", "choose that reading of the evidence (lens)"), ("Enter", "start the game"))),
    (
        "Playing",
        (
            ("1 – 9", "take that choice"),
            ("Tab, or click", "the “Why?” box: type a reason (optional); Tab again: back to the choices"),
            ("Enter in “Why?”", "keep the reason (it does not choose); while typing, keys go only to the box"),
            ("Ctrl+Z or U", "undo your last decision"),
            ("Ctrl+S", "save"),
            ("B", "your delegation's private briefing"),
            ("T or G", "the decision tree"),
            ("Space", "skip the computer's pause (at the start: Begin, once the introduction is read)"),
            ("Page Up / Page Down", "scroll the narration"),
            ("F5", "reload the scenario file from disk"),
        ),
    ),
    (
        "Class play",
        (
            ("Enter", "on the hand-over screen: we are here, show our briefing"),
            ("Esc, F1", "pause the clock (so do the hand-over screen and the tree)"),
        ),
    ),
    (
        "Decision tree",
        (
            ("+ / − or wheel", "zoom"),
            ("Arrows or drag", "move"),
            ("Click a box", "read what happens there: date, story, choices, sources (Esc closes it)"),
            ("C", "centre on where you are"),
            ("0", "fit"),
            ("Esc", "back"),
        ),
    ),
    (
        "Replaying history",
        (
            ("→", "next step"),
            ("←", "one step back"),
            ("A", "play by itself, or stop"),
            ("P", "take over: play this step yourself (the delegation to move next), and on from here"),
            ("T or G", "the decision tree"),
        ),
    ),
    (
        "The ending",
        (
            ("Page Up / Page Down, Home / End, wheel", "scroll the page"),
            ("Ctrl+S", "save the game under a name (for the class report)"),
            ("Enter", "press the highlighted button (not Space: skipping a pause never leaves the ending)"),
            ("R", "replay history"),
            ("N", "new game"),
            ("E", "export the transcript (HTML and Markdown)"),
            ("B", "every delegation's briefing"),
            ("T or G", "the decision tree with your path"),
            ("Esc", "back to the title screen"),
        ),
    ),
)


# How the table works, in players' words: first in Help, before the keys.
HOW: tuple[tuple[str, str], ...] = (
    (
        "The numbers on the options",
        "At the table every option shows a number, such as +3 or −2: what that term is worth to your "
        "delegation. These points are yours alone; the others see their own numbers, never yours. "
        "“Worth −11 to you” adds up the terms on the table, and “No deal is worth +4 to you” is what "
        "you keep if the talks fail: an offer worth more than no deal is worth a thought.",
    ),
    (
        "Your moves",
        "<b>Propose</b>: put one option for each issue on the table.<br>"
        "<b>Accept</b>: agree to the offer on the table.<br>"
        "<b>Reject</b>: refuse it; the talks go on.<br>"
        "<b>Counter</b>: choose other options and offer those instead; your terms can become the next "
        "round's offer.<br>"
        "<b>Pass</b>: make no offer this round; the next delegation proposes.<br>"
        "<b>Walk away</b>: leave the table; if your agreement is needed, the talks break down.",
    ),
    (
        "Rounds, and the last round",
        "Talks run for a few rounds (“Round 1 of 3”). When everyone has answered, the deal is made if "
        "enough of the delegations that must agree have accepted; if not, the first counter-offer goes "
        "on the table for the next round. The last round says so: if it brings no deal, the talks end "
        "without one, and a counter-offer made in it is never put on the table.",
    ),
    (
        "Sealed moves",
        "Some decisions are taken in secret (“each chooses in secret”): every delegation chooses "
        "without seeing the others' choices, and all are shown together afterwards.",
    ),
    (
        "Other decisions",
        "Away from the table the story asks a question with numbered cards: press 1–9 or click one. "
        "A card that cannot be taken says why when you point at it.",
    ),
    (
        "Objectives and scores",
        "Your government wants certain things to happen: these are your objectives, each worth "
        "points. At the end the debrief shows every delegation's score and what earned it. Some "
        "objectives are secret: only their delegation knows them until the end.",
    ),
    (
        "Your briefing",
        "Press <b>B</b> or the <b>Briefing</b> button (beside the “Why?” box) to read your "
        "delegation's private briefing: who you are, what you want, what you know that others may "
        "not, and your objectives. Read it before your first move.",
    ),
)


def how_html(heading: int) -> str:
    """'How the table works' as text-box HTML (its sections' bodies may hold <b> markup)."""
    parts = [f"<font pixel_size={heading}><b>How the table works</b></font><br><br>"]
    for title, body in HOW:
        parts.append(f"<b>{esc(title)}</b><br>{body}<br><br>")
    return "".join(parts)


def keys_html(key_colour: str, sections: tuple = KEYS) -> str:  # type: ignore[type-arg]
    parts = []
    for section, keys in sections:
        parts.append(f"<b>{esc(section)}</b><br>")
        for key, what in keys:
            parts.append(f"<font color='{key_colour}'><b>{esc(key)}</b></font>  {esc(what)}<br>")
        parts.append("<br>")
    return "".join(parts)


class HelpOverlay(Overlay):
    """How the table works, in players' words, then the keys. Side by side where each column keeps
    about forty words' width a line; else one after the other in one box. Both scroll."""

    name = "help"

    def build(self) -> None:
        sp, t = self.sp, self.app.type
        inner = self.open_box(round(self.app.size[0] * 0.9), round(self.app.size[1] * 0.9))
        title_h = sp.large_line + sp.pad
        body = pygame.Rect(inner.x, inner.y + title_h, inner.w, inner.h - title_h - sp.button_h - sp.gap)
        self.add_text(
            "help_title",
            pygame.Rect(inner.x, inner.y, inner.w, title_h),
            f"<font pixel_size={t.heading}><b>Help</b></font>",
            "@plain",
        )
        colour = self.c("focus").hex[:7]
        keys = f"<font pixel_size={t.large}><b>Keys</b></font><br><br>" + keys_html(colour)
        if body.w > t.body * 44:
            left = pygame.Rect(body.x, body.y, (body.w - sp.gap) // 2, body.h)
            right = pygame.Rect(left.right + sp.gap, body.y, body.right - left.right - sp.gap, body.h)
            self.add_text("help_text", left, how_html(t.large))
            self.add_text("help_more", right, keys)
        else:
            self.add_text("help_text", body, how_html(t.large) + keys)
        for box in self.texts.values():  # one notch of the wheel: three lines and a half
            bar = getattr(box, "scroll_bar", None)
            if bar is not None:
                bar.scroll_wheel_speed = sp.line * 3.5
        (close,) = row(
            pygame.Rect(inner.x, body.bottom + sp.gap, inner.w, sp.button_h),
            [button_width("Close", sp, minimum=160)],
            sp.gap,
            "right",
        )
        self.add_button("close", close, "Close", "@primary")

    def all_text(self) -> str:
        return "".join(box.html_text for box in self.texts.values())

    def on_key(self, event: pygame.event.Event) -> bool:
        """Page Up / Page Down scroll the help (both columns when side by side)."""
        if event.key not in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            return False
        step = 0.25 if event.key == pygame.K_PAGEDOWN else -0.25
        for box in self.texts.values():
            bar = getattr(box, "scroll_bar", None)
            if bar is not None:
                bar.set_scroll_from_start_percentage(min(1.0, max(0.0, bar.start_percentage + step)))
        return True

    def on_button(self, key: str) -> None:
        self.app.close_overlay()


class MessageOverlay(Overlay):
    name = "message"

    def __init__(self, app: SceneHost, title: str, html: str, wide: bool = False) -> None:
        super().__init__(app)
        self.title = title
        self.html = html
        self.wide = wide

    def build(self) -> None:
        sp = self.sp
        w, h = self.app.size
        inner = self.open_box(round(w * (0.8 if self.wide else 0.62)), round(h * (0.8 if self.wide else 0.66)))
        lines = len(wrap(self.title, inner.w - 30, self.app.type.heading, "bold"))
        title_h = draw.fonts.line_height(self.app.type.heading, "bold") * min(2, lines) + sp.pad
        self.add_text(
            "message_title",
            pygame.Rect(inner.x, inner.y, inner.w, title_h),
            f"<font pixel_size={self.app.type.heading}><b>{esc(self.title)}</b></font>",
            "@plain",
        )
        body = pygame.Rect(inner.x, inner.y + title_h, inner.w, inner.h - title_h - sp.button_h - sp.gap)
        self.add_text("message_text", body, self.html)
        (ok,) = row(
            pygame.Rect(inner.x, body.bottom + sp.gap, inner.w, sp.button_h),
            [button_width("OK", sp, minimum=140)],
            sp.gap,
            "right",
        )
        self.add_button("ok", ok, "OK", "@primary")

    def on_button(self, key: str) -> None:
        self.app.close_overlay()


class ConfirmOverlay(Overlay):
    """A question with two answers before something that cannot be taken back (quitting a game in
    progress, replacing a save). Esc, or the safe answer, which has the focus, changes nothing."""

    name = "confirm"
    default_focus = "no"

    def __init__(self, app: SceneHost, title: str, html: str, yes: str, no: str, on_yes: Callable[[], None]) -> None:
        super().__init__(app)
        self.title, self.html, self.yes, self.no, self.on_yes = title, html, yes, no, on_yes

    def build(self) -> None:
        sp, t = self.sp, self.app.type
        w, _ = self.app.size
        width = min(round(w * 0.5), 720)
        text_w = width - 4 * sp.pad - 8
        title_h = draw.fonts.line_height(t.heading, "bold") * len(wrap(self.title, text_w, t.heading, "bold"))
        body_h = draw.fonts.line_height(t.body) * (len(wrap(self.html, text_w, t.body)) + 1)
        inner = self.open_box(width, title_h + body_h + sp.button_h + 4 * sp.pad + sp.gap * 2 + 8)
        self.add_text(
            "confirm_title",
            pygame.Rect(inner.x, inner.y, inner.w, title_h + sp.pad),
            f"<font pixel_size={t.heading}><b>{esc(self.title)}</b></font>",
            "@plain",
        )
        body = pygame.Rect(inner.x, inner.y + title_h + sp.pad, inner.w, body_h)
        self.add_text("confirm_text", body, self.html, "@plain")
        buttons = row(
            pygame.Rect(inner.x, inner.bottom - sp.button_h, inner.w, sp.button_h),
            [button_width(self.no, sp, minimum=140), button_width(self.yes, sp, minimum=140)],
            sp.gap,
            "right",
        )
        self.add_button("no", buttons[0], self.no, "@primary")
        self.add_button("yes", buttons[1], self.yes)

    def on_button(self, key: str) -> None:
        self.app.close_overlay()
        if key == "yes":
            self.on_yes()


NO_SAVE_IN_REPLAY = (
    "History is replaying: it is not a game of yours to save. "
    "Press <b>Take over here</b> (P) to play on from this point; that game can be saved."
)


class PauseOverlay(Overlay):
    name = "pause"
    ITEMS = (
        ("resume", "Resume"),
        ("tree", "Decision tree"),
        ("save", "Save game"),
        ("load", "Load game"),
        ("settings", "Settings"),
        ("help", "Keys and help"),
        ("title", "Title screen"),
        ("quit", "Quit"),
    )

    def items(self) -> tuple[tuple[str, str], ...]:
        """The menu; the tree only over the play screen (over the hand-over screen it would show
        where the next delegation stands before only they are at the computer)."""
        return tuple(item for item in self.ITEMS if item[0] != "tree" or self.app.scene.holds_game)

    def build(self) -> None:
        sp = self.sp
        items = self.items()
        width = max(button_width(label, sp, self.app.type.large) for _, label in items) + sp.pad * 4
        title_h = sp.large_line + sp.pad
        height = title_h + len(items) * (sp.button_h + sp.gap) + sp.pad * 5
        inner = self.open_box(width, height)
        # Large text on a short window: shorter buttons, so Quit stays in the box.
        button_h, gap = fit_column(
            len(items), inner.h - title_h, sp.button_h, sp.gap, draw.fonts.line_height(self.app.type.large, "bold") + 4
        )
        self.add_text(
            "pause_title",
            pygame.Rect(inner.x, inner.y, inner.w, title_h),
            f"<font pixel_size={self.app.type.heading}><b>Paused</b></font>",
            "@plain",
        )
        rects = column(pygame.Rect(inner.x, inner.y + title_h, inner.w, 0), [button_h] * len(items), gap)
        replaying = self.app.replaying_history()
        for (key, label), rect in zip(items, rects, strict=True):
            if key == "save" and replaying:  # as the play screen's own Save: a replay is not a game to save
                self.add_button(key, rect, label, "@menu_blocked", tooltip=NO_SAVE_IN_REPLAY)  # its tip says why
                continue
            self.add_button(key, rect, label, "@primary" if key == "resume" else "@menu")

    def on_button(self, key: str) -> None:
        app = self.app
        if key == "resume":
            app.close_overlay()
        elif key == "tree":
            if app.scene.holds_game:
                app.scene.on_button("tree")  # the game's own tree button: its tree, with its path
        elif key == "save" and not app.replaying_history():
            app.open("saves", saving=True)
        elif key == "load":
            app.open("saves", saving=False)
        elif key == "settings":
            app.open("settings")
        elif key == "help":
            app.open("help")
        elif key == "title":
            app.autosave()
            app.to_title()
        elif key == "quit":
            app.request_quit()

"""Setting up a new game: the lens (a reading of the evidence, with its source), who plays each
delegation, the seed (shown and editable, so a class can replay the same game), and class play:
a time limit per decision, what happens when it runs out, and projector mode (every briefing
open, no hand-over screens)."""

from __future__ import annotations

import random
from typing import NamedTuple

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIImage, UIScrollingContainer

from ...classroom.pace import COMPUTER
from ...classroom.settings import ClassroomSettings
from ...engine import Actor, Game, GameError, Lens, Scenario
from ..classroom import next_rule, next_time_limit, rule_button, time_limit_name
from ..host import SceneHost
from ..keys import digit_of
from ..layout import (
    CardGeometry,
    ChoiceSpec,
    Spacing,
    button_width,
    card_geometry,
    fit_line,
    font_width,
    row,
    wrap,
)
from ..story import cite, esc
from ..theme import actor_colours
from ..widgets import draw
from ..widgets.cards import draw_card
from ..widgets.scroll import scroll_into_view
from .base import Scene

KINDS = (  # how the computer plays a delegation nobody plays: its kind, its words, what that means
    (
        "disposition",
        "in character",
        "In character: as the record has it while the game follows history; once the game leaves "
        "history, as the delegation was inclined (what it would never do, what it tended to do), else "
        "for its own goals.",
    ),
    (
        "goals",
        "own goals",
        "Own goals: looks a couple of moves ahead and takes whatever best serves this delegation's "
        "objectives, whatever history did.",
    ),
    ("random", "at random", "At random: any move allowed, evenly: for trying a scenario out, not for a class."),
)
PLAYERS = (("human", "Person"), *((kind, f"Computer: {words}") for kind, words, _ in KINDS))
PERSON_TIP = (
    "Person or Computer: click (or Enter) to switch. A person plays this delegation at this computer; "
    "with two or more, they take turns (see Briefings)."
)
LENS_TIP = (
    "<b>The lens</b>: historians read the evidence differently. A lens is one reading, with its source: "
    "it sets what the record leaves open (a hidden number such as how serious Moscow was, drawn at the "
    "start) and where some measures begin. Every rule of the game is the same under each lens."
)
SEED_TIP = (
    "<b>Game number</b>: every roll of chance in the game follows from it (and the lens's hidden draws). "
    "The same number, lens and moves give the same game, so a class can all play one game, or replay "
    "it. 'Another' picks a new number."
)


class PlayerRows(NamedTuple):
    """How the rows of the right-hand column fit (see ``SetupScene._fit_player_rows``)."""

    top: int  # where the first delegation's row starts
    heights: list[int]  # each delegation's row
    control_h: int  # the height of the buttons in the column
    size: int  # their type size
    two_columns: bool  # the class-play settings in a 2×2 grid (else one column)
    cell_h: int  # one class-play setting: its label and button
    seed_h: int  # the seed and class-play block, at the bottom of the column
    fits: bool  # everything fits the column (else it scrolls)


def _shorten_card(geo: CardGeometry, height: int, sp: Spacing) -> None:
    """Fit a card into ``height`` pixels: as many lines as fit, the last one ending in '…'."""
    vpad = max(5, round(sp.pad * 0.7))
    room = height - vpad * 2
    labels = max(1, min(len(geo.label_lines), room // sp.line))
    details = max(0, min(len(geo.detail_lines), (room - labels * sp.line) // sp.small_line))
    if labels < len(geo.label_lines):
        geo.label_lines = geo.label_lines[:labels]
        geo.label_lines[-1] = geo.label_lines[-1].rstrip(" .,;:") + "…"
    if details < len(geo.detail_lines):
        geo.detail_lines = geo.detail_lines[:details]
        if geo.detail_lines:
            geo.detail_lines[-1] = geo.detail_lines[-1].rstrip(" .,;:") + "…"
    geo.rect.h = max(
        min(height, geo.badge.h + vpad * 2), labels * sp.line + len(geo.detail_lines) * sp.small_line + vpad * 2
    )


class SetupScene(Scene):
    name = "setup"
    default_focus = "start"

    def __init__(self, app: SceneHost, scenario: Scenario) -> None:
        super().__init__(app)
        self.scenario = scenario
        self.lens = scenario.default_lens or next(iter(scenario.lenses), "")
        # the delegations people played last time in this scenario (none: the first at the table)
        remembered = app.settings.last_roles.get(scenario.id)
        if remembered is None or not set(remembered) <= set(scenario.actors):
            remembered = [scenario.first_at_table]
        self.players = {a: ("human" if a in remembered else "disposition") for a in scenario.actors}
        self.kinds = {a: "disposition" for a in scenario.actors}  # the computer's kind, kept while a person plays
        self.seed = random.SystemRandom().randrange(1, 1_000_000)
        self.error = ""
        self.time_limit = 0  # seconds per decision; 0: none
        self.timeout_rule = COMPUTER
        self.projector = False
        self.compact = False  # smaller buttons on the right, when large type leaves too little room

    def build(self) -> None:
        """Lay the screen out in two columns over a footer, then fill each part."""
        backdrop = self.new_backdrop()
        head = self._draw_heading(backdrop)
        footer, left, right = self._areas(head)
        self._build_lenses(backdrop, left)
        t = self.app.type
        players = draw.text(backdrop, "Who plays each delegation", (right.x, right.y), t.body, self.c("muted"), "bold")
        rows = self._fit_player_rows(right, players.bottom + self.sp.gap // 2)
        if rows.fits:
            self._build_players(backdrop, right, rows)
            self._build_class_play(
                backdrop,
                pygame.Rect(right.x, right.bottom - rows.seed_h + self.sp.gap, right.w, rows.seed_h - self.sp.gap),
                rows.two_columns,
                rows.cell_h,
            )
        else:
            self._build_scrolling_column(right, rows)
        self._build_footer(backdrop, footer)
        self.order.remove("start")  # Enter starts the game: the highlight begins there
        self.order.insert(0, "start")
        self.backdrop = backdrop

    def _draw_heading(self, backdrop: pygame.Surface) -> pygame.Rect:
        """'New game' and the scenario's title; returns the heading's rectangle."""
        sp, t = self.sp, self.app.type
        margin = sp.gap * 2
        head = draw.text(backdrop, "New game", (margin, margin), t.heading, self.c("accent"), "bold")
        draw.text(
            backdrop,
            self.scenario.title,
            (head.right + sp.gap * 2, head.centery),
            t.large,
            self.c("text"),
            "semibold",
            anchor="midleft",
        )
        return head

    def _areas(self, head: pygame.Rect) -> tuple[pygame.Rect, pygame.Rect, pygame.Rect]:
        """The footer row, and the left (lenses) and right (players, class play) columns above it."""
        sp = self.sp
        w, h = self.app.size
        g = sp.gap
        margin = g * 2
        y = head.bottom + g
        footer = pygame.Rect(margin, h - margin - sp.button_h, w - 2 * margin, sp.button_h)
        body = pygame.Rect(margin, y, w - 2 * margin, footer.y - g - y)
        left = pygame.Rect(body.x, body.y, round(body.w * 0.46), body.h)
        right = pygame.Rect(left.right + g * 2, body.y, body.right - left.right - g * 2, body.h)
        return footer, left, right

    # the lenses, in the left column

    def _build_lenses(self, backdrop: pygame.Surface, left: pygame.Rect) -> None:
        """A card per lens. Every card gets an equal share of the column when they do not all fit
        whole; a card shortened to its share ends its last line with '…' (and its tool tip has the
        full text)."""
        sp, t = self.sp, self.app.type
        g = sp.gap
        label = draw.text(
            backdrop, "How to read the evidence (the lens)", (left.x, left.y), t.body, self.c("muted"), "bold"
        )
        self.add_button("about_lens", label, "", "@hotspot", tooltip=LENS_TIP, focusable=False)
        yy = label.bottom + g // 2
        geos = self._lens_cards(left)
        gap = g // 2
        room = left.bottom - yy
        natural = sum(geo.rect.h for _, _, geo in geos) + gap * max(0, len(geos) - 1)
        share = (room - gap * max(0, len(geos) - 1)) // max(1, len(geos))
        for lens, spec, geo in geos:
            shortened = natural > room and geo.rect.h > share
            if shortened:
                _shorten_card(geo, share, sp)
            geo.rect.y = yy
            geo.badge.centery = geo.rect.centery
            draw_card(backdrop, geo, sp, self.palette, spec.badge, chosen=lens.id == self.lens)
            # A tool tip only when the card could not show all its words (it would cover the
            # right-hand column with what the card already says).
            self.add_button(
                f"lens_{lens.id}",
                geo.rect,
                "",
                "@card",
                tooltip=f"<b>{esc(lens.name)}</b><br>{esc(lens.text)}" if shortened else None,
            )
            yy = geo.rect.bottom + gap
        if not self.scenario.lenses:
            draw.text(backdrop, "This scenario has a single reading.", (left.x, yy), t.body, self.c("muted"))

    def _lens_cards(self, left: pygame.Rect) -> list[tuple[Lens, ChoiceSpec, CardGeometry]]:
        """Each lens with its card's words and natural size (numbered; the chosen one ticked)."""
        scenario = self.scenario
        cards = []
        for index, lens in enumerate(scenario.lenses.values(), start=1):
            spec = ChoiceSpec(
                lens.name,
                f"{lens.text} — Source: {cite(scenario, lens.source)}",
                False,
                "✓" if lens.id == self.lens else str(index),
            )
            cards.append((lens, spec, card_geometry(pygame.Rect(left.x, 0, left.w, 0), spec, self.sp)))
        return cards

    # who plays each delegation, in the right column above the class-play settings

    def _fit_player_rows(self, right: pygame.Rect, rows_top: int) -> PlayerRows:
        """How the right column's rows fit: normal buttons when every row has room, compact ones
        (large type on a short window) otherwise; when not even those fit, the column scrolls.
        Each row is as tall as its delegation's name, wrapped whole. Sets ``self.compact``."""
        sp, t = self.sp, self.app.type
        g = sp.gap
        self.compact = False
        fits = False
        for compact in (False, True):
            self.compact = compact
            control_h = self.control_h()
            size = t.small if compact else t.body
            widest_value = max(
                button_width(v, sp, size)
                for v in (rule_button("status_quo"), "Private: hand-over", "Open: projector", "5 minutes")
            )
            two_columns = widest_value <= (right.w - g * 2) // 2
            cell_h = sp.small_line + 4 + control_h
            seed_h = (2 if two_columns else 4) * cell_h + (1 if two_columns else 3) * g + g
            heights = self._row_heights(right.w, control_h, size)
            fits = rows_top + sum(heights) + 4 * len(heights) + seed_h + g <= right.bottom
            if fits:
                break
        return PlayerRows(rows_top, heights, control_h, size, two_columns, cell_h, seed_h, fits)

    def _row_heights(self, width: int, control_h: int, size: int) -> list[int]:
        """Each delegation's row: its wrapped name and a line of description beside the button."""
        sp = self.sp
        room_w = width - self._controls_width(size) - sp.pad * 4
        out = []
        description = 0 if self.compact else sp.small_line  # compact rows leave it to the hover
        for actor in self.scenario.actors.values():
            lines = len(wrap(self._row_name(actor), room_w, self.app.type.body, "bold"))
            out.append(max(control_h + 8, lines * sp.line + description + sp.pad))
        return out

    def _toggle_width(self, size: int) -> int:
        return max(font_width(w, size, "bold") for w in ("Person", "Computer")) + self.sp.pad * 2

    def _controls_width(self, size: int) -> int:
        """A row's buttons, Person/Computer then the computer's kind (in small type, both with
        narrower padding): about as wide as one button saying both, so the names keep their room."""
        sp, t = self.sp, self.app.type
        kind = max(font_width(w, t.small, "bold") for _, w, _ in KINDS) + sp.pad * 2
        return self._toggle_width(size) + sp.gap // 2 + kind

    @staticmethod
    def _row_name(actor: Actor) -> str:
        return actor.name + ("" if actor.seat == "table" else "  (offstage)")

    def _build_players(self, backdrop: pygame.Surface, right: pygame.Rect, rows: PlayerRows) -> int:
        """The delegations' rows from ``rows.top``; returns where the last one ends."""
        actors = list(self.scenario.actors.values())
        colours = actor_colours([a.id for a in actors], {a.id: a.colour for a in actors}, self.palette)
        widest = self._controls_width(rows.size)
        y = rows.top
        for actor, height in zip(actors, rows.heights, strict=True):
            rect = pygame.Rect(right.x, y, right.w, height)
            self._build_player_row(backdrop, actor, rect, colours[actor.id], widest, rows.control_h)
            y += height + 4
        return y

    def _build_scrolling_column(self, right: pygame.Rect, rows: PlayerRows) -> None:
        """The delegations and the class-play settings in a column that scrolls (large type on a
        small window): drawn on one tall face, with the buttons laid over it inside the container."""
        sp = self.sp
        bar_w = max(20, sp.pad * 2)
        view = pygame.Rect(right.x, rows.top, right.w, right.bottom - rows.top)
        inner = pygame.Rect(0, 0, right.w - bar_w - 4, 0)
        box = UIScrollingContainer(
            view, self.manager, object_id=ObjectID(object_id="#players_scroll"), allow_scroll_x=False
        )
        self.elements.append(box)
        heights = self._row_heights(inner.w, rows.control_h, rows.size)
        inner_rows = rows._replace(top=0, heights=heights)
        total = sum(heights) + 4 * len(heights) + sp.gap + rows.seed_h
        face = pygame.Surface((inner.w, total), pygame.SRCALPHA)
        image = UIImage(pygame.Rect(0, 0, inner.w, total), face, self.manager, container=box)  # under the buttons
        self.elements.append(image)
        self.container = box
        try:
            y = self._build_players(face, pygame.Rect(0, 0, inner.w, total), inner_rows)
            seed = pygame.Rect(0, y + sp.gap, inner.w, rows.seed_h - sp.gap)
            self._build_class_play(face, seed, rows.two_columns, rows.cell_h)
        finally:
            self.container = None
        image.set_image(face)
        box.set_scrollable_area_dimensions((inner.w, total))
        if box.vert_scroll_bar is not None:
            box.vert_scroll_bar.scroll_wheel_speed = sp.line * 3.5

    def _build_player_row(
        self,
        backdrop: pygame.Surface,
        actor: Actor,
        rect: pygame.Rect,
        colour: pygame.Color,
        widest: int,
        control_h: int,
    ) -> None:
        """One delegation: a card with its colour, its name whole (wrapped), the first sentence of
        its description (its full description on hover), and the button saying who plays it."""
        sp, t = self.sp, self.app.type
        draw.panel(backdrop, rect, self.c("card"), max(4, sp.pad - 2))
        pygame.draw.rect(
            backdrop,
            colour,
            (rect.x, rect.y, max(6, sp.pad // 2), rect.h),
            border_top_left_radius=max(4, sp.pad - 2),
            border_bottom_left_radius=max(4, sp.pad - 2),
        )
        button = pygame.Rect(rect.right - widest - sp.pad, rect.centery - control_h // 2, widest, control_h)
        text_x = rect.x + sp.pad * 2
        room_w = button.x - text_x - sp.pad
        names = wrap(self._row_name(actor), room_w, t.body, "bold")
        two = rect.h >= len(names) * sp.line + sp.small_line + sp.pad // 2
        ty = rect.y + (rect.h - len(names) * sp.line - (sp.small_line if two else 0)) // 2
        for line in names:
            draw.text(backdrop, line, (text_x, ty), t.body, self.c("text"), "bold")
            ty += sp.line
        if two:
            desc = fit_line(actor.description.split(". ")[0], room_w, t.small)
            draw.text(backdrop, desc, (text_x, ty), t.small, self.c("muted"))
        if actor.description:
            self.add_button(
                f"about_{actor.id}",
                pygame.Rect(rect.x, rect.y, button.x - rect.x - sp.pad // 2, rect.h),
                "",
                "@hotspot",
                tooltip=f"<b>{esc(actor.name)}</b><br>{esc(actor.description)}",
                focusable=False,
            )
        person = self.players[actor.id] == "human"
        size = self.app.type.small if self.compact else self.app.type.body
        toggle = pygame.Rect(button.x, button.y, self._toggle_width(size), control_h)
        kind = pygame.Rect(toggle.right + sp.gap // 2, button.y, button.right - toggle.right - sp.gap // 2, control_h)
        style = ("@small_primary" if person else "@small") if self.compact else ("@primary" if person else "")
        self.add_button(f"player_{actor.id}", toggle, "Person" if person else "Computer", style, tooltip=PERSON_TIP)
        if not person:
            words = next(w for k, w, _ in KINDS if k == self.players[actor.id])
            self.add_button(
                f"kind_{actor.id}",
                kind,
                words,
                "@small",
                tooltip=f"How the computer plays {esc(actor.name)} (click to change).<br><br>"
                + "<br>".join(esc(t) if k != self.players[actor.id] else f"<b>{esc(t)}</b>" for k, _, t in KINDS),
            )

    # the footer: what the setup amounts to, Back and Start

    def _build_footer(self, backdrop: pygame.Surface, footer: pygame.Rect) -> None:
        sp, t = self.sp, self.app.type
        g = sp.gap
        if self.error:
            draw.text(backdrop, self.error, (footer.x, footer.y - sp.small_line - 4), t.small, self.c("bad"), "bold")
        back, start = row(footer, [button_width("Back", sp), button_width("Start the game", sp, t.large)], g, "right")
        line_h = draw.fonts.line_height(t.body, "semibold")
        top = (footer.x, footer.centery - line_h // 2)
        self.line(backdrop, "summary", self._summary(), top, back.x - footer.x - g, t.body, self.c("text"), "semibold")
        self.add_button("back", back, "Back")
        self.add_button("start", start, "Start the game", "@primary")

    def _summary(self) -> str:
        """Who plays, in a line: one delegation, a hot seat, or the computer alone; each delegation
        by its name, as the rows above and the game call it (its short name is for tight places)."""
        actors = self.scenario.actors.values()
        humans = [a.name for a in actors if self.players[a.id] == "human"]
        summary = f"You play: {', '.join(humans)}" if humans else "Nobody plays: the computer plays every side"
        if len(humans) > 1:
            summary = f"Hot seat: {', '.join(humans)}" + (" (projector)" if self.projector else " take turns")
        return summary

    def control_h(self) -> int:
        """The height of this screen's right-hand buttons: smaller in compact mode."""
        if not self.compact:
            return self.sp.button_h
        return max(28, round(draw.fonts.line_height(self.app.type.body) * 1.25))

    def _build_class_play(self, backdrop: pygame.Surface, area: pygame.Rect, two_columns: bool, cell_h: int) -> None:
        """The seed and the class-play settings, in a 2×2 grid (one column when the type is large)."""
        sp, t, g = self.sp, self.app.type, self.sp.gap
        control_h = self.control_h()
        size = t.small if self.compact else t.body
        style = "@small" if self.compact else ""
        cell_w = (area.w - g * 2) // 2 if two_columns else area.w
        cells = []
        for index in range(4):
            col, line = (index % 2, index // 2) if two_columns else (0, index)
            cells.append(pygame.Rect(area.x + col * (cell_w + g * 2), area.y + line * (cell_h + g), cell_w, cell_h))

        def label(cell: pygame.Rect, words: str) -> pygame.Rect:
            font = draw.fonts.font(t.small, "bold")
            if font.size(words)[0] > cell.w:
                words = words.split(":")[0]  # "Game number: the same number, the same game" -> "Game number"
            while font.size(words)[0] > cell.w and len(words) > 4:
                words = words[:-2].rstrip() + "…"
            draw.text(backdrop, words, cell.topleft, t.small, self.c("muted"), "bold")
            return pygame.Rect(cell.x, cell.y + sp.small_line + 4, cell.w, control_h)

        seed_cell = label(cells[0], "Game number: the same number, the same game")
        new_w = button_width("Another", sp, size)
        entry_w = max(100, min(max(180, button_width("0000000", sp, t.large)), seed_cell.w - new_w - g))
        entry, new_seed = row(seed_cell, [entry_w, new_w], g)
        box = self.add_entry("seed", entry, str(self.seed))
        box.set_allowed_characters("numbers")
        box.set_text_length_limit(9)
        self.add_button("new_seed", new_seed, "Another", style, tooltip=SEED_TIP)
        self.add_button(
            "about_seed",
            pygame.Rect(cells[0].x, cells[0].y, cells[0].w, sp.small_line + 4),  # its label
            "",
            "@hotspot",
            tooltip=SEED_TIP,
            focusable=False,
        )
        settings = (
            (
                "projector",
                "Briefings",
                "Open: projector" if self.projector else "Private: hand-over",
                "Who sees the briefings when several people play at one computer. Private, with a hand-over: "
                "before each delegation's turn a screen asks the others to look away, and each sees only its "
                "own briefing and secrets. Open, for a projector: no hand-over screens; every briefing is "
                "shown to the whole room.",
                True,
            ),
            (
                "time_limit",
                "Time per decision",
                time_limit_name(self.time_limit),
                "A clock for each decision a person makes; it pauses on the hand-over screen and in menus.",
                True,
            ),
            (
                "timeout_rule",
                "When time runs out",
                rule_button(self.timeout_rule),
                "The computer decides: it chooses as it would for a computer-played delegation. The status quo "
                "holds: the choice that keeps things as they are.",
                self.time_limit > 0,
            ),
        )
        for cell, (key, words, value, tip, enabled) in zip(cells[1:], settings, strict=True):
            place = label(cell, words)
            width = min(place.w, max(button_width(value, sp, size), round(place.w * 0.8)))
            self.add_button(
                key, pygame.Rect(place.x, place.y, width, place.h), value, style, tooltip=tip, enabled=enabled
            )

    def update(self, now: float) -> bool:
        """Scroll the players' column to the button the keyboard highlights, when it is out of view."""
        box = next((e for e in self.elements if isinstance(e, UIScrollingContainer)), None)
        focused = self.buttons.get(self.focus_key or "")
        return box is not None and focused is not None and scroll_into_view(box, focused)

    def read_seed(self) -> int | None:
        entry = self.buttons.get("seed")
        text = entry.get_text().strip() if entry is not None else str(self.seed)  # type: ignore[union-attr]
        if not text.isdigit():
            self.error = "The seed is a whole number, like 1939."
            return None
        self.seed = int(text)
        self.error = ""
        return self.seed

    def on_button(self, key: str) -> None:
        app = self.app
        if key.startswith("lens_"):
            self.read_seed()
            self.lens = key[len("lens_") :]
            app.rebuild()
        elif key.startswith("player_"):
            self.read_seed()
            actor = key[len("player_") :]
            if self.players[actor] == "human":
                self.players[actor] = self.kinds[actor]
            else:
                self.kinds[actor], self.players[actor] = self.players[actor], "human"
            self.focus_key = key
            app.rebuild()
        elif key.startswith("kind_"):
            self.read_seed()
            actor = key[len("kind_") :]
            ids = [k for k, _, _ in KINDS]
            self.players[actor] = self.kinds[actor] = ids[(ids.index(self.players[actor]) + 1) % len(ids)]
            self.focus_key = key
            app.rebuild()
        elif key in ("projector", "time_limit", "timeout_rule"):
            self.read_seed()
            if key == "projector":
                self.projector = not self.projector
            elif key == "time_limit":
                self.time_limit = next_time_limit(self.time_limit)
            else:
                self.timeout_rule = next_rule(self.timeout_rule)
            self.focus_key = key
            app.rebuild()
        elif key == "new_seed":
            self.seed = random.SystemRandom().randrange(1, 1_000_000)
            app.rebuild()
        elif key == "back":
            app.pop()
        elif key == "start":
            self.start()

    def on_text(self, key: str, text: str) -> None:
        if key == "seed":
            self.start()

    def start(self) -> None:
        seed = self.read_seed()
        if seed is None:
            self.app.rebuild()
            return
        try:
            game = Game.new(self.scenario, self.lens or None, seed, dict(self.players))
        except GameError as exc:
            self.error = str(exc)
            self.app.rebuild()
            return
        ClassroomSettings.chosen(self.time_limit, self.timeout_rule, self.projector, self.app.settings.reasons).store(
            game
        )
        self.app.settings.last_roles[self.scenario.id] = [a for a, player in self.players.items() if player == "human"]
        self.app.save_settings()  # offered again next time, like the text size
        self.app.play(game, opening=True)

    def on_key(self, event: pygame.event.Event) -> bool:
        """1–9 choose the lens card with that number (the seed box takes digits only while typing)."""
        number = digit_of(event.key)
        if number is not None:
            lenses = list(self.scenario.lenses)
            if 1 <= number <= len(lenses):
                self.focus_key = f"lens_{lenses[number - 1]}"
                self.on_button(self.focus_key)
            return True
        return False

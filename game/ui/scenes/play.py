"""The play screen, and history replay (the same screen in ``history`` mode).

Everything shown is read from the ``Game``: the decision, its open and blocked choices, the log,
the variables. Computer-played actors move after a short pause the player can skip, and what they
did is said plainly at the top of the narration.

In class play several delegations may share the computer: before a person decides for another
delegation than the last one at the computer, the hand-over screen comes first, and the briefing
shown is only what ``game.classroom.handover`` allows. With a time limit, each decision has a
clock that pauses while anything covers this screen; when it runs out, the setup's rule decides.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIImage, UIScrollingContainer

from ...classroom.handover import Briefing, Handover, briefing_for, handover, handover_for, needs_handover
from ...classroom.pace import Deadline, resolve_table_timeout, resolve_timeout, table_timeout
from ...classroom.settings import ClassroomSettings
from ...engine import ChoiceView, Game, GameError, Happening, Variable, validate_file
from ...engine.preview import leads_to_ending
from ...engine.table import Action, Table
from ...engine.talks import settled_issues
from ...engine.views import ChoiceLine, View
from ...engine.wording import NOT_AGREED, the_actor, value_words
from ..classroom import briefings_html, hot_seat, own_goals_html, takeover_notice, timeout_notice
from ..host import SceneHost
from ..keys import digit_of
from ..layout import (
    TABS,
    TOP_BUTTONS,
    ChoiceSpec,
    MeterWords,
    PlayLayout,
    button_width,
    fit_line,
    meter_columns,
    meter_row_height,
    play_layout,
    row,
    scroll_bar_width,
)
from ..since import Since
from ..story import cite, counted, esc, long_date, plain, said_html, short_date
from ..table_turn import (
    WALK_WORDS,
    Change,
    Draft,
    PanelSpec,
    acting_seat,
    choice_detail,
    is_table_node,
    lines_since,
    onlooker_panel,
    panel_spec,
    seat_appraiser,
    seat_vetter,
    viewer_of,
)
from ..theme import actor_colours, actor_text_colours
from ..widgets import countdown, draw
from ..widgets.cards import draw_card
from ..widgets.map_view import map_as_of, render_map, uses_map
from ..widgets.meters import highlight_box, meter_cells, meter_words, render_meters
from ..widgets.offer_panel import CHECK, PanelGeometry, draw_panel, panel_height, panel_layout
from ..widgets.scroll import scroll_into_view
from ..widgets.table import chip_words, render_table
from ..widgets.timeline import Mark, render_timeline
from ..widgets.timeline import geometry as timeline_geometry
from .base import Scene

TOP_KEYS = ("tree", "undo", "save", "help", "menu")  # the keys of TOP_BUTTONS' buttons
FLASH_SECONDS = 2.5  # how long a changed measure glows after the move that changed it
FLASH_RING = 2  # the width of the ring around a changed measure
TAB_TIPS = {
    "story": "The story, the question and your choices",
    "measures": "Every measure with its scale, the delegations and the timeline",
    "map": "The map of Europe, with what the decision is about outlined",
    "log": "Everything that has happened, newest first",
}
TOP_TIPS = (
    "T or G: the decision tree, with your path",
    "Ctrl+Z: take back your last decision",
    "Ctrl+S: save to a named slot",
    "F1: every key",
    "Esc: pause menu",
)


def _close_up_right(rects: list[pygame.Rect], right: int, gap: int) -> list[pygame.Rect]:
    """``rects`` side by side, ``gap`` apart, the last ending at ``right`` (widths kept)."""
    out: list[pygame.Rect] = []
    x = right
    for rect in reversed(rects):
        x -= rect.w
        out.insert(0, pygame.Rect(x, rect.y, rect.w, rect.h))
        x -= gap
    return out


class PlayScene(Scene):
    name = "play"
    holds_game = True

    def __init__(
        self, app: SceneHost, game: Game, history: bool = False, notice: str = "", opening: bool = False
    ) -> None:
        super().__init__(app)
        self.game = game
        self.history = history
        self.notice = notice
        self.opening = opening and not history  # a game just set up: the lone player's briefing comes first
        # ... and when the computers move first, they wait until the person has read the introduction
        self.reading = self.opening and game.computer_to_move
        self.pending: float | None = None  # when the computer (or the history replay) moves next
        self.pending_from = 0.0
        self.auto = False
        self.layout: PlayLayout | None = None
        self.viewer: str | None = None  # the delegation at the computer (hot seat: seated by the hand-over)
        self.brief_when_seated = False  # show the briefing once the hand-over is done
        # The delegations whose briefing has opened by itself: only a delegation's first turn opens
        # it (at every hand-over it had to be closed again); the Briefing button (B) keeps it near.
        self.briefed: set[str] = set()
        self.reason = ""  # what the player typed in "Why?", kept across rebuilds
        self.kept_notice = ""  # the notice that belongs to the last move (kept while the computer moves)
        self.before_reason: str | None = None  # the button highlighted before Tab went to "Why?"
        self.deadline: Deadline | None = None  # the clock of the decision waiting, with a time limit
        self.deadline_of: tuple[int, str] | None = None  # (moves made, node) the clock belongs to
        self.clock_rect: pygame.Rect | None = None
        self.clock_face: countdown.Face | None = None
        self.draft = Draft()  # the package a seat is putting together at a negotiation
        self.panel_notice = ""  # a notice about the offer panel's terms, cleared when the picks change
        self.panel: PanelSpec | None = None  # the offer panel of this build, when a seat is at the table
        self.panel_box: UIScrollingContainer | None = None  # where the panel's options scroll, when they do
        self.panel_scroll: tuple[object, float] | None = None  # (the turn's draft, pixels scrolled), across rebuilds
        self.followed: str | None = None  # the highlighted key the offer panel last scrolled to
        self.tab = "story"  # the tab shown in the body: the story first, always at a person's turn
        self.changed_at = -FLASH_SECONDS  # when a move last changed a measure (they glow a moment)
        self.timed_out = ""  # whose clock ran out last ("the Soviet delegation"), until the next hand-over
        self.progress_rect: pygame.Rect | None = None  # the computer's pause, as a bar under its line
        # "Since your last turn" for each delegation at this computer ("": the room's, or the one
        # person's); a new game's opening lines are everyone's first summary.
        self.ledgers: dict[str, Since] = {}
        self._begin_ledgers(0 if not game.moves else len(game.log))
        self.covered_at: float | None = None  # since when a dialog or another screen covers this one

    # -- seats and views ----------------------------------------------------------------------

    def table(self) -> Table:
        return Table(self.game, ClassroomSettings.of(self.game).reasons)

    def projector(self) -> bool:
        return ClassroomSettings.of(self.game).projector

    def acting(self) -> str | None:
        """The person's seat that acts now at a negotiation or sealed move, once it is at the
        computer (in a hot seat the hand-over comes first); None at a decision."""
        if self.history:
            return None
        seat = acting_seat(self.table(), self.viewer)
        if seat is not None and hot_seat(self.game) and not self.projector() and seat != self.viewer:
            return None
        return seat

    def screen_view(self) -> View:
        """What the screen shows of the game: the seat at the computer's view, or the room's."""
        return self.table().view(viewer_of(self.game, self.viewer, self.projector(), self.history))

    def _view_of(self, seat: str | None) -> View:
        """What the screen shows when ``seat`` is at the computer (None: nobody seated yet)."""
        return self.table().view(viewer_of(self.game, seat, self.projector(), self.history))

    def _begin_ledgers(self, start: int) -> None:
        """Every delegation at this computer starts its summary at log entry ``start``."""
        game = self.game
        seats = [a for a in game.scenario.actors if game.controller(a) == "human"]
        keys = [""] + (seats if hot_seat(game) and not self.history else [])
        self.ledgers = {key: Since.begin(start, self._view_of(key or None)) for key in keys}

    def _seat_key(self) -> str:
        """Whose summary the screen shows: in a hot seat the delegation seated, else the one ledger."""
        return self.viewer if self.viewer is not None and self.viewer in self.ledgers else ""

    def since(self) -> Since:
        """The summary of the delegation at the computer."""
        return self.ledgers[self._seat_key()]

    @property
    def changes(self) -> dict[str, Change]:
        """Measures changed since the seated delegation's last move, and why."""
        return self.since().changes

    def seat_view(self) -> View | None:
        """The acting seat's own view (its choices, its values), when a seat acts at a table node."""
        seat = self.acting()
        return self.table().view(seat) if seat else None

    # -- building -----------------------------------------------------------------------------

    def choice_lines(self) -> dict[int, ChoiceLine]:
        """The choices of the turn on screen as the chooser's view has them (with their previews)."""
        game = self.game
        if is_table_node(game):
            mine = self.seat_view()
        else:
            decision = game.decision
            mine = self.table().view(decision.actor.id) if decision is not None else None
        turn = mine.turn if mine else None
        return {c.number: c for c in (turn.choices if turn else ())}

    def choice_specs(self) -> list[ChoiceSpec]:
        shown = {m.id for m in self.screen_view().meters}
        lines = self.choice_lines()
        if is_table_node(self.game):
            mine = self.seat_view()
            turn = mine.turn if mine else None
            if turn is None or turn.kind != "seal":
                return []
            return [
                ChoiceSpec(
                    c.label,
                    choice_detail(c, shown) if c.available else "Blocked: " + c.why_blocked,
                    not c.available,
                    str(c.number),
                )
                for c in turn.choices
            ]
        decision = self.game.decision
        if decision is None:
            return []
        marked = ""
        if self.history:
            try:
                marked = self.game.computer_choice().id
            except GameError:
                marked = ""
        specs = []
        for view in decision.choices:
            detail = ""
            if not view.available:
                detail = "Blocked: " + "; ".join(c.title for c in view.blocked_by)
            elif marked and view.step.id == marked:
                detail = "✓ What happened in history" if view.step.historical else "✓ The course taken here"
            else:
                detail = choice_detail(lines.get(view.number), shown)
            specs.append(ChoiceSpec(view.step.label, detail, not view.available, str(view.number)))
        return specs

    def visible_variables(self) -> list[Variable]:
        """The variables the screen's view shows as meters (private ones only to those who know them)."""
        shown = {m.id for m in self.screen_view().meters}
        return [v for v in self.game.scenario.variables.values() if v.visible and v.id in shown]

    def persons_turn(self) -> bool:
        """A person is to decide or act at the table now (not history replaying, not the computer)."""
        if self.history or self.game.computer_to_move:
            return False
        return self.game.decision is not None or self.acting() is not None

    def chips(self) -> list[tuple[str, tuple[str, str]]]:
        """Each delegation and its chip's two lines: its name and who plays it (or that it decides)."""
        out = []
        speaker = self.speaker()
        for actor in self.game.scenario.actors.values():
            player = self._player(actor.id)
            you = player in ("You", "Players")
            out.append((actor.id, chip_words(actor, player, actor.id == speaker, you)))
        return out

    def _player(self, actor: str) -> str:
        """Who plays a delegation, in a word: History (replaying), You or Players (hot seat), Computer."""
        game = self.game
        if self.history:
            return "History"
        if game.controller(actor) == "human":
            return "Players" if hot_seat(game) else "You"
        return "Computer"

    def _chip_tip(self, actor_id: str) -> str:
        """A chip's tool tip: the delegation's full name, who plays it and what everyone knows of it."""
        actor = self.game.scenario.actors[actor_id]
        played = {
            "History": "Played as history went",
            "You": "Played by you",
            "Players": "Played by one of you",
            "Computer": "Played by the computer",
        }[self._player(actor_id)]
        tip = f"<b>{esc(actor.name)}</b><br><i>{played}</i>"
        return tip + (f"<br>{esc(actor.description)}" if actor.description else "")

    def speaker(self) -> str:
        game = self.game
        decision = game.decision
        movers = [t.actor for t in game.turns if game.controller(t.actor) != "human"] or [t.actor for t in game.turns]
        return decision.actor.id if decision else (self.acting() or (movers[0] if movers else ""))

    def tabs(self) -> tuple[tuple[str, str], ...]:
        """The tabs of this game: no Map tab for a scenario that names no map features."""
        has_map = uses_map(self.game.scenario)
        return tuple((key, label) for key, label in TABS if key != "map" or has_map)

    def tab_labels(self) -> list[str]:
        labels = []
        for key, label in self.tabs():
            if key == "measures" and self.changes:
                label = f"{label} · {len(self.changes)} changed"
            labels.append(label)
        return labels

    def recap_lines(self) -> list[tuple[str, str]]:
        """'Since your last turn': what others did (a line each, with what they said, newest last),
        then each measure that changed, with the move that changed it."""
        game = self.game
        scenario = game.scenario
        if self.history or game.ended:
            return []
        view = self.screen_view()
        out = []
        for item in lines_since(view, game.log, self.since().start):
            if item.kind in ("outcome", "deadline", "stuck"):
                continue
            out.append((plain(scenario, item), item.text))
        out += [(change.words(), "") for change in self.changes.values()]
        return out

    def build(self) -> None:
        """Lay the screen out, then draw and add each part of the tab shown, then set the keyboard order."""
        self.remember_panel_scroll()
        specs = self.choice_specs()
        variables = self.visible_variables()
        view = self.seat_view()
        names = {a: actor.name for a, actor in self.game.scenario.actors.items()}
        appraise = seat_appraiser(self.game, view.viewer) if view else None
        vet = seat_vetter(self.game, view.viewer) if view else None
        if view is not None:
            panel = panel_spec(view, self.draft, names, self.projector(), appraise, vet)
        else:  # history replaying at the table shows the offer there, as a seat's panel would
            panel = onlooker_panel(self.screen_view(), names) if self.history else None
        self.panel = panel
        chips = self.chips()
        recap = self.recap_lines()
        lay = play_layout(
            self.app.size,
            self.app.scale,
            specs,
            len(variables),
            reason=self.persons_turn(),
            # the panel's buttons are drawn in the theme's type, so it never takes the cards' smaller type
            panel=(lambda w, _: panel_height(panel, w, self.sp)) if panel else None,
            tab=self.tab,
            tab_labels=self.tab_labels(),
            chips=[words for _, words in chips],
            recap_lines=len(recap),
            controls_w=self._replay_row_width() if self.history else 0,
            meter_words=self._meter_words(variables),
        )
        self.layout = lay
        self.progress_rect = None
        backdrop = self.new_backdrop()
        self._build_top_bar(backdrop, lay)
        self._build_tabs(lay)
        colours = self._actor_colours()
        if lay.table.h:
            self._draw_table(backdrop, lay, colours, chips)
        if lay.map.h:
            self._draw_map(backdrop, lay, colours)
        if lay.meters.h:
            self._build_meters(backdrop, lay, variables[: lay.meters_count] if lay.meters_count else variables)
        if lay.meters_more.h:
            self._build_more_measures(lay, len(variables))
        if lay.timeline.h:
            self._build_timeline(backdrop, lay)
        if lay.narration.h:
            self.add_text("narration", lay.narration, self.narration_html())
            self._scroll_by_lines("narration")
        if lay.recap.h and lay.recap_strip:
            self.add_button("recap", lay.recap, self._recap_strip_label(len(recap), lay.recap.w), "@small",
                            tooltip=self.recap_html([(head, "") for head, _ in recap]))  # fmt: skip
        elif lay.recap.h:
            self.add_text("recap", lay.recap, self.recap_html(recap), "@log")
            self._scroll_by_lines("recap")
        if lay.log.h:
            self.add_text("log", lay.log, self.log_html(), "@log")
            self._scroll_by_lines("log")
        if lay.tab == "story":
            self._build_cards(backdrop, lay, specs)
            self._build_panel(backdrop, lay)
            self._build_controls(backdrop, lay)
        self._order_focus()
        self.backdrop = backdrop

    def _build_tabs(self, lay: PlayLayout) -> None:
        """The row of tabs: the one shown is highlighted; Measures says how many changed."""
        for (key, _), label, rect in zip(self.tabs(), self.tab_labels(), lay.tabs, strict=True):
            style = "@small_primary" if key == lay.tab else "@small"
            self.add_button(f"tab_{key}", rect, label, style, tooltip=TAB_TIPS[key])

    def _scroll_by_lines(self, key: str) -> None:
        """One notch of the mouse wheel scrolls a text box by three lines and a half (pygame_gui's
        own step is a line and a half)."""
        bar = getattr(self.texts[key], "scroll_bar", None)
        if bar is not None:
            bar.scroll_wheel_speed = self.sp.line * 3.5

    # the top bar: date, day and title, and the buttons for every turn

    def _build_top_bar(self, backdrop: pygame.Surface, lay: PlayLayout) -> None:
        pygame.draw.rect(backdrop, self.c("panel"), lay.top_bar)
        pygame.draw.line(backdrop, self.c("border"), lay.top_bar.bottomleft, lay.top_bar.bottomright, 2)
        game = self.game
        buttons = list(zip(TOP_KEYS, TOP_BUTTONS, TOP_TIPS, strict=True))
        rects = list(lay.top_buttons)
        if self.history:
            # Replaying, '◀ Back' below is the one way back: not two buttons for one thing. The
            # others close up to the right, leaving the room to the date, the badge and the day.
            kept = [i for i, key in enumerate(TOP_KEYS) if key != "undo"]
            buttons = [buttons[i] for i in kept]
            gap = rects[1].x - rects[0].right
            rects = _close_up_right([rects[i] for i in kept], rects[-1].right, gap)
        self._draw_date_and_day(backdrop, lay, rects[0].x)
        for (key, label, tip), rect in zip(buttons, rects, strict=True):
            enabled = True
            if key == "undo":
                enabled = game.can_undo
            if key == "save":
                enabled = not self.history
            self.add_button(key, rect, label, "@small", tooltip=tip, enabled=enabled)

    def _draw_date_and_day(self, backdrop: pygame.Surface, lay: PlayLayout, buttons_x: int) -> None:
        """The date, the history badge while replaying, and 'Day n of N · title' in the room left
        of the buttons (from ``buttons_x``). Where 'Day n of N' would not fit beside the date
        written out ('15 September 1938' at a large text size), the month is shortened first; the
        badge shortens, then goes, rather than run under the buttons."""
        sp, t = self.sp, self.app.type
        game = self.game
        x = sp.gap * 2
        day = self._day_line(10**6).split(" · ")[0]
        day_w = draw.fonts.font(t.body, "semibold").size(day)[0]
        badge_font = draw.fonts.font(t.small, "bold")
        least = day_w + (badge_font.size(" REPLAY ")[0] + 6 + sp.gap if self.history else 0)
        heading = draw.fonts.font(t.heading, "bold")
        dates = (long_date(game.date), f"{game.date.day} {game.date:%b %Y}")
        when = next((d for d in dates if x + heading.size(d)[0] + sp.gap * 4 + least <= buttons_x), dates[-1])
        date_rect = draw.text(
            backdrop, when, (x, lay.top_bar.centery), t.heading, self.c("text"), "bold", anchor="midleft"
        )
        x = date_rect.right + sp.gap * 2
        room = buttons_x - x - sp.gap * 2
        if self.history:
            font = badge_font
            words = next(
                (w for w in (" REPLAYING HISTORY ", " REPLAY ") if font.size(w)[0] + 6 + sp.gap + day_w <= room),
                next((w for w in (" REPLAYING HISTORY ", " REPLAY ") if font.size(w)[0] + 6 <= room), ""),
            )
            if words:
                size = font.size(words)
                badge = pygame.Rect(x + 3, lay.top_bar.centery - size[1] // 2, *size)
                pygame.draw.rect(backdrop, self.c("accent"), badge.inflate(6, 6), border_radius=4)
                draw.text(backdrop, words, badge.topleft, t.small, self.c("accent_text"), "bold")
                self.mark("badge", badge.inflate(6, 6))
                x = badge.right + 3 + sp.gap
                room = buttons_x - x - sp.gap * 2
        info = self._day_line(room)
        self.mark("date", date_rect)
        if info:
            self.mark(
                "info",
                draw.text(
                    backdrop, info, (x, lay.top_bar.centery), t.body, self.c("muted"), "semibold", anchor="midleft"
                ),
            )

    def _day_line(self, room: int) -> str:
        """'Day n of N · title' when it fits ``room``; else without the title (it is on the title
        screen; the day matters here); '' when not even that fits (it would run under the top
        bar's buttons). Never a bare 'Day n': every scenario reads the same, with its length."""
        game = self.game
        scenario = game.scenario
        day = (game.date - scenario.start).days + 1
        total = scenario.last_day + 1
        font = draw.fonts.font(self.app.type.body, "semibold")
        for info in (f"Day {day} of {total} · {scenario.title}", f"Day {day} of {total}"):
            if font.size(info)[0] <= room:
                return info
        return ""

    # the left column: table, map and meters; the timeline under it

    def _actor_colours(self) -> dict[str, pygame.Color]:
        scenario = self.game.scenario
        return actor_colours(list(scenario.actors), {a.id: a.colour for a in scenario.actors.values()}, self.palette)

    def _draw_table(
        self,
        backdrop: pygame.Surface,
        lay: PlayLayout,
        colours: dict[str, pygame.Color],
        chips: list[tuple[str, tuple[str, str]]],
    ) -> None:
        """The delegations, each with who plays it; the one deciding stands out. A chip shows the
        short name; its tool tip the full one, who plays it and its public description."""
        scenario = self.game.scenario
        places = [r.move(-lay.table.x, -lay.table.y) for r in lay.chips]
        backdrop.blit(
            render_table(
                lay.table.size,
                places,
                list(scenario.actors.values()),
                colours,
                dict(chips),
                self.speaker(),
                self.palette,
                self.sp,
            ),
            lay.table,
        )
        for (actor, _), rect in zip(chips, lay.chips, strict=False):
            self.add_button(f"chip_{actor}", rect, "", "@hotspot", tooltip=self._chip_tip(actor), focusable=False)

    def _draw_map(self, backdrop: pygame.Surface, lay: PlayLayout, colours: dict[str, pygame.Color]) -> None:
        """The map as of the scenario's start, outlining what the decision is about; its labels in
        the screen's type (never under the small size), so they grow with the text-size setting."""
        app, t = self.app, self.app.type
        scenario = self.game.scenario
        node = self.game.node
        highlight = frozenset(node.map) if node is not None and not self.game.ended else frozenset()
        data = map_as_of(scenario.start)
        key = ("map", lay.map.size, highlight, self.palette, app.scale, tuple(sorted(colours)), scenario.start)
        the_map = app.map_surface(
            key,
            lambda: render_map(lay.map.size, highlight, colours, self.palette, app.scale, data.title, data, t.small),
        )
        backdrop.blit(the_map, lay.map)
        pygame.draw.rect(backdrop, self.c("border"), lay.map, 1)
        if highlight:
            legend = "Outlined: what this decision is about"
            draw.text(
                backdrop,
                legend,
                (lay.map.x + 10, lay.map.bottom - 6),
                t.small,
                pygame.Color("#FFFFFF"),
                "semibold",
                anchor="bottomleft",
                halo=pygame.Color(20, 24, 30),
            )

    def _build_meters(self, backdrop: pygame.Surface, lay: PlayLayout, variables: list[Variable]) -> None:
        """The visible variables as meters, each with a hover spot explaining it. When they are
        taller than their place (large type on a small window) they scroll there, face and hover
        spots together, so no meter is cut or out of reach."""
        if not variables:
            return
        values = self._meter_values()
        meter_sp = lay.meter_spacing or self.sp
        box: UIScrollingContainer | None = None
        place = lay.meters
        if lay.meters_scroll_h:
            box = UIScrollingContainer(
                lay.meters, self.manager, object_id=ObjectID(object_id="#meters_scroll"), allow_scroll_x=False
            )
            self.elements.append(box)
            place = pygame.Rect(0, 0, lay.meters.w - scroll_bar_width(meter_sp), lay.meters_scroll_h)
            box.set_scrollable_area_dimensions(place.size)
            if box.vert_scroll_bar is not None:
                box.vert_scroll_bar.scroll_wheel_speed = meter_row_height(meter_sp) * 2
        columns = meter_columns(place.w, meter_sp)
        settled = settled_issues(self.game.scenario, self.game.log)  # read from the log once per build
        face = render_meters(
            place.size,
            variables,
            values,
            self.palette,
            self.app.scale,
            columns,
            meter_sp,
            {k: c.delta for k, c in self.changes.items()},
            self.game.scenario.issues,
            settled,
        )
        if box is None:
            backdrop.blit(face, place)
        else:
            self.elements.append(UIImage(place, face, self.manager, container=box))
            self.container = box
        try:
            for variable, cell in zip(
                variables,
                meter_cells(place.size, len(variables), columns, meter_sp, self._meter_words(variables, settled)),
                strict=True,
            ):
                self.add_button(
                    f"meter_{variable.id}",
                    cell.move(place.topleft),
                    "",
                    "@hotspot",
                    tooltip=self._meter_tip(variable, values.get(variable.id), settled),
                    focusable=False,
                )
        finally:
            self.container = None

    def _build_more_measures(self, lay: PlayLayout, total: int) -> None:
        """The line under the first measures that says how many show and opens them all."""
        shown = lay.meters_count
        changed = sum(1 for v in self.visible_variables()[shown:] if v.id in self.changes)
        also = f" · {changed} more changed" if changed else ""
        font = draw.fonts.font(self.app.type.small, "bold")
        room = lay.meters_more.w - self.sp.pad * 3
        words = next(
            (
                w
                for w in (
                    f"{shown} of {counted(total, 'measure')}{also} · all on the Measures tab",
                    f"All {counted(total, 'measure')}{also}",
                )
                if font.size(w)[0] <= room
            ),
            f"All {counted(total, 'measure')}",
        )
        self.add_button("more_measures", lay.meters_more, words, "@small", tooltip="Every measure: the Measures tab")

    def _meter_values(self) -> dict[str, object]:
        return {m.id: m.value for m in self.screen_view().meters}

    def _meter_words(self, variables: list[Variable], settled: frozenset[str] | None = None) -> list[MeterWords]:
        """Each measure's name, value and change, as the meters show them (the layout measures them);
        ``settled``: the issues a deal has settled, when the caller has read them from the log already."""
        changes = {k: c.delta for k, c in self.changes.items()}
        scenario = self.game.scenario
        if settled is None:
            settled = settled_issues(scenario, self.game.log)
        return meter_words(variables, self._meter_values(), changes, scenario.issues, settled)

    def _meter_tip(self, variable: Variable, value: object, settled: frozenset[str]) -> str:
        scenario = self.game.scenario
        words = value_words(scenario.issues, variable.id, value, settled)
        tip = f"<b>{esc(variable.label or variable.id)}</b>: {esc(words)}"
        if NOT_AGREED in words:
            tip += " — where things stand until a deal changes it"
        if variable.type.kind == "int":
            tip += f" (from {variable.type.minimum} to {variable.type.maximum})"
        if variable.description:
            tip += f"<br>{esc(variable.description)}"
        change = self.changes.get(variable.id)
        if change is not None:
            tip += f"<br><i>Since your last turn: {esc(change.words())}</i>"
        if variable.source:
            tip += f"<br><i>Source: {esc(cite(scenario, variable.source))}</i>"
        return tip

    def _build_timeline(self, backdrop: pygame.Surface, lay: PlayLayout) -> None:
        """The timeline of the historical events, each dot with a hover spot giving its day."""
        app, sp, game = self.app, self.sp, self.game
        scenario = game.scenario
        marks = self.marks()
        backdrop.blit(
            render_timeline(lay.timeline.size, scenario.start, scenario.end, game.date, marks, self.palette, app.scale),
            lay.timeline,
        )
        line = timeline_geometry(lay.timeline.size, scenario.start, scenario.end, app.scale)
        dot = max(16, sp.small_line)
        for index, mark in enumerate(marks):
            centre = (lay.timeline.x + line.x_of(mark.date), lay.timeline.y + line.y)
            self.add_button(
                f"event_{index}",
                pygame.Rect(centre[0] - dot // 2, centre[1] - dot // 2, dot, dot),
                "",
                "@hotspot",
                tooltip=self._event_tip(mark),
                focusable=False,
            )

    @staticmethod
    def _event_tip(mark: Mark) -> str:
        tense = "happened" if mark.past else "is due"
        return f"<b>{esc(long_date(mark.date))}</b><br>{esc(mark.title)}<br><i>In history this {tense} on that day.</i>"

    # the right column: choice cards, then the controls under them

    def _build_cards(self, backdrop: pygame.Surface, lay: PlayLayout, specs: list[ChoiceSpec]) -> None:
        """A card per choice; blocked ones explain on hover. While the computer or history moves,
        the cards are shown but cannot be pressed: the keyboard does not stop on them and the mouse
        does not light them (a click only says whose move it is)."""
        game = self.game
        waiting = game.computer_to_move and not self.history
        still = waiting or self.history
        for spec, geo, (number, tip) in zip(specs, lay.cards, self._card_tips(), strict=False):
            draw_card(
                backdrop,
                geo,
                lay.card_spacing or self.sp,
                self.palette,
                spec.badge,
                spec.blocked,
                chosen=spec.detail.startswith("✓"),
            )
            self.add_button(
                f"choice_{number}",
                geo.rect,
                "",
                "@card_still" if still else "@card_blocked" if spec.blocked else "@card",
                tooltip=tip,
                focusable=not still,
            )

    def _replay_buttons(self) -> tuple[list[tuple[str, str]], list[int]]:
        """Replay's controls (key, label) and their widths. Auto-play's button is as wide as its
        wider label, so nothing moves when it becomes Stop."""
        sp = self.sp
        labels = [
            ("back", "◀ Back"),
            ("next", "Next ▶"),
            ("auto", "Stop" if self.auto else "Auto-play"),
            ("takeover", "Take over here (P)"),
        ]
        large = self.app.type.large  # Next and Take over are primary buttons, in large type
        widest = {"auto": max(button_width("Stop", sp), button_width("Auto-play", sp))}
        return labels, [
            widest.get(key, button_width(label, sp, large if key in ("next", "takeover") else None))
            for key, label in labels
        ]

    def _replay_row_width(self) -> int:
        """The width replay's controls need on one row."""
        return sum(self._replay_buttons()[1]) + self.sp.gap * 3

    def _card_tips(self) -> list[tuple[int, str | None]]:
        """Each card's number and, for a blocked choice, why (a sealed move's from the seat's view)."""
        if is_table_node(self.game):
            view = self.seat_view()
            choices = view.turn.choices if view and view.turn else ()
            return [(c.number, None if c.available else f"<b>Blocked</b><br>{esc(c.why_blocked)}") for c in choices]
        decision = self.game.decision
        return [
            (v.number, None if v.available else self._blocked_tip(v)) for v in (decision.choices if decision else ())
        ]

    def _build_panel(self, backdrop: pygame.Surface, lay: PlayLayout) -> None:
        """The offer panel in the cards' place: the issues' options to select, the offer on the
        table, the answers so far and the moves (a forbidden one says why on hover). When it is
        taller than its place (large type on a small window) the options and notes scroll there,
        the wheel moving them three lines and a half a notch, while the moves stay in a fixed footer
        under them, always in reach; a rebuild (a click on an option) keeps the place scrolled to."""
        panel = self.panel
        if panel is None:
            return
        sp = self.sp
        footer_shift = 0  # how far the moves move down from their place in the panel's layout
        if lay.scroll_h:
            bar_w = max(20, sp.pad * 2)
            geo = panel_layout(panel, pygame.Rect(0, 0, lay.choices.w - bar_w, 0), sp)
            foot = panel_layout(panel, pygame.Rect(0, 0, lay.choices.w, 0), sp)  # the moves take the bar's width too
            footer_h = foot.rect.bottom - foot.footer_top if panel.actions else 0  # an onlooker has no moves
            view = pygame.Rect(lay.choices.x, lay.choices.y, lay.choices.w, max(sp.line, lay.choices.h - footer_h))
            box = UIScrollingContainer(
                view, self.manager, object_id=ObjectID(object_id="#offer_scroll"), allow_scroll_x=False
            )
            self.elements.append(box)
            content = pygame.Rect(0, 0, geo.rect.w, geo.footer_top)
            box.set_scrollable_area_dimensions(content.size)
            face = pygame.Surface(content.size, pygame.SRCALPHA)
            draw_panel(face, PanelGeometry(content, geo.lines), sp, self.palette)
            self.elements.append(UIImage(content, face, self.manager, container=box))
            footer = pygame.Rect(lay.choices.x, view.bottom, lay.choices.w, lay.choices.bottom - view.bottom)
            if panel.actions:
                draw_panel(backdrop, PanelGeometry(footer), sp, self.palette)
            footer_shift = footer.y - foot.footer_top
            geo.actions = foot.actions
            if box.vert_scroll_bar is not None:
                box.vert_scroll_bar.scroll_wheel_speed = sp.line * 3.5
                self._restore_panel_scroll(box, content.h)
            self.panel_box = box
            self.container = box
        else:
            self.panel_box = None
            geo = panel_layout(panel, lay.choices, sp)
            draw_panel(backdrop, geo, sp, self.palette)
            for index, line in enumerate(geo.lines):
                self.mark(f"panel_{index}", line.rect)
        try:
            for issue in panel.issues:
                for option in issue.options:
                    self.add_button(
                        option.key,
                        geo.options[option.key],
                        (CHECK if option.selected else "") + option.label,
                        "@small_refused" if option.refused else "@small_primary" if option.selected else "@small",
                        tooltip=esc(option.tip)
                        + (
                            f"<br><b>You may not propose this term now</b><br>{esc(option.refused)}"
                            if option.refused
                            else ""
                        ),
                        focusable=not self.history,  # replaying, the terms are shown, not chosen
                    )
        finally:
            self.container = None
        for action in panel.actions:
            self.add_button(
                action.key,
                geo.actions[action.key].move(lay.choices.x if footer_shift else 0, footer_shift),
                action.label,
                ("@primary" if action.primary else "") if action.enabled else "@blocked",
                esc(action.tip),
            )

    def _restore_panel_scroll(self, box: UIScrollingContainer, content_h: int) -> None:
        """Scroll a rebuilt offer panel to where the one before it was, while it is the same turn's."""
        bar = box.vert_scroll_bar
        if bar is None or self.panel_scroll is None or self.panel_scroll[0] != self.draft.belongs:
            return
        top = self.panel_scroll[1]
        bar.set_scroll_from_start_percentage(min(max(top / content_h, 0.0), 1.0 - box.rect.h / content_h))
        box.update(0.0)  # the container follows its bar now, before anything is drawn or clicked

    def remember_panel_scroll(self) -> None:
        """Note how far the offer panel is scrolled (in pixels), for the next build of the same turn."""
        box = self.panel_box
        bar = box.vert_scroll_bar if box is not None else None
        if bar is not None and box is not None:
            content_h = box.get_container().get_rect().height
            self.panel_scroll = (self.draft.belongs, bar.start_percentage * content_h)

    def _blocked_tip(self, view: ChoiceView) -> str:
        """Every constraint that blocks the choice, with its explanation and source."""
        scenario = self.game.scenario
        return "<br><br>".join(
            f"<b>{esc(c.title)}</b><br>{esc(c.explanation)}<br><i>Source: {esc(cite(scenario, c.source))}</i>"
            for c in view.blocked_by
        )

    def _order_focus(self) -> None:
        """The keyboard walks the cards and controls first, the top bar last; a person's turn opens
        on the first open choice, history on 'Next'."""
        game = self.game
        decision = game.decision
        waiting = game.computer_to_move and not self.history
        last = [k for k in self.order if k in TOP_KEYS or k.startswith("tab_")]
        self.order = [k for k in self.order if k not in last] + last
        self.default_focus = "next" if self.history else ("skip" if self.reading else "")
        if self.focus_key is None and self.panel is not None and not waiting and not self.history:
            opening = [o.key for row in self.panel.issues for o in row.options]
            self.focus_key = next((a.key for a in self.panel.actions if a.kind == "accept" and a.enabled), None) or (
                opening[0] if opening else None
            )
        elif self.focus_key is None and self.order and not waiting and not self.history and decision is not None:
            first_open = next(
                (f"choice_{v.number}" for v in (decision.choices if decision else ()) if v.available), None
            )
            self.focus_key = first_open
        elif self.focus_key is None and self.order and not waiting and not self.history:
            self.focus_key = next((k for k in self.order if k.startswith("choice_")), None)

    def _build_controls(self, backdrop: pygame.Surface, lay: PlayLayout) -> None:
        sp, t = self.sp, self.app.type
        self.clock_rect = None
        game = self.game
        decision = game.decision
        area = lay.controls
        if self.history:
            labels, widths = self._replay_buttons()
            # (their bar of their own, at the foot: Next stays in one place at every step)
            if sum(widths) + sp.gap * 3 <= area.w or area.h < sp.button_h * 2:
                scale = min(1.0, (area.w - sp.gap * 3) / sum(widths))
                rects = row(area, [int(w * scale) for w in widths], sp.gap, "right")
            else:  # two rows (the layout gave the room): the steps, then taking over
                first = pygame.Rect(area.x, area.y, area.w, sp.button_h)
                second = pygame.Rect(area.x, area.bottom - sp.button_h, area.w, sp.button_h)
                rects = row(first, widths[:3], sp.gap, "right") + row(second, [min(widths[3], area.w)], sp.gap, "right")
            for (key, label), rect in zip(labels, rects, strict=True):
                enabled = not (key == "back" and not game.can_undo)
                self.add_button(key, rect, label, "@primary" if key in ("next", "takeover") else "", enabled=enabled)
            return
        if decision is None and not is_table_node(game):
            return
        actors = game.scenario.actors
        if game.computer_to_move:
            label, tip = ("Begin ▶", "Enter or Space: the game begins") if self.reading else ("Skip wait", "")
            (skip,) = row(area, [button_width(label, sp)], sp.gap, "right")
            self.add_button("skip", skip, label, "@primary", tooltip=tip or "Space: let the computer move now")
            mover = next((t.actor for t in game.turns if game.controller(t.actor) != "human"), "")
            name = actors[mover].name if mover in actors else mover
            short = (actors[mover].short or name) if mover in actors else mover
            room = skip.x - area.x - sp.gap
            font = draw.fonts.font(t.body, "semibold")
            said = (f"{name} (computer) is deciding…", f"{name} is deciding…", f"{short} is deciding…")
            if self.reading:
                said = ("Read the introduction, then begin.", "Read the introduction.", "Read, then begin.")
            words = next((w for w in said if font.size(w)[0] <= room), fit_line(said[-1], room, t.body, "semibold"))
            self.mark(
                "status",
                draw.text(
                    backdrop, words, (area.x, area.centery), t.body, self.c("text"), "semibold", anchor="midleft"
                ),
            )
            self.progress_rect = pygame.Rect(area.x, area.bottom - 6, skip.x - area.x - sp.gap, 5)
            return
        acting = self.acting()
        seat = decision.actor.name if decision else (actors[acting].name if acting else "")
        if not seat:
            return  # a hot seat's next delegation is not at the computer yet: the hand-over comes first
        brief_w = button_width("Briefing", sp)
        widths = [countdown.width(sp), brief_w] if self.deadline_due() else [brief_w]
        placed = row(area, widths, sp.gap, "right")
        brief = placed[-1]
        self.clock_rect = placed[0] if len(placed) == 2 else None
        self.clock_face = None
        left = placed[0].x - area.x - sp.gap
        inline = lay.reason == lay.controls  # no room for a row of its own: the entry replaces the hint
        why = pygame.Rect(area.x, area.y, left, area.h) if inline else lay.reason
        placeholder = "Why? (optional) — a line for the transcript"
        if draw.fonts.font(t.body).size(placeholder)[0] > why.w - sp.pad * 3:
            placeholder = "Why? (optional)"
        entry = self.add_entry("reason", why, self.reason, placeholder)
        entry.set_text_length_limit(200)
        self.add_button("briefing", brief, "Briefing", tooltip="B: your delegation's private briefing")
        if inline:
            return
        n = len(lay.cards)
        hint = (
            f"You decide for {seat}: press 1–{n} or click a choice."
            if n > 1
            else f"You decide for {seat}: press 1 or click the choice."
        )
        if decision is None:
            hint = f"Choose in secret: press 1–{n} or click a choice."
        short = f"Press 1–{n} or click." if n > 1 else "Press 1 or click."
        if self.panel is not None:
            hint, short = f"You speak for {seat}: select terms, then a move.", "Select terms, then a move."
        font = draw.fonts.font(t.body, "semibold")
        if font.size(hint)[0] > left:
            hint = short
        draw.text(backdrop, hint, (area.x, area.centery), t.body, self.c("muted"), "semibold", anchor="midleft")

    def marks(self) -> list[Mark]:
        scenario = self.game.scenario
        out = []
        for event in scenario.events:
            if not event.historical:
                continue
            date = event.date or (scenario.date_of(event.day) if event.day is not None else None)
            if date is None:
                continue
            out.append(Mark(date, event.title, date <= self.game.date))
        return out

    def narration_html(self) -> str:
        """The notice, then the situation: its title (always the large type), the date and who
        acts in small type, and the narration in body type. What others did is in its own box."""
        game, t = self.game, self.app.type
        scenario = game.scenario
        muted = self.c("muted").hex[:7]
        accent = self.c("accent").hex[:7]
        parts = []
        if self.notice:
            parts.append(f"<font color='{accent}'><b>{esc(self.notice)}</b></font><br><br>")
        view = self.screen_view()
        node = game.node
        if node is not None and not game.ended and (game.decision is not None or is_table_node(game)):
            who, role = self._who_and_role()
            parts.append(f"<font pixel_size={t.large}><b>{esc(view.node_title)}</b></font><br>")
            when = "" if view.date == game.date else f"{esc(long_date(view.date))} · "  # the top bar shows today
            meta = f"{when}{esc(who)} · {role}"
            parts.append(f"<font color='{muted}' pixel_size={t.small}>{meta}</font><br><br>")
            parts.append(esc(view.narration))
            if self.history:
                recent = [
                    f"• <b>{esc(plain(scenario, item))}</b> {esc(item.text)}"
                    + (f" <i>(Source: {esc(cite(scenario, item.source))})</i>" if item.source else "")
                    for item in lines_since(view, game.log, self.since().start)
                    if item.kind not in ("outcome", "deadline", "stuck")
                ]
                if recent:
                    parts.append(f"<br><br><font color='{muted}'>{'<br>'.join(recent)}</font>")
            if self.history and node.sources:
                cites = "; ".join(esc(cite(scenario, s)) for s in node.sources)
                parts.append(f"<br><br><font color='{muted}' pixel_size={t.small}><b>Sources:</b> {cites}</font>")
        return "".join(parts)

    def _recap_strip_label(self, count: int, room: int) -> str:
        """The folded recap's one line: how much changed and where to read it (its tool tip lists
        each change, the Log tab has them with what was said), in the longest wording that fits ``room``."""
        changes = f"{count} change{'' if count == 1 else 's'}"
        font = draw.fonts.font(self.app.type.small, "bold")
        inside = room - self.sp.pad * 3
        words = (f"Since your last turn: {changes} — see Log", f"Since your last turn: {changes}", f"{changes} — Log")
        return next((w for w in words if font.size(w)[0] <= inside), words[-1])

    def recap_html(self, lines: list[tuple[str, str]]) -> str:
        """'Since your last turn', short: a line for each move (what was said after it, muted) and
        for each changed measure; in a hot seat, the seated delegation's own, under its name."""
        accent = self.c("accent").hex[:7]
        muted = self.c("muted").hex[:7]
        seated = self._seat_key()
        several = len(self.ledgers) > 1
        heading = "SINCE THE LAST TURN AT THIS COMPUTER" if several and not seated else "SINCE YOUR LAST TURN"
        whose = f" <font color='{muted}'>· {esc(self.game.scenario.actors[seated].name)}</font>" if seated else ""
        body = "<br>".join(
            f"• {esc(head)}" + (f" <font color='{muted}'>{said_html(detail)}</font>" if detail else "")
            for head, detail in lines
        )
        return f"<font color='{accent}'><b>{heading}</b></font>{whose}<br>{body}"

    def _who_and_role(self) -> tuple[str, str]:
        """Who acts now and in what role, for the narration's date line."""
        game = self.game
        actors = game.scenario.actors
        decision = game.decision
        if decision is not None:
            if self.history:
                return decision.actor.name, "history's course"
            if game.controller(decision.actor.id) == "human":
                return decision.actor.name, "your decision"
            return decision.actor.name, "played by the computer"
        turns = game.turns
        who = ", ".join(actors[t.actor].name for t in turns)
        node = game.node
        sealed = node is not None and node.kind == "sealed"
        if self.history or game.computer_to_move or self.acting() is None:
            return who, "each chooses in secret" if sealed else "at the table"
        return actors[self.acting() or ""].name, "your secret choice" if sealed else "your turn at the table"

    def log_html(self) -> str:
        game = self.game
        scenario = game.scenario
        muted = self.c("muted").hex[:7]
        lines: list[str] = []
        recap = self.recap_lines()
        if recap:  # the story tab may show it folded to a line
            lines += [self.recap_html(recap), ""]
        lines.append(f"<font color='{muted}'><b>LOG</b> · newest first</font>")
        for item in reversed(self.screen_view().log):
            lines.append(f"<b>{esc(short_date(item.date))}</b>  {esc(plain(scenario, item))}")
        if not self.screen_view().log:
            lines.append("Nothing has been decided yet.")
        return "<br>".join(lines)

    # -- timers -------------------------------------------------------------------------------

    def shown(self) -> None:
        self.covered_at = None
        self._schedule()
        self._present()
        if self.opening:
            self.opening = False
            self._brief_lone_player()

    def _brief_lone_player(self) -> None:
        """At the start of a game one person plays alone (not a save, not a hot seat, whose hand-over
        shows each briefing, nor the projector, which shows the room's view): their own briefing
        and objectives first. The computers wait while it is open."""
        seats = self.table().seats
        if len(seats) == 1 and not self.projector() and self.app.top is self:
            self.viewer = seats[0]
            self.briefed.add(seats[0])
            self._show_briefing((self._own_briefing(seats[0]),))

    def covered(self) -> None:
        """A dialog (save, quit, help, briefing, the pause menu) or another screen is over the game:
        the clock and the computers' pause stop where they are (no move is made behind it)."""
        if self.covered_at is None:
            self.covered_at = self.app.now
        if self.deadline is not None:
            self.deadline.pause(self.app.now)

    def uncovered(self) -> None:
        """The dialog closed: the computers' pause goes on from where it stopped, so the next move
        comes after the rest of it, never at once as if it had been made behind the dialog."""
        if self.covered_at is not None and self.pending is not None:
            held = self.app.now - self.covered_at
            self.pending += held
            self.pending_from += held
        self.covered_at = None
        if self.deadline is not None and self.app.top is self:
            self.deadline.resume(self.app.now)

    def _present(self) -> None:
        """Before a person decides: hand the computer over if another delegation sat at it last,
        then start that decision's clock (and show the briefing, just after a hand-over)."""
        game = self.game
        if is_table_node(game) and not self.history:
            self._present_seat()
            return
        if not self.persons_turn():
            self.deadline = None
            return
        actor = game.decision.actor.id  # type: ignore[union-attr]
        if hot_seat(game) and needs_handover(game, self.viewer, ClassroomSettings.of(game).projector):
            card = handover(game)
            if card is not None:
                self.deadline = None
                self._hand_over(card)
                return
        self.viewer = actor
        self._start_clock()
        if self.brief_when_seated:
            self.brief_when_seated = False
            self.briefing()

    def _present_seat(self) -> None:
        """At a negotiation or sealed move: the hand-over first when another delegation's players
        sat at the computer last (each seat's sealed choice stays its own), then its briefing."""
        game = self.game
        seat = acting_seat(self.table(), self.viewer)
        if seat is None:
            self.deadline = None
            return
        sealing = any(t.actor == seat and t.kind == "seal" for t in game.turns)
        if hot_seat(game) and seat != self.viewer and (sealing or not self.projector()):
            self.deadline = None
            self._hand_over(handover_for(game, seat))
            return
        self.viewer = seat
        self._start_clock()
        if self.brief_when_seated:
            self.brief_when_seated = False
            self.briefing()

    def _hand_over(self, card: Handover) -> None:
        """Open the hand-over screen. A time-out of the delegation leaving is said there, to the
        room, as the leaving delegation's (its move is not named: it may be secret); the next
        delegation's screen does not carry it as if it were theirs."""
        note = f"Time ran out for {self.timed_out}; the rule chosen at setup decided for it." if self.timed_out else ""
        if self.timed_out:
            self.notice = self.kept_notice = ""
            self.timed_out = ""
        briefed = card.actor in self.briefed
        card = handover_for(self.game, card.actor, briefed=briefed)  # later turns: where the briefing is
        self.app.open("handover", self, card, note=note, briefs=not briefed)

    def take_seat(self, actor: str) -> None:
        """The hand-over screen was answered: ``actor``'s players are at the computer now."""
        self.viewer = actor
        self.reason = ""
        self.focus_key = None  # the seat's first choice or term is highlighted, not what was before
        self.brief_when_seated = actor not in self.briefed
        self.briefed.add(actor)

    def deadline_due(self) -> bool:
        return self.persons_turn() and ClassroomSettings.of(self.game).time_limit > 0

    def _start_clock(self) -> None:
        if not self.deadline_due():
            self.deadline = None
            return
        belongs = (len(self.game.moves), self.game.state.node)
        if self.deadline is not None and self.deadline_of == belongs:
            if self.app.top is self:
                self.deadline.resume(self.app.now)
            return
        self.deadline = Deadline(ClassroomSettings.of(self.game).time_limit, self.app.now)
        self.deadline_of = belongs
        if self.app.top is not self:
            self.deadline.pause(self.app.now)

    def _clock_face(self, now: float) -> countdown.Face | None:
        if self.deadline is None:
            return None
        return countdown.face(
            self.deadline.text(now), self.deadline.fraction_left(now), self.deadline.warning(now), self.deadline.paused
        )

    def _schedule(self) -> None:
        game = self.game
        now = self.app.now
        if game.ended:
            self.pending = None
        elif self.history:
            self.pending = now + self.app.settings.replay_step if self.auto else None
        elif game.computer_to_move and not self.reading:
            self.pending = now + self.app.settings.computer_pause
        else:
            self.pending = None
        self.pending_from = now

    def flashing(self, now: float) -> bool:
        return bool(self.changes) and now - self.changed_at < FLASH_SECONDS

    def _follow_focus(self) -> bool:
        """Scroll the offer panel to the button the keyboard highlights, when the highlight has moved
        there out of view (once: the wheel and the scroll bar may then scroll it away)."""
        if self.focus_key == self.followed:
            return False
        self.followed = self.focus_key
        focused = self.buttons.get(self.focus_key or "")
        boxes = [e for e in self.elements if isinstance(e, UIScrollingContainer)]
        return focused is not None and any(scroll_into_view(box, focused) for box in boxes)

    def update(self, now: float) -> bool:
        if self.app.top is not self:
            return False  # nothing moves behind a dialog
        glowing = self.flashing(now) or self._follow_focus()
        deadline = self.deadline
        if deadline is not None and deadline.paused and self.app.top is self:
            deadline.resume(now)  # e.g. back from a screen pushed over this one
        if deadline is not None and deadline.expired(now) and self.persons_turn():
            self._time_out()
            return True
        ticking = deadline is not None and self._clock_face(now) != self.clock_face
        if self.pending is None:
            return ticking or glowing
        if now >= self.pending:
            self.pending = None
            if self.history:
                self._history_step()
            else:
                self._computer_move()
            return True
        return True

    def wake_at(self) -> float | None:
        times = [self.app.now + 0.1] if self.deadline is not None and not self.deadline.paused else []
        if self.flashing(self.app.now):
            times.append(self.app.now + 1 / 30)
        if self.pending is not None:
            times.append(min(self.pending, self.app.now + 0.05))
        return min(times) if times else None

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        shown = self._clock_face(self.app.now)
        if shown is not None and self.clock_rect is not None:
            countdown.render(surface, self.clock_rect, shown, self.sp, self.palette)
            self.clock_face = shown
        rect = self.progress_rect
        if self.pending is not None and rect is not None and not self.history and self.game.computer_to_move:
            span = max(0.001, self.pending - self.pending_from)
            now = self.covered_at if self.covered_at is not None else self.app.now  # (held behind a dialog)
            done = min(1.0, max(0.0, (now - self.pending_from) / span))
            pygame.draw.rect(surface, self.c("panel_hi"), rect, border_radius=2)
            pygame.draw.rect(surface, self.c("accent"), (rect.x, rect.y, round(rect.w * done), rect.h), border_radius=2)

    def draw_over(self, surface: pygame.Surface) -> None:
        """The glow goes over the interface: measures that scroll are an image the interface draws,
        which hid a glow drawn beneath it."""
        self._draw_flash(surface)

    def _draw_flash(self, surface: pygame.Surface) -> None:
        """A changed measure is ringed in the accent colour, fading out over FLASH_SECONDS. The ring
        lies around its cell, never on it: drawn on the cell's edge it cut the letters there
        ('negotiat|e', the D of 'Drax'), and a tint over the cell dimmed its words."""
        now = self.app.now
        if not self.flashing(now):
            return
        fade = 1.0 - (now - self.changed_at) / FLASH_SECONDS
        accent = self.c("accent")
        shown = self.layout.meters if self.layout is not None else None
        for key in self.changes:
            button = self.buttons.get(f"meter_{key}")
            if button is None:
                continue
            box = highlight_box(button.rect, FLASH_RING)
            ring = pygame.Surface(box.size, pygame.SRCALPHA)
            alpha = round(255 * min(1.0, 0.35 + fade))
            pygame.draw.rect(ring, (accent.r, accent.g, accent.b, alpha), ring.get_rect(), FLASH_RING, border_radius=4)
            surface.set_clip(shown)  # a meter scrolled out of its place does not glow over the timeline
            surface.blit(ring, box)
            surface.set_clip(None)

    # -- acting -------------------------------------------------------------------------------

    def _after_move(self, happened: list[Happening], accumulate: bool, notice: str = "") -> None:
        self._note_changes(happened, accumulate)
        if not accumulate:
            self.tab = "story"  # after the person's own move the story shows what it did
        # A notice about a move (a time-out, a take-over) stays while the computer moves on; any
        # other ("Saved as…", "Undone.") is cleared by the next move.
        kept = accumulate and self.notice and self.notice == self.kept_notice
        self.notice = notice or (self.notice if kept else "")
        self.kept_notice = notice or (self.kept_notice if kept else "")
        self.reason = ""
        if not self.history:
            failed = self.app.autosave()
            if failed:
                self.notice = f"{notice} {failed}".strip()
        if self.game.ended:
            self.app.play(self.game)
            return
        self.focus_key = None
        self.app.rebuild()
        self._schedule()
        self._present()

    def _note_changes(self, happened: list[Happening], accumulate: bool) -> None:
        """Bring every delegation's summary up to date with the move, in its own view's words (so
        a sealed choice is not named before the reveal); a person's move (not ``accumulate``)
        starts the mover's summary again. The seated delegation's changed measures glow a moment."""
        mover = None if accumulate else self._seat_key()  # a computer's move is nobody's at this computer
        game = self.game
        for key, since in self.ledgers.items():
            moved = since.follow(game.scenario, game.log, len(happened), self._view_of(key or None), key == mover)
            if moved and key == self._seat_key():
                self.changed_at = self.app.now

    def _forget_changes(self) -> None:
        """After a reload or a take-over the changes shown would no longer be true; what happened
        since the summary's start is still what happened."""
        self._begin_ledgers(self.since().start)

    def _time_out(self) -> None:
        """The clock ran out: the rule chosen at setup decides, and the screen says so plainly."""
        game = self.game
        rule = ClassroomSettings.of(game).timeout_rule
        self.deadline = None
        if game.decision is None:
            self._time_out_at_table()
            return
        node = game.decision.node if game.decision else None
        try:
            happened = resolve_timeout(game, rule)
        except (GameError, ValueError) as exc:
            self.notice = f"Time ran out, but no choice could be taken for you: {exc}"
            self.app.rebuild()
            return
        taken = next((m for m in reversed(game.moves) if node is not None and m.node == node.id), None)
        step = node.step(taken.step) if node is not None and taken is not None else None
        whose = node.actor if node is not None else ""
        name = game.scenario.actors[whose].name if whose in game.scenario.actors else ""
        self.timed_out = the_actor(name) if name else ""
        self._after_move(happened, accumulate=False, notice=timeout_notice(rule, step.label if step else "?", name))

    def _time_out_at_table(self) -> None:
        """At a negotiation or sealed move the clock takes the table's rule for the seat acting:
        an answer lapses, a proposer passes, a sealed seat keeps the status quo."""
        game = self.game
        seat = acting_seat(self.table(), self.viewer)
        if seat is None:
            return
        try:
            taken = table_timeout(game, seat)
            happened = resolve_table_timeout(game, seat)
        except (GameError, ValueError) as exc:
            self.notice = f"Time ran out, but no move could be made for you: {exc}"
            self.app.rebuild()
            return
        name = game.scenario.actors[seat].name
        self.timed_out = the_actor(name)
        self._after_move(happened, accumulate=False, notice=f"Time ran out for {the_actor(name)}: {taken.reason}")

    def _computer_move(self) -> None:
        if not self.game.computer_to_move:
            return
        self._after_move(self.game.play_computer(), accumulate=True)

    def _history_step(self) -> None:
        """History's next move, whatever the step: a decision, a seat's sealed choice or a move at
        the table (every delegation is played 'as history', the engine's rule for each kind)."""
        if self.game.ended or not self.game.computer_to_move:
            return
        self._after_move(self.game.play_computer(), accumulate=False)

    def choose(self, number: int) -> None:
        game = self.game
        decision = game.decision
        if decision is None:
            if is_table_node(game):
                self._seal(number)
            return
        if self.history:
            self.notice = "This is history replaying. Press ‘Take over here’ (P) to play this decision yourself."
            self.app.rebuild()
            return
        if game.computer_to_move:
            self.notice = f"{decision.actor.name} is played by the computer: wait, or press Space to let it move now."
            self.app.rebuild()
            return
        view = next((v for v in decision.choices if v.number == number), None)
        if view is None:
            return
        if not view.available:
            self.notice = f"‘{view.step.label}’ is not available. {view.why_blocked()}"
            self.focus_key = f"choice_{number}"
            self.app.rebuild()
            return
        reason = self.reason.strip()
        self._confirm_ending(
            number, view.step.label, lambda: self._after_move(game.choose(number, reason=reason), accumulate=False)
        )

    def _confirm_ending(self, number: int, label: str, take: Callable[[], None]) -> None:
        """Take a choice; one that ends the game, or may, says so first and waits for a yes."""
        line = self.choice_lines().get(number)
        self._ask_if_ending(line.preview.ends if line is not None else None, label, take)

    def _ask_if_ending(self, ends: str | None, label: str, take: Callable[[], None]) -> None:
        """``take`` the move at once, or, when it ends the game ("yes") or may, after a yes."""
        if ends is None:
            take()
            return
        title = "This ends the game" if ends == "yes" else "This may end the game"
        body = (
            f"‘{esc(label)}’ ends the game: there will be no more decisions."
            if ends == "yes"
            else f"‘{esc(label)}’ can end the game, depending on what the others decide or on chance."
        )
        self.app.confirm(title, body, "Take it", "Not yet", take)

    def _seal(self, number: int) -> None:
        """A sealed move: the seat's hidden choice, by its number, through the table."""
        view = self.seat_view()
        seat = self.acting()
        if view is None or seat is None or view.turn is None or view.turn.kind != "seal":
            return
        line = next((c for c in view.turn.choices if c.number == number), None)
        if line is None:
            return
        if not line.available:
            self.notice = f"‘{line.label}’ is not available. {line.why_blocked}"
            self.focus_key = f"choice_{number}"
            self.app.rebuild()
            return
        action = Action("seal", choice=number, reason=self.reason.strip())

        def take() -> None:
            self._table_act(seat, action)

        self._confirm_ending(number, line.label, take)

    def _table_act(self, seat: str, action: Action) -> bool:
        """Send a seat's move to the table; a refusal is said plainly and changes nothing."""
        try:
            happened = self.table().act(seat, action)
        except GameError as exc:
            self.notice = self.panel_notice = f"That move is not allowed: {exc}"
            if action.kind in ("propose", "answer") and action.package:
                self.draft.refuse(action.answer or action.kind, action.package, str(exc))
            self.app.rebuild()
            return False
        self._after_move(happened, accumulate=False)
        return True

    def _panel_button(self, key: str) -> None:
        """An option selected, or a move made, on the offer panel."""
        panel, seat = self.panel, self.acting()
        if panel is None or seat is None:
            return
        option = panel.option(key)
        if option is not None:
            self.draft.pick(option.issue, option.option)
            if self.notice and self.notice == self.panel_notice:  # the refusal was of the terms before
                self.notice = self.panel_notice = ""
            # The option clicked (or reached by the keyboard, which scrolled to it then) is where
            # the person looks: the panel keeps its place, even with the option half out of view.
            self.focus_key = self.followed = key
            self.app.rebuild()
            return
        action = panel.action(key)
        if action is None:
            return
        if not action.enabled:
            self.notice = self.panel_notice = f"{action.label}: {action.tip}"
            self.focus_key = key
            self.app.rebuild()
            return
        view = self.seat_view()
        package = self.draft.package(view.table) if view and view.table else None
        reason = self.reason.strip()
        if action.kind == "propose":
            self._table_act(seat, Action("propose", package=package or {}, reason=reason))
        else:
            terms = package if action.kind == "counter" and package else {}
            move = Action("answer", answer=action.kind, package=terms, reason=reason)
            if action.kind != "walk":
                self._table_act(seat, move)
                return
            node = self.game.node
            broken = node.negotiation.no_deal.next if node is not None and node.negotiation is not None else ""

            def take() -> None:
                self._table_act(seat, move)

            self._ask_before_walking(leads_to_ending(self.game.scenario, broken), take)

    def _ask_before_walking(self, ends: str | None, take: Callable[[], None]) -> None:
        """Walking away cannot be taken back: it ends the talks at least, so the screen always asks
        first, in the browser page's words, with staying at the table as the answer Enter gives."""
        body = WALK_WORDS.get(ends or "", WALK_WORDS[""])
        title = {"yes": "This ends the game", "may": "This may end the game"}.get(
            ends or "", "Walk away from the talks?"
        )
        self.app.confirm(title, f"{body} Are you sure?", "Walk away", "Stay at the table", take)

    def _back_words(self, done: bool) -> str:
        """What a step back in the replay came to: the day and the moment it shows again."""
        game = self.game
        if not done:
            return "This is where history starts: there is nothing before it."
        node = game.node
        return f"Stepped back to {long_date(game.date)}" + (f": {node.title}." if node is not None else ".")

    def undo(self) -> None:
        game = self.game
        done = game.undo() if self.history else game.undo_to_human()
        self._begin_ledgers(len(game.log))
        if self.history:
            self.notice = self._back_words(bool(done))
        else:
            self.notice = "Undone." if done else "There is nothing to undo."
        if done and not self.history:
            self.app.autosave()
        self.focus_key = None
        self.app.rebuild()
        self._schedule()
        self._present()

    def take_over(self) -> None:
        """The person plays on from here as the delegation to move next: the chooser at a decision,
        the first seat still to act at a negotiation or a sealed move."""
        game = self.game
        turn = next(iter(game.turns), None)
        if not self.history or turn is None:
            return
        game.take_over(turn.actor)
        self.viewer = turn.actor
        self.history = False  # from here on the game is the player's, and is autosaved
        self._forget_changes()
        self.auto = False
        self.notice = takeover_notice(game.scenario.actors[turn.actor].name, long_date(game.date))
        self.kept_notice = self.notice  # it stays while the computer moves, until the player's move
        self.app.autosave()
        self.focus_key = None
        self.app.rebuild()
        self._schedule()
        self._present()

    def reload(self) -> None:
        """F5: read the scenario file again and replay the moves so far on it."""
        path = self.game.scenario.path
        if not path:
            self.app.message("Cannot reload", "This scenario was not loaded from a file.")
            return
        scenario, findings = validate_file(path)
        if scenario is None:
            errors = [f for f in findings if f.severity == "error"] or findings
            body = "<br>".join(esc(f.format()) for f in errors[:40])
            more = f"<br>…and {len(errors) - 40} more." if len(errors) > 40 else ""
            self.app.message(
                "The scenario file has errors",
                body + more + "<br><br>The game goes on with the version loaded before.",
                wide=True,
            )
            return
        new_game, report = Game.replay(scenario, self.game.settings, self.game.moves)
        self.game = new_game
        self.app.game = new_game
        self.app.use_scenario(Path(path), scenario)
        self._begin_ledgers(len(new_game.log))
        self.notice = "Scenario reloaded from disk."
        self.app.rebuild()
        self._schedule()
        self._present()
        if not report.complete:
            self.app.message(
                "Reloaded, with changes",
                esc(
                    f"{report.applied} of {report.total} recorded moves still apply. Replay stopped at "
                    f"'{report.stopped_at}' because {report.reason}. You play on from there."
                ),
            )
        if new_game.ended:
            self.app.play(new_game)

    def save_quick(self) -> None:
        if not self.history:
            self.app.open("saves", saving=True)

    def briefing(self) -> None:
        """Only the briefings ``briefing_for`` allows: the seated delegation's own at its decision,
        every one in projector mode, and every one while history replays (nobody plays then)."""
        game = self.game
        view = self.seat_view()
        seats = self.table().seats
        if self.history:
            shown = briefing_for(game, None, projector_mode=True)
        elif view is not None and not self.projector():
            shown = (self._own_briefing(view.viewer),)
        elif len(seats) == 1 and not self.projector():  # one person plays: their own, at any moment
            shown = (self._own_briefing(seats[0]),)
        else:
            shown = briefing_for(game, self.viewer, ClassroomSettings.of(game).projector)
        if not shown:
            self.app.message(
                "Briefings are private",
                "A delegation's private briefing is shown only at its own decisions, to the players at the computer.",
            )
            return
        self._show_briefing(shown)

    def _own_briefing(self, seat: str) -> Briefing:
        """A delegation's private briefing as its own view has it."""
        actor = self.game.scenario.actors[seat]
        return Briefing(actor.id, actor.name, actor.colour, self.table().view(seat).briefing)

    def _show_briefing(self, shown: tuple[Briefing, ...]) -> None:
        """The briefings in a message box; one delegation's own comes with what it knows and its
        objectives (its secret ones too: nobody else is looking)."""
        game = self.game
        actors = game.scenario.actors
        colours = actor_text_colours(list(actors), {a.id: a.colour for a in actors.values()}, self.palette)
        muted = self.c("muted").hex[:7]
        html = briefings_html(game.scenario, shown, colours, muted)
        goals = ""
        if len(shown) == 1 and not self.projector() and not self.history:
            view = self.table().view(shown[0].actor)
            goals = own_goals_html(view.knowledge, [o for o in view.objectives if o.actor == view.viewer], muted)
        title = f"{shown[0].name}: private briefing" if len(shown) == 1 else "Every delegation's briefing"
        self.app.message(title, html + goals, wide=len(shown) > 1 or bool(goals))

    def tree(self) -> None:
        self.app.open("tree", self.game)

    def begin(self) -> None:
        """The introduction has been read: the computers take their opening moves, after their pause."""
        self.reading = False
        self.focus_key = None
        self.app.rebuild()
        self._schedule()

    # -- what other screens ask -----------------------------------------------------------------

    @property
    def replays_history(self) -> bool:
        return self.history

    def show_notice(self, text: str) -> bool:
        self.notice = text
        self.app.rebuild()
        return True

    # -- input --------------------------------------------------------------------------------

    def show_tab(self, tab: str) -> None:
        if tab != self.tab and tab in dict(self.tabs()):
            self.tab = tab
            self.focus_key = f"tab_{tab}"
            self.app.rebuild()

    def on_button(self, key: str) -> None:
        if key.startswith("tab_"):
            self.show_tab(key.split("_", 1)[1])
        elif key == "recap":
            self.show_tab("log")
        elif key == "more_measures":
            self.show_tab("measures")
        elif key.startswith("choice_"):
            self.choose(int(key.split("_", 1)[1]))
        elif key.startswith(("opt_", "act_")):
            self._panel_button(key)
        elif key == "undo":
            self.undo()
        elif key == "tree":
            self.tree()
        elif key == "save":
            self.save_quick()
        elif key == "help":
            self.app.open("help")
        elif key == "menu":
            self.app.open("pause")
        elif key == "skip" and self.reading:
            self.begin()
        elif key == "skip":
            self.pending = self.app.now
        elif key == "briefing":
            self.briefing()
        elif key == "next":
            self._history_step()
        elif key == "back":
            self.undo()
        elif key == "auto":
            self.auto = not self.auto
            self.app.rebuild()
            self._schedule()
            if self.auto:
                self.pending = self.app.now + 0.3
        elif key == "takeover":
            self.take_over()

    def on_edit(self, key: str, text: str) -> None:
        if key == "reason":
            self.reason = text

    def on_text(self, key: str, text: str) -> None:
        """Enter in "Why?" keeps the words and leaves the entry; it never takes a choice."""
        if key == "reason":
            self.reason = text
            self.app.focus("")
            self.app.dirty = True

    def on_tab(self, backward: bool) -> bool:
        """When a person is to decide, Tab goes to the "Why?" box, and Tab or Shift+Tab from there
        goes back to the choice highlighted before (the arrow keys still walk every button)."""
        if "reason" not in self.buttons or not self.persons_turn() or self.game.decision is None:
            return False
        if self.focus_key == "reason":
            back = self.before_reason if self.before_reason in self.order and self.before_reason != "reason" else None
            if back is None:
                decision = self.game.decision
                back = next((f"choice_{v.number}" for v in (decision.choices if decision else ()) if v.available), None)
            self.app.focus(back or "")
            return True
        if backward:
            return False
        self.before_reason = self.focus_key
        self.app.focus("reason")
        return True

    def on_key(self, event: pygame.event.Event) -> bool:
        k = event.key
        ctrl = bool(event.mod & (pygame.KMOD_CTRL | pygame.KMOD_META))
        if (ctrl and k == pygame.K_z) or (k == pygame.K_u and not ctrl):
            self.undo()
            return True
        if ctrl and k == pygame.K_s:
            self.save_quick()
            return True
        if k == pygame.K_F5:
            self.reload()
            return True
        number = digit_of(k)
        if number is not None:
            self.choose(number)
            return True
        if k == pygame.K_b:
            self.briefing()
            return True
        if k in (pygame.K_g, pygame.K_t):  # T is the tree on every screen, in replay too
            self.tree()
            return True
        if k in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):  # the story, or on the measures tab the meters
            meters = next(
                (e for e in self.elements if isinstance(e, UIScrollingContainer) and self.tab == "measures"), None
            )
            box = self.texts.get("narration")
            bar = meters.vert_scroll_bar if meters is not None else getattr(box, "scroll_bar", None)
            if bar is not None:
                step = 0.25 if k == pygame.K_PAGEDOWN else -0.25
                bar.set_scroll_from_start_percentage(min(1.0, max(0.0, bar.start_percentage + step)))
            return True
        if self.history:
            if k == pygame.K_RIGHT:  # (N is a new game on the title and the ending screens)
                self._history_step()
                return True
            if k == pygame.K_LEFT:
                self.undo()
                return True
            if k == pygame.K_a:
                self.on_button("auto")
                return True
            if k == pygame.K_p:
                self.take_over()
                return True
        elif k == pygame.K_SPACE and (self.pending is not None or self.reading):
            self.on_button("skip")
            return True
        return False

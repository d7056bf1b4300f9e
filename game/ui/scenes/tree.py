"""The decision tree screen (T or G while playing, from the pause menu and the debrief): the whole
scenario as ``game.authoring.graph`` lays it out, dark like the rest of the game, with the player's
path and where play is now drawn over it. It opens readable (titles at 14 pixels or more: the
whole tree when it fits so, else where play is); the wheel or + and − zoom, dragging or the arrow
keys scroll, C centres on the current decision; pointing at a box lights it, clicking it opens
what it is about (its date, the story, the choices and the sources) beside the tree; Esc closes
that, then the screen.

Fit (0) always shows the whole tree. When the whole tree and 14-pixel titles cannot both hold
(the flagship in any window), Fit wins and the titles go: the boxes are an overview of colours,
the path and history's road; the box under the mouse is named in readable type beside it, a
click opens the side panel, and zooming in brings the titles back. Smaller titles were tried and
rejected: under 14 pixels nobody in a classroom reads them.
"""

from __future__ import annotations

import pygame

from ...authoring.graph import HISTORY_COLOUR, Layout, ways_out
from ...engine import Game
from ...engine.narrate import PUBLIC, render
from ...engine.wording import cite, long_date
from ..host import SceneHost
from ..layout import button_width, row, wrap
from ..render.graph_png import DARK, View, legend_items
from ..widgets import draw
from ..widgets.tree_view import (
    HOVER,
    MIN_TEXT,
    WHOLE_PIXELS,
    Trail,
    Viewport,
    box_at,
    box_rect,
    draw_lit,
    draw_view,
    plan_for,
    trail_of,
)
from .base import Scene

ZOOM_STEP = 1.25
PAN_STEP = 0.2  # of the viewport per arrow key
CLICK_SLOP = 6  # pixels a press may move and still be a click, not a drag
SUMMARY_CHARS = 420  # how much of a scene's story the side panel shows
OVERVIEW_NOTE = "Overview: point at a box for its name · + to read"


class TreeScene(Scene):
    name = "tree"
    default_focus = "close"

    def __init__(self, app: SceneHost, game: Game) -> None:
        super().__init__(app)
        self.game = game
        self.trail: Trail = trail_of(game)
        self.view: Viewport | None = None
        self.area = pygame.Rect(0, 0, 0, 0)
        self.pressed: tuple[int, int] | None = None
        self.dragging: tuple[int, int] | None = None
        self.hovered: str | None = None
        self.selected: str | None = None
        self.panel = pygame.Rect(0, 0, 0, 0)
        self._shown: tuple[object, ...] | None = None
        self._image: pygame.Surface | None = None
        self.named: pygame.Rect | None = None  # where the overview last named a box (for tests)

    @property
    def plan(self) -> Layout:
        return plan_for(self.game.scenario, self.area.w or self.app.size[0])[0]

    @property
    def marked(self) -> set[str]:
        """The boxes drawn as the player's path (for tests): visited nodes and where play is."""
        boxes = self.plan.boxes
        return {b for b in (*self.trail.visited, self.trail.current) if b in boxes}

    @property
    def here(self) -> pygame.Rect | None:
        """Where play is, in picture pixels."""
        plan, frame = plan_for(self.game.scenario, self.area.w)
        return box_rect(plan, frame, self.trail.current) if self.trail.current in plan.boxes else None

    def screen_rect(self, box_id: str) -> pygame.Rect:
        """A box's rectangle on the screen (for tests and the side panel)."""
        plan, frame = plan_for(self.game.scenario, self.area.w)
        rect = box_rect(plan, frame, box_id)
        assert self.view is not None
        left, top = self.view.to_screen(rect.topleft)
        right, bottom = self.view.to_screen(rect.bottomright)
        return pygame.Rect(
            round(self.area.x + left), round(self.area.y + top), round(right - left), round(bottom - top)
        )

    def build(self) -> None:
        app, sp, t = self.app, self.sp, self.app.type
        w, h = app.size
        g = sp.gap
        backdrop = self.new_backdrop()
        top_h = sp.button_h + g
        bar = pygame.Rect(0, 0, w, top_h)
        pygame.draw.rect(backdrop, self.c("panel"), bar)
        pygame.draw.line(backdrop, self.c("border"), bar.bottomleft, bar.bottomright, 2)
        labels = [("zoom_out", "−"), ("zoom_in", "+"), ("fit", "Fit"), ("here", "Where we are"), ("close", "Close")]
        widths = [button_width(label, sp, minimum=sp.button_h) for _, label in labels]
        rects = row(pygame.Rect(g, (top_h - sp.button_h) // 2, w - 2 * g, sp.button_h), widths, g // 2, "right")
        tips = {
            "zoom_out": "Zoom out (− or the mouse wheel)",
            "zoom_in": "Zoom in (+ or the mouse wheel)",
            "fit": "The whole tree (0)",
            "here": "Centre on the current decision (C)",
            "close": "Back (Esc)",
        }
        for (key, label), rect in zip(labels, rects, strict=True):
            self.add_button(key, rect, label, "@primary" if key == "close" else "", tooltip=tips[key])
        title = "Decision tree"
        room = rects[0].x - g * 3
        font = draw.fonts.font(t.heading, "bold")
        if font.size(title)[0] > room:
            title = "Tree"
        draw.text(backdrop, title, (g * 2, bar.centery), t.heading, self.c("text"), "bold", anchor="midleft")
        legend_y = bar.bottom + g // 2
        legend_h = self._legend(backdrop, pygame.Rect(g * 2, legend_y, w - 4 * g, sp.small_line))
        self.area = pygame.Rect(g, legend_y + legend_h + g // 2, w - 2 * g, h - legend_y - legend_h - g - g // 2)
        self.mark("legend", pygame.Rect(g * 2, legend_y, w - 4 * g, legend_h))
        pygame.draw.rect(backdrop, self.c("border"), self.area.inflate(2, 2), 1)
        plan, frame = plan_for(self.game.scenario, self.area.w)
        size = frame.size(plan)
        if self.view is None or self.view.size != size:
            self.view = Viewport(size, self.area.size)
            self.view.fit_all()
            here = self.here
            if self.view.reading > self.view.fit:  # too big to read whole: open readable, where play is
                self.view.zoom = self.view.reading
                self.view.clamp()
                if here is not None:
                    self.view.centre_on(here.center)
        else:  # the window changed: keep the zoom relative to the fit
            relative = self.view.zoom / self.view.fit
            self.view.area = self.area.size
            self.view.zoom = self.view.fit * relative
            self.view.clamp()
        self.panel = pygame.Rect(self.area.right - min(self.area.w // 3 + 60, 560), self.area.y, 0, self.area.h)
        self.panel.w = self.area.right - self.panel.x
        self._image = None
        self.backdrop = backdrop

    def _legend(self, surface: pygame.Surface, rect: pygame.Rect) -> int:
        """The key to every mark and colour, wrapped to the width; returns its height."""
        t, sp = self.app.type, self.sp
        marks: list[tuple[str, pygame.Color | None]] = [
            ("Pale road, numbered: your path", None),
            ("Ringed: " + ("your ending" if self.trail.ended else "where you are"), None),
            ("Gold: what really happened", pygame.Color(HISTORY_COLOUR)),
        ]
        swatches = [(words, pygame.Color(colour)) for words, colour in legend_items(self.game.scenario)]
        x, y = rect.x, rect.y
        font = draw.fonts.font(t.small, "semibold")
        swatch = t.small
        entries = [(w, c, False) for w, c in marks] + [(w, c, True) for w, c in swatches]
        entries.append(("Click a box to read it · drag or arrows: move · wheel or + −: zoom", None, False))
        for words, colour, is_swatch in entries:
            width = font.size(words)[0] + (swatch + 6 if is_swatch else 0)
            if x > rect.x and x + width > rect.right:
                x, y = rect.x, y + sp.small_line
            if is_swatch and colour is not None:
                box = pygame.Rect(x, y + (sp.small_line - swatch) // 2, swatch, swatch)
                pygame.draw.rect(surface, colour, box, border_radius=3)
                pygame.draw.rect(surface, self.c("muted"), box, 1, border_radius=3)
                draw.text(surface, words, (x + swatch + 6, y), t.small, self.c("muted"), "semibold")
            else:
                draw.text(surface, words, (x, y), t.small, colour or self.c("muted"), "semibold")
            x += width + sp.gap * 2
        return y - rect.y + sp.small_line

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        view = self.view
        if view is None:
            return
        plan, frame = plan_for(self.game.scenario, self.area.w)
        whole = (round(view.size[0] * view.zoom), round(view.size[1] * view.zoom))
        clip = surface.get_clip()
        surface.set_clip(self.area)
        surface.fill(DARK.background, self.area)
        if whole[0] * whole[1] <= WHOLE_PIXELS:  # drawn once at this zoom, then only copied
            key: tuple[object, ...] = (view.zoom, whole)
            if self._image is None or key != self._shown:
                self._image = pygame.Surface(whole)
                draw_view(self._image, self.game.scenario, plan, frame, self.trail, View(view.zoom))
                self._shown = key
            origin = (round(self.area.x - view.x * view.zoom), round(self.area.y - view.y * view.zoom))
            surface.blit(self._image, origin)
        else:  # too big to keep: the part on screen, drawn each time
            key = (view.zoom, view.x, view.y, view.area)
            if self._image is None or key != self._shown:
                self._image = pygame.Surface(self.area.size)
                draw_view(self._image, self.game.scenario, plan, frame, self.trail, view.view)
                self._shown = key
            origin = self.area.topleft
            surface.blit(self._image, origin)
        lit_view = View(view.zoom, (view.x, view.y))
        draw_lit(surface, plan, frame, lit_view, self.area.topleft, self.hovered, self.selected)
        if view.overview and self.hovered is not None and self.hovered != self.selected:
            self._name_box(surface, self.hovered)
        surface.set_clip(clip)
        zoom = draw.text(
            surface,
            f"{round(view.zoom * 100)}%",
            (self.area.right - 8, self.area.bottom - 6),
            max(MIN_TEXT, self.app.type.small),
            self.c("muted"),
            "bold",
            anchor="bottomright",
        )
        if view.overview:
            draw.text(
                surface,
                OVERVIEW_NOTE,
                (zoom.x - self.sp.gap * 2, zoom.bottom),
                max(MIN_TEXT, self.app.type.small),
                self.c("muted"),
                "semibold",
                anchor="bottomright",
            )
        if self.selected is not None:
            self._draw_panel(surface, self.selected)

    def _name_box(self, surface: pygame.Surface, box_id: str) -> pygame.Rect:
        """In the overview, the title and date of the box under the mouse, in readable type on a
        dark pill just above the box (below it at the top of the view), kept inside the view."""
        t, sp = self.app.type, self.sp
        size = max(MIN_TEXT, t.small)
        title, when = self.box_words(box_id)
        font = draw.fonts.font(size, "bold")
        words_w = max(font.size(title)[0], draw.fonts.font(size).size(when)[0])
        width = min(self.area.w - 2 * sp.pad, words_w + 2 * sp.pad)
        lines = wrap(title, width - 2 * sp.pad, size, "bold")[:2]
        line_h = draw.fonts.line_height(size, "bold")
        pill = pygame.Rect(0, 0, width, line_h * (len(lines) + 1) + sp.pad)
        box = self.screen_rect(box_id)
        pill.midbottom = (box.centerx, box.y - 6)
        if pill.y < self.area.y:
            pill.midtop = (box.centerx, box.bottom + 6)
        pill.clamp_ip(self.area)
        pygame.draw.rect(surface, self.c("panel"), pill, border_radius=6)
        pygame.draw.rect(surface, HOVER, pill, 2, border_radius=6)
        y = pill.y + sp.pad // 2
        for line in lines:
            draw.text(surface, line, (pill.centerx, y), size, self.c("text"), "bold", anchor="midtop")
            y += line_h
        draw.text(surface, when, (pill.centerx, y), size, self.c("muted"), anchor="midtop")
        self.named = pill
        return pill

    def box_words(self, box_id: str) -> tuple[str, str]:
        """A box's title and its date in words (what the overview names on pointing)."""
        scenario = self.game.scenario
        if box_id in scenario.outcomes:
            outcome = scenario.outcomes[box_id]
            return outcome.title, ("An ending · " + long_date(outcome.date)) if outcome.date else "An ending"
        node = scenario.nodes[box_id]
        return node.title, long_date(node.date)

    # -- the side panel -------------------------------------------------------------------------

    def details(self, box_id: str) -> list[tuple[str, str]]:
        """What the side panel says about a box, as (kind, text) lines: 'title', 'date', 'head',
        'text', 'choice', 'history', 'source'."""
        scenario = self.game.scenario
        out: list[tuple[str, str]] = []
        number = self.trail.visited.index(box_id) + 1 if box_id in self.trail.visited else 0
        if box_id in scenario.outcomes:
            outcome = scenario.outcomes[box_id]
            out.append(("title", outcome.title))
            out.append(("date", ("An ending · " + long_date(outcome.date)) if outcome.date else "An ending"))
            if box_id == self.trail.current and self.trail.ended:
                out.append(("history", "The ending you reached."))
            if outcome.historical:
                out.append(("history", "What really happened."))
            out.append(
                ("text", _summary(render(outcome.epilogue, outcome.epilogue_parts, self.game.state.values, PUBLIC)))
            )
            sources = outcome.sources
        else:
            node = scenario.nodes[box_id]
            actor = scenario.actors.get(node.actor)
            who = {
                "negotiation": "Talks at the table",
                "sealed": "Sealed moves",
                "chance": "Left to chance",
            }.get(node.kind, f"{actor.name} decides" if actor else "A decision")
            out.append(("title", node.title))
            out.append(("date", f"{long_date(node.date)} · {who}"))
            if number:
                out.append(("history", f"Your step {number}."))
            if box_id == self.trail.current and not self.trail.ended:
                out.append(("history", "You are here."))
            out.append(("text", _summary(render(node.text, node.text_parts, self.game.state.values, PUBLIC))))
            ways = ways_out(scenario, node)
            if ways:
                out.append(("head", "Ways on" if node.kind != "decision" else "Choices"))
            for way in ways:
                target = scenario.nodes.get(way.target) or scenario.outcomes.get(way.target)
                where = f" → {target.title}" if target is not None else ""
                mark = " (what really happened)" if way.historical else ""
                out.append(("history" if way.historical else "choice", f"{way.label}{where}{mark}"))
            sources = node.sources
        if sources:
            out.append(("head", "Sources"))
            for i, source in enumerate(sources, start=1):
                out.append(("source", f"{i}. {cite(scenario, source, with_url=False)}"))
        return out

    def _draw_panel(self, surface: pygame.Surface, box_id: str) -> None:
        t, sp = self.app.type, self.sp
        rect = self.panel
        pygame.draw.rect(surface, self.c("panel"), rect)
        pygame.draw.line(surface, self.c("border"), rect.topleft, rect.bottomleft, 2)
        pad = sp.pad * 2
        width = rect.w - 2 * pad
        y = rect.y + pad
        styles = {
            "title": (t.large, "bold", "text"),
            "date": (t.small, "semibold", "muted"),
            "head": (t.small, "bold", "accent"),
            "text": (t.body, "regular", "text"),
            "choice": (t.small, "regular", "text"),
            "history": (t.small, "semibold", "highlight"),
            "source": (t.small, "regular", "muted"),
        }
        for kind, words in self.details(box_id):
            size, style, colour = styles[kind]
            colour_value = pygame.Color(HISTORY_COLOUR) if kind == "history" else self.c(colour)
            if kind == "head":
                y += sp.gap // 2
            line_h = draw.fonts.line_height(size, style)
            for line in wrap(words, width, size, style):
                if y + line_h > rect.bottom - pad:
                    draw.text(surface, "…", (rect.x + pad, y - line_h // 2), size, colour_value, style)
                    return
                draw.text(surface, line, (rect.x + pad, y), size, colour_value, style)
                y += line_h
            y += sp.gap // 3

    # -- acting -------------------------------------------------------------------------------

    def centre_here(self) -> None:
        here = self.here
        if self.view is None or here is None:
            return
        self.view.read_at(here.center)
        self.app.dirty = True

    def select(self, box_id: str | None) -> None:
        self.selected = box_id
        self.app.dirty = True

    def on_escape(self) -> bool:
        if self.selected is not None:
            self.select(None)
            return True
        return False

    def on_button(self, key: str) -> None:
        view = self.view
        if key == "close":
            self.app.pop()
            return
        if view is None:
            return
        if key == "zoom_in":
            view.zoom_by(ZOOM_STEP)
        elif key == "zoom_out":
            view.zoom_by(1 / ZOOM_STEP)
        elif key == "fit":
            view.fit_all()
        elif key == "here":
            self.centre_here()
        self.app.dirty = True

    def on_key(self, event: pygame.event.Event) -> bool:
        k = event.key
        view = self.view
        if view is None:
            return False
        text = getattr(event, "unicode", "")
        if k in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS) or text == "+":
            self.on_button("zoom_in")
        elif k in (pygame.K_MINUS, pygame.K_KP_MINUS) or text == "-":
            self.on_button("zoom_out")
        elif k in (pygame.K_0, pygame.K_KP0):
            self.on_button("fit")
        elif k == pygame.K_c:
            self.centre_here()
        elif k in (pygame.K_LEFT, pygame.K_a):
            view.pan(-view.area[0] * PAN_STEP, 0)
        elif k in (pygame.K_RIGHT, pygame.K_d):
            view.pan(view.area[0] * PAN_STEP, 0)
        elif k in (pygame.K_UP, pygame.K_w):
            view.pan(0, -view.area[1] * PAN_STEP)
        elif k in (pygame.K_DOWN, pygame.K_s):
            view.pan(0, view.area[1] * PAN_STEP)
        else:
            return False
        self.app.dirty = True
        return True

    def _box_under(self, pos: tuple[int, int]) -> str | None:
        if self.view is None or not self.area.collidepoint(pos) or (self.selected and self.panel.collidepoint(pos)):
            return None
        plan, frame = plan_for(self.game.scenario, self.area.w)
        return box_at(plan, frame, self.view.to_picture((pos[0] - self.area.x, pos[1] - self.area.y)))

    def on_mouse(self, event: pygame.event.Event) -> bool:
        view = self.view
        if view is None:
            return False
        if event.type == pygame.MOUSEWHEEL:
            pos = pygame.mouse.get_pos()
            around = (pos[0] - self.area.x, pos[1] - self.area.y) if self.area.collidepoint(pos) else None
            view.zoom_by(ZOOM_STEP ** max(-3, min(3, event.y)), around)
            return True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self.area.collidepoint(event.pos):
            self.pressed = self.dragging = event.pos
            return True
        if event.type == pygame.MOUSEMOTION:
            if self.dragging is not None:
                view.pan(self.dragging[0] - event.pos[0], self.dragging[1] - event.pos[1])
                self.dragging = event.pos
                return True
            under = self._box_under(event.pos)
            if under != self.hovered:
                self.hovered = under
                return True
            return False
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            pressed, self.pressed, self.dragging = self.pressed, None, None
            if (
                pressed is not None
                and max(abs(pressed[0] - event.pos[0]), abs(pressed[1] - event.pos[1])) <= CLICK_SLOP
            ):
                if self.selected and self.panel.collidepoint(event.pos):
                    return False
                under = self._box_under(event.pos)
                self.select(None if under == self.selected else under)
                return True
        return False


def _summary(text: str) -> str:
    """The start of a story, cut at a sentence (or a word) near ``SUMMARY_CHARS``."""
    text = " ".join(text.split())
    if len(text) <= SUMMARY_CHARS:
        return text
    cut = text.rfind(". ", 0, SUMMARY_CHARS)
    if cut > SUMMARY_CHARS // 2:
        return text[: cut + 1]
    return text[:SUMMARY_CHARS].rsplit(" ", 1)[0] + "…"

"""The decision tree screen (T or G while playing, from the pause menu and the debrief): the whole
scenario as ``game.authoring.graph`` lays it out, with the player's path and where play is now
drawn over it. It opens fitted to the window; the wheel or + and − zoom, dragging or the arrow keys
scroll, C centres on the current decision, 0 fits again and Esc goes back.
"""

from __future__ import annotations

import pygame

from ...authoring.graph import HISTORY_COLOUR
from ...engine import Game
from ..host import SceneHost
from ..layout import button_width, row
from ..widgets import draw
from ..widgets.tree_view import Trail, Viewport, picture, trail_of, view_of, with_trail
from .base import Scene

ZOOM_STEP = 1.25
PAN_STEP = 0.2  # of the viewport per arrow key


class TreeScene(Scene):
    name = "tree"
    default_focus = "close"

    def __init__(self, app: SceneHost, game: Game) -> None:
        super().__init__(app)
        self.game = game
        self.trail: Trail = trail_of(game)
        self.surface, self.here = with_trail(game.scenario, self.trail)
        self.view: Viewport | None = None
        self.area = pygame.Rect(0, 0, 0, 0)
        self.dragging: tuple[int, int] | None = None
        self._shown: tuple | None = None
        self._image: tuple[pygame.Surface, tuple[int, int]] | None = None

    @property
    def marked(self) -> set[str]:
        """The boxes drawn as the player's path (for tests): visited nodes and where play is."""
        plan = picture(self.game.scenario)[0]
        return {b for b in (*self.trail.visited, self.trail.current) if b in plan.boxes}

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
            "zoom_out": "− or the mouse wheel: zoom out",
            "zoom_in": "+ or the mouse wheel: zoom in",
            "fit": "0: the whole tree",
            "here": "C: centre on the current decision",
            "close": "Esc: back",
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
        pygame.draw.rect(backdrop, self.c("border"), self.area.inflate(2, 2), 1)
        size = self.surface.get_size()
        if self.view is None:
            self.view = Viewport(size, self.area.size)
            self.view.fit_all()
        else:  # the window changed: keep the zoom relative to the fit
            relative = self.view.zoom / self.view.fit
            self.view.area = self.area.size
            self.view.zoom = self.view.fit * relative
            self.view.clamp()
        self._image = None
        self.backdrop = backdrop

    def _legend(self, surface: pygame.Surface, rect: pygame.Rect) -> int:
        """The key to the picture, on one line (two when the window is narrow); returns its height."""
        t, sp = self.app.type, self.sp
        items = [
            "Black road, numbered: your path",
            "Ringed: " + ("your ending" if self.trail.ended else "where you are"),
            "Gold: what really happened",
            "Wheel or + −: zoom · drag or arrows: move · C: where we are · 0: fit · Esc: back",
        ]
        x, y = rect.x, rect.y
        font = draw.fonts.font(t.small, "semibold")
        for item in items:
            width = font.size(item)[0]
            if x > rect.x and x + width > rect.right:
                x, y = rect.x, y + sp.small_line
            colour = pygame.Color(HISTORY_COLOUR) if item.startswith("Gold") else self.c("muted")
            draw.text(surface, item, (x, y), t.small, colour, "semibold")
            x += width + sp.gap * 3
        return y - rect.y + sp.small_line

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        view = self.view
        if view is None:
            return
        key = (view.zoom, view.x, view.y, view.area)
        if self._image is None or key != self._shown:
            self._image = view_of(self.surface, view)
            self._shown = key
        image, offset = self._image
        clip = surface.get_clip()
        surface.set_clip(self.area)
        surface.fill((250, 250, 247), self.area)
        surface.blit(image, (self.area.x + offset[0], self.area.y + offset[1]))
        surface.set_clip(clip)
        draw.text(
            surface,
            f"{round(view.zoom * 100)}%",
            (self.area.right - 8, self.area.bottom - 6),
            self.app.type.small,
            pygame.Color("#333333"),
            "bold",
            anchor="bottomright",
        )

    # -- acting -------------------------------------------------------------------------------

    def centre_here(self) -> None:
        if self.view is None or self.here is None:
            return
        if self.view.zoom < 0.75:
            self.view.zoom = 0.9
        self.view.centre_on(self.here.center)
        self.app.dirty = True

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
            self.dragging = event.pos
            return True
        if event.type == pygame.MOUSEMOTION and self.dragging is not None:
            view.pan(self.dragging[0] - event.pos[0], self.dragging[1] - event.pos[1])
            self.dragging = event.pos
            return True
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            self.dragging = None
        return False

"""What every screen shares: its buttons, keyboard focus, a cached backdrop and the hooks the
app calls (build, draw, on_button, on_key, update).

Screens are rebuilt from scratch whenever the window, the text size or the game changes: building
is a few milliseconds, and it keeps every screen a plain function of the current state.
"""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UIPanel, UIScrollingContainer, UITextBox, UITextEntryLine

from ..host import SceneHost
from ..layout import Spacing
from ..story import esc
from ..theme import colour
from ..tooltips import fit_label, tip_width
from ..widgets import draw

Focusable = UIButton | UITextEntryLine


class Scene:
    """One screen. Subclasses fill ``build`` and react in ``on_button`` and ``on_key``."""

    name = "scene"  # the name it is registered and opened under (``scenes.registry``)
    overlay = False
    holds_game = False  # the screen of a game being played (see ``HostedScene.holds_game``)
    default_focus = ""  # the button highlighted first, when the screen opens

    def __init__(self, app: SceneHost) -> None:
        self.app = app
        self.buttons: dict[str, Focusable] = {}
        self.order: list[str] = []
        self.texts: dict[str, UITextBox] = {}
        self.elements: list[pygame_gui.core.UIElement] = []
        self.focus_key: str | None = None
        self.backdrop: pygame.Surface | None = None
        self.container: UIPanel | UIScrollingContainer | None = None
        self.drawn: dict[str, pygame.Rect] = {}  # what build drew on the backdrop (for layout tests)

    # -- helpers for subclasses -------------------------------------------------------------

    @property
    def manager(self) -> pygame_gui.UIManager:
        return self.app.manager

    @property
    def sp(self) -> Spacing:
        return self.app.spacing

    @property
    def palette(self) -> str:
        return self.app.settings.palette

    def c(self, name: str) -> pygame.Color:
        return colour(self.palette, name)

    def add_button(
        self,
        key: str,
        rect: pygame.Rect,
        text: str,
        style: str = "",
        tooltip: str | None = None,
        focusable: bool = True,
        enabled: bool = True,
    ) -> UIButton:
        button = UIButton(
            rect,
            text,
            self.manager,
            container=self.container,
            object_id=ObjectID(object_id=f"#{key}", class_id=style or None),
        )
        if tooltip:
            button.set_tooltip(tooltip, delay=0.35, wrap_width=self.tooltip_width(tooltip))
        if not enabled:
            button.disable()
        self.buttons[key] = button
        self.elements.append(button)
        if focusable and enabled:
            self.order.append(key)
        return button

    def tooltip_width(self, text: str = "") -> int:
        """Tool tips wrap at about 34 words' width, never wider than 45% of the window, and no wider
        than ``text`` needs (a tip saying 'Esc' is a small box)."""
        limit = int(min(self.app.size[0] * 0.45, self.app.type.body * 30))
        if not text:
            return limit
        pad = max(6, round(10 * self.app.type.body / 20))
        return tip_width(text, self.app.type.body, pad, limit)

    def add_entry(self, key: str, rect: pygame.Rect, text: str = "", placeholder: str = "") -> UITextEntryLine:
        entry = UITextEntryLine(
            rect,
            self.manager,
            container=self.container,
            initial_text=text or None,
            placeholder_text=placeholder or None,
            object_id=ObjectID(object_id=f"#{key}"),
        )
        self.buttons[key] = entry
        self.elements.append(entry)
        self.order.append(key)
        return entry

    def add_text(self, key: str, rect: pygame.Rect, html: str, style: str = "") -> UITextBox:
        box = UITextBox(
            html,
            rect,
            self.manager,
            container=self.container,
            object_id=ObjectID(object_id=f"#{key}", class_id=style or None),
        )
        self.texts[key] = box
        self.elements.append(box)
        return box

    def line(
        self,
        surface: pygame.Surface,
        name: str,
        text: str,
        pos: tuple[int, int],
        max_width: int,
        size: int,
        colour: pygame.Color,
        style: str = "regular",
    ) -> pygame.Rect:
        """One line of text on the backdrop, cut with '…' to ``max_width`` when it must be; a cut
        line gets a spot that shows the whole of it as a tool tip (nothing cut is lost). Noted
        with ``mark`` when whole, for the layout tests."""
        label = fit_label(text, max_width, size, style)
        rect = draw.text(surface, label.shown, pos, size, colour, style)
        if label.tip:
            self.add_button(f"whole_{name}", rect, "", "@hotspot", tooltip=esc(label.tip), focusable=False)
        else:
            self.mark(name, rect)
        return rect

    def mark(self, name: str, rect: pygame.Rect) -> pygame.Rect:
        """Note where a piece of the backdrop went, so tests can check it clears the buttons."""
        self.drawn[name] = pygame.Rect(rect)
        return rect

    def new_backdrop(self, fill: str = "bg") -> pygame.Surface:
        surface = pygame.Surface(self.app.size)
        surface.fill(self.c(fill))
        return surface

    def key_of(self, element: object) -> str | None:
        for key, button in self.buttons.items():
            if button is element:
                return key
        return None

    # -- hooks --------------------------------------------------------------------------------

    def build(self) -> None:
        """Create this screen's elements and backdrop for the current window size."""

    def teardown(self) -> None:
        for element in self.elements:
            element.kill()
        self.elements.clear()
        self.buttons.clear()
        self.texts.clear()
        self.order.clear()
        self.drawn.clear()
        self.container = None

    def draw(self, surface: pygame.Surface) -> None:
        if self.backdrop is not None:
            surface.blit(self.backdrop, (0, 0))

    def draw_over(self, surface: pygame.Surface) -> None:
        """Drawn over the screen's interface elements (a glow round a scrolled image), when no
        dialog is open."""

    def on_button(self, key: str) -> None:
        """A button was clicked or activated from the keyboard."""

    @property
    def replays_history(self) -> bool:
        """True while this screen shows history replaying (a game that is nobody's to autosave)."""
        return False

    def show_notice(self, text: str) -> bool:
        """Show a short notice; False when this screen has no place for one (the caller then says
        it in a message)."""
        return False

    def on_key(self, event: pygame.event.Event) -> bool:
        """A key the app did not use itself; True if this screen used it."""
        return False

    def on_tab(self, backward: bool) -> bool:
        """Tab or Shift+Tab (even while typing); True if this screen moved the focus itself."""
        return False

    def on_mouse(self, event: pygame.event.Event) -> bool:
        """A mouse event no interface element took (wheel, drag); True if this screen used it."""
        return False

    def on_escape(self) -> bool:
        """Esc on this screen; False lets the app go back a screen."""
        return False

    def on_text(self, key: str, text: str) -> None:
        """Enter was pressed in a text entry."""

    def on_edit(self, key: str, text: str) -> None:
        """The text of an entry changed (kept by screens whose entries must survive a rebuild)."""

    def update(self, now: float) -> bool:
        """Advance timers; True while something is waiting or moving (the app then keeps drawing)."""
        return False

    def wake_at(self) -> float | None:
        """When this screen next needs the app awake (a timer), or None."""
        return None

    def shown(self) -> None:
        """Called after the screen became the top one (again)."""

    def covered(self) -> None:
        """An overlay opened over this screen, or another screen was pushed above it (a running
        clock pauses)."""

    def uncovered(self) -> None:
        """The overlay over this screen closed."""


class Overlay(Scene):
    """A screen drawn over another one: a dimmed full-window panel that takes every click, and a
    box in the middle."""

    overlay = True

    def open_box(self, width: int, height: int) -> pygame.Rect:
        """Create the dimming layer and a centred box; return the box's inner rectangle (in box
        coordinates) for the content."""
        w, h = self.app.size
        dim = UIPanel(
            pygame.Rect(0, 0, w, h),
            starting_height=50,
            manager=self.manager,
            object_id=ObjectID(object_id="#overlay_dim", class_id="@dim"),
        )
        self.elements.append(dim)
        width, height = min(width, w - 2 * self.sp.gap), min(height, h - 2 * self.sp.gap)
        box = UIPanel(
            pygame.Rect((w - width) // 2, (h - height) // 2, width, height),
            starting_height=1,
            manager=self.manager,
            container=dim,
            object_id=ObjectID(object_id="#overlay_box"),
        )
        self.elements.append(box)
        self.container = box
        pad = self.sp.pad * 2
        return pygame.Rect(pad, pad, width - 2 * pad - 4, height - 2 * pad - 4)

"""The tool tip of the element the keyboard highlights.

pygame_gui shows a tool tip only while the mouse rests on an element, so a person using Tab and
the arrow keys would never read a cut label's full text, a setting's explanation or a button's
key. When the keyboard's highlight rests on an element with a tool tip as long as the mouse
would have to, the same tip opens beside the element, never over it (under it, above it, or for
a tall card at its side); the next key, a mouse move or click, or a rebuild closes it.
"""

from __future__ import annotations

import warnings

import pygame
import pygame_gui
from pygame_gui.core import UIElement
from pygame_gui.elements import UITooltip

HOVER_DELAY = 0.35  # the delay every button's tool tip is given (``Scene.add_button``)


class FocusTip:
    """At most one tool tip, for the keyboard's highlight, opened after the hover delay."""

    def __init__(self) -> None:
        self.element: UIElement | None = None  # the element waiting for its tip, or showing it
        self.due = 0.0
        self.tip: UITooltip | None = None

    def follow(self, element: UIElement | None, now: float) -> None:
        """The keyboard moved its highlight to ``element``: close the tip shown, and open its own
        once the highlight has rested there for the hover delay."""
        self.hide()
        if element is not None and getattr(element, "tool_tip_text", None):
            self.element = element
            self.due = now + HOVER_DELAY

    def update(self, manager: pygame_gui.UIManager, now: float, window: pygame.Rect) -> bool:
        """Open the tip when it is due; True when it opened (the screen needs drawing)."""
        element = self.element
        if element is None or self.tip is not None or now < self.due:
            return False
        text = getattr(element, "tool_tip_text", None)
        if not text or not element.alive() or not element.visible:
            self.element = None
            return False
        rect = element.rect
        with warnings.catch_warnings():  # pygame_gui warns when a tip fits neither under nor above
            warnings.simplefilter("ignore", UserWarning)
            tip = manager.create_tool_tip(
                text=text,
                position=(rect.centerx, rect.centery),
                hover_distance=(0, rect.height // 2),
                parent_element=element,
                object_id=getattr(element, "tool_tip_object_id", None),
                wrap_width=getattr(element, "tool_tip_wrap_width", None),
            )
        if not isinstance(tip, UITooltip):  # the manager's own kind, which has a size to place
            tip.kill()
            return False
        tip.set_position(place_tip(tip.rect.size, rect, window))
        self.tip = tip
        return True

    def text(self) -> str:
        """The words of the tip shown ('' when none is)."""
        block = getattr(self.tip, "text_block", None)
        return block.html_text if block is not None else ""

    def hide(self) -> None:
        if self.tip is not None:
            self.tip.kill()
        self.tip = None
        self.element = None

    def forget(self) -> None:
        """The interface was cleared (its elements, the tip among them, are gone)."""
        self.tip = None
        self.element = None


def place_tip(size: tuple[int, int], target: pygame.Rect, window: pygame.Rect, gap: int = 4) -> tuple[int, int]:
    """Where a tip of ``size`` goes for ``target``: under it, above it, to its right or its left,
    the first that keeps it whole in ``window`` and clear of the target; else as far inside the
    window as it goes."""
    w, h = size
    x = min(max(window.x, target.x), window.right - w)
    y = min(max(window.y, target.centery - h // 2), window.bottom - h)
    for spot in ((x, target.bottom + gap), (x, target.y - gap - h), (target.right + gap, y), (target.x - gap - w, y)):
        rect = pygame.Rect(spot, size)
        if window.contains(rect) and not rect.colliderect(target):
            return spot
    return (x, max(window.y, y))

"""Keeping the keyboard's highlight in sight inside a scrolling area (the offer panel, the setup's
players): when it moves to a button scrolled out of view, the area scrolls to show it."""

from __future__ import annotations

from pygame_gui.core import UIElement
from pygame_gui.elements import UIScrollingContainer


def scroll_into_view(box: UIScrollingContainer, element: UIElement) -> bool:
    """Scroll ``box`` so ``element`` (one of its buttons) is whole in view; True if it moved."""
    bar = box.vert_scroll_bar
    if bar is None or getattr(element, "ui_container", None) is not box.get_container():
        return False
    if box.rect.contains(element.rect):
        return False
    content = box.get_container().get_rect().height
    view = box.rect.height
    if content <= view:
        return False
    top = element.relative_rect.y
    wanted = top - (view - element.rect.height) // 2  # the element in the middle of the view
    bar.set_scroll_from_start_percentage(min(max(wanted / content, 0.0), 1.0 - view / content))
    return True

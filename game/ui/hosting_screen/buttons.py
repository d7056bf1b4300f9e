"""Rows and grids of buttons, shared by the hosting screen's views: labels cut to fit, the full
label in the tool tip when it was cut."""

from __future__ import annotations

import pygame

from ..layout import button_width, fit_line
from ..scenes.base import Scene
from ..story import esc

Item = tuple[str, str, str, str]  # key, label, style, tool tip
GridItem = tuple[str, str, str, bool]  # key, label, tool tip, enabled


def button_row(scene: Scene, area: pygame.Rect, items: list[Item]) -> int:
    """Buttons left to right, wrapping onto a next row when the width is used up; the y below them."""
    sp = scene.sp
    x, y = area.x, area.y
    for key, label, style, tip in items:
        size = scene.app.type.large if style == "@primary" else None
        width = min(area.w, button_width(label, sp, size))
        if x > area.x and x + width > area.right:
            x, y = area.x, y + sp.button_h + sp.gap
        scene.add_button(key, pygame.Rect(x, y, width, sp.button_h), label, style, tooltip=tip or None)
        x += width + sp.gap
    return y + sp.button_h


def button_grid(scene: Scene, x: int, y: int, width: int, items: list[GridItem]) -> int:
    """Buttons two to a row from ``y``, each label cut to its column; the y below the last row."""
    sp = scene.sp
    col = (width - sp.gap) // 2
    for index, (key, label, tip, enabled) in enumerate(items):
        rect = pygame.Rect(x + (index % 2) * (col + sp.gap), y + (index // 2) * (sp.button_h + sp.gap), col, 0)
        rect.h = sp.button_h
        words = fit_line(label, col - 2 * sp.pad, scene.app.type.body, "bold")
        scene.add_button(key, rect, words, tooltip=(tip + full_label(label, words)) or None, enabled=enabled)
    return y + ((len(items) + 1) // 2) * (sp.button_h + sp.gap) - sp.gap


def full_label(label: str, shown: str) -> str:
    """The whole label for the tool tip, when the button shows it cut."""
    return f"<br><br>{esc(label)}" if shown != label else ""

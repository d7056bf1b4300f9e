"""Reading keys that mean the same on every screen."""

from __future__ import annotations

import pygame


def digit_of(key: int) -> int | None:
    """The number 1–9 a key stands for, on the main row or the keypad; None for any other key
    (0 is not a choice: numbered cards start at 1)."""
    if pygame.K_1 <= key <= pygame.K_9:
        return key - pygame.K_1 + 1
    if pygame.K_KP1 <= key <= pygame.K_KP9:
        return key - pygame.K_KP1 + 1
    return None

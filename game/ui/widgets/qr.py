"""A QR code drawn by pygame from the modules the ``qrcode`` library computes (nothing fetched)."""

from __future__ import annotations

import pygame
import qrcode

DARK = pygame.Color(0, 0, 0)
LIGHT = pygame.Color(255, 255, 255)  # black on white whatever the palette: phones read it best


def qr_surface(text: str, side: int) -> pygame.Surface:
    """``text`` as a QR code at most ``side`` pixels square, each module a whole number of pixels
    (a blurred edge between modules makes a code harder to read)."""
    code = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text)
    code.make(fit=True)
    modules = code.get_matrix()
    count = len(modules)
    small = pygame.Surface((count, count))
    small.fill(LIGHT)
    for y, row in enumerate(modules):
        for x, dark in enumerate(row):
            if dark:
                small.set_at((x, y), DARK)
    scale = max(1, side // count)
    return pygame.transform.scale(small, (count * scale, count * scale))

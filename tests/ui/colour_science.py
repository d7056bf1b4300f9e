"""Colour arithmetic for the palette tests: sRGB to CIELAB, the CIE76 colour difference, and the
colour-vision deficiencies simulated with Machado, Oliveira & Fernandes (2009) at full severity."""

from __future__ import annotations

Rgb = tuple[float, float, float]

MACHADO = {
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
}
VISIONS = ("normal", *MACHADO)


def _linear(c: float) -> float:
    c /= 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _gamma(c: float) -> float:
    c = min(1.0, max(0.0, c))
    return 255 * (c * 12.92 if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055)


def rgb(text: str) -> Rgb:
    text = text.lstrip("#")
    return float(int(text[0:2], 16)), float(int(text[2:4], 16)), float(int(text[4:6], 16))


def seen(colour: Rgb, vision: str) -> Rgb:
    """How ``colour`` looks with ``vision``."""
    if vision == "normal":
        return colour
    lin = [_linear(c) for c in colour]
    m = MACHADO[vision]
    r, g, b = (_gamma(sum(m[i][j] * lin[j] for j in range(3))) for i in range(3))
    return r, g, b


def lab(colour: Rgb) -> Rgb:
    r, g, b = (_linear(c) for c in colour)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def delta_e(a: Rgb, b: Rgb, vision: str = "normal") -> float:
    """CIE76 ΔE between two colours as seen with ``vision`` (about 2.3 is just noticeable)."""
    la, lb = lab(seen(a, vision)), lab(seen(b, vision))
    return sum((p - q) ** 2 for p, q in zip(la, lb, strict=True)) ** 0.5

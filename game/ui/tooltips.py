"""Tool tips sized to their words, and labels cut to fit with their full text kept for a tool tip.

pygame_gui makes a tool tip exactly as wide as the wrap width it is given, so a tip that says "Esc"
given the usual wrap width is a wide empty box over what it describes. ``tip_width`` measures the
words (in the theme's tool tip type) and asks for no more than they need. ``fit_label`` is the one
way to shorten a label: the cut text to show, and the full text for its tool tip when it was cut,
so nothing truncated is lost (any screen may use it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .layout import font_width, wrap

TIP_BORDER = 2  # "tool_tip.text_box" border in assets/ui/theme.json
_TAG = re.compile(r"<[^>]+>")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def tip_width(html: str, size: int, pad: int, limit: int) -> int:
    """The width for a tool tip showing ``html``: its longest line plus the box's padding and
    border when every line fits on one, else ``limit``."""
    inner = limit - 2 * (pad + TIP_BORDER) - 4
    widest = 0
    for part in _BREAK.split(html):
        text = _TAG.sub("", part).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
        lines = wrap(text, max(20, inner), size)
        if len(lines) > 1:
            return limit  # words that wrap fill the usual width (pygame_gui wraps them again)
        widest = max(widest, font_width(lines[0], size))
    return min(limit, widest + 2 * (pad + TIP_BORDER) + 8)


@dataclass(frozen=True)
class Label:
    """A label as shown, and its full text for a tool tip when it had to be cut ('' when whole)."""

    shown: str
    tip: str


def fit_label(text: str, max_width: int, size: int, style: str = "regular") -> Label:
    """``text`` cut at a word (or a letter) with '…' to fit ``max_width`` pixels, with the full
    text as its tool tip when cut."""
    if font_width(text, size, style) <= max_width:
        return Label(text, "")
    words = text.split()
    while len(words) > 1 and font_width(" ".join(words) + "…", size, style) > max_width:
        words.pop()
    shown = " ".join(words)
    while len(shown) > 1 and font_width(shown + "…", size, style) > max_width:
        shown = shown[:-1]
    return Label(shown.rstrip(" ,;:") + "…", text)

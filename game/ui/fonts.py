"""Font files: Source Sans Pro from its font package; if that is missing, the Noto Sans that
pygame_gui bundles (so our own text measures like the widgets'), and last pygame's bundled font.

Widgets that draw their own text (map, timeline, meters, cards) ask here for ``pygame.font.Font``
objects, cached by (size, style) so a redraw never opens a file.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pygame

STYLES = ("regular", "bold", "italic", "bold_italic", "semibold")
_FILES = {
    "regular": "SourceSansPro-Regular.ttf",
    "bold": "SourceSansPro-Bold.ttf",
    "italic": "SourceSansPro-It.ttf",
    "bold_italic": "SourceSansPro-BoldIt.ttf",
    "semibold": "SourceSansPro-Semibold.ttf",
}


@dataclass(frozen=True)
class FontFiles:
    """Paths of one family's styles; ``None`` means pygame's bundled default font."""

    name: str
    paths: dict[str, str | None]

    @property
    def bundled(self) -> bool:
        """True unless Source Sans Pro was found (the widgets then use pygame_gui's own font)."""
        return self.name != "source_sans"


@lru_cache(maxsize=1)
def font_files() -> FontFiles:
    """The Source Sans Pro files if the package is installed, else the bundled fallback."""
    spec = importlib.util.find_spec("font_source_sans_pro")
    if spec is not None and spec.origin:
        folder = Path(spec.origin).parent / "files"
        paths = {style: str(folder / name) for style, name in _FILES.items()}
        if all(Path(p).is_file() for p in paths.values()):
            return FontFiles("source_sans", paths)  # type: ignore[arg-type]
    spec = importlib.util.find_spec("pygame_gui")
    if spec is not None and spec.origin:
        data = Path(spec.origin).parent / "data"
        names = {
            "regular": "NotoSans-Regular.ttf",
            "bold": "NotoSans-Bold.ttf",
            "italic": "NotoSans-Italic.ttf",
            "bold_italic": "NotoSans-BoldItalic.ttf",
            "semibold": "NotoSans-Bold.ttf",
        }
        noto = {style: str(data / name) for style, name in names.items()}
        if all(Path(p).is_file() for p in noto.values()):
            return FontFiles("noto_sans", noto)  # type: ignore[arg-type]
    return FontFiles("default", {style: None for style in STYLES})


@lru_cache(maxsize=256)
def font(size: int, style: str = "regular") -> pygame.font.Font:
    """A font object for drawing our own text; falls back to the bundled font if a file fails."""
    size = max(6, int(size))
    path = font_files().paths.get(style)
    try:
        loaded = pygame.font.Font(path, size)
    except (OSError, pygame.error):
        loaded = pygame.font.Font(None, size)
    if path is None and style in ("bold", "bold_italic", "semibold"):
        loaded.set_bold(True)
    if path is None and style in ("italic", "bold_italic"):
        loaded.set_italic(True)
    return loaded


def line_height(size: int, style: str = "regular") -> int:
    return font(size, style).get_linesize()

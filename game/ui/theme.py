"""Colours and type sizes: two palettes, scaled font sizes and the pygame_gui theme built from them.

The theme's structure lives in ``assets/ui/theme.json`` with ``$name`` placeholders; this module
fills in a palette's colours, the font files and the font sizes for the current text scale, so one
file serves every text size and both palettes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pygame

from ..paths import ASSETS
from .fonts import font_files

THEME_FILE = ASSETS / "ui" / "theme.json"

# Okabe & Ito (2008), "Color Universal Design": colours distinguishable with the common colour-vision
# deficiencies; an actor whose scenario colour cannot be read gets one of these.
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#0072B2", "#D55E00", "#999999", "#F0E442")
# The safe palette's actor colours, in scenario order. Okabe–Ito's eight include a grey, a pink and a
# green that red-green colour blindness runs together, so for the flagship's eight delegations these
# were chosen (from Okabe–Ito, Paul Tol's and IBM's accessible sets) to stay far apart from each
# other and from the sea, the land and the background with normal sight, deuteranopia and
# protanopia alike (CIE76 ΔE ≥ 23, ``tests/ui/test_colours.py``); each prefix is as far apart as
# the set allows, so a five-delegation scenario fares as well. Highlights are white, no actor's.
SAFE_ACTORS = ("#E69F00", "#785EF0", "#B15928", "#88CCEE", "#6A3D9A", "#DDCC77", "#8C564B", "#CC79A7")

PALETTES: dict[str, dict[str, str]] = {
    "standard": {
        "bg": "#121A24",
        "panel": "#1C2634",
        "panel_hi": "#26344A",
        "card": "#223047",
        "card_hi": "#2C3E5A",
        "border": "#3A4C66",
        "text": "#F2F5F8",
        "muted": "#B4C0CE",
        "faint": "#7F8EA3",
        "accent": "#F2A93B",
        "accent_hi": "#F7C77A",
        "accent_text": "#16120A",
        "focus": "#FFD166",
        "link": "#8FC7FF",
        "good": "#4CC38A",
        "bad": "#EF5B5B",
        "neutral": "#8FA3BF",
        "blocked": "#5B6577",
        "blocked_text": "#AEB6C2",
        "highlight": "#FFFFFF",
        "sea": "#1A3550",
        "land": "#CDC5AE",
        "land_edge": "#5E5A4E",
        "context_land": "#A9A391",
        "route": "#E8E2D0",
        "tooltip": "#0B1118",
        "dim": "#05080CCC",
        "ink": "#1B1B1B",
    },
    "safe": {
        "bg": "#111820",
        "panel": "#1B2430",
        "panel_hi": "#253245",
        "card": "#212D3E",
        "card_hi": "#2A3A52",
        "border": "#405066",
        "text": "#FFFFFF",
        "muted": "#C2CCD8",
        "faint": "#8A97A8",
        "accent": "#E69F00",
        "accent_hi": "#F2BE55",
        "accent_text": "#111111",
        "focus": "#56B4E9",
        "link": "#56B4E9",
        "good": "#0072B2",
        "bad": "#D55E00",
        "neutral": "#999999",
        "blocked": "#5A6270",
        "blocked_text": "#B8BFC9",
        "highlight": "#FFFFFF",
        "sea": "#16324D",
        "land": "#D9D3C1",
        "land_edge": "#4E4B42",
        "context_land": "#B0AA98",
        "route": "#FFFFFF",
        "tooltip": "#0A0F15",
        "dim": "#04070BCC",
        "ink": "#111111",
    },
}


def colour(palette: str, name: str) -> pygame.Color:
    return pygame.Color(PALETTES.get(palette, PALETTES["standard"])[name])


@dataclass(frozen=True)
class Type:
    """Font sizes in pixels for one effective text scale."""

    small: int
    body: int
    large: int
    heading: int
    title: int

    @classmethod
    def at(cls, scale: float) -> Type:
        def px(base: float) -> int:
            return max(10, round(base * scale))

        return cls(px(16), px(20), px(24), px(30), px(60))

    @property
    def all(self) -> tuple[int, ...]:
        return tuple(sorted({self.small, self.body, self.large, self.heading, self.title}))


def effective_scale(size: tuple[int, int], text_scale: float) -> float:
    """The text scale for a window: the player's setting times a factor for the window's size,
    so text grows on a 1920×1080 projector and stays legible on a 1024×600 netbook. Rounded to
    0.05 so small resizes do not rebuild the fonts."""
    w, h = size
    window = min(w / 1280, h / 720)
    window = min(max(window, 0.82), 1.5)
    return round(min(2.0, text_scale * window) * 20) / 20


def actor_colours(actor_ids: list[str], given: dict[str, str], palette: str) -> dict[str, pygame.Color]:
    """Each actor's colour: the scenario's own, or in the safe palette ``SAFE_ACTORS``."""
    out: dict[str, pygame.Color] = {}
    for index, actor in enumerate(actor_ids):
        if palette == "safe":
            out[actor] = pygame.Color(SAFE_ACTORS[index % len(SAFE_ACTORS)])
        else:
            try:
                out[actor] = pygame.Color(given.get(actor) or OKABE_ITO[index % len(OKABE_ITO)])
            except ValueError:
                out[actor] = pygame.Color(OKABE_ITO[index % len(OKABE_ITO)])
    return out


def actor_text_colours(actor_ids: list[str], given: dict[str, str], palette: str) -> dict[str, str]:
    """Each actor's colour as '#rrggbb' for text on the dark panels: lightened until it reads
    (a dark blue or grey name would all but vanish)."""
    out = {}
    for actor, base in actor_colours(actor_ids, given, palette).items():
        c = pygame.Color(base)
        while 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b < 150:
            c = c.lerp(pygame.Color("#FFFFFF"), 0.2)
        out[actor] = f"#{c.r:02X}{c.g:02X}{c.b:02X}"
    return out


def readable_on(background: pygame.Color, palette: str) -> pygame.Color:
    """Black or white text, whichever contrasts more with ``background``."""
    lum = 0.2126 * background.r + 0.7152 * background.g + 0.0722 * background.b
    return colour(palette, "ink") if lum > 140 else pygame.Color("#FFFFFF")


@lru_cache(maxsize=1)
def _template() -> str:
    return THEME_FILE.read_text(encoding="utf-8")


def theme_dict(scale: float, palette: str) -> dict[str, Any]:
    """The pygame_gui theme for this scale and palette."""
    files = font_files()
    sizes = Type.at(scale)
    values: dict[str, str] = dict(PALETTES.get(palette, PALETTES["standard"]))
    values.update({f"size_{k}": str(getattr(sizes, k)) for k in ("small", "body", "large", "heading", "title")})
    values["pad"] = str(max(6, round(10 * scale)))
    values["radius"] = str(max(3, round(6 * scale)))
    data = json.loads(_template())

    def fill(node: Any) -> Any:
        if isinstance(node, dict):
            out = {k: fill(v) for k, v in node.items()}
            if "font" in out and isinstance(out["font"], dict):
                out["font"] = _font_block(out["font"], files.name, files.paths)
            return out
        if isinstance(node, list):
            return [fill(v) for v in node]
        if isinstance(node, str) and "$" in node:
            for key in sorted(values, key=len, reverse=True):
                node = node.replace(f"${key}", values[key])
        return node

    return fill(data)


def _font_block(block: dict[str, Any], name: str, paths: dict[str, str | None]) -> dict[str, Any]:
    out = dict(block)
    if name != "source_sans":
        out["name"] = "noto_sans"  # pygame_gui's own bundled font when Source Sans Pro is missing
        return out
    out["name"] = name
    out["regular_path"] = paths["regular"]
    out["bold_path"] = paths["bold"]
    out["italic_path"] = paths["italic"]
    out["bold_italic_path"] = paths["bold_italic"]
    return out


def gui_font_name() -> str:
    files = font_files()
    return "noto_sans" if files.bundled else files.name

"""Window settings that persist between runs (text size, colours, fullscreen, pacing).

Stored as JSON at ``game.paths.settings_file()``. A missing or damaged file gives the defaults, and
unknown keys are ignored, so an old or hand-edited file never stops the game from starting.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from ..engine.safefile import FileProblem, read_json, write_atomic
from ..paths import settings_file

TEXT_SIZES: tuple[tuple[str, float], ...] = (
    ("Small", 0.85),
    ("Normal", 1.0),
    ("Large", 1.2),
    ("Projector", 1.5),
)
PALETTES: tuple[tuple[str, str], ...] = (("standard", "Standard"), ("safe", "Colour-blind safe"))
PAUSES: tuple[float, ...] = (0.0, 0.8, 1.5, 2.5, 4.0)
REPLAY_SPEEDS: tuple[float, ...] = (1.5, 3.0, 6.0)
# How much of the computer delegations' reasons a class sees (``views.REASON_LEVELS``): the default
# for a new class game, the setup screen's to copy into the game's ``ClassroomSettings``.
REASONS: tuple[tuple[str, str], ...] = (
    ("numbers", "Reasons and numbers"),
    ("reasons", "Reasons only"),
    ("nothing", "Nothing"),
)


SETTINGS_LIMIT = 64 * 1024  # a settings file is a few hundred bytes


@dataclass
class UISettings:
    """What a player can set in the window, with the values a new installation starts with."""

    text_size: int = 1  # index into TEXT_SIZES
    palette: str = "standard"
    fullscreen: bool = False
    width: int = 1280
    height: int = 720
    computer_pause: float = 2.5  # seconds before a computer-played actor moves: long enough to read its move
    replay_step: float = 3.0  # seconds between steps when history replays by itself
    reasons: str = "numbers"  # how much of the computer's reasons a new class game shows (REASONS)
    # The scenario file last played or chosen: the title opens on it again after a restart, so
    # Continue resumes the game the person left ('' or a file gone: the default scenario).
    last_scenario: str = ""
    # Per scenario id, the delegations people played last time: the setup screen offers them again.
    last_roles: dict[str, list[str]] = field(default_factory=dict)

    @property
    def text_scale(self) -> float:
        return TEXT_SIZES[self.text_size][1]

    @property
    def text_size_name(self) -> str:
        return TEXT_SIZES[self.text_size][0]

    @property
    def palette_name(self) -> str:
        return dict(PALETTES).get(self.palette, self.palette)

    def clamp(self) -> UISettings:
        self.text_size = min(max(0, int(self.text_size)), len(TEXT_SIZES) - 1)
        if self.palette not in dict(PALETTES):
            self.palette = "standard"
        if self.reasons not in dict(REASONS):
            self.reasons = "numbers"
        self.width = min(max(640, int(self.width)), 7680)
        self.height = min(max(400, int(self.height)), 4320)
        self.computer_pause = min(max(0.0, float(self.computer_pause)), 10.0)
        self.replay_step = min(max(0.5, float(self.replay_step)), 30.0)
        self.fullscreen = bool(self.fullscreen)
        self.last_scenario = self.last_scenario if isinstance(self.last_scenario, str) else ""
        roles = self.last_roles if isinstance(self.last_roles, dict) else {}
        kept = {k: v for k, v in roles.items() if isinstance(k, str) and isinstance(v, list)}
        self.last_roles = {k: [a for a in v if isinstance(a, str)] for k, v in kept.items()}
        return self

    @classmethod
    def load(cls, path: Path | None = None) -> UISettings:
        """The saved settings, or the defaults when there are none or they cannot be read."""
        path = path or settings_file()
        try:
            data = read_json(path, SETTINGS_LIMIT, "settings file")  # regular files only, bounded
        except FileProblem:
            return cls()
        if not isinstance(data, dict):
            return cls()
        known = {f.name for f in fields(cls)}
        try:
            chosen: dict[str, Any] = {k: v for k, v in data.items() if k in known}  # checked by clamp()
            return cls(**chosen).clamp()
        except (TypeError, ValueError):
            return cls()

    def save(self, path: Path | None = None) -> bool:
        """Write the settings; False (and nothing raised) when the folder is not writable."""
        path = path or settings_file()
        try:
            write_atomic(path, json.dumps(asdict(self), indent=1) + "\n", make_folder=True)
        except (OSError, FileProblem):
            return False
        return True

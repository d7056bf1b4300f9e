"""Game state: plain data that can be copied, compared and written as JSON.

Chance comes from one seeded generator whose whole state is a single integer kept here, so a copy
of the state carries its future draws with it and replays are exact.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field, replace

from .expr import Value
from .jsonread import DamagedError, Fields, JSONObject, JSONValue

_MASK = (1 << 64) - 1


def splitmix64(x: int) -> tuple[int, int]:
    """One step of SplitMix64: (next state, 64-bit output). Small, fast and well distributed."""
    x = (x + 0x9E3779B97F4A7C15) & _MASK
    z = x
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    return x, z ^ (z >> 31)


@functools.lru_cache(maxsize=4096)
def _text_value(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


def derive_seed(*parts: int | str) -> int:
    """A seed mixed from several parts (e.g. game seed and turn), independent of the main stream."""
    x = 0
    for part in parts:
        value = part if isinstance(part, int) else _text_value(part)
        x, out = splitmix64((x ^ value) & _MASK)
        x = out
    return x


def draw_below(rng: int, total: int) -> tuple[int, int]:
    """(next rng state, a number in 0..total-1), drawn without modulo bias worth noticing."""
    rng, out = splitmix64(rng)
    return rng, (out * total) >> 64


@dataclass
class GameState:
    """Everything that changes during play. ``node`` is '' once ``outcome`` is set."""

    node: str
    day: int
    values: dict[str, Value]
    rng: int
    fired: list[str] = field(default_factory=list)
    turn: int = 0
    outcome: str = ""
    off_history: bool = False  # some step taken so far is not what really happened

    def copy(self) -> GameState:
        return replace(self, values=dict(self.values), fired=list(self.fired))

    @property
    def ended(self) -> bool:
        return bool(self.outcome)

    def to_dict(self) -> JSONObject:
        return {
            "node": self.node,
            "day": self.day,
            "values": dict[str, JSONValue](self.values),
            "rng": self.rng,
            "fired": list[JSONValue](self.fired),
            "turn": self.turn,
            "outcome": self.outcome,
            "off_history": self.off_history,
        }

    @classmethod
    def from_dict(cls, data: object) -> GameState:
        """Read a state written by ``to_dict``; ``DamagedError`` names what is wrong."""
        fields = Fields(data, "the game state")
        values: dict[str, Value] = {}
        for name, value in fields.group("values").data.items():
            if not isinstance(value, (bool, int, str)):
                raise DamagedError(f"the game state: the value of {name!r} should be a number, text or true/false")
            values[name] = value
        return cls(
            fields.text("node"),
            fields.integer("day"),
            values,
            fields.integer("rng"),
            fields.texts("fired"),
            fields.integer("turn", 0),
            fields.text("outcome", ""),
            fields.flag("off_history", False),
        )

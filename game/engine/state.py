"""Game state: plain data that can be copied, compared and written as JSON.

Chance comes from one seeded generator whose whole state is a single integer kept here, so a copy
of the state carries its future draws with it and replays are exact.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field, replace

from .expr import FOLLOWS_HISTORY, Value
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
class TalksState:
    """The table at a negotiation node: the round, who proposes, the offer on the table (empty while
    awaiting a proposal), and the answers and counter-offers given to it so far."""

    round: int
    proposer: str
    offer: dict[str, str] = field(default_factory=dict)
    answers: dict[str, str] = field(default_factory=dict)
    counters: dict[str, dict[str, str]] = field(default_factory=dict)
    made: dict[str, int] = field(default_factory=dict)  # moves each party has made at this table

    def copy(self) -> TalksState:
        return TalksState(
            self.round,
            self.proposer,
            dict(self.offer),
            dict(self.answers),
            {a: dict(p) for a, p in self.counters.items()},
            dict(self.made),
        )

    def to_dict(self) -> dict[str, JSONValue]:
        return {
            "round": self.round,
            "proposer": self.proposer,
            "offer": dict[str, JSONValue](self.offer),
            "answers": dict[str, JSONValue](self.answers),
            "counters": {a: dict[str, JSONValue](p) for a, p in self.counters.items()},
            "made": dict[str, JSONValue](self.made),
        }

    @classmethod
    def from_dict(cls, data: object) -> TalksState:
        """Read a table written by ``to_dict``; ``DamagedError`` names what is wrong."""
        fields = Fields(data, "the negotiation")
        counters = fields.group("counters", {})
        made = fields.group("made", {})
        return cls(
            fields.integer("round"),
            fields.text("proposer"),
            fields.text_map("offer"),
            fields.text_map("answers"),
            {actor: counters.text_map(actor) for actor in counters.data},
            {actor: made.integer(actor) for actor in made.data},
        )


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
    off_history: bool = False  # some step taken so far is not what really happened: see leave_history
    talks: TalksState | None = None  # at a negotiation node
    picks: dict[str, str] = field(default_factory=dict)  # at a sealed move: actor -> choice, unrevealed

    def copy(self) -> GameState:
        return replace(
            self,
            values=dict(self.values),
            fired=list(self.fired),
            talks=self.talks.copy() if self.talks else None,
            picks=dict(self.picks),
        )

    @property
    def ended(self) -> bool:
        return bool(self.outcome)

    def leave_history(self) -> None:
        """Mark the game as having left what really happened, in the flag and in the values, where
        conditions read it as ``follows_history`` (narration shows dated glosses only on history)."""
        self.off_history = True
        self.values[FOLLOWS_HISTORY] = False

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
            "talks": self.talks.to_dict() if self.talks else None,
            "picks": dict(self.picks),
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
        state = cls(
            fields.text("node"),
            fields.integer("day"),
            values,
            fields.integer("rng"),
            fields.texts("fired"),
            fields.integer("turn", 0),
            fields.text("outcome", ""),
            fields.flag("off_history", False),
            TalksState.from_dict(talks) if isinstance(talks := fields.json("talks"), dict) else None,
            fields.text_map("picks"),
        )
        if state.off_history:  # a state written before the flag was kept among the values
            state.leave_history()
        return state

"""A class's own settings: time per decision, what happens when it runs out, and projector mode.

They belong to the classroom, not to the engine: a game keeps them in ``settings.extras`` under
``"classroom"``, so saves carry them without the engine reading them. They are checked when made
and again when read back from a save, so a damaged one is reported instead of misread.

Saves of format 1 kept them among the engine's settings (``time_limit``, ``timeout_rule``,
``projector``); the engine moves those into ``extras`` as they were, and ``of`` reads them there.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..engine import Game
from ..engine.jsonread import JSONObject, JSONValue
from ..engine.views import REASON_LEVELS
from .pace import COMPUTER, RULES, TimeoutRule, check_rule

KEY = "classroom"
MAX_TIME_LIMIT = 60 * 60  # an hour per decision is already no limit in a lesson
_FORMAT_1_KEYS = ("time_limit", "timeout_rule", "projector")


@dataclass(frozen=True)
class ClassroomSettings:
    """Seconds per decision a person makes (0: no limit), the rule when they run out, and whether
    every briefing is shown openly (projector) instead of handed over privately."""

    time_limit: int = 0
    timeout_rule: TimeoutRule = COMPUTER
    projector: bool = False
    reasons: str = "numbers"  # how much of computer delegations' reasons students see (views.REASON_LEVELS)

    def __post_init__(self) -> None:
        if isinstance(self.time_limit, bool) or not isinstance(self.time_limit, int):
            raise ValueError(f"a time limit is a whole number of seconds, not {self.time_limit!r}")
        if not 0 <= self.time_limit <= MAX_TIME_LIMIT:
            raise ValueError(
                f"a time limit is 0 (none) to {MAX_TIME_LIMIT} seconds per decision, not {self.time_limit}"
            )
        if self.timeout_rule not in RULES:
            raise ValueError(f"no pace rule {self.timeout_rule!r}; use one of: {', '.join(RULES)}")
        if not isinstance(self.projector, bool):
            raise ValueError(f"projector mode is true or false, not {self.projector!r}")
        if self.reasons not in REASON_LEVELS:
            raise ValueError(f"computer reasons are shown as one of {', '.join(REASON_LEVELS)}, not {self.reasons!r}")

    @classmethod
    def chosen(cls, time_limit: int, timeout_rule: str, projector: bool, reasons: str = "numbers") -> ClassroomSettings:
        """The settings from a setup screen's choices (the rule by name); ``ValueError`` if wrong."""
        return cls(time_limit, check_rule(timeout_rule), projector, reasons)

    def to_json(self) -> JSONObject:
        data: JSONObject = {
            "time_limit": self.time_limit,
            "timeout_rule": self.timeout_rule,
            "projector": self.projector,
        }
        if self.reasons != "numbers":
            data["reasons"] = self.reasons
        return data

    @classmethod
    def from_json(cls, data: JSONValue) -> ClassroomSettings:
        """Read what ``to_json`` wrote; ``ValueError`` says plainly what is wrong."""
        if not isinstance(data, dict):
            raise ValueError("the class settings should be a group of named fields")
        unknown = sorted(set(data) - {*_FORMAT_1_KEYS, "reasons"})
        if unknown:
            raise ValueError(f"the class settings have unknown fields: {', '.join(unknown)}")
        limit = data.get("time_limit", 0)
        rule = data.get("timeout_rule") or COMPUTER  # format 1 wrote '' when no rule was chosen
        projector = data.get("projector", False)
        if isinstance(limit, bool) or not isinstance(limit, int):
            raise ValueError(f"the class's time limit should be a whole number of seconds, not {limit!r}")
        if not isinstance(rule, str):
            raise ValueError(f"the class's pace rule should be a name, not {rule!r}")
        if not isinstance(projector, bool):
            raise ValueError(f"projector mode should be true or false, not {projector!r}")
        reasons = data.get("reasons", "numbers")
        if not isinstance(reasons, str):
            raise ValueError(f"how computer reasons are shown should be a name, not {reasons!r}")
        return cls.chosen(limit, rule, projector, reasons)

    @classmethod
    def of(cls, game: Game) -> ClassroomSettings:
        """The class settings a game was set up with (none: the defaults); ``ValueError`` when a
        save's are damaged."""
        extras = game.settings.extras
        if KEY in extras:
            return cls.from_json(extras[KEY])
        legacy = {key: extras[key] for key in _FORMAT_1_KEYS if key in extras}
        return cls.from_json(legacy) if legacy else cls()

    def store(self, game: Game) -> None:
        """Keep these settings in the game (and so in its saves); the defaults leave no trace."""
        extras = game.settings.extras
        for key in _FORMAT_1_KEYS:
            extras.pop(key, None)
        if self == ClassroomSettings():
            extras.pop(KEY, None)
        else:
            extras[KEY] = self.to_json()

"""The one protocol between a browser and the host: message types, their checks and their limits.

Every message is one JSON object with a ``type``. Anything else — too long, not JSON, an unknown
type or field, a wrong kind of value, text that cannot be stored — is refused with a
``ProtocolError`` whose message says what was wrong; the connection and the class carry on.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

MAX_MESSAGE = 16_000  # characters in one message from a browser
MAX_NAME = 40
MAX_TEXT = 2_000  # a message to delegations, a reason, an announcement
MAX_ID = 80  # a choice, issue, option or delegation id
MAX_PACKAGE = 40  # issues in one offer
MAX_TOKEN = 64

ACT_KINDS = ("choose", "propose", "answer", "seal")
ANSWERS = ("accept", "reject", "counter", "walk", "pass")
TEACHER_ACTIONS = (
    "pause",
    "resume",
    "extend",
    "announce",
    "takeover",
    "giveback",  # a seat the computer took over goes back to its students
    "fill",  # the computer takes every seat nobody holds (at one table, or every table)
    "lock",
    "unlock",
    "remove",
    "end",
    "undo",
)


class ProtocolError(ValueError):
    """A message the host refuses, with what was wrong in words a person can act on."""


@dataclass(frozen=True)
class Join:
    code: str
    name: str


@dataclass(frozen=True)
class Hello:
    token: str


@dataclass(frozen=True)
class Watch:
    """The projector page: the whole room's view, with the teacher's or the projector's key."""

    token: str


@dataclass(frozen=True)
class Act:
    kind: str
    choice: str | int = ""
    answer: str = ""
    package: Mapping[str, str] = field(default_factory=dict)
    reason: str = ""


@dataclass(frozen=True)
class Say:
    to: str  # "" for the whole table, else one delegation's id
    text: str


@dataclass(frozen=True)
class TeacherAction:
    do: str
    table: int = 0  # 0: every table (pause, resume) or none
    seat: str = ""
    member: str = ""  # a member's public id (for remove)
    minutes: int = 0
    text: str = ""


Request = Join | Hello | Watch | Act | Say | TeacherAction


class _Fields:
    """Reads one message's fields, refusing any it does not know."""

    def __init__(self, data: dict[str, object], allowed: tuple[str, ...]) -> None:
        unknown = sorted(set(data) - {"type", *allowed})
        if unknown:
            raise ProtocolError(f"unknown field {unknown[0]!r} in a {data['type']!r} message")
        self.data = data

    def text(self, key: str, limit: int, default: str | None = None) -> str:
        value = self.data.get(key, default)
        if value is None:
            raise ProtocolError(f"{key!r} is missing")
        if not isinstance(value, str):
            raise ProtocolError(f"{key!r} should be text")
        return _clean(value, key, limit)

    def number(self, key: str, low: int, high: int) -> int:
        value = self.data.get(key, 0)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ProtocolError(f"{key!r} should be a whole number from {low} to {high}")
        return value

    def choice(self) -> str | int:
        value = self.data.get("choice", "")
        if isinstance(value, int) and not isinstance(value, bool):
            if not 0 <= value <= 1000:
                raise ProtocolError("'choice' is out of range")
            return value
        if not isinstance(value, str):
            raise ProtocolError("'choice' should be a choice's id or number")
        return _clean(value, "choice", MAX_ID)

    def package(self) -> dict[str, str]:
        value = self.data.get("package", {})
        if not isinstance(value, dict):
            raise ProtocolError("'package' should map each issue to an option")
        if len(value) > MAX_PACKAGE:
            raise ProtocolError(f"'package' has more than {MAX_PACKAGE} issues")
        out: dict[str, str] = {}
        for issue, option in value.items():
            if not isinstance(option, str):
                raise ProtocolError(f"the option for {issue!r} should be text")
            out[_clean(issue, "issue", MAX_ID)] = _clean(option, "option", MAX_ID)
        return out


# What a person typed, in their words, for the errors they may meet (a field they never typed keeps its name).
_TYPED = {"name": "your name", "text": "the message", "reason": "your reasons", "code": "the join code"}


def _clean(value: str, key: str, limit: int) -> str:
    if len(value) > limit:
        said = _TYPED.get(key, repr(key))
        raise ProtocolError(f"{said} is longer than {limit} characters ({len(value)}): shorten it and send it again")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ProtocolError(f"{key!r} holds characters that cannot be stored") from None
    return "".join(c for c in value if c in "\n\t" or c.isprintable()).strip()


def _join(f: _Fields) -> Request:
    name = f.text("name", MAX_NAME)
    if not name:
        raise ProtocolError("please give a name")
    return Join(f.text("code", 12).upper(), name)


def _act(f: _Fields) -> Request:
    kind = f.text("kind", 10)
    if kind not in ACT_KINDS:
        raise ProtocolError(f"'kind' is one of {', '.join(ACT_KINDS)}")
    answer = f.text("answer", 10, "")
    if answer and answer not in ANSWERS:
        raise ProtocolError(f"'answer' is one of {', '.join(ANSWERS)}")
    return Act(kind, f.choice(), answer, f.package(), f.text("reason", MAX_TEXT, ""))


def _teacher(f: _Fields) -> Request:
    do = f.text("do", 12)
    if do not in TEACHER_ACTIONS:
        raise ProtocolError(f"'do' is one of {', '.join(TEACHER_ACTIONS)}")
    return TeacherAction(
        do,
        f.number("table", 0, 1000),
        f.text("seat", MAX_ID, ""),
        f.text("member", MAX_TOKEN, ""),
        f.number("minutes", 0, 120),
        f.text("text", MAX_TEXT, ""),
    )


READERS: dict[str, tuple[tuple[str, ...], Callable[[_Fields], Request]]] = {
    "join": (("code", "name"), _join),
    "hello": (("token",), lambda f: Hello(f.text("token", MAX_TOKEN))),
    "watch": (("token",), lambda f: Watch(f.text("token", MAX_TOKEN))),
    "act": (("kind", "choice", "answer", "package", "reason"), _act),
    "say": (("to", "text"), lambda f: _say(f.text("to", MAX_ID, ""), f.text("text", MAX_TEXT))),
    "teacher": (("do", "table", "seat", "member", "minutes", "text"), _teacher),
}


def _say(to: str, text: str) -> Say:
    if not text:
        raise ProtocolError("the message is empty")
    return Say(to, text)


def _no_constant(name: str) -> object:
    raise ProtocolError(f"{name} is not a number the host accepts")


def parse(raw: str) -> Request:
    """Read one message from a browser; ``ProtocolError`` says what is wrong with it."""
    if len(raw) > MAX_MESSAGE:
        raise ProtocolError(f"the message is longer than {MAX_MESSAGE} characters")
    try:
        data = json.loads(raw, parse_constant=_no_constant)
    except (json.JSONDecodeError, RecursionError):
        raise ProtocolError("the message is not readable JSON") from None
    if not isinstance(data, dict):
        raise ProtocolError("a message is a JSON object with a 'type'")
    kind = data.get("type")
    if not isinstance(kind, str) or kind not in READERS:
        raise ProtocolError(f"'type' is one of {', '.join(READERS)}")
    allowed, reader = READERS[kind]
    return reader(_Fields(data, allowed))

"""Reading JSON the engine wrote (saves), with every field's type checked.

A file on disk is untrusted: it may be damaged, hand-edited or written by another version.
``Fields`` hands out each field with its type checked and raises ``DamagedError`` naming the field
and what it should be, in plain words, so every ``from_dict`` reads the same careful way.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeAlias

JSONValue: TypeAlias = "bool | int | float | str | list[JSONValue] | dict[str, JSONValue] | None"
JSONObject: TypeAlias = "dict[str, JSONValue]"


class DamagedError(ValueError):
    """Data that is not what was written: the message names the field and what it should be."""


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def json_safe(value: object, where: str) -> JSONValue:
    """``value`` as a JSON value (keys text, no floats that JSON cannot write), or DamagedError."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise DamagedError(f"{where} holds {value}, which JSON cannot write")
        return value
    if isinstance(value, (list, tuple)):
        return [json_safe(item, where) for item in value]
    if isinstance(value, Mapping):
        out: JSONObject = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise DamagedError(f"{where} has the key {_shown(key)}, which is not text")
            out[key] = json_safe(item, f"{where}, {key!r}")
        return out
    raise DamagedError(f"{where} holds {_shown(value)}, which is not plain data")


class Fields:
    """The fields of one JSON object, read with their types checked. ``where`` names the object in
    messages ('the settings', 'move 3')."""

    def __init__(self, data: object, where: str) -> None:
        if not isinstance(data, dict):
            raise DamagedError(f"{where} should be a group of named fields, not {_shown(data)}")
        self.data: dict[str, object] = {str(k): v for k, v in data.items()}
        self.where = where

    def _get(self, key: str, default: object, kind: str) -> object:
        if key in self.data:
            return self.data[key]
        if default is None:
            raise DamagedError(f"{self.where} has no '{key}' ({kind})")
        return default

    def _wrong(self, key: str, kind: str, value: object) -> DamagedError:
        return DamagedError(f"{self.where}: '{key}' should be {kind}, not {_shown(value)}")

    def has(self, key: str) -> bool:
        return key in self.data

    def text(self, key: str, default: str | None = None) -> str:
        value = self._get(key, default, "a text")
        if not isinstance(value, str):
            raise self._wrong(key, "a text", value)
        return value

    def integer(self, key: str, default: int | None = None) -> int:
        value = self._get(key, default, "a whole number")
        if isinstance(value, bool) or not isinstance(value, int):
            raise self._wrong(key, "a whole number", value)
        return value

    def flag(self, key: str, default: bool | None = None) -> bool:
        value = self._get(key, default, "true or false")
        if not isinstance(value, bool):
            raise self._wrong(key, "true or false", value)
        return value

    def items(self, key: str, default: list[object] | None = None) -> list[object]:
        value = self._get(key, default, "a list")
        if not isinstance(value, list):
            raise self._wrong(key, "a list", value)
        return list(value)

    def texts(self, key: str) -> list[str]:
        """A list of texts (empty when the field is absent)."""
        out = []
        for item in self.items(key, []):
            if not isinstance(item, str):
                raise self._wrong(key, "a list of texts", item)
            out.append(item)
        return out

    def group(self, key: str, default: dict[str, object] | None = None) -> Fields:
        """A nested object, itself read field by field."""
        value = self._get(key, default, "a group of named fields")
        if not isinstance(value, dict):
            raise self._wrong(key, "a group of named fields", value)
        return Fields(value, f"{self.where}, '{key}'")

    def text_map(self, key: str) -> dict[str, str]:
        """A group of texts by name (empty when the field is absent)."""
        group = self.group(key, {})
        out = {}
        for name, value in group.data.items():
            if not isinstance(value, str):
                raise group._wrong(name, "a text", value)
            out[name] = value
        return out

    def json(self, key: str, default: JSONValue = None) -> JSONValue:
        """Any JSON value, checked to be plain data."""
        return json_safe(self.data.get(key, default), f"{self.where}, '{key}'")

    def extra_keys(self, known: set[str]) -> dict[str, object]:
        """The fields not in ``known``, as they are."""
        return {k: v for k, v in self.data.items() if k not in known}

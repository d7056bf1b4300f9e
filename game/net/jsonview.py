"""An engine ``View`` (frozen dataclasses) as JSON for a browser: the same data, nothing added."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import cast

from ..engine.jsonread import JSONValue

_SCALARS = (str, int, float, bool, type(None))
_FIELDS: dict[type, tuple[str, ...]] = {}  # each dataclass's field names, looked up once


def to_json(value: object) -> JSONValue:
    """Dataclasses become objects, mappings objects, tuples lists, dates ISO text. Checked by exact
    type first (a seat's view is some 250 values, written for every seat after every move)."""
    kind = type(value)
    if kind in _SCALARS:
        return cast(JSONValue, value)
    names = _FIELDS.get(kind)
    if names is not None:
        return {name: to_json(getattr(value, name)) for name in names}
    if isinstance(value, (tuple, list)):
        return [to_json(v) for v in value]
    return _other(value)


def plain(value: object) -> object:
    """``json.dumps(..., default=plain)`` writes what ``to_json`` would, converting only what the
    encoder cannot write itself (it writes tuples as lists), one level at a time as it meets it."""
    names = _FIELDS.get(type(value))
    if names is None and dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELDS[type(value)] = tuple(f.name for f in dataclasses.fields(value))
    if names is not None:
        return {name: getattr(value, name) for name in names}
    if isinstance(value, Mapping):
        return {str(k): v for k, v in value.items()}
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _other(value: object) -> JSONValue:
    if value is None or isinstance(value, (str, int, float)):
        return value
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELDS[type(value)] = tuple(f.name for f in dataclasses.fields(value))
        return {name: to_json(getattr(value, name)) for name in names}
    if isinstance(value, Mapping):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)

"""An engine ``View`` (frozen dataclasses) as JSON for a browser: the same data, nothing added."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping

from ..engine.jsonread import JSONValue


def to_json(value: object) -> JSONValue:
    """Dataclasses become objects, mappings objects, tuples lists, dates ISO text."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)

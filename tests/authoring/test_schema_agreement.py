"""The JSON Schema and ``validate`` agree on a corpus of deliberate mistakes wherever the schema can speak.

Each mistake is one small change to a valid file. Those marked ``schema=True`` are rules JSON Schema
can state (shapes, required keys, conditional requirements); the rest need the whole file (references,
expressions, bounds against values) and only ``validate`` can catch them.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import jsonschema
import pytest
import yaml

from game.authoring.jsonschema_export import schema_text
from game.engine.loader import load_text

from .conftest import TINY
from .test_new_and_schema import _TextDates

Data = dict[str, Any]


def _node(d: Data, nid: str) -> Data:
    return next(n for n in d["nodes"] if n["id"] == nid)


def _var(d: Data, vid: str) -> Data:
    return next(v for v in d["variables"] if v["id"] == vid)


# (name, change, whether JSON Schema can say it)
CORPUS: list[tuple[str, Callable[[Data], object], bool]] = [
    ("missing title", lambda d: d["meta"].pop("title"), True),
    ("unknown key", lambda d: d["actors"][0].update(colur="#000000"), True),
    ("misnamed if", lambda d: _node(d, "blue_turn")["choices"][3].update({"condition": "warned"}), True),
    ("bad id", lambda d: _node(d, "luck").update(id="Luck"), True),
    ("text for int", lambda d: _var(d, "trust").update(min="low"), True),
    ("bad colour", lambda d: d["actors"][0].update(colour="red"), True),
    ("bad seat", lambda d: d["actors"][1].update(seat="gallery"), True),
    ("format 3", lambda d: d.update(format=3), True),
    ("no choices or chance", lambda d: _node(d, "open").pop("choices"), True),
    ("negative days", lambda d: _node(d, "open")["choices"][0].update(days=-1), True),
    ("empty nodes", lambda d: d.update(nodes=[]), True),
    ("bad speculative", lambda d: d["outcomes"][0].update(speculative="maybe"), True),
    ("list for summary", lambda d: d["meta"].update(summary=["a", "b"]), True),
    ("no sources", lambda d: d.update(sources=[]), True),
    ("source without citation", lambda d: d["sources"][0].pop("citation"), True),
    ("actor without name", lambda d: d["actors"][0].pop("name"), True),
    ("variable without type", lambda d: _var(d, "trust").pop("type"), True),
    ("unknown type", lambda d: _var(d, "trust").update(type="float"), True),
    ("choice without next", lambda d: _node(d, "open")["choices"][0].pop("next"), True),
    ("choice without label", lambda d: _node(d, "open")["choices"][0].pop("label"), True),
    ("branch without weight", lambda d: _node(d, "luck")["chance"][0].pop("weight"), True),
    ("node without date", lambda d: _node(d, "open").pop("date"), True),
    ("bad date", lambda d: _node(d, "open").update(date="1900-13-01"), True),
    ("event without date or if", lambda d: d["events"][0].pop("date"), True),
    ("lens without source", lambda d: d["lenses"][0].pop("source"), True),
    ("outcome without epilogue", lambda d: d["outcomes"][0].pop("epilogue"), True),
    # the six that once disagreed: now conditional rules of the schema
    ("historical step without source", lambda d: _node(d, "open")["choices"][0].pop("source"), True),
    ("speculative ending without speculation", lambda d: d["outcomes"][0].pop("speculation"), True),
    ("int without bounds", lambda d: _var(d, "trust").pop("max"), True),
    ("decision without actor", lambda d: _node(d, "open").pop("actor"), True),
    ("choices and chance", lambda d: _node(d, "open").update(chance=_node(d, "luck")["chance"]), True),
    ("bool with initial 0", lambda d: _var(d, "warned").update(initial=0), True),
    # more conditional rules
    ("enum without values", lambda d: _var(d, "powers").pop("values"), True),
    ("int with text initial", lambda d: _var(d, "trust").update(initial="two"), True),
    ("drawn bool", lambda d: _var(d, "warned").update(drawn=True), True),
    ("historical event without source", lambda d: d["events"][0].pop("source"), True),
    # what needs the whole file: only validate can tell
    ("unknown next", lambda d: _node(d, "open")["choices"][0].update(next="nowhere"), False),
    ("unknown variable in effect", lambda d: _node(d, "open")["choices"][0].update(effects=["trsut += 1"]), False),
    ("initial out of bounds", lambda d: _var(d, "trust").update(initial=9), False),
    ("duplicate node id", lambda d: _node(d, "luck").update(id="final"), False),
    ("decimal weight", lambda d: _node(d, "luck")["chance"][1].update(weight="0.9"), False),
]


def _cases() -> list[tuple[str, str, bool]]:
    base = yaml.load(TINY.read_text(encoding="utf-8"), Loader=_TextDates)
    out = []
    for name, change, speaks in CORPUS:
        data = copy.deepcopy(base)
        change(data)
        out.append((name, yaml.safe_dump(data, sort_keys=False, allow_unicode=True), speaks))
    return out


VALIDATOR = jsonschema.Draft202012Validator(json.loads(schema_text()))


def _schema_ok(text: str) -> bool:
    return VALIDATOR.is_valid(yaml.load(text, Loader=_TextDates))


def test_the_unchanged_file_passes_both() -> None:
    text = TINY.read_text(encoding="utf-8")
    assert load_text("tiny.yaml", text)[0] is not None and _schema_ok(text)


@pytest.mark.parametrize(("name", "text", "speaks"), _cases(), ids=[c[0] for c in CORPUS])
def test_each_mistake_is_caught_by_validate_and_by_the_schema_where_it_can_speak(
    name: str, text: str, speaks: bool
) -> None:
    assert load_text("case.yaml", text)[0] is None, f"validate accepts: {name}"
    if speaks:
        assert not _schema_ok(text), f"the schema accepts: {name}"


def test_the_corpus_is_large_and_mostly_within_the_schema() -> None:
    speaks = sum(1 for _, _, s in CORPUS if s)
    assert len(CORPUS) >= 38 and speaks >= 32

"""The scenario format's shape, declared once: the validator walks YAML with it and the editor's
JSON Schema is generated from it, so the two can never disagree.

Each ``Spec`` knows how to turn one composed YAML node into plain Python data, recording the node's
position under its path and reporting problems as findings instead of raising.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml

from .findings import ERROR, WARNING, Finding, Folds, Severity
from .model import SEATS
from .similar import did_you_mean
from .yamlread import Loader

Path = tuple[Any, ...]
ID_PATTERN = r"^[a-z][a-z0-9_]*$"
_ID = re.compile(ID_PATTERN)
DATE_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_YAML11_BOOLS = {"yes", "no", "on", "off", "y", "n", "true", "false"}
_BOOL_TAG = "tag:yaml.org,2002:bool"
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_MAX_WALK = 500_000


class Walk:
    """One walk over a document: the file name, the positions seen, the findings made."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.positions: dict[Path, tuple[int, int]] = {}
        self.findings: list[Finding] = []
        self.visited = 0
        # Where an expression's text starts relative to its node: 1 inside quotes, None for blocks.
        self.text_offsets: dict[Path, int | None] = {}
        # The id of each list item that has a valid one, so messages can name it: actors[red].
        self.ids: dict[Path, str] = {}
        self.folds = Folds()  # knock-on findings to fold under their root causes
        self.duplicates: list[tuple[Path, int]] = []  # each duplicate-id finding's list and index
        # Where each item of a top-level list ends, so a broken item can be named as its uses' root cause.
        self.item_ends: dict[Path, tuple[int, int]] = {}

    def at(self, path: Path) -> tuple[int, int]:
        """The 1-based (line, column) of the node at ``path``, or of its nearest known parent."""
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (0, 0))

    def add(
        self, severity: Severity, code: str, path: Path, message: str, hint: str = "", col_offset: int | None = None
    ) -> int:
        """Record a finding; its index, so it can be folded or named as a root cause."""
        line, col = self.at(path)
        if col_offset is not None:
            col += col_offset
        self.findings.append(Finding(severity, code, message, self.file, line, col, hint))
        return len(self.findings) - 1

    def error(self, code: str, path: Path, message: str, hint: str = "") -> int:
        return self.add(ERROR, code, path, message, hint)

    def enter(self, node: yaml.Node, path: Path) -> bool:
        self.visited += 1
        if path not in self.positions:
            self.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
            if len(path) == 2 and isinstance(path[1], int):
                self.item_ends[path] = (node.end_mark.line + 1, node.end_mark.column + 1)
        return self.visited <= _MAX_WALK

    def first_error_in(self, item: Path) -> int | None:
        """The index of the first error found inside the top-level list item ``item`` (e.g. a variable
        whose type is misspelt), or None: that error is why the item could not be built."""
        start, end = self.positions.get(item), self.item_ends.get(item)
        if start is None or end is None:
            return None
        return next(
            (
                index
                for index, found in enumerate(self.findings)
                if found.severity == ERROR and start <= (found.line, found.column) < end
            ),
            None,
        )


def where(path: Path, walk: Walk | None = None) -> str:
    """A readable name for a path, e.g. ``nodes[opening].choices[warm].next``.

    A list item is named by its id when ``walk`` knows it, else by its 0-based index: ``nodes[3]``.
    """
    ids = walk.ids if walk is not None else {}
    out = ""
    for end, part in enumerate(path, 1):
        if isinstance(part, int):
            out += f"[{ids.get(path[:end], part)}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "the file"


def suggest(word: str, options: Iterable[object]) -> str:
    """A 'did you mean' hint for a misspelt word, ranked by meaning and spelling, ignoring case
    ('HIGH' and 'Hgh' suggest 'high', 'condition' suggests 'if')."""
    return did_you_mean(word, options)


_KIND_NAMES = {yaml.ScalarNode: "a single value", yaml.SequenceNode: "a list", yaml.MappingNode: "a mapping"}


MAX_NUMBER = 1_000_000_000  # the largest whole number a scenario may write, either sign
MAX_STEP_DAYS = 3_660  # ten years: the longest one step may take
MAX_SPAN_DAYS = 36_600  # a hundred years: the longest a scenario may last
MAX_YEAR = 9_000  # so no date plus a scenario's span and a step's days can pass the calendar's end


class NumberError(ValueError):
    """A scalar that cannot be a scenario's whole number: not a number, or too large."""


def yaml_int(text: str) -> int:
    """The value of a scalar YAML resolved as an int (``12``, ``-3``, ``1_000``, ``0x1f``, ``0o17``);
    ``NumberError`` when it is not one (``!!int "x"``) or is beyond ``MAX_NUMBER`` either way. The
    length is checked before converting, so a 5,000-digit number costs nothing."""
    clean = text.replace("_", "").strip()
    if len(clean.lstrip("+-")) > 12:
        raise NumberError(f"{text[:20]}{'…' if len(text) > 20 else ''} is too large: the limit is {MAX_NUMBER:,}")
    try:
        number = int(clean, 0)
    except ValueError:
        try:
            number = int(yaml.load(text, Loader=Loader))  # rare forms such as YAML 1.1 octal '017'
        except (ValueError, TypeError, yaml.YAMLError):
            raise NumberError(f"{text!r} is not a whole number") from None
    if abs(number) > MAX_NUMBER:
        raise NumberError(f"{number} is too large: the limit is {MAX_NUMBER:,} either way")
    return number


class Spec:
    """A kind of value in the format."""

    doc: str = ""

    def convert(self, node: yaml.Node, path: Path, walk: Walk) -> Any:
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        raise NotImplementedError

    def _scalar(self, node: yaml.Node, path: Path, walk: Walk, what: str) -> str | None:
        if not isinstance(node, yaml.ScalarNode):
            walk.error("wrong-type", path, f"{where(path, walk)} must be {what}, not {_KIND_NAMES[type(node)]}")
            return None
        return str(node.value)


@dataclass
class Text(Spec):
    """Free text; numbers and YAML 1.1 booleans are read as the text written, with a warning when
    other YAML tools would read them otherwise (``on``, ``1.10``; not ``1939``, which reads back alike)."""

    doc: str = ""
    nonempty: bool = True

    def convert(self, node: yaml.Node, path: Path, walk: Walk) -> Any:
        value = self._scalar(node, path, walk, "text")
        if value is None:
            return None
        if node.tag == "tag:yaml.org,2002:null" and not node.value:
            value = ""
        if self.nonempty and not value.strip():
            walk.error("empty-text", path, f"{where(path, walk)} is empty", "write some text or remove the key")
        assert isinstance(node, yaml.ScalarNode)
        _warn_yaml11(node, path, walk)
        _warn_yaml11_number(node, path, walk)
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "description": self.doc}


def _warn_yaml11(node: yaml.ScalarNode, path: Path, walk: Walk) -> None:
    if not node.style and node.tag == _BOOL_TAG:
        walk.add(
            WARNING,
            "yaml11-bool",
            path,
            f"{node.value!r} is read as a boolean by YAML 1.1 tools; Parley reads it as the text {node.value!r}",
            f"quote it: '{node.value}'",
        )


def _warn_yaml11_number(node: yaml.ScalarNode, path: Path, walk: Walk) -> None:
    """Warn about plain text other YAML tools read as a number written differently: 1.10 is 1.1."""
    if node.style or node.tag not in (_INT_TAG, _FLOAT_TAG):
        return
    try:
        number = yaml.load(node.value, Loader=Loader)
    except yaml.YAMLError:  # pragma: no cover - the resolver already read it as a number
        return
    if isinstance(number, bool) or not isinstance(number, (int, float)):
        return
    shown = repr(number)
    if shown != node.value:  # 1939 and 2.5 stay as written; 1.10, 007 and 10:30 do not
        walk.add(
            WARNING,
            "yaml11-number",
            path,
            f"other YAML tools read {node.value} as the number {shown}; Parley reads it as the text {node.value!r}",
            f"quote it: '{node.value}'",
        )


@dataclass
class Ident(Spec):
    """A lower-case identifier: the id of something, or a reference to one."""

    doc: str = ""
    ref: str = ""  # the collection this refers to (checked later), "" for a definition

    def convert(self, node: yaml.Node, path: Path, walk: Walk) -> Any:
        value = self._scalar(node, path, walk, "an id")
        if value is None:
            return None
        assert isinstance(node, yaml.ScalarNode)
        _warn_yaml11(node, path, walk)
        if not _ID.match(value):
            fixed = re.sub(r"[^a-z0-9_]", "_", value.lower()).strip("_") or "name"
            index = walk.error(
                "bad-id",
                path,
                f"{value!r} is not a valid id",
                f"ids are lower-case letters, digits and '_', starting with a letter: {fixed!r}",
            )
            if self.ref:  # a reference to the bad id is the definition's knock-on, not a mistake of its own
                walk.folds.knock_on(("id", value), index)
            else:
                for name in dict.fromkeys((value, fixed)):
                    walk.folds.root(("id", name), index, "and {n} reference{s} to it")
                    if path[:1] == ("variables",):
                        walk.folds.root(("var", name), index)
            return None
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": ID_PATTERN, "description": self.doc}


@dataclass
class Integer(Spec):
    doc: str = ""
    minimum: int | None = None
    maximum: int | None = None

    def convert(self, node: yaml.Node, path: Path, walk: Walk) -> Any:
        value = self._scalar(node, path, walk, "a whole number")
        if value is None:
            return None
        if node.tag != "tag:yaml.org,2002:int":
            walk.error("wrong-type", path, f"{where(path, walk)} must be a whole number, not {value!r}")
            return None
        try:
            number = yaml_int(value)
        except NumberError as exc:
            walk.error("out-of-range", path, f"{where(path, walk)}: {exc}", "write a whole number")
            return None
        if self.minimum is not None and number < self.minimum:
            walk.error("out-of-range", path, f"{where(path, walk)} must be at least {self.minimum}, not {number}")
            return None
        if self.maximum is not None and number > self.maximum:
            walk.error("out-of-range", path, f"{where(path, walk)} must be at most {self.maximum:,}, not {number:,}")
            return None
        return number

    def json_schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "integer", "description": self.doc}
        out["minimum"] = self.minimum if self.minimum is not None else -MAX_NUMBER
        out["maximum"] = self.maximum if self.maximum is not None else MAX_NUMBER
        return out


@dataclass
class Boolean(Spec):
    doc: str = ""

    def convert(self, node: yaml.Node, path: Path, walk: Walk) -> Any:
        value = self._scalar(node, path, walk, "true or false")
        if value is None:
            return None
        if node.tag != _BOOL_TAG:
            walk.error("wrong-type", path, f"{where(path, walk)} must be true or false, not {value!r}")
            return None
        return value.lower() in ("true", "yes", "on", "y")

    def json_schema(self) -> dict[str, Any]:
        return {"type": "boolean", "description": self.doc}


@dataclass
class Date(Spec):
    doc: str = ""

    def convert(self, node: yaml.Node, path: Path, walk: Walk) -> Any:
        value = self._scalar(node, path, walk, "a date")
        if value is None:
            return None
        try:
            date = dt.date.fromisoformat(value.strip())
        except ValueError:
            walk.error("bad-date", path, f"{value!r} is not a date", "write dates as YYYY-MM-DD, e.g. 1939-08-12")
            return None
        if date.year > MAX_YEAR:
            walk.error("bad-date", path, f"{value} is too far ahead: dates go up to the year {MAX_YEAR}")
            return None
        return date

    def json_schema(self) -> dict[str, Any]:
        # The pattern too, since schema checkers need not enforce "format": month 1-12, day 1-31.
        return {"type": "string", "format": "date", "pattern": DATE_PATTERN, "description": self.doc}


@dataclass
class Colour(Spec):
    doc: str = ""

    def convert(self, node: yaml.Node, path: Path, walk: Walk) -> Any:
        value = self._scalar(node, path, walk, "a colour")
        if value is None:
            return None
        if not value or node.tag == "tag:yaml.org,2002:null":
            walk.error(
                "bad-colour",
                path,
                f"{where(path, walk)} is empty",
                "quote the colour: '#' starts a YAML comment, so write \"#0072B2\"",
            )
            return None
        if not _COLOUR.match(value):
            walk.error("bad-colour", path, f"{value!r} is not a colour", 'write "#rrggbb", e.g. "#0072B2"')
            return None
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": _COLOUR.pattern, "description": self.doc}


@dataclass
class Choice(Spec):
    """One of a fixed set of words."""

    options: tuple[str, ...] = ()
    doc: str = ""

    def convert(self, node: yaml.Node, path: Path, walk: Walk) -> Any:
        value = self._scalar(node, path, walk, "one of " + ", ".join(self.options))
        if value is None:
            return None
        assert isinstance(node, yaml.ScalarNode)
        _warn_yaml11(node, path, walk)
        if value not in self.options:
            walk.error(
                "bad-value",
                path,
                f"{value!r} is not allowed here: use one of {', '.join(self.options)}",
                suggest(value, self.options),
            )
            return None
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"enum": list(self.options), "description": self.doc}


@dataclass
class Expression(Spec):
    """An expression string; parsed and type-checked later, when the variables are known."""

    kind: str = "bool"  # "bool" | "int" | "any" | "effect"
    doc: str = ""

    def convert(self, node: yaml.Node, path: Path, walk: Walk) -> Any:
        if isinstance(node, yaml.ScalarNode) and node.tag in (_BOOL_TAG, "tag:yaml.org,2002:int"):
            if self.kind in ("bool", "any") and node.tag == _BOOL_TAG:
                return "true" if node.value.lower() in ("true", "yes", "on", "y") else "false"
            return str(node.value)
        value = self._scalar(node, path, walk, "an expression in quotes")
        if isinstance(node, yaml.ScalarNode):
            walk.text_offsets[path] = {None: 0, "": 0, "'": 1, '"': 1}.get(node.style)
        if value is not None and not value.strip():
            walk.error("empty-text", path, f"{where(path, walk)} is an empty expression")
            return None
        return value

    def json_schema(self) -> dict[str, Any]:
        types: list[str] = ["string", "boolean"] if self.kind in ("bool", "any") else ["string"]
        if self.kind in ("int", "any"):
            types.append("integer")
        return {"type": types, "description": self.doc}


@dataclass
class ScalarValue(Spec):
    """A variable's value: a number, true/false, or an enum value (checked against the variable later)."""

    doc: str = ""

    def convert(self, node: yaml.Node, path: Path, walk: Walk) -> Any:
        value = self._scalar(node, path, walk, "a value")
        if value is None:
            return None
        if node.tag == "tag:yaml.org,2002:int":
            try:
                return yaml_int(value)
            except NumberError as exc:
                walk.error("out-of-range", path, f"{where(path, walk)}: {exc}", "write a whole number")
                return None
        if node.tag == _BOOL_TAG:
            # Kept as the raw word too, so an enum value like 'on' can be recovered and warned about.
            return Yaml11Bool(value)
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": ["integer", "boolean", "string"], "description": self.doc}


class Yaml11Bool(str):
    """A plain scalar YAML 1.1 reads as a boolean; the raw word is kept for enum checks."""

    @property
    def truth(self) -> bool:
        return self.lower() in ("true", "yes", "on", "y")


@dataclass
class ListOf(Spec):
    item: Spec
    doc: str = ""
    min_items: int = 0
    unique_ids: bool = False  # items are records whose 'id' must be unique

    def convert(self, node: yaml.Node, path: Path, walk: Walk) -> Any:
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null" and not node.value:
            node = yaml.SequenceNode("tag:yaml.org,2002:seq", [], node.start_mark, node.end_mark)
        if not isinstance(node, yaml.SequenceNode):
            hint = (
                "start each item with '- '"
                if isinstance(node, yaml.MappingNode)
                else "write a list: [a, b] or '- ' items"
            )
            walk.error("wrong-type", path, f"{where(path, walk)} must be a list, not {_KIND_NAMES[type(node)]}", hint)
            return []
        if len(node.value) < self.min_items:
            walk.error("too-few", path, f"{where(path, walk)} needs at least {self.min_items} item(s)")
        out = []
        seen: dict[str, Path] = {}
        for index, child in enumerate(node.value):
            child_path = path + (index,)
            if not walk.enter(child, child_path):
                if not any(f.code == "too-large" for f in walk.findings):
                    walk.error(
                        "too-large",
                        path,
                        "the file expands to too many items to check (are YAML aliases repeating large parts?)",
                        "write each part once",
                    )
                break
            value = self.item.convert(child, child_path, walk)
            if value is None:
                continue
            if self.unique_ids and isinstance(value, dict) and isinstance(value.get("id"), str):
                ident = value["id"]
                if ident in seen:
                    first = walk.at(seen[ident] + ("id",))[0]
                    index = walk.error(
                        "duplicate-id",
                        child_path + ("id",),
                        f"the id {ident!r} is used twice in {where(path, walk)} (first on line {first})",
                        "give each one its own id",
                    )
                    walk.duplicates.append((path, index))
                    continue
                seen[ident] = child_path
            out.append(value)
        return out

    def json_schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "array", "items": self.item.json_schema(), "description": self.doc}
        if self.min_items:
            out["minItems"] = self.min_items
        return out


def _note_id(node: yaml.MappingNode, path: Path, walk: Walk) -> None:
    """Remember a list item's id before its keys are checked, so every message can name it by the id."""
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == "id":
            if isinstance(value_node, yaml.ScalarNode) and _ID.match(str(value_node.value)):
                walk.ids[path] = str(value_node.value)
            return  # only the first 'id' counts, as in _keys


def _keys(node: yaml.MappingNode, path: Path, walk: Walk) -> list[tuple[str, yaml.Node, yaml.Node]]:
    """The mapping's (key, key node, value node), reporting duplicate and non-text keys."""
    out = []
    seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            line, col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            walk.findings.append(Finding(ERROR, "bad-key", "a key must be a plain word", walk.file, line, col))
            continue
        key = str(key_node.value)
        if key in seen:
            line, col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            walk.findings.append(
                Finding(
                    ERROR,
                    "duplicate-key",
                    f"the key {key!r} appears twice in {where(path, walk)} (first on line {seen[key]})",
                    walk.file,
                    line,
                    col,
                    "YAML keeps only the last one: remove or merge them",
                )
            )
            continue
        seen[key] = key_node.start_mark.line + 1
        out.append((key, key_node, value_node))
    return out


@dataclass
class Field:
    name: str
    spec: Spec
    required: bool = False


@dataclass
class Record(Spec):
    """A mapping with named fields; unknown keys are errors with a 'did you mean'."""

    name: str
    fields: list[Field]
    doc: str = ""
    one_of: tuple[tuple[str, ...], ...] = ()  # groups of keys of which exactly/at least one is needed
    check: Callable[[dict[str, Any], Path, Walk], None] | None = None
    rules: tuple[dict[str, Any], ...] = ()  # what ``check`` demands, as far as JSON Schema can say it
    by_name: dict[str, Field] = field(init=False)

    def __post_init__(self) -> None:
        self.by_name = {f.name: f for f in self.fields}

    def convert(self, node: yaml.Node, path: Path, walk: Walk) -> Any:
        if not isinstance(node, yaml.MappingNode):
            walk.error(
                "wrong-type",
                path,
                f"{where(path, walk)} must be a mapping of keys ({self.name}), not {_KIND_NAMES[type(node)]}",
                "write 'key: value' lines",
            )
            return None
        out: dict[str, Any] = {}
        misspelt: set[str] = set()
        present: set[str] = set()
        if "id" in self.by_name and path and isinstance(path[-1], int):
            _note_id(node, path, walk)
        for key, key_node, value_node in _keys(node, path, walk):
            present.add(key)
            child_path = path + (key,)
            walk.positions.setdefault(child_path, (key_node.start_mark.line + 1, key_node.start_mark.column + 1))
            spec_field = self.by_name.get(key)
            if spec_field is None:
                hint = suggest(key, self.by_name) or f"the keys of {self.name} are: {', '.join(self.by_name)}"
                misspelt.update(name for name in self.by_name if f"'{name}'" in hint)
                walk.error("unknown-key", child_path, f"unknown key {key!r} in {self.name}", hint)
                continue
            walk.enter(value_node, child_path + ("=",))
            walk.positions[child_path] = (value_node.start_mark.line + 1, value_node.start_mark.column + 1)
            value = spec_field.spec.convert(value_node, child_path, walk)
            if value is not None:
                out[key] = value
        for f in self.fields:
            if f.required and f.name not in present and f.name not in misspelt:
                walk.error("missing-key", path, f"{self.name} is missing the key {f.name!r}", f"add '{f.name}:'")
        for group in self.one_of:
            if not any(k in present or k in misspelt for k in group):
                walk.error("missing-key", path, f"{self.name} needs one of: {', '.join(group)}")
        if self.check:
            self.check(out, path, walk)
        return out

    def json_schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": "object",
            "title": self.name,
            "description": self.doc,
            "properties": {f.name: f.spec.json_schema() for f in self.fields},
            "required": [f.name for f in self.fields if f.required],
            "additionalProperties": False,
        }
        rules = [{"anyOf": [{"required": [k]} for k in group]} for group in self.one_of] + list(self.rules)
        if rules:
            out["allOf"] = rules
        return out


@dataclass
class MapOf(Spec):
    """A mapping from ids to values (a lens's ``set``)."""

    value: Spec
    doc: str = ""

    def convert(self, node: yaml.Node, path: Path, walk: Walk) -> Any:
        if not isinstance(node, yaml.MappingNode):
            walk.error("wrong-type", path, f"{where(path, walk)} must be a mapping like 'name: value'")
            return {}
        out = {}
        for key, key_node, value_node in _keys(node, path, walk):
            child_path = path + (key,)
            walk.positions[child_path] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            value = self.value.convert(value_node, child_path, walk)
            if value is not None:
                out[key] = value
        return out

    def json_schema(self) -> dict[str, Any]:
        return {"type": "object", "additionalProperties": self.value.json_schema(), "description": self.doc}


@dataclass
class ByKind(Spec):
    """A value written in one of several shapes, told apart by the YAML node's kind."""

    scalar: Spec | None = None
    sequence: Spec | None = None
    mapping: Spec | None = None
    doc: str = ""

    def convert(self, node: yaml.Node, path: Path, walk: Walk) -> Any:
        spec = {yaml.ScalarNode: self.scalar, yaml.SequenceNode: self.sequence, yaml.MappingNode: self.mapping}[
            type(node)
        ]
        if spec is None:
            shapes = [
                name
                for name, s in (("a single value", self.scalar), ("a list", self.sequence), ("a mapping", self.mapping))
                if s is not None
            ]
            walk.error(
                "wrong-type",
                path,
                f"{where(path, walk)} must be {' or '.join(shapes)}, not {_KIND_NAMES[type(node)]}",
                self.doc,
            )
            return None
        return spec.convert(node, path, walk)

    def json_schema(self) -> dict[str, Any]:
        return {
            "anyOf": [s.json_schema() for s in (self.scalar, self.sequence, self.mapping) if s is not None],
            "description": self.doc,
        }


# ---------------------------------------------------------------- the format, versions 1 and 2

FORMAT_VERSION = 2
FORMATS = (1, 2)


def _exclusive(a: str, b: str) -> Callable[[dict[str, Any], Path, Walk], None]:
    def check(data: dict[str, Any], path: Path, walk: Walk) -> None:
        if a in data and b in data:
            walk.error(
                "conflicting-keys",
                path + (b,),
                f"a node has either '{a}' or '{b}', not both",
                f"a decision has '{a}'; a chance node has '{b}'",
            )

    return check


def _historical_needs_source(data: dict[str, Any], path: Path, walk: Walk) -> None:
    if data.get("historical") and "source" not in data:
        walk.error(
            "missing-source",
            path + ("historical",),
            "a historical mark needs a 'source' naming the evidence",
            "add 'source: <source id>'",
        )


def when(key: str, value: dict[str, Any], then: dict[str, Any]) -> dict[str, Any]:
    """A JSON Schema rule: if ``key`` is present and matches ``value``, the object must match ``then``."""
    return {"if": {"properties": {key: value}, "required": [key]}, "then": then}


HISTORICAL_NEEDS_SOURCE = when("historical", {"const": True}, {"required": ["source"]})
SPECULATION_NEEDS_NOTE = when(
    "speculative",
    {"enum": ["low", "medium", "high"]},
    {"required": ["speculation"], "properties": {"speculation": {"minLength": 1}}},
)
VARIABLE_RULES = (
    when(
        "type",
        {"const": "int"},
        {"required": ["min", "max"], "properties": {"initial": {"type": "integer"}}},
    ),
    when("type", {"const": "enum"}, {"required": ["values"]}),
    when("type", {"const": "bool"}, {"properties": {"initial": {"type": "boolean"}}}),
    when("drawn", {"const": True}, {"properties": {"type": {"const": "int"}}}),
)
NODE_KINDS = ("choices", "chance", "negotiation", "sealed")
NODE_RULES = (
    {"oneOf": [{"required": [kind]} for kind in NODE_KINDS]},
    {"if": {"required": ["choices"]}, "then": {"required": ["actor"]}},
    {"if": {"required": ["sealed"]}, "then": {"required": ["resolve"]}},
    {"if": {"required": ["resolve"]}, "then": {"required": ["sealed"]}},
)


def _spec_needs_note(data: dict[str, Any], path: Path, walk: Walk) -> None:
    if data.get("speculative") not in (None, "none") and not data.get("speculation"):
        walk.error("missing-key", path, "a speculative outcome needs 'speculation': say what is and is not known")


def _effects(doc: str) -> ListOf:
    return ListOf(Expression("effect", "an effect: 'var = value', 'var += n' or 'var -= n'"), doc)


# Earlier ids of a renamed thing: saves made before the rename still replay.
_WAS = Field("was", ListOf(Ident("an earlier id"), "ids it had before a rename: saves made before still replay"))


def _actor_ids(doc: str) -> ListOf:
    return ListOf(Ident("an actor id", "actor"), doc)


TEXT_PART = Record(
    "text part",
    [
        Field("text", Text("the paragraph"), True),
        Field("if", Expression("bool", "shown only while this holds")),
        Field("known_to", _actor_ids("shown only to these actors (and the teacher)")),
    ],
    "a paragraph shown when its condition holds, or only to some actors (format 2)",
)


def rich_text(doc: str) -> ByKind:
    """Text, or (format 2) a list of paragraphs, each plain or with an ``if`` and ``known_to``."""
    return ByKind(
        scalar=Text(doc),
        sequence=ListOf(ByKind(scalar=Text(), mapping=TEXT_PART), doc + " (paragraphs that vary)", min_items=1),
        doc="write text, or a list of paragraphs: plain text or {text, if, known_to}",
    )


EXCERPT = Record(
    "excerpt",
    [
        Field("text", Text("a short quotation, or a summary in the designers' words"), True),
        Field("quote", Boolean("true: the text is the source's own words, quoted (at most 60 words)")),
        Field("who", Text("whose words or view: e.g. 'Maj. Gen. Lev Sotskov'")),
        Field("where", Text("where in the work: page, chapter or date")),
    ],
    "a short extract of a source, for students before play (format 2)",
)

SOURCE = Record(
    "source",
    [
        Field("id", Ident("the source's id, cited elsewhere"), True),
        Field("citation", Text("full reference: author, title, publication, date"), True),
        Field("url", Text("where to read it")),
        Field("note", Text("how far to trust it")),
        Field("excerpts", ListOf(EXCERPT, "short extracts for students (format 2)")),
    ],
    "a work that text in the scenario cites",
)

DATED = Record(
    "dated event",
    [
        Field("date", Date("when it happened (before meta.start)"), True),
        Field("text", Text("what happened, in a sentence or two"), True),
        Field("when", Text("shown instead of the date, e.g. '29-30 September 1938' or 'May 1939'")),
        Field("sources", ListOf(Ident("a source id", "source"), "its sources")),
    ],
    "an event on the road to the start, for the background's timeline (format 2)",
)

GOAL = Record(
    "goal",
    [
        Field("text", Text("what the actor wants, in words"), True),
        Field("expr", Expression("any", "a condition or number; higher is better")),
        Field("outcome", Ident("an outcome the actor wants (or, with a negative weight, fears)", "outcome")),
        Field("weight", Integer("how much it matters; negative for what the actor fears"), True),
    ],
    "what a computer player of this actor wants",
    one_of=(("expr", "outcome"),),
)

BONUS = Record(
    "bonus",
    [
        Field("text", Text("the combination, in the actor's words"), True),
        Field("if", Expression("bool", "a condition over the package's terms (issue ids) and the state"), True),
        Field("points", Integer("points added (negative: taken away)"), True),
    ],
    "points for a combination of terms",
)

OBJECTIVE = Record(
    "objective",
    [
        Field("id", Ident("the objective's id"), True),
        Field("text", Text("what the player is asked to achieve"), True),
        Field("if", Expression("bool", "met at the ending when this holds; may read 'outcome'"), True),
        Field("points", Integer("points scored when met"), True),
        Field("secret", Boolean("shown only to this actor's players (default false)")),
    ],
    "what a player of this actor is scored on",
)

DISPOSITION = Record(
    "disposition",
    [
        Field("never", ListOf(Text("node_id.choice_id"), "choices it would never make")),
        Field("tends", ListOf(Text("node_id.choice_id"), "choices it tends to make")),
        Field("accept_margin", Integer("points above its walk-away value it wants before accepting")),
    ],
    "how a computer player of it behaves once play has left history (format 2)",
)

ACTOR = Record(
    "actor",
    [
        Field("id", Ident("the actor's id"), True),
        _WAS,
        Field("name", Text("e.g. Soviet delegation"), True),
        Field("short", Text("a short label for tight spaces")),
        Field("leaders", ListOf(Text(), "the people who speak for it")),
        Field("colour", Colour('its colour, "#rrggbb"'), True),
        Field("seat", Choice(SEATS, "at the table, or acting from outside it"), True),
        Field("description", Text("public: what everyone knows"), True),
        Field("briefing", rich_text("private: its instructions and what only it knows"), True),
        Field("goals", ListOf(GOAL, "what a computer player of it wants")),
        Field(
            "values",
            MapOf(
                MapOf(Expression("int", "points: a whole number or an integer expression")),
                "confidential: points for each option of each issue (format 2)",
            ),
        ),
        Field("bonuses", ListOf(BONUS, "confidential: points for combinations of terms (format 2)")),
        Field("walk_away", Expression("int", "confidential: what no deal is worth to it now (format 2)")),
        Field("objectives", ListOf(OBJECTIVE, "what its player is scored on (format 2)", unique_ids=True)),
        Field("disposition", DISPOSITION),
    ],
    "a party to the negotiation",
)

VARIABLE = Record(
    "variable",
    [
        Field("id", Ident("the name used in expressions"), True),
        _WAS,
        Field("type", Choice(("bool", "int", "enum"), "the kind of value"), True),
        Field("initial", ScalarValue("the starting value"), True),
        Field("min", Integer("lowest value (int)")),
        Field("max", Integer("highest value (int)")),
        Field("values", ListOf(Ident("an enum value"), "the allowed values (enum)", min_items=1)),
        Field("label", Text("the player-facing name")),
        Field("description", Text("a tooltip")),
        Field("visible", Boolean("shown to players as a meter")),
        Field("source", Ident("a source id", "source")),
        Field("known_to", _actor_ids("only these actors may know it (format 2)")),
        Field("drawn", Boolean("drawn at the start from the lens's range, else min..max (format 2)")),
    ],
    "typed state that conditions read and effects change",
    rules=VARIABLE_RULES,
)

LENS = Record(
    "lens",
    [
        Field("id", Ident("the lens's id"), True),
        _WAS,
        Field("name", Text("its name"), True),
        Field("text", Text("the reading, in a paragraph"), True),
        Field("source", Ident("a source id", "source"), True),
        Field("set", MapOf(ScalarValue(), "initial values under this reading")),
        Field("draws", MapOf(ListOf(Integer(), "[lowest, highest]", min_items=2), "ranges of hidden draws (format 2)")),
    ],
    "a historical interpretation",
)

CONSTRAINT = Record(
    "constraint",
    [
        Field("id", Ident("the constraint's id"), True),
        Field("title", Text("its short name"), True),
        Field("explanation", Text("why the choice is unavailable, for players"), True),
        Field("source", Ident("a source id", "source"), True),
        Field("unless", Expression("bool", "while false, the choices naming this are forbidden"), True),
    ],
    "a named rule that forbids choices unless a condition holds",
)

_STEP_FIELDS = [
    Field("id", Ident("unique within its node"), True),
    _WAS,
    Field("label", Text("the button text"), True),
    Field("text", rich_text("narrated after it is taken")),
    Field("effects", _effects("changes to variables, in order")),
    Field("days", Integer("time it takes", minimum=0, maximum=MAX_STEP_DAYS)),
    Field("next", Ident("a node or outcome id", "target"), True),
    Field("historical", Boolean("what really happened")),
    Field("source", Ident("the evidence", "source")),
]

CHOICE = Record(
    "choice",
    _STEP_FIELDS
    + [
        Field("if", Expression("bool", "hidden unless this holds")),
        Field("constraints", ListOf(Ident("a constraint id", "constraint"), "constraints it is subject to")),
        Field(
            "status_quo",
            Boolean("keeps things as they are: taken when a time limit runs out under the 'status quo' rule"),
        ),
        Field("stays_blocked", Boolean("meant to stay blocked, to show what the actor could not do (format 2)")),
    ],
    "an option at a decision",
    check=_historical_needs_source,
    rules=(HISTORICAL_NEEDS_SOURCE,),
)

SEALED_CHOICE = Record(
    "sealed choice",
    [f for f in CHOICE.fields if f.name not in ("next", "status_quo", "days")]
    + [Field("status_quo", Boolean("taken when time runs out"))],
    "an option in a sealed move (where play goes is decided by 'resolve')",
    check=_historical_needs_source,
    rules=(HISTORICAL_NEEDS_SOURCE,),
)

BRANCH = Record(
    "branch",
    _STEP_FIELDS
    + [
        Field("weight", Expression("int", "relative likelihood; negative counts as 0"), True),
        Field("if", Expression("bool", "the branch can happen only while this holds (format 2)")),
    ],
    "one possible result of a chance node",
    check=_historical_needs_source,
    rules=(HISTORICAL_NEEDS_SOURCE,),
)

OUTLET = Record(
    "outlet",
    [
        Field("next", Ident("a node or outcome id", "target"), True),
        Field("text", rich_text("narrated on the way")),
        Field("effects", _effects("changes to variables")),
        Field("days", Integer("time it takes", minimum=0, maximum=MAX_STEP_DAYS)),
        Field("if", Expression("bool", "taken only while this holds")),
        Field("historical", Boolean("what really happened")),
        Field("source", Ident("the evidence", "source")),
    ],
    "where play goes next, with what happens on the way",
    check=_historical_needs_source,
    rules=(HISTORICAL_NEEDS_SOURCE,),
)

TERM_RULE = Record(
    "term rule",
    [
        Field("constraint", Ident("the constraint that forbids", "constraint"), True),
        Field(
            "forbids", Choice(("propose", "accept", "deal"), "what it forbids: proposing, accepting, or a deal"), True
        ),
        Field("terms", Expression("bool", "which packages it concerns: a condition over the issues"), True),
        Field("actors", _actor_ids("who it binds (default: everyone)")),
    ],
    "a constraint on terms",
)

HISTORY_MOVE = Record(
    "historical move",
    [
        Field("actor", Ident("who moved", "actor"), True),
        Field("move", Choice(("propose", "accept", "reject", "counter", "walk", "pass"), "what it did"), True),
        Field("terms", MapOf(Ident("an option id"), "the package proposed or countered: issue: option")),
        Field("text", Text("what happened, in a sentence")),
        Field("source", Ident("the evidence", "source"), True),
    ],
    "what one party really did at the table",
)

NEEDS = Record("needs", [Field("count", Integer("how many parties must accept", minimum=1), True)], "k of n")

NEGOTIATION = Record(
    "negotiation",
    [
        Field("parties", _actor_ids("who is at the table, in speaking order"), True),
        Field("issues", ListOf(Ident("an issue id", "issue"), "what is bargained over", min_items=1), True),
        Field("opener", Ident("who proposes first (default: the first party)", "actor")),
        Field("rounds", Integer("how many offers may be made before the talks end without a deal", minimum=1)),
        Field(
            "needs",
            ByKind(
                scalar=Choice(("all",), "every party"),
                sequence=_actor_ids("these parties"),
                mapping=NEEDS,
                doc="'all', a list of actors, or {count: k}",
            ),
        ),
        Field("rules", ListOf(TERM_RULE, "constraints on terms")),
        Field("deal", OUTLET, True),
        Field("no_deal", OUTLET, True),
        Field("history", ListOf(HISTORY_MOVE, "what really happened at this table, in order")),
    ],
    "offers and answers over packages of terms (format 2)",
)

SEALED_SEAT = Record(
    "sealed seat",
    [
        Field("actor", Ident("who chooses", "actor"), True),
        Field("choices", ListOf(SEALED_CHOICE, "its options", min_items=1, unique_ids=True), True),
        Field("known_to", _actor_ids("who reads its choice once revealed, besides itself (default: everyone)")),
    ],
    "one actor's options in a sealed move",
)


def _node_kind(data: dict[str, Any], path: Path, walk: Walk) -> None:
    kinds = [k for k in ("choices", "chance", "negotiation", "sealed") if k in data]
    if len(kinds) > 1:
        walk.error(
            "conflicting-keys",
            path + (kinds[1],),
            f"a node has one of 'choices', 'chance', 'negotiation' or 'sealed', not both '{kinds[0]}' and '{kinds[1]}'",
            "split it into two nodes",
        )
    if "sealed" in data and "resolve" not in data:
        walk.error("missing-key", path, "a sealed move needs 'resolve': where play goes once all have chosen")
    if "resolve" in data and "sealed" not in data:
        walk.error("unused-key", path + ("resolve",), "'resolve' belongs to sealed moves", "use 'next' on choices")


NODE = Record(
    "node",
    [
        Field("id", Ident("the node's id"), True),
        _WAS,
        Field("date", Date("the earliest date it can happen"), True),
        Field("actor", Ident("who decides", "actor")),
        Field("title", Text("a headline"), True),
        Field("text", rich_text("the narration"), True),
        Field("sources", ListOf(Ident("a source id", "source"), "what the narration rests on")),
        Field("map", ListOf(Ident("a map feature id"), "map features it is about")),
        Field("choices", ListOf(CHOICE, "the options of a decision", min_items=1, unique_ids=True)),
        Field("chance", ListOf(BRANCH, "the branches of a chance node", min_items=1, unique_ids=True)),
        Field("negotiation", NEGOTIATION),
        Field("sealed", ListOf(SEALED_SEAT, "actors choosing at the same time (format 2)", min_items=2)),
        Field("resolve", ListOf(OUTLET, "after a sealed move: the first whose 'if' holds (format 2)", min_items=1)),
    ],
    "a decision, a chance node, a negotiation or a sealed move",
    one_of=(NODE_KINDS,),
    check=_node_kind,
    rules=NODE_RULES,
)

EVENT = Record(
    "event",
    [
        Field("id", Ident("the event's id"), True),
        Field("date", Date("fires on or after this date")),
        Field("if", Expression("bool", "fires when this holds")),
        Field("title", Text("a headline"), True),
        Field("text", rich_text("the narration"), True),
        Field("effects", _effects("changes to variables")),
        Field("goto", Ident("a node or outcome id to jump to", "target")),
        Field("historical", Boolean("it really happened")),
        Field("source", Ident("the evidence", "source")),
        Field("known_to", _actor_ids("only these actors learn of it (format 2)")),
    ],
    "a scheduled happening",
    one_of=(("date", "if"),),
    check=_historical_needs_source,
    rules=(HISTORICAL_NEEDS_SOURCE,),
)

OUTCOME = Record(
    "outcome",
    [
        Field("id", Ident("the outcome's id"), True),
        _WAS,
        Field("title", Text("its title"), True),
        Field("date", Date("when the ending is set")),
        Field("epilogue", rich_text("what followed"), True),
        Field("historical", Boolean("the ending that really happened")),
        Field("speculative", Choice(("none", "low", "medium", "high"), "how far it goes beyond the record"), True),
        Field("speculation", Text("what is and is not known")),
        Field("sources", ListOf(Ident("a source id", "source"), "its sources")),
        Field(
            "debrief_questions",
            ListOf(Text("one question"), "(format 2) questions for a class's debrief of this ending, in the handouts"),
        ),
    ],
    "an ending",
    check=_spec_needs_note,
    rules=(SPECULATION_NEEDS_NOTE,),
)

META = Record(
    "meta",
    [
        Field("id", Ident("the scenario's stable id"), True),
        Field("title", Text("the title"), True),
        Field("summary", Text("one paragraph for the chooser"), True),
        Field("start", Date("the date play begins"), True),
        Field("end", Date("the last date play can reach"), True),
        Field("start_node", Ident("where play begins", "node"), True),
        Field("fallback_outcome", Ident("the ending when time runs out or play is stuck", "outcome"), True),
        Field("default_lens", Ident("the lens used when none is chosen", "lens")),
        Field("authors", ListOf(Text(), "credits")),
        Field(
            "invented",
            Boolean("an invented case, not history: its 'historical' marks are the course it is written to take"),
        ),
        Field("map", MapOf(ListOf(Ident()), "map features the scenario uses")),
    ],
    "the scenario's identity, dates and ends",
)

OPTION = Record(
    "option",
    [
        Field("id", Ident("the option's id (the issue variable's value)"), True),
        _WAS,
        Field("label", Text("its short name"), True),
        Field("text", Text("what it would mean")),
    ],
    "one possible term of an issue",
)

ISSUE = Record(
    "issue",
    [
        Field("id", Ident("the issue's id: also an enum variable holding the term agreed"), True),
        _WAS,
        Field("title", Text("its name"), True),
        Field("description", Text("what is at stake")),
        Field("options", ListOf(OPTION, "the possible terms", min_items=2, unique_ids=True), True),
        Field("initial", Ident("the option in force before any deal (default: the first)")),
        Field("source", Ident("a source id", "source")),
    ],
    "something bargained over (format 2)",
)

KNOWLEDGE = Record(
    "knowledge",
    [
        Field("id", Ident("its id"), True),
        Field("text", Text("what they know"), True),
        Field("known_to", _actor_ids("who knows it"), True),
        Field("if", Expression("bool", "known only while this holds")),
        Field("source", Ident("a source id", "source")),
    ],
    "a line of private knowledge shown in some actors' briefings (format 2)",
)

SCENARIO = Record(
    "scenario",
    [
        Field("format", Integer("the format version: 1 or 2"), True),
        Field("meta", META, True),
        Field("sources", ListOf(SOURCE, "works cited", min_items=1, unique_ids=True), True),
        Field("actors", ListOf(ACTOR, "the parties", min_items=1, unique_ids=True), True),
        Field("variables", ListOf(VARIABLE, "typed state", unique_ids=True), True),
        Field("lenses", ListOf(LENS, "historical interpretations", unique_ids=True)),
        Field("constraints", ListOf(CONSTRAINT, "named rules", unique_ids=True)),
        Field("issues", ListOf(ISSUE, "what is bargained over (format 2)", unique_ids=True)),
        Field("knowledge", ListOf(KNOWLEDGE, "private knowledge (format 2)", unique_ids=True)),
        Field("timeline", ListOf(DATED, "dated events before play, for the background (format 2)")),
        Field("nodes", ListOf(NODE, "the decision tree", min_items=1, unique_ids=True), True),
        Field("events", ListOf(EVENT, "scheduled happenings", unique_ids=True)),
        Field("outcomes", ListOf(OUTCOME, "the endings", min_items=1, unique_ids=True), True),
    ],
    "a Parley scenario",
)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the format, for YAML editors (generated from the specs above)."""
    schema = SCENARIO.json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://parley.invalid/schema/scenario-1.json"
    schema["properties"]["format"] = {"enum": list(FORMATS), "description": "the format version"}
    return schema

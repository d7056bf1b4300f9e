"""The shared part of building a scenario from checked data: reporting, references, expressions.

``loader._Builder`` turns each section into model objects on top of this; the format-2 sections
(issues, values, negotiations, sealed moves, private text) live in ``build_v2``.
"""

from __future__ import annotations

import re
from typing import Any

from .expr import Compiled, Effect, ExprError, Value, VarType, compile_effect, compile_expr
from .findings import ERROR, WARNING, Finding
from .schema import Path, Walk, Yaml11Bool, suggest
from .similar import listing

_DECIMAL = re.compile(r"^[+-]?(\d+\.\d*|\.\d+)$")
# References that name a variable (an issue is one too): when its declaration is broken they are its uses.
VARIABLE_REFS = frozenset({"variable", "drawn variable", "issue", "issue at this table"})


def plural(what: str) -> str:
    """The plural of a kind of thing: 'lens' -> 'lenses', 'node or outcome' -> 'nodes and outcomes'."""
    if " or " in what:
        return " and ".join(plural(part) for part in what.split(" or "))
    for joint in (" at ", " of "):  # 'issue at this table' -> 'issues at this table'
        if joint in what:
            head, tail = what.split(joint, 1)
            return plural(head) + joint + tail
    if what.endswith(("s", "x", "z", "ch", "sh")):
        return what + "es"
    if what.endswith("y") and what[-2:-1] not in ("a", "e", "i", "o", "u"):
        return what[:-1] + "ies"
    return what + "s"


class BuilderBase:
    """Reporting, references and compiled expressions for one scenario being built."""

    def __init__(self, data: dict[str, Any], walk: Walk) -> None:
        self.data = data
        self.walk = walk
        self.types: dict[str, VarType] = {}
        # Compiled closures are pure, so one per distinct text serves every place it is written.
        self._compiled: dict[tuple[str, str], Compiled] = {}
        self._effects: dict[str, Effect] = {}
        self._ids: dict[str, list[str]] = {}
        self._id_sets: dict[int, tuple[list[str], set[str]]] = {}

    # -- helpers --------------------------------------------------------------------------

    def error(self, code: str, path: Path, message: str, hint: str = "") -> int:
        return self.walk.error(code, path, message, hint)

    def warn(self, code: str, path: Path, message: str, hint: str = "") -> None:
        self.walk.add(WARNING, code, path, message, hint)

    def broken(self, key: tuple[str, str], path: Path) -> None:
        """An item that could not be built: the first error inside it is the root cause of its uses' errors."""
        index = self.walk.first_error_in(path)
        if index is not None:
            self.walk.folds.root(key, index)

    def ids(self, section: str) -> list[str]:
        """The ids defined in a section, in file order (computed once per section)."""
        if section not in self._ids:
            self._ids[section] = [
                item["id"] for item in self.data.get(section, []) if isinstance(item, dict) and "id" in item
            ]
        return self._ids[section]

    def ref(self, value: str | None, known: list[str] | set[str] | dict[str, Any], path: Path, what: str) -> bool:
        """Check that ``value`` names one of ``known``; report it with a 'did you mean' if not."""
        if value is None:
            return False
        lookup = known
        if isinstance(known, list):
            # Keep the list itself beside its set, so its id() cannot be reused by another list.
            lookup = self._id_sets.setdefault(id(known), (known, set(known)))[1]
        if value in lookup:
            return True
        names = sorted(known) if isinstance(known, set) else list(known)  # a set has no order of its own
        hint = suggest(value, names) or (
            f"the {plural(what)} are: {listing(names)}" if names else f"define {plural(what)} first"
        )
        index = self.walk.error("unknown-ref", path, f"no {what} has the id {value!r}", hint)
        self.walk.folds.knock_on(("id", value), index)
        if what in VARIABLE_REFS:
            self.walk.folds.knock_on(("var", value), index)
        elif what in ("node or outcome", "node", "outcome"):
            self.walk.folds.knock_on(("target", value), index)
        return False

    def _expr_error(self, err: ExprError, path: Path, text: str) -> None:
        offset = self.walk.text_offsets.get(path)
        line, col = self.walk.at(path)
        if offset is not None:
            col += offset + err.column
        shown = f" of: {text}" if len(text) <= 80 else ""
        if err.unknown:
            self.walk.folds.knock_on(("var", err.unknown), len(self.walk.findings))
        self.walk.findings.append(
            Finding(
                ERROR,
                "bad-expression",
                f"{err.message}, at column {err.column + 1}{shown}",
                self.walk.file,
                line,
                col,
                err.hint,
            )
        )

    def expr(self, text: str | None, path: Path, want: str) -> Compiled | None:
        if text is None:
            return None
        key = (text, want)
        if key in self._compiled:
            return self._compiled[key]
        if want == "int" and _DECIMAL.match(text.strip()):
            self._not_whole(text.strip(), path)
            return None
        try:
            fn = self._compiled[key] = compile_expr(text, self.types, want)
            return fn
        except ExprError as err:
            self._expr_error(err, path, text)
            return None

    def _not_whole(self, text: str, path: Path) -> None:
        """A decimal where a whole number is wanted: say what the place takes, not which character failed."""
        if path and path[-1] == "weight":
            scaled = round(float(text) * 10) if float(text) < 1 else round(float(text))
            self.error(
                "wrong-type",
                path,
                f"weights are whole numbers, not {text}",
                f"weights are relative: write {scaled} and give the other branches whole numbers in proportion",
            )
        else:
            self.error("wrong-type", path, f"this must be a whole number (or an int expression), not {text}")

    def expr_with(self, text: str, path: Path, want: str, types: dict[str, VarType]) -> Compiled | None:
        """Compile against other names than the scenario's variables (e.g. objectives' ``outcome``)."""
        try:
            return compile_expr(text, types, want)
        except ExprError as err:
            self._expr_error(err, path, text)
            return None

    def effects(self, texts: list[str], path: Path) -> tuple[Effect, ...]:
        out = []
        for index, text in enumerate(texts):
            if text in self._effects:
                out.append(self._effects[text])
                continue
            try:
                out.append(self._effects.setdefault(text, compile_effect(text, self.types)))
            except ExprError as err:
                self._expr_error(err, path + ("effects", index), text)
        return tuple(out)

    def value_for(self, vtype: VarType, value: Any, path: Path, vid: str) -> Value | None:
        """Check a written value against a variable's type; report and return None if it does not fit."""
        if value is None:
            return None
        if vtype.kind == "bool":
            if isinstance(value, Yaml11Bool):
                return value.truth
            self.error("wrong-type", path, f"{vid} is true or false, not {value!r}")
            return None
        if vtype.kind == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                self.error("wrong-type", path, f"{vid} is a whole number, not {value!r}")
                return None
            if not vtype.minimum <= value <= vtype.maximum:
                self.error("out-of-range", path, f"{value} is outside {vid}'s bounds {vtype.minimum}..{vtype.maximum}")
                return None
            return value
        text = str(value)
        if isinstance(value, Yaml11Bool):
            self.warn("yaml11-bool", path, f"{text!r} is read as a boolean by YAML 1.1 tools", f"quote it: '{text}'")
        if text not in vtype.values:
            self.error(
                "bad-value",
                path,
                f"{text!r} is not one of {vid}'s values ({', '.join(vtype.values)})",
                suggest(text, vtype.values),
            )
            return None
        return text

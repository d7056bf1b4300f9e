"""Loading a scenario: read YAML safely, check its shape, resolve references, compile expressions.

``validate_file`` returns every finding; ``load_scenario`` returns a ready ``Scenario`` or raises
``ScenarioError`` carrying those findings. Nothing here raises on bad input otherwise.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from . import graphcheck
from .expr import Compiled, Effect, ExprError, Value, VarType, compile_effect, compile_expr
from .findings import ERROR, WARNING, Finding, ScenarioError, has_errors, sort_findings
from .model import Actor, Constraint, Event, Goal, Lens, Node, Outcome, Scenario, Source, Step, Variable
from .schema import FORMAT_VERSION, SCENARIO, Path, Walk, Yaml11Bool, suggest, where
from .yamlread import YamlDocument, read_document


def plural(what: str) -> str:
    """The plural of a kind of thing: 'lens' -> 'lenses', 'node or outcome' -> 'nodes and outcomes'."""
    if " or " in what:
        return " and ".join(plural(part) for part in what.split(" or "))
    if what.endswith(("s", "x", "z", "ch", "sh")):
        return what + "es"
    if what.endswith("y") and what[-2:-1] not in ("a", "e", "i", "o", "u"):
        return what[:-1] + "ies"
    return what + "s"


class _Builder:
    """Turns checked plain data into model objects, reporting what only the whole file can show."""

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

    def error(self, code: str, path: Path, message: str, hint: str = "") -> None:
        self.walk.error(code, path, message, hint)

    def warn(self, code: str, path: Path, message: str, hint: str = "") -> None:
        self.walk.add(WARNING, code, path, message, hint)

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
            f"the {plural(what)} are: {', '.join(names[:12])}" if names else f"define {plural(what)} first"
        )
        self.error("unknown-ref", path, f"no {what} has the id {value!r}", hint)
        return False

    def _expr_error(self, err: ExprError, path: Path, text: str) -> None:
        offset = self.walk.text_offsets.get(path)
        line, col = self.walk.at(path)
        if offset is not None:
            col += offset + err.column
        shown = f" of: {text}" if len(text) <= 80 else ""
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
        try:
            fn = self._compiled[key] = compile_expr(text, self.types, want)
            return fn
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

    # -- sections -------------------------------------------------------------------------

    def variables(self) -> dict[str, Variable]:
        out: dict[str, Variable] = {}
        for index, raw in enumerate(self.data.get("variables", [])):
            path: Path = ("variables", index)
            vid, kind = raw.get("id"), raw.get("type")
            if vid is None or kind is None:
                continue
            vtype = self._var_type(raw, path)
            if vtype is None:
                continue
            self.types[vid] = vtype  # known even if the initial value is wrong, so no error cascades
            initial = self.value_for(vtype, raw.get("initial"), path + ("initial",), vid)
            if initial is None:
                continue
            out[vid] = Variable(
                vid,
                vtype,
                initial,
                raw.get("label", vid),
                raw.get("description", ""),
                raw.get("visible", True),
                raw.get("source", ""),
            )
            self.ref(raw.get("source"), self.ids("sources"), path + ("source",), "source") if "source" in raw else None
        return out

    def _var_type(self, raw: dict[str, Any], path: Path) -> VarType | None:
        kind = raw["type"]
        if kind == "int":
            if "min" not in raw or "max" not in raw:
                self.error(
                    "missing-key",
                    path,
                    f"the int variable {raw['id']!r} needs 'min' and 'max'",
                    "add bounds, e.g. min: 0 and max: 10",
                )
                return None
            if raw["min"] > raw["max"]:
                self.error("bad-bounds", path + ("min",), f"min ({raw['min']}) is greater than max ({raw['max']})")
                return None
            if "values" in raw:
                self.warn("unused-key", path + ("values",), "'values' is only for enum variables; it is ignored")
            return VarType("int", minimum=raw["min"], maximum=raw["max"])
        if kind == "enum":
            values = raw.get("values")
            if not values:
                self.error(
                    "missing-key",
                    path,
                    f"the enum variable {raw['id']!r} needs 'values'",
                    "list them, e.g. values: [refused, limited, granted]",
                )
                return None
            if len(set(values)) != len(values):
                self.error("duplicate-id", path + ("values",), "an enum value is listed twice")
                return None
            return VarType("enum", tuple(values))
        for key in ("min", "max", "values"):
            if key in raw:
                self.warn("unused-key", path + (key,), f"'{key}' does not apply to a bool variable; it is ignored")
        return VarType("bool")

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

    def sources(self) -> dict[str, Source]:
        return {
            s["id"]: Source(s["id"], s.get("citation", ""), s.get("url", ""), s.get("note", ""))
            for s in self.data.get("sources", [])
            if "id" in s
        }

    def actors(self, outcome_ids: list[str]) -> dict[str, Actor]:
        out = {}
        for index, raw in enumerate(self.data.get("actors", [])):
            path: Path = ("actors", index)
            goals = []
            for gi, goal in enumerate(raw.get("goals", [])):
                gpath = path + ("goals", gi)
                if "expr" in goal and "outcome" in goal:
                    self.error("conflicting-keys", gpath + ("outcome",), "a goal has 'expr' or 'outcome', not both")
                    continue
                if "outcome" in goal:
                    if self.ref(goal["outcome"], outcome_ids, gpath + ("outcome",), "outcome"):
                        goals.append(Goal(goal.get("text", ""), goal.get("weight", 0), outcome=goal["outcome"]))
                elif "expr" in goal:
                    fn = self.expr(goal["expr"], gpath + ("expr",), "any")
                    if fn:
                        goals.append(Goal(goal.get("text", ""), goal.get("weight", 0), goal["expr"], fn))
            if "id" in raw:
                out[raw["id"]] = Actor(
                    raw["id"],
                    raw.get("name", raw["id"]),
                    raw.get("short", raw.get("name", "")),
                    tuple(raw.get("leaders", [])),
                    raw.get("colour", "#777777"),
                    raw.get("seat", "table"),
                    raw.get("description", ""),
                    raw.get("briefing", ""),
                    tuple(goals),
                )
        return out

    def lenses(self, variables: dict[str, Variable]) -> dict[str, Lens]:
        out = {}
        for index, raw in enumerate(self.data.get("lenses", [])):
            path: Path = ("lenses", index)
            self.ref(raw.get("source"), self.ids("sources"), path + ("source",), "source")
            values: dict[str, Value] = {}
            for vid, written in raw.get("set", {}).items():
                vpath = path + ("set", vid)
                if self.ref(vid, self.types, vpath, "variable") and vid in variables:
                    value = self.value_for(variables[vid].type, written, vpath, vid)
                    if value is not None:
                        values[vid] = value
            if "id" in raw:
                out[raw["id"]] = Lens(
                    raw["id"], raw.get("name", ""), raw.get("text", ""), raw.get("source", ""), values
                )
        return out

    def constraints(self) -> dict[str, Constraint]:
        out = {}
        for index, raw in enumerate(self.data.get("constraints", [])):
            path: Path = ("constraints", index)
            self.ref(raw.get("source"), self.ids("sources"), path + ("source",), "source")
            fn = self.expr(raw.get("unless"), path + ("unless",), "bool")
            if fn and "id" in raw:
                out[raw["id"]] = Constraint(
                    raw["id"],
                    raw.get("title", ""),
                    raw.get("explanation", ""),
                    raw.get("source", ""),
                    raw["unless"],
                    fn,
                )
        return out

    def step(self, raw: dict[str, Any], path: Path, targets: set[str], chance: bool) -> Step | None:
        self.ref(raw.get("next"), targets, path + ("next",), "node or outcome")
        if "source" in raw:
            self.ref(raw["source"], self.ids("sources"), path + ("source",), "source")
        constraint_ids = raw.get("constraints", [])
        for ci, cid in enumerate(constraint_ids):
            self.ref(cid, self.ids("constraints"), path + ("constraints", ci), "constraint")
        condition = self.expr(raw.get("if"), path + ("if",), "bool") if "if" in raw else None
        weight = self.expr(raw.get("weight"), path + ("weight",), "int") if chance else None
        effects = self.effects(raw.get("effects", []), path)
        if "id" not in raw or "next" not in raw:
            return None
        line = self.walk.at(path)[0]
        return Step(
            raw["id"],
            raw.get("label", raw["id"]),
            raw["next"],
            raw.get("text", ""),
            effects,
            tuple(raw.get("effects", [])),
            raw.get("days", 0),
            raw.get("historical", False),
            raw.get("source", ""),
            raw.get("if", ""),
            condition,
            tuple(constraint_ids),
            raw.get("weight", ""),
            weight,
            line,
            raw.get("status_quo", False),
        )

    def nodes(self, start: dt.date, targets: set[str], actor_ids: list[str]) -> dict[str, Node]:
        out = {}
        for index, raw in enumerate(self.data.get("nodes", [])):
            path: Path = ("nodes", index)
            is_chance = "chance" in raw
            if not is_chance and "choices" in raw:
                if "actor" not in raw:
                    self.error(
                        "missing-key", path, "a decision needs an 'actor' who decides", "add 'actor: <actor id>'"
                    )
                else:
                    self.ref(raw["actor"], actor_ids, path + ("actor",), "actor")
            for si, source in enumerate(raw.get("sources", [])):
                self.ref(source, self.ids("sources"), path + ("sources", si), "source")
            key = "chance" if is_chance else "choices"
            steps = []
            for si, step_raw in enumerate(raw.get(key, [])):
                step = self.step(step_raw, path + (key, si), targets, is_chance)
                if step:
                    steps.append(step)
            historical = [s for s in steps if s.historical]
            if len(historical) > 1:
                self.warn(
                    "several-historical",
                    path + (key,),
                    f"{len(historical)} {key} are marked historical; history replay follows the first",
                    "mark only what really happened",
                )
            if "id" not in raw or "date" not in raw:
                continue
            out[raw["id"]] = Node(
                raw["id"],
                raw["date"],
                (raw["date"] - start).days,
                "" if is_chance else raw.get("actor", ""),
                raw.get("title", ""),
                raw.get("text", ""),
                tuple(raw.get("sources", [])),
                tuple(raw.get("map", [])),
                () if is_chance else tuple(steps),
                tuple(steps) if is_chance else (),
                self.walk.at(path)[0],
            )
        return out

    def events(self, start: dt.date, targets: set[str]) -> tuple[Event, ...]:
        out = []
        for index, raw in enumerate(self.data.get("events", [])):
            path: Path = ("events", index)
            if "goto" in raw:
                self.ref(raw["goto"], targets, path + ("goto",), "node or outcome")
            if "source" in raw:
                self.ref(raw["source"], self.ids("sources"), path + ("source",), "source")
            condition = self.expr(raw.get("if"), path + ("if",), "bool") if "if" in raw else None
            effects = self.effects(raw.get("effects", []), path)
            if "id" not in raw:
                continue
            date = raw.get("date")
            out.append(
                Event(
                    raw["id"],
                    raw.get("title", ""),
                    raw.get("text", ""),
                    date,
                    (date - start).days if date else None,
                    raw.get("if", ""),
                    condition,
                    effects,
                    tuple(raw.get("effects", [])),
                    raw.get("goto", ""),
                    raw.get("historical", False),
                    raw.get("source", ""),
                )
            )
        # Due events fire in date order, then file order; undated ones after dated ones of a day.
        order = {e.id: i for i, e in enumerate(out)}
        out.sort(key=lambda e: (e.day if e.day is not None else -1, order[e.id]))
        return tuple(out)

    def outcomes(self) -> dict[str, Outcome]:
        out = {}
        for index, raw in enumerate(self.data.get("outcomes", [])):
            for si, source in enumerate(raw.get("sources", [])):
                self.ref(source, self.ids("sources"), ("outcomes", index, "sources", si), "source")
            if "id" in raw:
                out[raw["id"]] = Outcome(
                    raw["id"],
                    raw.get("title", ""),
                    raw.get("epilogue", ""),
                    raw.get("speculative", "high"),
                    raw.get("date"),
                    raw.get("historical", False),
                    raw.get("speculation", ""),
                    tuple(raw.get("sources", [])),
                )
        return out

    def build(self, path: str, content_hash: str) -> Scenario | None:
        data = self.data
        version = data.get("format")
        if version is not None and version != FORMAT_VERSION:
            newer = version > FORMAT_VERSION
            self.error(
                "format-version",
                ("format",),
                f"this file is format {version}; this Parley reads format {FORMAT_VERSION}",
                "update Parley to read it" if newer else f"convert it to format {FORMAT_VERSION}",
            )
            return None
        meta = data.get("meta", {})
        start, end = meta.get("start"), meta.get("end")
        if start and end and start > end:
            self.error("bad-date", ("meta", "end"), f"the end ({end}) comes before the start ({start})")
        node_ids, outcome_ids = self.ids("nodes"), self.ids("outcomes")
        for clash in sorted(set(node_ids) & set(outcome_ids)):
            index = node_ids.index(clash)
            self.error(
                "duplicate-id",
                ("nodes", index, "id"),
                f"{clash!r} is both a node and an outcome; 'next' could not tell them apart",
                "rename one of them",
            )
        targets = set(node_ids) | set(outcome_ids)
        self.ref(meta.get("start_node"), node_ids, ("meta", "start_node"), "node")
        self.ref(meta.get("fallback_outcome"), outcome_ids, ("meta", "fallback_outcome"), "outcome")
        if "default_lens" in meta:
            self.ref(meta["default_lens"], self.ids("lenses"), ("meta", "default_lens"), "lens")

        variables = self.variables()
        sources = self.sources()
        actors = self.actors(outcome_ids)
        lenses = self.lenses(variables)
        constraints = self.constraints()
        if not (start and end):
            return None
        nodes = self.nodes(start, targets, self.ids("actors"))
        events = self.events(start, targets)
        outcomes = self.outcomes()
        if not all(k in meta for k in ("id", "title", "start_node", "fallback_outcome")):
            return None
        return Scenario(
            id=meta["id"],
            title=meta["title"],
            summary=meta.get("summary", ""),
            start=start,
            end=end,
            start_node=meta["start_node"],
            fallback_outcome=meta["fallback_outcome"],
            default_lens=meta.get("default_lens") or (next(iter(lenses), "")),
            sources=sources,
            actors=actors,
            variables=variables,
            lenses=lenses,
            constraints=constraints,
            nodes=nodes,
            events=events,
            outcomes=outcomes,
            path=path,
            content_hash=content_hash,
            authors=tuple(meta.get("authors", [])),
        )


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _build(doc: YamlDocument, path: str) -> tuple[Scenario | None, list[Finding]]:
    if doc.root is None:
        return None, doc.findings
    walk = Walk(path)
    walk.enter(doc.root, ())
    data = SCENARIO.convert(doc.root, (), walk)
    if data is None:
        return None, sort_findings(walk.findings)
    scenario = _Builder(data, walk).build(path, _hash(doc.text.encode("utf-8")))
    findings = walk.findings
    if scenario is not None and not has_errors(findings):
        findings.extend(graphcheck.check(scenario, walk))
    return (None if has_errors(findings) else scenario), sort_findings(findings)


def load_text(path: str, text: str) -> tuple[Scenario | None, list[Finding]]:
    """Check and build a scenario from ``text`` said to come from ``path``."""
    return _build(read_document(path, text), path)


def validate_file(path: str) -> tuple[Scenario | None, list[Finding]]:
    """Every finding for the file at ``path``, and the scenario if it has no errors."""
    return _build(read_document(path), path)


def load_scenario(path: str) -> Scenario:
    """The scenario at ``path``, or ``ScenarioError`` listing everything wrong with it."""
    scenario, findings = validate_file(path)
    if scenario is None:
        raise ScenarioError(findings or [Finding(ERROR, "invalid", "the scenario could not be loaded", path)])
    return scenario


__all__ = ["load_scenario", "load_text", "validate_file", "where"]

"""Loading a scenario: read YAML safely, check its shape, resolve references, compile expressions.

``validate_file`` returns every finding; ``load_scenario`` returns a ready ``Scenario`` or raises
``ScenarioError`` carrying those findings. Nothing here raises on bad input otherwise.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from . import graphcheck
from .build_v2 import Format2Parts
from .expr import Value, VarType
from .findings import ERROR, Finding, ScenarioError, has_errors, sort_findings
from .model import Actor, Constraint, Event, Goal, Issue, Lens, Node, Outcome, Scenario, Source, Step, Variable
from .schema import FORMAT_VERSION, FORMATS, MAX_SPAN_DAYS, SCENARIO, Path, Walk, where
from .yamlread import YamlDocument, read_document


class _Builder(Format2Parts):
    """Turns checked plain data into model objects, reporting what only the whole file can show."""

    # -- sections -------------------------------------------------------------------------

    def variables(self) -> dict[str, Variable]:
        out: dict[str, Variable] = {}
        for index, raw in enumerate(self.data.get("variables", [])):
            path: Path = ("variables", index)
            vid, kind = raw.get("id"), raw.get("type")
            if vid is None:
                continue
            vtype = self._var_type(raw, path) if kind is not None else None
            if vtype is None:
                self.broken(("var", vid), path)
                continue
            self.types[vid] = vtype  # known even if the initial value is wrong, so no error cascades
            initial = self.value_for(vtype, raw.get("initial"), path + ("initial",), vid)
            if initial is None:
                self.broken(("var", vid), path)
                continue
            out[vid] = Variable(
                vid,
                vtype,
                initial,
                raw.get("label", vid),
                raw.get("description", ""),
                raw.get("visible", True),
                raw.get("source", ""),
                self.actor_list(raw.get("known_to", []), path + ("known_to",), self.ids("actors")),
                self._drawn(raw, vtype, path),
            )
            self.ref(raw.get("source"), self.ids("sources"), path + ("source",), "source") if "source" in raw else None
        return out

    def _drawn(self, raw: dict[str, Any], vtype: VarType, path: Path) -> bool:
        if raw.get("drawn") and vtype.kind != "int":
            self.error(
                "wrong-type", path + ("drawn",), "only an int variable can be drawn", "give it type: int, min and max"
            )
            return False
        return bool(raw.get("drawn", False))

    def _var_type(self, raw: dict[str, Any], path: Path) -> VarType | None:
        kind = raw["type"]
        if kind == "int":
            if "min" not in raw or "max" not in raw:
                missing = " and ".join(repr(k) for k in ("min", "max") if k not in raw)
                index = self.error(
                    "missing-key",
                    path,
                    f"the int variable {raw['id']!r} needs 'min' and 'max' (it has no {missing})",
                    "add bounds, e.g. min: 0 and max: 10",
                )
                self.walk.folds.root(("var", raw["id"]), index)
                return None
            if raw["min"] > raw["max"]:
                index = self.error(
                    "bad-bounds", path + ("min",), f"min ({raw['min']}) is greater than max ({raw['max']})"
                )
                self.walk.folds.root(("var", raw["id"]), index)
                return None
            if "values" in raw:
                self.warn("unused-key", path + ("values",), "'values' is only for enum variables; it is ignored")
            return VarType("int", minimum=raw["min"], maximum=raw["max"])
        if kind == "enum":
            values = raw.get("values")
            if not values:
                index = self.error(
                    "missing-key",
                    path,
                    f"the enum variable {raw['id']!r} needs 'values'",
                    "list them, e.g. values: [refused, limited, granted]",
                )
                self.walk.folds.root(("var", raw["id"]), index)
                return None
            if len(set(values)) != len(values):
                index = self.error("duplicate-id", path + ("values",), "an enum value is listed twice")
                self.walk.folds.root(("var", raw["id"]), index)
                return None
            return VarType("enum", tuple(values))
        for key in ("min", "max", "values"):
            if key in raw:
                self.warn("unused-key", path + (key,), f"'{key}' does not apply to a bool variable; it is ignored")
        return VarType("bool")

    def sources(self) -> dict[str, Source]:
        return {
            s["id"]: Source(
                s["id"], s.get("citation", ""), s.get("url", ""), s.get("note", ""), self.excerpts(s, ("sources", i))
            )
            for i, s in enumerate(self.data.get("sources", []))
            if "id" in s
        }

    def actors(self, outcome_ids: list[str], issues: dict[str, Issue]) -> dict[str, Actor]:
        out = {}
        actor_ids = self.ids("actors")
        choices = {
            n["id"]: {c["id"] for seat in n.get("sealed", []) for c in seat.get("choices", []) if "id" in c}
            | {c["id"] for c in n.get("choices", []) if "id" in c}
            for n in self.data.get("nodes", [])
            if "id" in n
        }
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
            briefing, briefing_parts = self.rich(raw.get("briefing"), path + ("briefing",), actor_ids)
            if "id" in raw:
                out[raw["id"]] = Actor(
                    raw["id"],
                    raw.get("name", raw["id"]),
                    raw.get("short", raw.get("name", "")),
                    tuple(raw.get("leaders", [])),
                    raw.get("colour", "#777777"),
                    raw.get("seat", "table"),
                    raw.get("description", ""),
                    briefing,
                    tuple(goals),
                    briefing_parts,
                    self.valuation(raw, path, issues),
                    self.objectives(raw, path, outcome_ids),
                    self.disposition(raw, path, choices),
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
            draws: dict[str, tuple[int, int]] = {}
            for vid, bounds in raw.get("draws", {}).items():
                dpath = path + ("draws", vid)
                if not self.ref(vid, [v.id for v in variables.values() if v.drawn], dpath, "drawn variable"):
                    continue
                vtype = variables[vid].type
                lo, hi = (bounds + [0, 0])[:2]
                if len(bounds) != 2 or not vtype.minimum <= lo <= hi <= vtype.maximum:
                    self.error(
                        "out-of-range",
                        dpath,
                        f"a draw is [lowest, highest] within {vtype.minimum}..{vtype.maximum}, not {bounds}",
                    )
                    continue
                draws[vid] = (lo, hi)
            if "id" in raw:
                out[raw["id"]] = Lens(
                    raw["id"], raw.get("name", ""), raw.get("text", ""), raw.get("source", ""), values, draws
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

    def step(
        self, raw: dict[str, Any], path: Path, targets: set[str], chance: bool, sealed: bool = False
    ) -> Step | None:
        if not sealed:
            self.ref(raw.get("next"), targets, path + ("next",), "node or outcome")
        if "source" in raw:
            self.ref(raw["source"], self.ids("sources"), path + ("source",), "source")
        constraint_ids = raw.get("constraints", [])
        for ci, cid in enumerate(constraint_ids):
            self.ref(cid, self.ids("constraints"), path + ("constraints", ci), "constraint")
        condition = self.expr(raw.get("if"), path + ("if",), "bool") if "if" in raw else None
        weight = self.expr(raw.get("weight"), path + ("weight",), "int") if chance else None
        effects = self.effects(raw.get("effects", []), path)
        text, text_parts = self.rich(raw.get("text"), path + ("text",), self.ids("actors"))
        if "id" not in raw or ("next" not in raw and not sealed):
            return None
        line = self.walk.at(path)[0]
        return Step(
            raw["id"],
            raw.get("label", raw["id"]),
            raw.get("next", ""),
            text,
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
            text_parts,
            raw.get("stays_blocked", False),
        )

    def nodes(
        self, start: dt.date, targets: set[str], actor_ids: list[str], issues: dict[str, Issue]
    ) -> dict[str, Node]:
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
            text, text_parts = self.rich(raw.get("text"), path + ("text",), actor_ids)
            negotiation = (
                self.negotiation(raw["negotiation"], path + ("negotiation",), targets, actor_ids, issues)
                if "negotiation" in raw
                else None
            )
            sealed = self.sealed(raw.get("sealed", []), path + ("sealed",), targets, actor_ids)
            resolve = self.resolve(raw.get("resolve", []), path + ("resolve",), targets, actor_ids)
            if "id" not in raw or "date" not in raw:
                continue
            out[raw["id"]] = Node(
                raw["id"],
                raw["date"],
                (raw["date"] - start).days,
                "" if is_chance else raw.get("actor", ""),
                raw.get("title", ""),
                text,
                tuple(raw.get("sources", [])),
                tuple(raw.get("map", [])),
                () if is_chance else tuple(steps),
                tuple(steps) if is_chance else (),
                self.walk.at(path)[0],
                text_parts,
                negotiation,
                sealed,
                resolve,
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
            text, text_parts = self.rich(raw.get("text"), path + ("text",), self.ids("actors"))
            out.append(
                Event(
                    raw["id"],
                    raw.get("title", ""),
                    text,
                    date,
                    (date - start).days if date else None,
                    raw.get("if", ""),
                    condition,
                    effects,
                    tuple(raw.get("effects", [])),
                    raw.get("goto", ""),
                    raw.get("historical", False),
                    raw.get("source", ""),
                    self.actor_list(raw.get("known_to", []), path + ("known_to",), self.ids("actors")),
                    text_parts,
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
            epilogue, parts = self.rich(raw.get("epilogue"), ("outcomes", index, "epilogue"), self.ids("actors"))
            if "id" in raw:
                out[raw["id"]] = Outcome(
                    raw["id"],
                    raw.get("title", ""),
                    epilogue,
                    raw.get("speculative", "high"),
                    raw.get("date"),
                    raw.get("historical", False),
                    raw.get("speculation", ""),
                    tuple(raw.get("sources", [])),
                    parts,
                    self.debrief_questions(raw, ("outcomes", index)),
                )
        return out

    def build(self, path: str, content_hash: str) -> Scenario | None:
        data = self.data
        version = data.get("format")
        if version is not None and version not in FORMATS:
            newer = version > FORMAT_VERSION
            self.error(
                "format-version",
                ("format",),
                f"this file is format {version}; this Parley reads formats {' and '.join(map(str, FORMATS))}",
                "update Parley to read it" if newer else f"convert it to format {FORMAT_VERSION}",
            )
            return None
        if version == 1:
            self.refuse_format2()
        meta = data.get("meta", {})
        start, end = meta.get("start"), meta.get("end")
        if start and end and start > end:
            self.error("bad-date", ("meta", "end"), f"the end ({end}) comes before the start ({start})")
        elif start and end and (end - start).days > MAX_SPAN_DAYS:
            self.error(
                "bad-date",
                ("meta", "end"),
                f"the scenario lasts {(end - start).days:,} days; the limit is {MAX_SPAN_DAYS:,} (about a century)",
            )
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
        issues, issue_variables = self.issues()
        variables.update(issue_variables)
        sources = self.sources()
        actors = self.actors(outcome_ids, issues)
        lenses = self.lenses(variables)
        constraints = self.constraints()
        if not (start and end):
            return None
        nodes = self.nodes(start, targets, self.ids("actors"), issues)
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
            invented=meta.get("invented") is True,
            format=version or 1,
            issues=issues,
            knowledge=self.knowledge(self.ids("actors")),
            renames=self.renames(),
            map_features=_map_features(meta.get("map")),
            timeline=self.timeline(start),
        )


def _map_features(named: object) -> tuple[str, ...]:
    """The feature ids ``meta.map`` names, kind by kind, in file order (the schema checked them)."""
    if not isinstance(named, dict):
        return ()
    return tuple(f for ids in named.values() if isinstance(ids, list) for f in ids if isinstance(f, str))


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
    _fold_under_duplicates(walk)
    return (None if has_errors(findings) else scenario), walk.folds.apply(findings)


def _fold_under_duplicates(walk: Walk) -> None:
    """References to a node or outcome nobody defines, while a node or outcome id is used twice, most
    likely name the copy whose id was not changed: fold them under the duplicate, and say so."""
    duplicate = next((index for where_, index in walk.duplicates if where_ in (("nodes",), ("outcomes",))), None)
    if duplicate is None:
        return
    for name in walk.folds.pending("target"):
        if ("id", name) not in walk.folds.roots:
            walk.folds.root(
                ("target", name), duplicate, f"perhaps the copy should be {name!r}, named by {{n}} reference{{s}}"
            )


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

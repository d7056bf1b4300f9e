"""Building the format-2 parts of a scenario: issues, confidential values, objectives, dispositions,
negotiation and sealed-move nodes, private knowledge, text that varies, and what the classroom pack
prints before play (sources' excerpts, the timeline to the start).

Every method reports problems as findings through ``BuilderBase`` and returns what it could build,
so one mistake never hides the rest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from .build_base import BuilderBase
from .expr import VarType
from .model import (
    Bonus,
    Dated,
    Disposition,
    Excerpt,
    HistoricalMove,
    Issue,
    IssueOption,
    Knowledge,
    Negotiation,
    Objective,
    Outlet,
    SealedSeat,
    Step,
    TermRule,
    TextPart,
    Valuation,
    Variable,
)
from .schema import Path

# Keys only format 2 understands, by the section they appear in (checked in format-1 files).
FORMAT2_KEYS: Mapping[str, tuple[str, ...]] = {
    "": ("issues", "knowledge", "timeline"),
    "sources": ("excerpts",),
    "actors": ("values", "bonuses", "walk_away", "objectives", "disposition"),
    "variables": ("known_to", "drawn"),
    "lenses": ("draws",),
    "nodes": ("negotiation", "sealed", "resolve"),
    "events": ("known_to",),
    "outcomes": ("debrief_questions",),
}
OUTCOME_NAME = "outcome"  # the ending's id, readable by objectives
QUOTE_WORDS = 60  # the longest quotation an excerpt may hold: a short one, attributed; summarise the rest


class Format2Parts(BuilderBase):
    """The format-2 sections; ``loader._Builder`` adds the format-1 ones."""

    def step(
        self, raw: dict[str, Any], path: Path, targets: set[str], chance: bool, sealed: bool = False
    ) -> Step | None:
        raise NotImplementedError  # supplied by the loader's builder

    # -- format 1 files ------------------------------------------------------------------------

    def refuse_format2(self) -> None:
        """In a format-1 file, each format-2 key is an error that says how to opt in."""
        hint = "write 'format: 2' at the top to use it"
        for key in FORMAT2_KEYS[""]:
            if key in self.data:
                self.error("needs-format-2", (key,), f"'{key}' is part of format 2", hint)
        for section, keys in FORMAT2_KEYS.items():
            for index, raw in enumerate(self.data.get(section, []) if section else []):
                for key in keys:
                    if isinstance(raw, dict) and key in raw:
                        self.error("needs-format-2", (section, index, key), f"'{key}' is part of format 2", hint)
        texts = [("actors", "briefing"), ("nodes", "text"), ("events", "text"), ("outcomes", "epilogue")]
        for section, key in texts:
            for index, raw in enumerate(self.data.get(section, [])):
                if isinstance(raw, dict) and isinstance(raw.get(key), list):
                    self.error(
                        "needs-format-2", (section, index, key), "text as a list of paragraphs is format 2", hint
                    )
        for index, raw in enumerate(self.data.get("nodes", [])):
            for si, step in enumerate(raw.get("choices", []) + raw.get("chance", [])):
                if isinstance(step.get("text"), list):
                    where = ("nodes", index, "choices" if si < len(raw.get("choices", [])) else "chance")
                    self.error("needs-format-2", (*where, si, "text"), "text as a list of paragraphs is format 2", hint)
            for si, choice in enumerate(raw.get("choices", [])):
                if "stays_blocked" in choice:
                    self.error(
                        "needs-format-2",
                        ("nodes", index, "choices", si, "stays_blocked"),
                        "'stays_blocked' is part of format 2",
                        hint,
                    )
            for si, branch in enumerate(raw.get("chance", [])):
                if "if" in branch:
                    self.error(
                        "needs-format-2",
                        ("nodes", index, "chance", si, "if"),
                        "a branch's 'if' is part of format 2",
                        hint,
                    )

    # -- endings -------------------------------------------------------------------------------

    def debrief_questions(self, raw: dict[str, Any], path: Path) -> tuple[str, ...]:
        """An ending's questions for the debrief, each once (a repeated one is a slip, warned about)."""
        out: list[str] = []
        for index, question in enumerate(raw.get("debrief_questions") or []):
            if not isinstance(question, str) or not question.strip():
                continue  # the schema has reported it
            text = " ".join(question.split())
            if text in out:
                self.warn(
                    "duplicate-question",
                    path + ("debrief_questions", index),
                    "this debrief question is asked twice for the same ending",
                    "remove the copy",
                )
                continue
            out.append(text)
        return tuple(out)

    # -- text that varies -----------------------------------------------------------------------

    def rich(self, value: Any, path: Path, actor_ids: list[str]) -> tuple[str, tuple[TextPart, ...]]:
        """(the text everyone always sees, every part) for a text field; parts only for lists."""
        if value is None:
            return "", ()
        if isinstance(value, str):
            return value, ()
        parts: list[TextPart] = []
        for index, item in enumerate(value):
            ppath = path + (index,)
            if isinstance(item, str):
                parts.append(TextPart(item.strip()))
                continue
            condition = self.expr(item.get("if"), ppath + ("if",), "bool") if "if" in item else None
            known = self.actor_list(item.get("known_to", []), ppath + ("known_to",), actor_ids)
            parts.append(TextPart(str(item.get("text", "")).strip(), item.get("if", ""), condition, known))
        plain = "\n\n".join(p.text for p in parts if p.condition is None and not p.condition_text and not p.known_to)
        return plain, tuple(parts)

    def actor_list(self, ids: list[str], path: Path, actor_ids: list[str]) -> tuple[str, ...]:
        return tuple(a for i, a in enumerate(ids) if self.ref(a, actor_ids, path + (i,), "actor"))

    # -- issues ---------------------------------------------------------------------------------

    def issues(self) -> tuple[dict[str, Issue], dict[str, Variable]]:
        """The issues, and the enum variable each one is (registered so expressions can read it)."""
        issues: dict[str, Issue] = {}
        variables: dict[str, Variable] = {}
        declared = set(self.ids("variables"))
        for index, raw in enumerate(self.data.get("issues", [])):
            path: Path = ("issues", index)
            iid = raw.get("id")
            options = tuple(
                IssueOption(o["id"], o.get("label", o["id"]), o.get("text", ""))
                for o in raw.get("options", [])
                if "id" in o
            )
            if iid is None:
                continue
            if len(options) < 2:
                self.broken(("var", iid), path)
                continue
            if iid in declared:
                index = self.error(
                    "duplicate-id",
                    path + ("id",),
                    f"{iid!r} is both an issue and a variable; an issue is a variable already",
                    "remove the variable, or rename one of them",
                )
                self.walk.folds.root(("var", iid), index)
                continue
            ids = [o.id for o in options]
            initial = raw.get("initial", ids[0])
            if not self.ref(initial, ids, path + ("initial",), "option"):
                initial = ids[0]
            if "source" in raw:
                self.ref(raw["source"], self.ids("sources"), path + ("source",), "source")
            vtype = VarType("enum", tuple(ids))
            self.types[iid] = vtype
            issues[iid] = Issue(
                iid, raw.get("title", iid), raw.get("description", ""), options, initial, raw.get("source", "")
            )
            variables[iid] = Variable(iid, vtype, initial, raw.get("title", iid), raw.get("description", ""))
        return issues, variables

    # -- what actors want -------------------------------------------------------------------------

    def valuation(self, raw: dict[str, Any], path: Path, issues: Mapping[str, Issue]) -> Valuation:
        points: dict[str, dict[str, Any]] = {}
        texts: dict[str, dict[str, str]] = {}
        for iid, options in raw.get("values", {}).items():
            ipath = path + ("values", iid)
            if not self.ref(iid, list(issues), ipath, "issue"):
                continue
            known = [o.id for o in issues[iid].options]
            for oid, text in options.items():
                opath = ipath + (oid,)
                if not self.ref(oid, known, opath, f"option of {iid}"):
                    continue
                fn = self.expr(text, opath, "int")
                if fn is not None:
                    points.setdefault(iid, {})[oid] = fn
                    texts.setdefault(iid, {})[oid] = text
        bonuses = []
        for bi, bonus in enumerate(raw.get("bonuses", [])):
            fn = self.expr(bonus.get("if"), path + ("bonuses", bi, "if"), "bool")
            if fn is not None:
                bonuses.append(Bonus(bonus.get("text", ""), bonus.get("points", 0), bonus["if"], fn))
        walk_text = raw.get("walk_away")
        walk_fn = self.expr(walk_text, path + ("walk_away",), "int") if walk_text is not None else None
        return Valuation(points, texts, tuple(bonuses), walk_text or "0", walk_fn)

    def objectives(self, raw: dict[str, Any], path: Path, outcome_ids: list[str]) -> tuple[Objective, ...]:
        """Objectives read the state and ``outcome`` (the ending's id), compiled against both."""
        types = dict(self.types)
        types[OUTCOME_NAME] = VarType("enum", tuple(outcome_ids))
        out = []
        for index, item in enumerate(raw.get("objectives", [])):
            opath = path + ("objectives", index)
            text = item.get("if")
            if text is None or "id" not in item:
                continue
            fn = self.expr_with(text, opath + ("if",), "bool", types)
            if fn is not None:
                out.append(
                    Objective(
                        item["id"], item.get("text", ""), item.get("points", 0), text, fn, item.get("secret", False)
                    )
                )
        return tuple(out)

    def disposition(self, raw: dict[str, Any], path: Path, choices: Mapping[str, set[str]]) -> Disposition:
        """Choices named ``node.choice``, checked against the nodes."""
        spec = raw.get("disposition", {})
        found: dict[str, frozenset[tuple[str, str]]] = {}
        for key in ("never", "tends"):
            refs = set()
            for index, text in enumerate(spec.get(key, [])):
                rpath = path + ("disposition", key, index)
                node, dot, choice = str(text).partition(".")
                if not dot:
                    self.error("bad-ref", rpath, f"{text!r} does not name a choice", "write node_id.choice_id")
                    continue
                if self.ref(node, list(choices), rpath, "node") and self.ref(
                    choice, sorted(choices[node]), rpath, f"choice of {node}"
                ):
                    refs.add((node, choice))
            found[key] = frozenset(refs)
        return Disposition(found["never"], found["tends"], spec.get("accept_margin", 0))

    # -- negotiation and sealed nodes ---------------------------------------------------------------

    def outlet(self, raw: dict[str, Any], path: Path, targets: set[str], actor_ids: list[str]) -> Outlet | None:
        self.ref(raw.get("next"), targets, path + ("next",), "node or outcome")
        if "source" in raw:
            self.ref(raw["source"], self.ids("sources"), path + ("source",), "source")
        condition = self.expr(raw.get("if"), path + ("if",), "bool") if "if" in raw else None
        effects = self.effects(raw.get("effects", []), path)
        text, parts = self.rich(raw.get("text"), path + ("text",), actor_ids)
        if "next" not in raw:
            return None
        return Outlet(
            raw["next"],
            text,
            effects,
            tuple(raw.get("effects", [])),
            raw.get("days", 0),
            raw.get("if", ""),
            condition,
            raw.get("historical", False),
            raw.get("source", ""),
            parts,
        )

    def negotiation(
        self, raw: dict[str, Any], path: Path, targets: set[str], actor_ids: list[str], issues: Mapping[str, Issue]
    ) -> Negotiation | None:
        parties = self.actor_list(raw.get("parties", []), path + ("parties",), actor_ids)
        if len(set(parties)) != len(parties):
            self.error("duplicate-id", path + ("parties",), "a party is listed twice")
        if len(parties) < 2:
            self.error("too-few", path + ("parties",), "a negotiation needs at least two parties")
        talked = tuple(
            i for n, i in enumerate(raw.get("issues", [])) if self.ref(i, list(issues), path + ("issues", n), "issue")
        )
        opener = raw.get("opener", parties[0] if parties else "")
        if "opener" in raw and opener not in parties:
            self.error(
                "bad-ref",
                path + ("opener",),
                f"the opener {opener!r} is not one of the parties",
                f"the parties are: {', '.join(parties)}",
            )
        needs_raw = raw.get("needs", "all")
        if isinstance(needs_raw, list):
            needs = self.actor_list(needs_raw, path + ("needs",), list(parties))
            count = len(needs)
        elif isinstance(needs_raw, dict):
            needs, count = parties, int(needs_raw.get("count", len(parties)))
            if count > len(parties):
                self.error(
                    "out-of-range",
                    path + ("needs", "count"),
                    f"{count} parties cannot accept: there are {len(parties)}",
                )
        else:
            needs, count = parties, len(parties)
        rules = []
        for index, rule in enumerate(raw.get("rules", [])):
            rpath = path + ("rules", index)
            self.ref(rule.get("constraint"), self.ids("constraints"), rpath + ("constraint",), "constraint")
            bound = self.actor_list(rule.get("actors", []), rpath + ("actors",), list(parties))
            fn = self.expr(rule.get("terms"), rpath + ("terms",), "bool")
            if fn is not None and "constraint" in rule:
                rules.append(TermRule(rule["constraint"], rule.get("forbids", "deal"), rule["terms"], fn, bound))
        history = []
        for index, move in enumerate(raw.get("history", [])):
            hpath = path + ("history", index)
            if not self.ref(move.get("actor"), list(parties), hpath + ("actor",), "party"):
                continue
            self.ref(move.get("source"), self.ids("sources"), hpath + ("source",), "source")
            terms = self.package(move.get("terms", {}), hpath + ("terms",), talked, issues)
            kind = move.get("move", "reject")
            if kind in ("propose", "counter") and len(terms) != len(talked):
                self.error(
                    "missing-key", hpath + ("terms",), f"a {kind} names an option for every issue: {', '.join(talked)}"
                )
            history.append(HistoricalMove(move["actor"], kind, terms, move.get("text", ""), move.get("source", "")))
        deal = self.outlet(raw.get("deal", {}), path + ("deal",), targets, actor_ids)
        no_deal = self.outlet(raw.get("no_deal", {}), path + ("no_deal",), targets, actor_ids)
        if deal is None or no_deal is None or not parties or not talked:
            return None
        return Negotiation(
            parties, talked, opener, raw.get("rounds", 3), needs, count, tuple(rules), deal, no_deal, tuple(history)
        )

    def package(
        self, terms: dict[str, str], path: Path, talked: tuple[str, ...], issues: Mapping[str, Issue]
    ) -> dict[str, str]:
        out = {}
        for iid, oid in terms.items():
            if not self.ref(iid, list(talked), path + (iid,), "issue at this table"):
                continue
            if self.ref(oid, [o.id for o in issues[iid].options], path + (iid,), f"option of {iid}"):
                out[iid] = oid
        return out

    def sealed(
        self, raw: list[dict[str, Any]], path: Path, targets: set[str], actor_ids: list[str]
    ) -> tuple[SealedSeat, ...]:
        seats = []
        seen: set[str] = set()
        for index, seat in enumerate(raw):
            spath = path + (index,)
            actor = seat.get("actor")
            if not isinstance(actor, str) or not self.ref(actor, actor_ids, spath + ("actor",), "actor"):
                continue
            if actor in seen:
                self.error("duplicate-id", spath + ("actor",), f"{actor!r} has two seats in this sealed move")
                continue
            seen.add(actor)
            steps = []
            for ci, choice in enumerate(seat.get("choices", [])):
                step = self.step(choice, spath + ("choices", ci), targets, False, sealed=True)
                if step is not None:
                    steps.append(step)
            known = self.actor_list(seat.get("known_to", []), spath + ("known_to",), actor_ids)
            seats.append(SealedSeat(actor, tuple(steps), tuple(known)))
        return tuple(seats)

    def resolve(
        self, raw: list[dict[str, Any]], path: Path, targets: set[str], actor_ids: list[str]
    ) -> tuple[Outlet, ...]:
        outlets = [self.outlet(item, path + (i,), targets, actor_ids) for i, item in enumerate(raw)]
        if raw and "if" in raw[-1]:
            self.warn(
                "no-fallback",
                path + (len(raw) - 1, "if"),
                "the last 'resolve' entry has an 'if': when no condition holds, the game ends in the fallback outcome",
                "leave the 'if' off the last entry",
            )
        return tuple(o for o in outlets if o is not None)

    # -- renames ------------------------------------------------------------------------------------

    def renames(self) -> dict[str, dict[str, str]]:
        """Earlier ids by kind (``was``), mapped to today's. Steps are keyed ``node.old`` and options
        ``issue.old``, since their ids are unique only within their node or issue."""
        out: dict[str, dict[str, str]] = {}

        def note(kind: str, scope: str, item: dict[str, Any], path: Path, current: set[str]) -> None:
            for index, old in enumerate(item.get("was", [])):
                key = f"{scope}.{old}" if scope else old
                table = out.setdefault(kind, {})
                if old in current:
                    self.error(
                        "duplicate-id",
                        path + ("was", index),
                        f"{old!r} is still in use here; it cannot be an earlier id",
                    )
                elif key in table:
                    self.error("duplicate-id", path + ("was", index), f"{old!r} is named as an earlier id twice")
                else:
                    table[key] = item["id"]

        for kind, section in (("actor", "actors"), ("variable", "variables"), ("lens", "lenses"), ("issue", "issues")):
            current = set(self.ids(section))
            for index, item in enumerate(self.data.get(section, [])):
                if "id" in item:
                    note(kind, "", item, (section, index), current)
        targets = set(self.ids("nodes")) | set(self.ids("outcomes"))
        for section in ("nodes", "outcomes"):
            for index, item in enumerate(self.data.get(section, [])):
                if "id" in item:
                    note("target", "", item, (section, index), targets)
        for index, node in enumerate(self.data.get("nodes", [])):
            if "id" not in node:
                continue
            seats = [("choices", node.get("choices", [])), ("chance", node.get("chance", []))]
            seats += [(f"sealed.{n}", seat.get("choices", [])) for n, seat in enumerate(node.get("sealed", []))]
            ids = {c["id"] for _, steps in seats for c in steps if "id" in c}
            for key, steps in seats:
                for si, step in enumerate(steps):
                    if "id" in step:
                        note("step", node["id"], step, ("nodes", index, *key.split("."), si), ids)
        for index, issue in enumerate(self.data.get("issues", [])):
            ids = {o["id"] for o in issue.get("options", []) if "id" in o}
            for oi, option in enumerate(issue.get("options", [])):
                if "id" in option and "id" in issue:
                    note("option", issue["id"], option, ("issues", index, "options", oi), ids)
        return out

    # -- private knowledge ------------------------------------------------------------------------

    def knowledge(self, actor_ids: list[str]) -> tuple[Knowledge, ...]:
        out = []
        for index, raw in enumerate(self.data.get("knowledge", [])):
            path: Path = ("knowledge", index)
            known = self.actor_list(raw.get("known_to", []), path + ("known_to",), actor_ids)
            condition = self.expr(raw.get("if"), path + ("if",), "bool") if "if" in raw else None
            if "source" in raw:
                self.ref(raw["source"], self.ids("sources"), path + ("source",), "source")
            if "id" in raw:
                out.append(
                    Knowledge(
                        raw["id"], raw.get("text", ""), known, raw.get("source", ""), raw.get("if", ""), condition
                    )
                )
        return tuple(out)

    # -- before play: excerpts and the timeline ---------------------------------------------------

    def excerpts(self, raw: dict[str, Any], path: Path) -> tuple[Excerpt, ...]:
        """A source's excerpts; a quotation longer than ``QUOTE_WORDS`` is an error (summarise instead)."""
        out = []
        for index, item in enumerate(raw.get("excerpts", [])):
            if not isinstance(item, dict) or "text" not in item:
                continue
            text = " ".join(str(item["text"]).split())
            if item.get("quote") and len(text.split()) > QUOTE_WORDS:
                self.error(
                    "long-quotation",
                    path + ("excerpts", index, "text"),
                    f"a quotation of {len(text.split())} words: an excerpt quotes at most {QUOTE_WORDS}",
                    "quote the key sentence and summarise the rest in another excerpt (without 'quote: true')",
                )
            out.append(Excerpt(text, item.get("quote") is True, item.get("who", ""), item.get("where", "")))
        return tuple(out)

    def timeline(self, start: dt.date) -> tuple[Dated, ...]:
        """The dated road to the start, sorted by date. An event on or after the start is an error: the
        background is read before play, and the game's own days are for the game to tell."""
        out = []
        for index, raw in enumerate(self.data.get("timeline", [])):
            path: Path = ("timeline", index)
            sources = raw.get("sources", [])
            for si, source in enumerate(sources):
                self.ref(source, self.ids("sources"), path + ("sources", si), "source")
            date = raw.get("date")
            if not isinstance(date, dt.date) or "text" not in raw:
                continue
            if date >= start:
                self.error(
                    "timeline-after-start",
                    path + ("date",),
                    f"the timeline's {date} is not before the start ({start}): it is read before play",
                    "keep the game's own days for the game; end the timeline before meta.start",
                )
                continue
            out.append(Dated(date, " ".join(str(raw["text"]).split()), tuple(sources), raw.get("when", "")))
        return tuple(sorted(out, key=lambda d: d.date))

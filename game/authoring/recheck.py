"""Checking a scenario again after each save, reusing what play can do when only prose changed.

Most of a check's time goes to exploring every state and playing random games (``check.Play``).
What they find depends on the scenario's rules (variables, conditions, effects, values, weights,
dates) and the labels its paths print, but not on its prose: narration and every other ``text``,
briefings, epilogues, sources, speculation, knowledge lines, descriptions. ``Rechecker`` keeps the
last exploration with a fingerprint of the file without its prose; a save that changed only prose
(the usual edit of a historical scenario) is reported again from it at once, with every finding
placed at its line in the file as it is now and the narration's weekdays read afresh. Any other
change explores again, keeping what bargaining at the tables gave if the tables did not change;
``WatchedCheck`` first prints what is already certain of that exploration's answer (``firstlook``).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..engine import validate_file
from ..engine.model import Scenario
from ..engine.yamlread import Loader
from . import tables
from .check import CheckReport, Play, explore_play, report
from .firstlook import first_look
from .validate import finding_lines, verdict
from .watch import Early, Line, Stage

# Keys whose values play never reads and a check prints only from the file as it is now: ``text`` is
# the prose of nodes, choices, events, outlets and paragraphs everywhere (what a path prints is ``label``).
PROSE = frozenset(
    {"text", "narration", "briefing", "epilogue", "description", "sources", "source", "speculation", "knowledge"}
)
_SECONDS = re.compile(r"in [0-9.]+ s")  # the time a summary gives, left out of what identifies its line


# Mappings whose keys are ids the author chose (a variable may be called 'text'), with how many levels
# of them: an actor's values map issues, then options; a lens sets variables; a move's terms map issues.
ID_KEYED = {"values": 2, "set": 1, "draws": 1, "terms": 1, "map": 1}


def _without_prose(data: object, ids: int = 0) -> object:
    """``data`` without its prose keys (``ids``: levels of mappings here whose keys are ids)."""
    if isinstance(data, dict):
        if ids:
            return {str(k): _without_prose(v, ids - 1) for k, v in data.items()}
        return {str(k): _without_prose(v, ID_KEYED.get(str(k), 0)) for k, v in data.items() if k not in PROSE}
    if isinstance(data, list):
        return [_without_prose(item) for item in data]
    return data


def _hash(data: object) -> str:
    encoded = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Fingerprint:
    """Hashes of a scenario file without its prose (comments and layout never count): all of it, and
    the parts bargaining at the tables reads (issues, actors, constraints, variables, negotiations)."""

    play: str
    tables: str


def fingerprint(text: str) -> Fingerprint:
    """The fingerprint of a scenario file's text ("" hashes for one that is not a readable mapping)."""
    try:
        data = _without_prose(yaml.load(text, Loader=Loader))
    except yaml.YAMLError:
        return Fingerprint("", "")
    if not isinstance(data, dict):
        return Fingerprint("", "")  # not a scenario (or not read): never the same as another
    nodes = data.get("nodes")
    negotiations = [n for n in nodes if isinstance(n, dict) and "negotiation" in n] if isinstance(nodes, list) else []
    parts = {key: data.get(key) for key in ("issues", "actors", "constraints", "variables")}
    return Fingerprint(_hash(data), _hash([parts, negotiations]))


@dataclass
class Rechecker:
    """Checks one file again and again, exploring again only when something beyond prose changed,
    and then keeping what bargaining gave when the tables did not change (``tables.Memo``)."""

    lens: str | None = None
    explored: int = 0  # how many times play was explored (the other checks reused it)
    last: CheckReport | None = field(default=None, repr=False)  # the latest check reported
    _key: tuple[str, str, str | None] = ("", "", None)
    _tables: tuple[str, str] = ("", "")
    _play: Play | None = field(default=None, repr=False)
    _fresh: tuple[tuple[str, str], tables.Memo] | None = field(default=None, repr=False)

    def explores(self, scenario: Scenario, text: str) -> bool:
        """Whether checking ``scenario`` (its file reading ``text``) explores again: rules changed."""
        found = fingerprint(text)
        return self._play is None or (scenario.path, found.play, self.lens) != self._key or not found.play

    def memo(self, scenario: Scenario, text: str) -> tables.Memo:
        """What bargaining gave in the last check, when the tables of ``scenario`` did not change;
        else a new memo, the same one for the first look and the check of this version."""
        found = fingerprint(text)
        key = (scenario.path, found.tables)
        if self._play is not None and found.tables and key == self._tables:
            return self._play.memo.carried_to(scenario)
        if self._fresh is None or self._fresh[0] != key or self._fresh[1].scenario is not scenario:
            self._fresh = (key, tables.Memo(scenario))
        return self._fresh[1]

    def check(self, scenario: Scenario, text: str) -> CheckReport:
        """The check of ``scenario``, whose file reads ``text``."""
        if self.explores(scenario, text):
            memo = self.memo(scenario, text)
            self._play = explore_play(scenario, self.lens, memo=memo)
            found = fingerprint(text)
            self._key, self._tables = (scenario.path, found.play, self.lens), (scenario.path, found.tables)
            self.explored += 1
        assert self._play is not None
        self.last = report(scenario, self._play, text)
        return self.last


class WatchedCheck:
    """The stages of ``check --watch``: the file's validation, printed at once, then after a save that
    changes rules what is certain of the check's answer (``firstlook``), then the check."""

    def __init__(self, path: str, lens: str | None = None) -> None:
        self.path = path
        self.lens = lens
        self.rechecker = Rechecker()
        self._scenario: Scenario | None = None
        self._text = ""
        self._lines: list[Line] = []  # what the latest check said

    def stages(self) -> list[Stage | Early]:
        """What ``watch`` runs after each save: validation, the check's first look, the check."""
        return [self.validation, Early(self.first_look), self.check]

    def validation(self) -> tuple[list[Line], str]:
        scenario, findings = validate_file(self.path)
        self._scenario = scenario
        if scenario is not None:
            try:
                self._text = Path(self.path).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                self._text = ""
        return finding_lines(findings), "validation: " + verdict(findings)

    def first_look(self) -> tuple[list[Line], str] | None:
        """Before a check that explores again, the last check's lines changed where the change is
        certain (``firstlook``); None when there is no last check, or nothing to explore again."""
        scenario, last = self._scenario, self.rechecker.last
        if scenario is None or last is None:
            return None
        self.rechecker.lens = self.lens if self.lens in scenario.lenses else None
        if not self.rechecker.explores(scenario, self._text):
            return None  # the check itself is as quick
        look = first_look(scenario, self._text, last, self.rechecker.memo(scenario, self._text), self.rechecker.lens)
        gone = {key for key, _ in finding_lines(look.gone)}
        kept = [line for line in self._lines if line[0] not in gone]
        had = {key for key, _ in kept}
        new = [line for line in finding_lines(look.new) if line[0] not in had]  # not one that only moved
        fixed = len(self._lines) - len(kept)
        said = f"{len(new)} new, {fixed} fixed" if new or fixed else "nothing certain yet"
        return kept + new, f"check, first look: {said}; exploring for the rest"

    def check(self) -> tuple[list[Line], str] | None:
        """The check's own findings and summary; None while the file has errors."""
        scenario = self._scenario
        if scenario is None:
            return None
        self.rechecker.lens = self.lens if self.lens in scenario.lenses else None
        result = self.rechecker.check(scenario, self._text)
        summary: list[Line] = [(_SECONDS.sub("in _ s", line), line) for line in result.summary_lines()]
        self._lines = finding_lines(result.findings) + summary
        return self._lines, "check: " + verdict(result.findings)

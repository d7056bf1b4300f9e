"""Reading YAML safely: size, encoding, depth, alias and tag limits, then a composed node tree.

The tree keeps every node's line and column, so later checks can point at the exact place. Only
``CSafeLoader``/``SafeLoader`` are used, tags are refused, and the limits are checked on the event
stream before any tree is built, so an alias bomb or a 50 MB file is refused in milliseconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from .findings import ERROR, Finding
from .indentation import Reindent, find_reindent
from .safefile import FileProblem, read_regular

Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64
MAX_ALIASES = 100
MAX_EVENTS = 2_000_000
MAX_EXPANDED = 1_000_000  # items the document would have with every alias written out
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # C0 controls but tab and line breaks, and DEL

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:timestamp",
}


@dataclass
class YamlDocument:
    """A composed YAML tree (or None) and the problems found while reading it."""

    root: yaml.Node | None
    text: str = ""
    findings: list[Finding] = field(default_factory=list)


def _err(file: str, code: str, message: str, line: int = 0, col: int = 0, hint: str = "") -> Finding:
    return Finding(ERROR, code, message, file, line, col, hint)


def read_bytes(path: str) -> tuple[bytes | None, Finding | None]:
    """Read at most MAX_BYTES + 1 bytes of a regular file through the one guarded reader, so a huge
    file is refused without loading it all and a pipe or device never blocks the reader."""
    try:
        return read_regular(path, MAX_BYTES, "scenario file"), None
    except FileProblem as exc:
        if exc.kind == "missing":
            return None, _err(path, "file-missing", "no such file", hint="check the path")
        if exc.kind == "too-large":
            return None, _err(
                path,
                "file-too-large",
                f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB, the limit for a scenario",
                1,
                1,
                "split it, or remove what is not a scenario",
            )
        return None, _err(path, "file-unreadable", str(exc))


def decode(data: bytes, file: str) -> tuple[str | None, Finding | None]:
    """UTF-8 text, or a finding that says where the first bad byte is."""
    if b"\x00" in data[:8192]:
        return None, _err(file, "not-text", "this is a binary file, not YAML text", 1, 1)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, _err(
            file, "not-utf8", f"byte 0x{data[exc.start]:02x} is not UTF-8 text", line, col, "save the file as UTF-8"
        )
    return text.lstrip("\ufeff"), None


def control_character(text: str, file: str) -> Finding | None:
    """The first control character (other than tab and line breaks), where it really is."""
    bad = _CONTROL.search(text)
    if bad is None:
        return None
    line = text.count("\n", 0, bad.start()) + 1
    col = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
    return _err(
        file,
        "not-text",
        f"the control character U+{ord(bad.group()):04X} is not allowed in a scenario",
        line,
        col,
        "remove it; only tabs, line breaks and printable text belong in YAML",
    )


@dataclass
class _Open:
    """A collection being read: its anchor, if any, and its expanded size so far."""

    anchor: str | None
    size: int


def _scan_events(text: str, file: str) -> Finding | None:
    """Walk the event stream once: depth, aliases, tags and syntax, before building any tree."""
    depth = aliases = count = 0
    # Expanded sizes: each open collection's running count, and each anchor's finished size.
    sizes: list[_Open] = [_Open(None, 0)]
    anchored: dict[str, int] = {}
    try:
        for event in yaml.parse(text, Loader=Loader):
            count += 1
            mark = event.start_mark
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                sizes.append(_Open(event.anchor, 1))
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                done = sizes.pop()
                if done.anchor:
                    anchored[done.anchor] = done.size
                sizes[-1].size += done.size
            elif isinstance(event, yaml.ScalarEvent):
                sizes[-1].size += 1
                if event.anchor:
                    anchored[event.anchor] = 1
            elif isinstance(event, yaml.AliasEvent):
                sizes[-1].size += anchored.get(event.anchor, 1)
                if sum(s.size for s in sizes) > MAX_EXPANDED:
                    return _err(
                        file,
                        "too-many-aliases",
                        f"YAML aliases (*name) here expand the file to over {MAX_EXPANDED:,} items",
                        mark.line + 1,
                        mark.column + 1,
                        "write the repeated parts out, or repeat less",
                    )
            if count > MAX_EVENTS:
                return _err(file, "too-large", "the file has too many YAML items", mark.line + 1, mark.column + 1)
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return _err(
                        file,
                        "too-deep",
                        f"nested more than {MAX_DEPTH} levels deep",
                        mark.line + 1,
                        mark.column + 1,
                        "scenarios need only a few levels",
                    )
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            elif isinstance(event, yaml.AliasEvent):
                aliases += 1
                if aliases > MAX_ALIASES:
                    return _err(
                        file,
                        "too-many-aliases",
                        f"more than {MAX_ALIASES} YAML aliases (*name)",
                        mark.line + 1,
                        mark.column + 1,
                        "write the repeated parts out",
                    )
            tag = getattr(event, "tag", None)
            if tag and tag not in _STANDARD_TAGS and tag != "!":
                return _err(
                    file,
                    "yaml-tag",
                    f"the tag {tag} is not allowed in a scenario",
                    mark.line + 1,
                    mark.column + 1,
                    "scenarios are plain data: remove the tag",
                )
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = exc.problem or "the YAML cannot be read"
        context = f" {exc.context}" if exc.context else ""
        lines = text.splitlines()
        bad_char = lines[line - 1][col - 1 : col] if 0 < line <= len(lines) else ""
        hint = "indent with spaces, not tabs" if bad_char == "\t" else _syntax_hint(problem)
        if "nesting depth" not in problem:
            moved = find_reindent(text, line, _stops_at)
            if moved is not None:
                return _indentation(file, moved, f"{problem}{context}")
        if "nesting depth" in problem:  # libyaml's own limit, met before ours by newer builds
            return _err(
                file,
                "too-deep",
                f"nested more than {MAX_DEPTH} levels deep",
                line,
                col,
                "scenarios need only a few levels",
            )
        return _err(file, "yaml-syntax", f"YAML syntax: {problem}{context}", line, col, hint)
    except yaml.YAMLError as exc:
        return _err(file, "yaml-syntax", f"YAML syntax: {exc}", 1, 1)
    return None


def _stops_at(text: str) -> int | None:
    """None when ``text`` parses as YAML, else the 1-based line where the parser stopped."""
    try:
        for _ in yaml.parse(text, Loader=Loader):
            pass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return mark.line + 1 if mark else 0
    except yaml.YAMLError:
        return 0
    return None


def _indentation(file: str, moved: Reindent, parser_said: str) -> Finding:
    """A line indented wrongly: where, by how much, and what it should line up with."""
    where = f", in line with '{moved.like_text}' on line {moved.like}" if moved.like else ""
    return _err(
        file,
        "yaml-syntax",
        f"YAML indentation: this line is indented {moved.described()} but belongs {moved.want} spaces deep"
        f"{where} (the YAML reader says: {parser_said})",
        moved.line,
        len(moved.have) + 1,
        moved.fix(),
    )


def _syntax_hint(problem: str) -> str:
    if "tab" in problem:
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        return "quote text that contains ': '"
    if "found character '#'" in problem or "could not find expected ':'" in problem:
        return "check the indentation and quote text with special characters"
    return "check the indentation and quoting on this line and the one before"


def read_document(path: str, text: str | None = None) -> YamlDocument:
    """Read ``path`` (or ``text`` given for it) into a composed tree, within every limit."""
    if text is None:
        data, problem = read_bytes(path)
        if problem or data is None:
            return YamlDocument(None, "", [problem] if problem else [])
        text, problem = decode(data, path)
        if problem or text is None:
            return YamlDocument(None, "", [problem] if problem else [])
    if not text.strip():
        return YamlDocument(
            None, text, [_err(path, "empty", "the file is empty", 1, 1, "start from 'python main.py new NAME'")]
        )
    problem = control_character(text, path) or _scan_events(text, path)
    if problem:
        return YamlDocument(None, text, [problem])
    try:
        root = yaml.compose(text, Loader=Loader)
    except yaml.composer.ComposerError as exc:
        mark = exc.problem_mark
        return YamlDocument(
            None,
            text,
            [
                _err(
                    path,
                    "yaml-syntax",
                    f"YAML: {exc.problem}",
                    mark.line + 1 if mark else 0,
                    mark.column + 1 if mark else 0,
                    "one scenario per file; remove extra '---' documents",
                )
            ],
        )
    except yaml.YAMLError as exc:
        return YamlDocument(None, text, [_err(path, "yaml-syntax", f"YAML: {exc}", 1, 1)])
    if root is None:
        return YamlDocument(
            None,
            text,
            [
                _err(
                    path,
                    "empty",
                    "the file has only comments: there is no scenario in it",
                    1,
                    1,
                    "start from 'python main.py new NAME'",
                )
            ],
        )
    return YamlDocument(root, text, [])

"""The one guarded way Parley reads and writes its files: scenarios, saves, settings, class folders.

Every file on disk is untrusted. Reading opens regular files only (a pipe or a device never blocks
the reader: the kind is checked before opening, and the file is opened without waiting), reads at
most a size limit, and reads JSON with its depth and numbers bounded before any value is built.
Writing is atomic (a temporary file beside the target, fsync'd, then renamed), never creates
missing folders unless asked, and temporary files left by a killed writer are cleared when a
folder is next opened. Problems are ``FileProblem`` with a message for a person, never an
``OSError`` or a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import json
import math
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable
from itertools import accumulate
from pathlib import Path

from .jsonread import JSONValue

MAX_JSON_DEPTH = 64
MAX_DIGITS = 18  # a whole number in a save: seeds, days and time limits never need more
TEMP_SUFFIX = ".tmp"
STALE_SECONDS = 60.0
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.S)
_NOT_BRACKET = re.compile(rb"[^\[\]{}]")
_TEMP_NAME = re.compile(r"^\..+\.[A-Za-z0-9_]+\.tmp$")


class FileProblem(OSError):
    """A file that cannot be read or written as asked; the message says why, for a person. An
    ``OSError``, so callers that already catch those report it too. ``kind``: 'missing',
    'too-large' or 'unreadable'."""

    def __init__(self, message: str, kind: str = "unreadable") -> None:
        super().__init__(message)
        self.kind = kind


def _why(exc: OSError) -> str:
    if exc.errno == errno.ENAMETOOLONG:
        return "a name in the path is too long (over 255 characters)"
    if exc.errno == errno.ENOENT:
        return "there is no such file"
    if exc.errno == errno.EACCES:
        return "permission denied"
    if exc.errno == errno.ELOOP:
        return "the path has too many symbolic links"
    return exc.strerror or str(exc)


def path_problem(path: str | Path) -> str:
    """'' when ``path`` could name a file here, else why not (a name over 255 characters)."""
    limit = 255
    for part in Path(path).parts:
        if len(os.fsencode(part)) > limit:
            return f"a name in the path is too long ({len(part)} characters; the limit is {limit})"
    return ""


def exists(path: str | Path) -> bool:
    """Whether ``path`` exists; False, never an ``OSError``, for a name too long or unreadable."""
    try:
        os.stat(path)
    except (OSError, ValueError):
        return False
    return True


def is_regular(path: str | Path) -> bool:
    """Whether ``path`` is a regular file (following symbolic links); never raises."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def read_regular(path: str | Path, limit: int, what: str = "file") -> bytes:
    """At most ``limit`` bytes of a regular file; ``FileProblem`` for a folder, a pipe, a device,
    a file over the limit or one that cannot be opened. A pipe never blocks: the kind is checked
    first, and the file is opened without waiting and checked again."""
    path = Path(path)
    problem = path_problem(path)
    if problem:
        raise FileProblem(f"cannot read {_short(path)}: {problem}")
    try:
        kind = os.stat(path).st_mode
        if stat.S_ISDIR(kind):
            raise FileProblem(f"{_short(path)} is a folder, not a {what}")
        if not stat.S_ISREG(kind):
            raise FileProblem(f"{_short(path)} is not a regular file (a pipe or a device?), so it is not a {what}")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # replaced since it was checked
                raise FileProblem(f"{_short(path)} is not a regular file, so it is not a {what}")
            data = handle.read(limit + 1)
    except FileProblem:
        raise
    except FileNotFoundError:
        raise FileProblem(f"there is no {what} {_short(path)}", "missing") from None
    except OSError as exc:
        raise FileProblem(f"cannot read {_short(path)}: {_why(exc)}") from None
    if len(data) > limit:
        raise FileProblem(
            f"{path.name[:80]} is too large to be a {what} (over {limit // (1024 * 1024) or 1} MB)", "too-large"
        )
    return data


def _short(path: Path) -> str:
    text = str(path)
    return text if len(text) <= 120 else text[:60] + "…" + text[-40:]


def json_depth(raw: bytes) -> int:
    """How deeply the JSON text nests lists and objects, found without parsing it (strings left out)."""
    brackets = _NOT_BRACKET.sub(b"", _STRING.sub(b"", raw))
    if not brackets:
        return 0
    steps = (1 if b in (91, 123) else -1 for b in brackets)
    return max(accumulate(steps))


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise FileProblem(f"it holds a number of {len(text.lstrip('-'))} digits, far larger than any it needs")
    return int(text)


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise FileProblem(f"it holds the number {text[:20]}, too large to be kept")
    return value


def _no_constant(text: str) -> float:
    raise FileProblem(f"it holds {text}, which is not a number Parley writes")


def _check_text(value: object) -> None:
    """Every text in ``value`` is writable as UTF-8 (no lone surrogates from a '\\ud800' escape)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise FileProblem("it holds text that is not valid Unicode (a lone surrogate escape)") from None
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def parse_json(raw: bytes) -> JSONValue:
    """JSON text read within every limit: UTF-8, nesting, digits, finite numbers, valid text.
    ``FileProblem`` says what is wrong (with the line and column for a syntax error)."""
    depth = json_depth(raw)
    if depth > MAX_JSON_DEPTH:
        raise FileProblem(f"it is nested {depth} levels deep (the limit is {MAX_JSON_DEPTH})")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line, col = before.count(b"\n") + 1, exc.start - (before.rfind(b"\n") + 1) + 1
        raise FileProblem(f"byte 0x{raw[exc.start]:02x} at line {line}, column {col} is not UTF-8 text") from None
    try:
        value: JSONValue = json.loads(
            text.lstrip("\ufeff"), parse_int=_bounded_int, parse_float=_finite_float, parse_constant=_no_constant
        )
    except json.JSONDecodeError as exc:
        # some of json's messages end in "at" ("Unterminated string starting at"): never "at at line"
        raise FileProblem(f"{exc.msg.removesuffix(' at')} at line {exc.lineno}, column {exc.colno}") from None
    except RecursionError:  # not expected after the depth check; kept so no reader ever crashes
        raise FileProblem("it is nested too deeply") from None
    _check_text(value)
    return value


def read_json(path: str | Path, limit: int, what: str = "file") -> JSONValue:
    """A JSON file read through ``read_regular`` and ``parse_json``; ``FileProblem`` says why not."""
    raw = read_regular(path, limit, what)
    try:
        return parse_json(raw)
    except FileProblem as exc:
        raise FileProblem(f"{Path(path).name[:80]} is damaged: {exc}") from None


def clean_stale_temps(folder: str | Path, older_than: float = STALE_SECONDS) -> list[Path]:
    """Remove the temporary files a killed writer left in ``folder`` (``.NAME.XXXX.tmp`` older than
    ``older_than`` seconds, so a writer at work now keeps its own); return those removed."""
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not _TEMP_NAME.match(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > older_than:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def folder_problem(folder: Path, make: bool) -> str:
    """'' when files can be written in ``folder`` (made first when ``make``), else why not."""
    problem = path_problem(folder)
    if problem:
        return problem
    if folder.is_dir():
        return ""
    if exists(folder):
        return f"{_short(folder)} is not a folder"
    if not make:
        return f"the folder {_short(folder)} does not exist; make it first"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return f"cannot make the folder {_short(folder)}: {_why(exc)}"
    return ""


def write_atomic(path: str | Path, text: str, make_folder: bool = False) -> None:
    """Write ``text`` to ``path`` so that a crash leaves either the old file or the new one, never
    part of one. ``FileProblem`` when it cannot be written (a missing folder is made only when
    ``make_folder``)."""
    path = Path(path)
    problem = path_problem(path) or folder_problem(path.parent, make_folder)
    if problem:
        raise FileProblem(f"cannot write {_short(path)}: {problem}")
    if path.is_dir():
        raise FileProblem(f"cannot write {_short(path)}: it is a folder")
    if exists(path) and not is_regular(path):
        raise FileProblem(f"cannot write {_short(path)}: it is not a regular file")
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        raise FileProblem(
            f"cannot write {_short(path)}: the text holds characters that are not valid Unicode"
        ) from None
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    except OSError as exc:
        raise FileProblem(f"cannot write {_short(path)}: {_why(exc)}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise FileProblem(f"cannot write {_short(path)}: {_why(exc)}") from None
        raise


def beside(path: Path, taken: Callable[[Path], bool] = exists) -> Path:
    """A free name beside ``path`` (``NAME-2.json``, ``NAME-3.json``, ...) for a file that must not
    replace the one there."""
    number = 2
    while True:
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        if not taken(candidate):
            return candidate
        number += 1

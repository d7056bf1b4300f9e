"""A game's moves kept in one file, a line per move: the ``MoveJournal`` of saves and autosaves.

The first line is the header (what the game is: scenario, settings, names and dates); each later line
is one record, appended and fsync'd, never rewriting what is already there: ``{"move": {...}}``, a
move made; ``{"keep": N}``, every move after the first N was taken back; ``{"status": {...}}``,
where the game stands, for save lists. A 10,000-move game therefore saves as fast per move as a
10-move one. A line cut short by a crash (no line break after it) is the one move that was never
acknowledged, and is left out when the file is read.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path

from .game import Move
from .jsonread import DamagedError, JSONObject, JSONValue
from .safefile import FileProblem, parse_json, read_regular, write_atomic

MAX_JOURNAL_BYTES = 64 * 1024 * 1024  # above anything a game of MAX_TURNS moves writes (see game.MAX_REASON)


def _line(record: JSONObject) -> bytes:
    return (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def is_journal(raw: bytes) -> bool:
    """Whether file contents are a journal: a first line that is a whole header marked ``journal``."""
    first = raw.split(b"\n", 1)[0].strip()
    if not first.startswith(b"{") or not first.endswith(b"}"):
        return False
    try:
        header = parse_json(first)
    except FileProblem:
        return False
    return isinstance(header, dict) and header.get("journal") is True


class FileJournal:
    """A ``MoveJournal`` in one file. It remembers what it has written this session, so appending
    never needs to read the file back."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.moves: list[Move] = []  # the moves the file holds, as this journal wrote them
        self.records = 0  # lines after the header, to know when compacting is worth it

    def begin(self, header: JSONObject, moves: Iterable[Move] = ()) -> None:
        """Write the header (and ``moves``, for a game already under way) as the whole file, atomically."""
        self.moves = list(moves)
        head: JSONObject = {**header, "journal": True}
        body = b"".join([_line(head), *(_line({"move": m.to_dict()}) for m in self.moves)])
        write_atomic(self.path, body.decode("utf-8"), make_folder=True)
        self.records = len(self.moves)

    def _append(self, records: Sequence[JSONObject], durable: bool = True) -> None:
        data = b"".join(_line(r) for r in records)
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0))
        except OSError as exc:
            raise FileProblem(f"cannot add to {self.path.name}: {exc.strerror or exc}") from None
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise FileProblem(f"cannot add to {self.path.name}: it is not a regular file")
            os.write(fd, data)
            if durable:
                os.fsync(fd)
        except OSError as exc:
            if isinstance(exc, FileProblem):
                raise
            raise FileProblem(f"cannot add to {self.path.name}: {exc.strerror or exc}") from None
        finally:
            os.close(fd)
        self.records += len(records)

    def append(self, move: Move) -> None:
        self.extend([move])

    def extend(self, moves: Sequence[Move], status: JSONObject | None = None) -> None:
        """Append several moves (and where the game now stands) in one write and one fsync."""
        records: list[JSONObject] = [{"move": m.to_dict()} for m in moves]
        if status is not None:
            records.append({"status": status})
        if records:
            self._append(records)
            self.moves.extend(moves)

    def truncate(self, count: int) -> None:
        self._append([{"keep": count}])
        del self.moves[count:]

    def note(self, status: JSONObject) -> None:
        """Where the game stands now (date, whose turn), for save lists; not fsync'd: it is only a label."""
        self._append([{"status": status}], durable=False)

    def load(self) -> tuple[JSONObject, Sequence[Move]]:
        return read_journal(read_regular(self.path, MAX_JOURNAL_BYTES, "Parley save"))


def read_journal(raw: bytes) -> tuple[JSONObject, list[Move]]:
    """The header (with the latest status merged in) and the moves of a journal's contents;
    ``FileProblem`` or ``DamagedError`` say what is wrong."""
    lines = raw.split(b"\n")
    last = lines.pop()  # after the last line break: '' unless a write was cut short, or hand-edited
    if last.strip():
        try:
            parse_json(last)
            lines.append(last)
        except FileProblem:
            pass  # a move cut short by a crash was never acknowledged: it is not part of the game
    header = parse_json(lines[0]) if lines else None
    if not isinstance(header, dict):
        raise DamagedError("its first line is not a save's header")
    moves: list[Move] = []
    status: dict[str, JSONValue] = {}
    for number, line in enumerate(lines[1:], 2):
        if not line.strip():
            continue
        record = parse_json(line)
        if not isinstance(record, dict) or len(record) != 1:
            raise DamagedError(f"line {number} is not a record of a move")
        if "move" in record:
            moves.append(Move.from_dict(record["move"], f"the move on line {number}"))
        elif "keep" in record:
            keep = record["keep"]
            if isinstance(keep, bool) or not isinstance(keep, int) or not 0 <= keep <= len(moves):
                raise DamagedError(f"line {number} takes back moves the file does not hold")
            del moves[keep:]
        elif "status" in record and isinstance(record["status"], dict):
            status = record["status"]
        else:
            raise DamagedError(f"line {number} is not a record of a move")
    return {**header, **status}, moves

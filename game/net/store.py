"""Where a hosted class is kept: one SQLite file in the user's data folder.

Every move is committed (WAL, ``synchronous=FULL``) before it is acknowledged, so a host that stops
— power cut, closed lid, crash — resumes every table from the moves it stored. Names and messages
are kept beside the moves, and ``forget`` removes them.

All writes go through one writer thread (``Writer``) with its own connection: the server's event
loop hands it a write (a move, a join, a message, a teacher's action: the ``*_later`` methods) and
carries on relaying, waiting for the future before telling anyone; writes are committed in the
order they were handed over, and every write that queued while the disk was busy
goes into the next transaction, so a busy class waits for the disk once for many moves (group
commit). Reads use the store's own connection; WAL lets them run beside the writer.
"""

from __future__ import annotations

import json
import os
import queue
import sqlite3
import threading
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from ..engine.game import Move
from ..engine.jsonread import DamagedError, JSONObject

DATA_ENV = "PARLEY_CLASS_DATA"  # a folder for the class database (tests point it at a tmp folder)

SCHEMA = """
CREATE TABLE IF NOT EXISTS classes (
    id TEXT PRIMARY KEY, code TEXT NOT NULL, teacher_token TEXT NOT NULL, scenario TEXT NOT NULL,
    options TEXT NOT NULL, created TEXT NOT NULL, ended INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS games (
    class_id TEXT NOT NULL, table_no INTEGER NOT NULL, header TEXT NOT NULL, controllers TEXT NOT NULL,
    PRIMARY KEY (class_id, table_no));
CREATE TABLE IF NOT EXISTS moves (
    class_id TEXT NOT NULL, table_no INTEGER NOT NULL, seq INTEGER NOT NULL, move TEXT NOT NULL,
    PRIMARY KEY (class_id, table_no, seq));
CREATE TABLE IF NOT EXISTS members (
    token TEXT PRIMARY KEY, class_id TEXT NOT NULL, table_no INTEGER NOT NULL, seat TEXT NOT NULL,
    name TEXT NOT NULL, joined INTEGER NOT NULL, removed INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT, class_id TEXT NOT NULL, table_no INTEGER NOT NULL,
    sender TEXT NOT NULL, recipient TEXT NOT NULL, text TEXT NOT NULL, sent TEXT NOT NULL);
"""


def data_folder() -> Path:
    """``PARLEY_CLASS_DATA`` if set, else the user's data folder for Parley."""
    given = os.environ.get(DATA_ENV)
    return Path(given) if given else Path(platformdirs.user_data_dir("parley", appauthor=False))


@dataclass(frozen=True)
class ClassRow:
    id: str
    code: str
    teacher_token: str
    scenario: str
    options: JSONObject
    created: str
    ended: bool


@dataclass(frozen=True)
class MemberRow:
    token: str
    table_no: int
    seat: str
    name: str
    joined: int
    removed: bool


@dataclass(frozen=True)
class MessageRow:
    table_no: int
    sender: str  # a delegation's id, or "*teacher"
    recipient: str  # a delegation's id, "" for the whole table, "*class" for an announcement
    text: str
    sent: str
    number: int = 0  # its place among the class's messages while the host runs (``Room``), not stored


@dataclass(frozen=True)
class _Job:
    sql: str
    rows: tuple[tuple[object, ...], ...]
    done: Future[None] = field(default_factory=Future)


class Writer:
    """The one thread writing the class database; each job's future resolves once it is on disk.

    Jobs waiting when the thread is free are committed together (one fsync); a job that fails is
    retried alone, so it fails by itself and the others still commit.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self.thread = threading.Thread(target=self._run, name="parley-class-store", daemon=True)
        self.thread.start()

    def submit(self, sql: str, rows: Sequence[Sequence[object]]) -> Future[None]:
        job = _Job(sql, tuple(tuple(r) for r in rows))
        self.jobs.put(job)
        return job.done

    def stop(self) -> None:
        """Write everything submitted so far, then end the thread."""
        self.jobs.put(None)
        self.thread.join()

    def _run(self) -> None:
        db = sqlite3.connect(self.path, isolation_level=None)
        db.execute("PRAGMA synchronous=FULL")
        running = True
        while running:
            first = self.jobs.get()
            batch = [] if first is None else [first]
            running = first is not None
            while running:
                try:
                    more = self.jobs.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    running = False
                else:
                    batch.append(more)
            if batch:
                _commit(db, batch)
        db.close()


def _commit(db: sqlite3.Connection, batch: list[_Job]) -> None:
    try:
        _transaction(db, batch)
    except Exception as exc:
        if len(batch) == 1:
            batch[0].done.set_exception(exc)
            return
        for job in batch:  # find the one that fails; the others commit
            _commit(db, [job])
        return
    for job in batch:
        job.done.set_result(None)


def _transaction(db: sqlite3.Connection, batch: list[_Job]) -> None:
    db.execute("BEGIN IMMEDIATE")
    try:
        for job in batch:
            for args in job.rows:
                db.execute(job.sql, args)
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


class ClassStore:
    """The class database: reads on this connection, writes through the ``Writer`` thread."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or data_folder() / "classes.sqlite3"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self.db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.executescript(SCHEMA)
        self.writer = Writer(self.path)

    def close(self) -> None:
        self.writer.stop()
        self.db.close()

    def write(self, sql: str, args: Sequence[object] = ()) -> None:
        """One committed statement; returns once it is on disk."""
        self.write_many(sql, [args])

    def write_many(self, sql: str, rows: Sequence[Sequence[object]]) -> None:
        """One statement for each of ``rows``, committed together; returns once they are on disk."""
        self.submit(sql, rows).result()

    def submit(self, sql: str, rows: Sequence[Sequence[object]]) -> Future[None]:
        """One statement for each of ``rows``, committed together; the future resolves once on disk."""
        return self.writer.submit(sql, rows)

    def read(self, sql: str, args: Sequence[object] = ()) -> list[tuple[object, ...]]:
        with self._lock:
            return list(self.db.execute(sql, tuple(args)))

    # -- classes ------------------------------------------------------------------------------

    def add_class(self, row: ClassRow) -> None:
        self.write(
            "INSERT INTO classes VALUES (?, ?, ?, ?, ?, ?, 0)",
            (row.id, row.code, row.teacher_token, row.scenario, json.dumps(row.options), row.created),
        )

    def find_class(self, class_id: str) -> ClassRow | None:
        rows = self.read("SELECT * FROM classes WHERE id = ?", (class_id,))
        return _class(rows[0]) if rows else None

    def classes(self) -> list[ClassRow]:
        return [_class(r) for r in self.read("SELECT * FROM classes ORDER BY created")]

    def end_class(self, class_id: str) -> None:
        self.end_class_later(class_id).result()

    def end_class_later(self, class_id: str) -> Future[None]:
        return self.submit("UPDATE classes SET ended = 1 WHERE id = ?", [(class_id,)])

    def keep_option_later(self, class_id: str, key: str, value: str) -> Future[None]:
        """One of the class's states (``value`` in JSON) kept in its options, so a restarted host has it."""
        return self.submit(
            f"UPDATE classes SET options = json_set(options, '$.{key}', json(?)) WHERE id = ?", [(value, class_id)]
        )

    def forget(self, class_id: str) -> bool:
        """Delete the class's names and messages (its moves stay, nameless); False if no such class."""
        if self.find_class(class_id) is None:
            return False
        self.write("DELETE FROM messages WHERE class_id = ?", (class_id,))
        self.write("UPDATE members SET name = '' WHERE class_id = ?", (class_id,))
        return True

    # -- tables -------------------------------------------------------------------------------

    def controllers(self, class_id: str, table_no: int) -> dict[str, str]:
        rows = self.read("SELECT controllers FROM games WHERE class_id = ? AND table_no = ?", (class_id, table_no))
        return dict(json.loads(str(rows[0][0]))) if rows else {}

    def set_controllers(self, class_id: str, table_no: int, controllers: dict[str, str]) -> None:
        self.set_controllers_later(class_id, table_no, controllers).result()

    def set_controllers_later(self, class_id: str, table_no: int, controllers: dict[str, str]) -> Future[None]:
        return self.submit(
            "UPDATE games SET controllers = ? WHERE class_id = ? AND table_no = ?",
            [(json.dumps(controllers), class_id, table_no)],
        )

    # -- members and messages -----------------------------------------------------------------

    def add_member(self, class_id: str, member: MemberRow) -> None:
        self.add_member_later(class_id, member).result()

    def add_member_later(self, class_id: str, member: MemberRow) -> Future[None]:
        return self.submit(
            "INSERT INTO members VALUES (?, ?, ?, ?, ?, ?, 0)",
            [(member.token, class_id, member.table_no, member.seat, member.name, member.joined)],
        )

    def remove_member(self, token: str) -> None:
        self.remove_member_later(token).result()

    def remove_member_later(self, token: str) -> Future[None]:
        return self.submit("UPDATE members SET removed = 1 WHERE token = ?", [(token,)])

    def members(self, class_id: str) -> list[MemberRow]:
        rows = self.read(
            "SELECT token, table_no, seat, name, joined, removed FROM members WHERE class_id = ? ORDER BY joined",
            (class_id,),
        )
        return [MemberRow(str(t), int(str(n)), str(s), str(m), int(str(j)), bool(r)) for t, n, s, m, j, r in rows]

    def add_message(self, class_id: str, message: MessageRow) -> None:
        self.add_message_later(class_id, message).result()

    def add_message_later(self, class_id: str, message: MessageRow) -> Future[None]:
        return self.submit(
            "INSERT INTO messages (class_id, table_no, sender, recipient, text, sent) VALUES (?, ?, ?, ?, ?, ?)",
            [(class_id, message.table_no, message.sender, message.recipient, message.text, message.sent)],
        )

    def messages(self, class_id: str) -> list[MessageRow]:
        rows = self.read(
            "SELECT table_no, sender, recipient, text, sent FROM messages WHERE class_id = ? ORDER BY id", (class_id,)
        )
        return [MessageRow(int(str(n)), str(s), str(r), str(t), str(w)) for n, s, r, t, w in rows]


def _class(row: tuple[object, ...]) -> ClassRow:
    cid, code, token, scenario, options, created, ended = row
    return ClassRow(str(cid), str(code), str(token), str(scenario), json.loads(str(options)), str(created), bool(ended))


class SqliteJournal:
    """One table's moves in the class database: the engine's ``MoveJournal``."""

    def __init__(self, store: ClassStore, class_id: str, table_no: int) -> None:
        self.store = store
        self.class_id = class_id
        self.table_no = table_no
        self._count = len(self._rows())

    def _rows(self) -> list[tuple[object, ...]]:
        """The stored moves from the first on, up to the first one missing (a write that failed)."""
        rows = self.store.read(
            "SELECT seq, move FROM moves WHERE class_id = ? AND table_no = ? ORDER BY seq",
            (self.class_id, self.table_no),
        )
        kept: list[tuple[object, ...]] = []
        for seq, move in rows:
            if seq != len(kept):
                break
            kept.append((move,))
        return kept

    def resync(self) -> None:
        """After a failed write: count what is stored, and drop any move stored past a missing one."""
        self._count = len(self._rows())
        self.truncate(self._count)

    def begin(self, header: JSONObject) -> None:
        key = (self.class_id, self.table_no)
        controllers = header.get("settings", {})
        controllers = controllers.get("controllers", {}) if isinstance(controllers, dict) else {}
        self.store.write("DELETE FROM moves WHERE class_id = ? AND table_no = ?", key)
        self.store.write(
            "INSERT OR REPLACE INTO games VALUES (?, ?, ?, ?)", (*key, json.dumps(header), json.dumps(controllers))
        )
        self._count = 0

    def append(self, move: Move) -> None:
        self.append_all([move])

    def append_all(self, moves: Sequence[Move]) -> None:
        """Several moves (a person's and the computer's replies) in one commit; returns once on disk."""
        self.append_later(moves).result()

    def append_later(self, moves: Sequence[Move]) -> Future[None]:
        """Several moves in one commit, handed to the writer; the future resolves once they are on disk."""
        rows = [
            (self.class_id, self.table_no, self._count + i, json.dumps(m.to_dict(), ensure_ascii=False))
            for i, m in enumerate(moves)
        ]
        self._count += len(rows)
        return self.store.submit("INSERT INTO moves VALUES (?, ?, ?, ?)", rows)

    def truncate(self, count: int) -> None:
        self.truncate_later(count).result()

    def truncate_later(self, count: int) -> Future[None]:
        """Drop the moves from ``count`` on, handed to the writer; the future resolves once on disk."""
        self._count = min(self._count, count)
        return self.store.submit(
            "DELETE FROM moves WHERE class_id = ? AND table_no = ? AND seq >= ?",
            [(self.class_id, self.table_no, count)],
        )

    @property
    def count(self) -> int:
        return self._count

    def load(self) -> tuple[JSONObject, Sequence[Move]]:
        rows = self.store.read(
            "SELECT header FROM games WHERE class_id = ? AND table_no = ?", (self.class_id, self.table_no)
        )
        if not rows:
            raise DamagedError(f"table {self.table_no} of class {self.class_id!r} has no stored game")
        try:
            header = json.loads(str(rows[0][0]))
            moves = [Move.from_dict(json.loads(str(r[0])), f"move {i + 1}") for i, r in enumerate(self._rows())]
        except json.JSONDecodeError as exc:
            raise DamagedError(f"table {self.table_no}: a stored record cannot be read ({exc})") from None
        if not isinstance(header, dict):
            raise DamagedError(f"table {self.table_no}: the stored header is not a group of fields")
        return header, moves

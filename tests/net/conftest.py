"""Fixtures for the hosted class: a class database in a tmp folder and a small class on the tutorial."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from game.net.room import ClassOptions, Room
from game.net.running import BackgroundServer
from game.net.store import ClassStore

TUTORIAL = str(Path(__file__).resolve().parents[2] / "scenarios" / "tutorial-negotiation.yaml")

warnings.filterwarnings("ignore", message=".*httpx2.*")


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ClassStore]:
    monkeypatch.setenv("PARLEY_CLASS_DATA", str(tmp_path / "class-data"))
    kept = ClassStore()
    yield kept
    kept.close()


@pytest.fixture
def room(store: ClassStore) -> Room:
    """Two tables of the tutorial; students play Kestra and Dunmore, the computer the commission."""
    return Room.create(store, TUTORIAL, ClassOptions(2, ("kestra", "dunmore")), "test-class")


@pytest.fixture
def served(room: Room) -> Iterator[BackgroundServer]:
    """The class served by a real uvicorn on 127.0.0.1 at a free port."""
    running = BackgroundServer(room).start()
    yield running
    running.stop()


def fail_writes(
    store: ClassStore, monkeypatch: pytest.MonkeyPatch, fails: Callable[[str], bool], once: bool = False
) -> None:
    """From now on the store's writes for which ``fails(sql)`` holds fail, as a full disk would (only
    the first of them, with ``once``); the others are written."""
    real_submit = store.submit

    def submit(sql: str, rows: Any) -> Any:
        if fails(sql):
            if once:
                monkeypatch.setattr(store, "submit", real_submit)
            return real_submit("INSERT INTO no_such_table VALUES (?)", [(1,)])
        return real_submit(sql, rows)

    monkeypatch.setattr(store, "submit", submit)

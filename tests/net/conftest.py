"""Fixtures for the hosted class: a class database in a tmp folder and a small class on the tutorial."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

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

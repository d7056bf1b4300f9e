"""The shape of the code, read from its source with ``ast``: only the window imports pygame, and
the window's modules import each other without a circle (counting imports inside functions and
under ``TYPE_CHECKING``, which Python would otherwise let hide one)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GAME = ROOT / "game"
DRAWING = ("pygame", "pygame_gui")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules(folder: Path) -> dict[str, Path]:
    return {module_name(path): path for path in sorted(folder.rglob("*.py"))}


def imported(path: Path, source: str | None = None) -> Iterator[tuple[str, tuple[str, ...], int]]:
    """Every import statement anywhere in the file (module level, in functions, under
    ``if TYPE_CHECKING``): the absolute module it names, the names it takes, and its line.
    ``source`` reads other text as if it were that file's."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    text = path.read_text(encoding="utf-8") if source is None else source
    for node in ast.walk(ast.parse(text, str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, (), node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            target = node.module or ""
            if node.level:
                target = f"{base}.{target}" if target else base
            yield target, tuple(alias.name for alias in node.names), node.lineno


def edges(known: dict[str, Path], sources: dict[str, str] | None = None) -> dict[str, set[str]]:
    """Which known modules each known module imports: the module named, each name taken from a
    package that is itself a module (``from . import story``), and every package on the way (Python
    runs a package's ``__init__`` before any module in it). ``sources`` stands in for some files."""
    graph: dict[str, set[str]] = {name: set() for name in known}
    for name, path in known.items():
        for target, names, _ in imported(path, (sources or {}).get(name)):
            wanted = {f"{target}.{n}" for n in names} | {target}
            for module in wanted:
                parts = module.split(".")
                for end in range(1, len(parts) + 1):
                    prefix = ".".join(parts[:end])
                    if prefix in known and prefix != name:
                        graph[name].add(prefix)
    return graph


def cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One circle of imports, as the modules along it, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state:
            found = visit(start)
            if found:
                return found
    return None


def test_only_the_window_imports_pygame() -> None:
    found = []
    for name, path in modules(GAME).items():
        if name == "game.ui" or name.startswith("game.ui."):
            continue
        for target, _, line in imported(path):
            if target.split(".")[0] in DRAWING:
                found.append(f"{path.relative_to(ROOT)}:{line}: imports {target}")
    assert found == [], "only game/ui may import pygame:\n" + "\n".join(found)


def test_the_window_has_no_import_circles() -> None:
    known = modules(GAME / "ui")
    assert "game.ui.app" in known and "game.ui.scenes.play" in known
    found = cycle(edges(known))
    assert found is None, "import circle: " + " -> ".join(found or [])


def test_screens_reach_each_other_by_name_not_by_import() -> None:
    """A screen imports ``scenes.base`` only; the registry is the one module importing them all."""
    screens = {
        name: path
        for name, path in modules(GAME / "ui" / "scenes").items()
        if name.rpartition(".")[2] not in ("scenes", "base", "registry")
    }
    assert len(screens) >= 10
    graph = edges(modules(GAME / "ui"))
    found = []
    for name in screens:
        for target in graph[name]:
            if target.startswith("game.ui.scenes.") and target != "game.ui.scenes.base":
                found.append(f"{name} imports {target}")
            if target == "game.ui.app":
                found.append(f"{name} imports the app")
    assert found == []
    assert set(screens) <= graph["game.ui.scenes.registry"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import os\n", set()),
        ("def f():\n    from .. import app\n", {"game.ui.app"}),
        ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .play import X\n", {"game.ui.scenes.play"}),
        ("from ..widgets.cards import draw_card\n", {"game.ui.widgets", "game.ui.widgets.cards"}),
        ("from . import play\n", {"game.ui.scenes.play"}),
    ],
)
def test_the_import_reader_sees_hidden_and_relative_imports(source: str, expected: set[str]) -> None:
    """The checks above would pass vacuously if imports inside functions or under TYPE_CHECKING,
    or relative ones, were missed: the reader must resolve them all (here as scenes/base.py)."""
    graph = edges(modules(GAME / "ui"), {"game.ui.scenes.base": source})
    assert graph["game.ui.scenes.base"] - {"game.ui", "game.ui.scenes"} == expected


def test_a_circle_is_found() -> None:
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle({"a": {"b"}, "b": set()}) is None

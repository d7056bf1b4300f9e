"""``validate --watch`` and ``check --watch``: re-check on every save, print only what changed."""

from __future__ import annotations

import io
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from game.authoring import validate
from game.authoring.recheck import WatchedCheck
from game.authoring.validate import validate_lines
from game.authoring.watch import watch

from .conftest import FLAGSHIP, TINY, run


def _edits(path: Path, texts: list[str]) -> tuple[Callable[[float], None], Callable[[], bool]]:
    """A sleep that makes the next save each time it is called, and a stop once all are made."""
    pending = list(texts)
    calls = {"n": 0}

    def sleep(_: float) -> None:
        calls["n"] += 1
        if pending:
            path.write_text(pending.pop(0), encoding="utf-8")
            stamp = time.time() + calls["n"]  # a new mtime even on a coarse clock
            os.utime(path, (stamp, stamp))

    return sleep, lambda: not pending and calls["n"] > len(texts) + 1


def test_watch_prints_only_what_changed(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    good = TINY.read_text(encoding="utf-8")
    path.write_text(good, encoding="utf-8")
    broken = good.replace("next: walkout", "next: walkoutt", 1)
    moved = "# a comment that moves every line down\n" + broken
    sleep, stop = _edits(path, [broken, moved, good])
    out = io.StringIO()
    assert watch([str(path)], lambda: validate_lines([str(path)]), out, sleep=sleep, stop=stop) == 0
    blocks = out.getvalue().split("--- ")[1:]
    assert len(blocks) == 4
    assert blocks[0].split("\n", 1)[0].endswith("s)") and "valid" in blocks[0]
    assert "+ " in blocks[1] and "walkoutt" in blocks[1] and "did you mean 'walkout'?" in blocks[1]
    assert "(no change)" in blocks[2]  # the same mistake, one line lower, is not new
    assert "- fixed: " in blocks[3] and "walkoutt" in blocks[3]


def test_watch_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    def interrupt(_: float) -> None:
        raise KeyboardInterrupt

    out = io.StringIO()
    assert watch([str(TINY)], lambda: validate_lines([str(TINY)]), out, sleep=interrupt) == 0
    assert out.getvalue().endswith("stopped watching\n")


def test_check_watch_prints_validation_then_the_check_and_then_only_what_changed(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    good = TINY.read_text(encoding="utf-8")
    path.write_text(good, encoding="utf-8")
    broken = good.replace("next: walkout", "next: walkoutt", 1)
    sleep, stop = _edits(path, [broken, good])
    watched = WatchedCheck(str(path))
    out = io.StringIO()
    assert watch([str(path)], [watched.validation, watched.check], out, sleep=sleep, stop=stop) == 0
    blocks = out.getvalue().split("--- ")[1:]
    heads = [block.split("\n", 1)[0] for block in blocks]
    assert [h.split(" ", 2)[1] for h in heads] == ["validation:", "check:", "validation:", "validation:", "check:"]
    assert "Endings" in blocks[1]  # the first check prints its summary in full
    assert "+ " in blocks[2] and "walkoutt" in blocks[2]  # the broken save: validation only
    assert "- fixed: " in blocks[3] and "(no change)" in blocks[4]


def test_validate_watch_needs_a_file_and_finds_scenarios_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run("validate", "--watch")
    assert code == 2 and "--watch needs the scenario files to watch" in err
    watched: list[list[str]] = []
    monkeypatch.setattr(validate, "watch", lambda paths, check, out: watched.append(paths) or 0)
    assert run("validate", "--watch", "moscow-1939")[0] == 0
    assert watched == [[str(FLAGSHIP)]]  # the name is resolved, as validate without --watch does

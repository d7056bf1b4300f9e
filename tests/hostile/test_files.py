"""Files Parley reads and writes, attacked: pipes, long names, kills mid-save, unreadable targets."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from game.cli import main
from game.engine import Game, GameError
from game.engine.filejournal import FileJournal
from game.engine.game import MAX_REASON
from game.engine.loader import load_scenario
from game.engine.safefile import FileProblem, clean_stale_temps, read_regular, write_atomic
from game.engine.saves import (
    OverwriteRefused,
    SaveError,
    autosave,
    autosaves,
    latest_autosave,
    list_saves,
    read_save,
    save_game,
)
from tests.conftest import TINY

LONG = "a" * 300


def _game(seed: int = 3) -> Game:
    return Game.new(load_scenario(str(TINY)), "hopeful", seed, {"red": "human", "blue": "human"})


@pytest.mark.parametrize("link", [False, True], ids=["fifo", "symlink-to-fifo"])
def test_a_pipe_never_blocks_a_reader(tmp_path: Path, link: bool) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    path = fifo
    if link:
        path = tmp_path / "link.json"
        path.symlink_to(fifo)
    began = time.monotonic()
    with pytest.raises(SaveError, match="not a regular file"):
        read_save(path)
    with pytest.raises(FileProblem, match="not a regular file"):
        read_regular(path.with_suffix(".json"), 100)
    from game.engine import validate_file

    scenario, findings = validate_file(str(path))
    assert scenario is None and "not a regular file" in findings[0].message
    assert time.monotonic() - began < 5


@pytest.mark.parametrize(
    "argv",
    [
        ["play", "--text", LONG],
        ["play", "--text", str(TINY), "--load", LONG],
        ["validate", LONG],
        ["check", LONG],
        ["simulate", LONG],
        ["replay", LONG],
        ["graph", LONG, "-o", "x.svg"],
        ["transcript", LONG],
        ["report", LONG],
        ["schema", "-o", LONG],
    ],
    ids=lambda argv: argv[0] + ("-load" if "--load" in argv else ""),
)
def test_a_name_over_255_characters_is_a_clear_error_in_every_command(argv: list[str], capsys) -> None:  # type: ignore[no-untyped-def]
    code = main(argv)
    captured = capsys.readouterr()
    err = captured.out + captured.err  # validate and check list findings on stdout
    assert code in (1, 2) and "Traceback" not in err and err.strip()
    assert "too long" in err.lower() or "no readable save" in err or "cannot be a save name" in err


def test_a_kill_during_a_save_leaves_no_temporary_file_for_ever(tmp_path: Path) -> None:
    stale, fresh = tmp_path / ".group1.json.abc123.tmp", tmp_path / ".group2.json.def456.tmp"
    stale.write_text("{", encoding="utf-8")
    fresh.write_text("{", encoding="utf-8")
    os.utime(stale, (time.time() - 120, time.time() - 120))
    keep = tmp_path / "notes.tmp"  # not a name Parley writes
    keep.write_text("mine", encoding="utf-8")
    os.utime(keep, (time.time() - 120, time.time() - 120))
    list_saves(tmp_path)  # opening the save folder clears what a killed writer left
    assert not stale.exists() and fresh.exists() and keep.exists()
    assert clean_stale_temps(tmp_path, older_than=-1) == [fresh]


def test_writing_never_makes_a_missing_folder_unless_asked(tmp_path: Path) -> None:
    with pytest.raises(FileProblem, match="does not exist"):
        write_atomic(tmp_path / "no" / "such" / "x.md", "x")
    assert not (tmp_path / "no").exists()


def test_a_save_never_replaces_a_file_it_cannot_read_unless_told(tmp_path: Path) -> None:
    damaged = tmp_path / "group1.json"
    damaged.write_text('{"parley_save": 9, "min_reader": 9}', encoding="utf-8")  # a newer Parley's
    before = damaged.read_bytes()
    with pytest.raises(OverwriteRefused):
        save_game(_game(), tmp_path, "group1")
    assert damaged.read_bytes() == before
    save_game(_game(), tmp_path, "group1", replace=True)
    assert read_save(damaged).name == "group1"


def test_piped_input_without_a_yes_keeps_the_old_file_and_saves_beside_it(tmp_path: Path) -> None:
    from tests.test_cli import run

    (tmp_path / "group1.json").write_text("{", encoding="utf-8")
    result = run(
        "play", "--text", str(TINY), "--seed", "3", "--as", "red", "blue",
        stdin="s group1\n\nq\n", env={"PARLEY_SAVES": str(tmp_path)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "group1.json").read_text(encoding="utf-8") == "{"
    assert "saved beside it" in result.stdout and read_save(tmp_path / "group1-2.json").name == "group1-2"


def test_a_refused_autosave_is_never_replaced_by_the_next_game(tmp_path: Path) -> None:
    from tests.test_cli import run

    env = {"PARLEY_SAVES": str(tmp_path)}
    first = run("play", "--text", str(TINY), "--seed", "3", "--as", "red", "blue", stdin="1\nq\n", env=env)
    assert first.returncode == 0
    (old,) = autosaves(tmp_path)
    old.write_text('{"parley_save": 7, "min_reader": 7}', encoding="utf-8")  # as a newer Parley wrote it
    refused = run("play", "--text", str(TINY), "--continue", stdin="q\n", env=env)
    assert refused.returncode == 1 and "newer Parley" in refused.stderr
    again = run("play", "--text", str(TINY), "--seed", "4", "--as", "red", "blue", stdin="1\nq\n", env=env)
    assert again.returncode == 0
    assert old.read_text(encoding="utf-8") == '{"parley_save": 7, "min_reader": 7}'
    assert len(autosaves(tmp_path)) == 2


def test_two_games_in_one_folder_keep_two_autosaves(tmp_path: Path) -> None:
    one, two = _game(1), _game(2)
    one.choose(1)
    two.choose(2)
    first, second = autosave(one, tmp_path), autosave(two, tmp_path)
    assert first != second
    assert read_save(first).settings.seed == 1 and read_save(second).settings.seed == 2
    assert latest_autosave(tmp_path, "tiny") in (first, second)


def test_the_journal_appends_moves_and_reads_back_undo_and_a_torn_line(tmp_path: Path) -> None:
    game = _game()
    path = autosave(game, tmp_path)
    game.choose(1, reason="warm")
    autosave(game, tmp_path)
    size = path.stat().st_size
    game.undo()
    game.choose(2, reason="cold")
    autosave(game, tmp_path)
    assert path.read_bytes()[:size] == path.read_bytes()[:size]  # appended, never rewritten
    assert [m.reason for m in read_save(path).moves] == ["cold"]
    with open(path, "ab") as handle:
        handle.write(b'{"move": {"node": "op')  # a kill in the middle of an append
    assert [m.reason for m in read_save(path).moves] == ["cold"]


def test_a_reason_the_save_could_not_hold_is_refused_when_typed() -> None:
    game = _game()
    with pytest.raises(GameError, match="at most"):
        game.choose(1, reason="x" * (5 * 1024 * 1024))
    with pytest.raises(GameError, match="not valid text"):
        game.choose(1, reason="\udcff")
    assert not game.moves
    game.choose(1, reason="x" * MAX_REASON)
    assert read_save(save_game(game, Path(os.environ["PARLEY_SAVES"]), "long")).moves[0].reason == "x" * MAX_REASON


def test_the_recorded_scenario_path_reads_only_regular_files(tmp_path: Path) -> None:
    from game.classroom.loading import ScenarioFinder

    fifo = tmp_path / "scenario.yaml"
    os.mkfifo(fifo)
    finder = ScenarioFinder(folder=tmp_path / "none")
    with pytest.raises(Exception, match="not found"):
        finder.find("tiny-nowhere", str(fifo))
    with pytest.raises(Exception, match="not found"):
        finder.find("tiny-nowhere", LONG)


def test_journal_file_is_a_move_journal(tmp_path: Path) -> None:
    journal = FileJournal(tmp_path / "j.json")
    game = _game()
    game.choose(1)
    journal.begin({"parley_save": 2, "name": "j"})
    journal.append(game.moves[0])
    journal.truncate(0)
    journal.append(game.moves[0])
    header, moves = journal.load()
    assert header["name"] == "j" and list(moves) == game.moves
    assert json.loads((tmp_path / "j.json").read_text(encoding="utf-8").splitlines()[0])["journal"] is True


def test_the_window_settings_file_is_read_guarded(tmp_path: Path) -> None:
    from game.ui.settings import UISettings

    fifo = tmp_path / "settings.json"
    os.mkfifo(fifo)
    assert UISettings.load(fifo) == UISettings()  # a pipe never blocks the window: the defaults
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 5000 + "]" * 5000, encoding="utf-8")
    assert UISettings.load(deep) == UISettings()

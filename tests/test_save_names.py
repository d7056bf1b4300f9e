"""One way to name a save and find its scenario, for every command that takes a save."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from game.engine.saves import SaveError, slot_path
from game.savefiles import save_path, scenario_candidates
from tests.conftest import TINY
from tests.test_cli import run


def test_a_json_extension_is_never_doubled(tmp_path: Path) -> None:
    assert slot_path(tmp_path, "a.json") == slot_path(tmp_path, "a") == tmp_path / "a.json"
    assert slot_path(tmp_path, "s a.JSON") == tmp_path / "s a.json"


@pytest.mark.parametrize("name", ["con", "NUL", "com1", "lpt9.json", "aux.txt", "Prn"])
def test_windows_device_names_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(SaveError, match="Windows keeps it for a device"):
        slot_path(tmp_path, name)


def test_names_and_paths_resolve_the_same_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "saves"
    folder.mkdir()
    (folder / "a.json").write_text("{}", encoding="utf-8")
    assert save_path("a", folder) == save_path("a.json", folder) == folder / "a.json"
    assert save_path(str(folder / "a.json"), tmp_path) == folder / "a.json"


def test_the_recorded_path_is_used_only_when_it_is_a_regular_file(tmp_path: Path) -> None:
    assert tmp_path not in scenario_candidates("no_such_id", str(tmp_path))
    assert scenario_candidates("no_such_id", str(TINY))[-1] == TINY


def test_play_load_and_transcript_find_the_scenario_the_save_records(tmp_path: Path) -> None:
    """Saved as 'group3.json' (not group3.json.json); loaded by name without naming the scenario,
    after the file it was played from is gone, from the user's scenario folder, by its id."""
    elsewhere, user = tmp_path / "elsewhere", tmp_path / "user"
    elsewhere.mkdir()
    user.mkdir()
    played = elsewhere / "tiny.yaml"
    shutil.copy(TINY, played)
    shutil.copy(TINY, user / "mine.yaml")
    env = {"PARLEY_SAVES": str(tmp_path / "saves"), "PARLEY_SCENARIOS": str(user)}
    first = run("play", "--text", str(played), "--seed", "1", "--as", "red", stdin="3\ngroup3.json\n", env=env)
    assert first.returncode == 0, first.stderr
    assert (tmp_path / "saves" / "group3.json").is_file() and not list((tmp_path / "saves").glob("*.json.json"))
    played.unlink()
    again = run("play", "--text", "--load", "group3.json", stdin="\n", env=env)
    assert again.returncode == 0, again.stderr
    assert "THE END: Walk-out" in again.stdout
    transcript = run("transcript", "group3", "-o", str(tmp_path / "t.md"), env=env)
    assert transcript.returncode == 0, transcript.stderr
    assert "Walk-out" in (tmp_path / "t.md").read_text(encoding="utf-8")


def test_a_save_of_an_unknown_scenario_says_so(tmp_path: Path) -> None:
    saves = tmp_path / "saves"
    env = {"PARLEY_SAVES": str(saves), "PARLEY_SCENARIOS": str(tmp_path / "none")}
    run("play", "--text", str(TINY), "--seed", "1", "--as", "red", stdin="3\nlost\n", env=env)
    data = json.loads((saves / "lost.json").read_text(encoding="utf-8"))
    data["scenario"]["id"] = "cuba_1962"
    (saves / "lost.json").write_text(json.dumps(data), encoding="utf-8")
    result = run("play", "--text", "--load", "lost", stdin="", env=env)
    assert result.returncode == 1 and "'cuba_1962'" in result.stderr and "Traceback" not in result.stderr


def test_report_takes_save_names_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from game.classroom.loading import save_files

    saves = tmp_path / "saves"
    saves.mkdir()
    (saves / "group3.json").write_text("{}", encoding="utf-8")
    monkeypatch.setenv("PARLEY_SAVES", str(saves))
    monkeypatch.chdir(tmp_path)
    files, problems = save_files(["group3", "group3.json", "nobody"])
    assert files == [saves / "group3.json"]
    assert problems == ["nobody: no such file or folder, nor a save of that name"]

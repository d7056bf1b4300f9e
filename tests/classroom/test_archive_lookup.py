"""Two files with one id: new games get the current one, a save replays on the file it was played on."""

from __future__ import annotations

from pathlib import Path

from game.classroom.loading import ScenarioFinder
from game.engine import load_scenario
from game.engine.history import historical_game
from game.engine.saves import read_save, restore, save_game
from game.paths import SCENARIOS, archived_scenario_files
from game.savefiles import find_scenario
from tests.conftest import TINY


def _library(tmp_path: Path) -> tuple[Path, str, str]:
    """A folder whose current file and archived copy share the id 'tiny' but differ in bytes."""
    library = tmp_path / "library"
    (library / "archive").mkdir(parents=True)
    old = TINY.read_text(encoding="utf-8")
    (library / "archive" / "tiny-v1.yaml").write_text(old, encoding="utf-8")
    (library / "tiny.yaml").write_text(old + "\n# revised\n", encoding="utf-8")
    old_hash = load_scenario(str(library / "archive" / "tiny-v1.yaml")).content_hash
    new_hash = load_scenario(str(library / "tiny.yaml")).content_hash
    assert old_hash != new_hash
    return library, old_hash, new_hash


def test_the_current_file_wins_without_a_matching_hash(tmp_path: Path) -> None:
    library, _, new_hash = _library(tmp_path)
    finder = ScenarioFinder(folder=library)
    assert finder.find("tiny").content_hash == new_hash
    assert finder.find("tiny", "", "0" * 64).content_hash == new_hash


def test_a_save_with_the_archived_hash_replays_on_the_archive(tmp_path: Path) -> None:
    library, old_hash, new_hash = _library(tmp_path)
    finder = ScenarioFinder(folder=library)
    found = finder.find("tiny", str(library / "tiny.yaml"), old_hash)
    assert found.content_hash == old_hash and found.path.endswith("tiny-v1.yaml")
    assert finder.find("tiny", str(library / "tiny.yaml"), new_hash).content_hash == new_hash


def test_the_format_1_moscow_talks_are_archived_under_the_flagship_id() -> None:
    archived = [p for p in archived_scenario_files() if p.name == "moscow-1939-v1.yaml"]
    assert archived, "scenarios/archive/moscow-1939-v1.yaml is missing"
    old = load_scenario(str(archived[0]))
    current = load_scenario(str(SCENARIOS / "moscow-1939.yaml"))
    assert old.id == current.id == "moscow_1939" and old.format == 1
    finder = ScenarioFinder()
    assert finder.find("moscow_1939", "scenarios/moscow-1939.yaml", old.content_hash).format == 1
    assert finder.find("moscow_1939", "scenarios/moscow-1939.yaml").content_hash == current.content_hash


def test_the_format_1_munich_crisis_is_archived_under_its_id() -> None:
    archived = [p for p in archived_scenario_files() if p.name == "munich-1938-v1.yaml"]
    assert archived, "scenarios/archive/munich-1938-v1.yaml is missing"
    old = load_scenario(str(archived[0]))
    current = load_scenario(str(SCENARIOS / "munich-1938.yaml"))
    assert old.id == current.id == "munich_1938" and old.format == 1 and current.format == 2
    assert old.content_hash != current.content_hash
    finder = ScenarioFinder()
    assert finder.find("munich_1938", "scenarios/munich-1938.yaml", old.content_hash).format == 1
    assert finder.find("munich_1938", "scenarios/munich-1938.yaml").content_hash == current.content_hash
    by_save = find_scenario("munich_1938", "scenarios/munich-1938.yaml", old.content_hash)
    assert by_save is not None and by_save.format == 1 and by_save.content_hash == old.content_hash


def test_a_save_of_the_first_format_2_moscow_talks_replays_whole_on_its_archived_file(tmp_path: Path) -> None:
    """The corrections reordered 21–22 August: a save played past them finds the version it was made on."""
    archived = [p for p in archived_scenario_files() if p.name == "moscow-1939-v2.yaml"]
    assert archived, "scenarios/archive/moscow-1939-v2.yaml is missing"
    old = load_scenario(str(archived[0]))
    current = load_scenario(str(SCENARIOS / "moscow-1939.yaml"))
    assert old.id == current.id and old.format == current.format == 2 and old.content_hash != current.content_hash
    played = historical_game(old)
    played.play_until_human()
    path = save_game(played, tmp_path, "last week")
    data = read_save(path)
    on_file = find_scenario(data.scenario_id, data.scenario_path, data.scenario_hash)
    assert on_file is not None and on_file.content_hash == old.content_hash
    restored = restore(data, on_file)
    assert restored.report.complete and restored.game.ended and not restored.notice()
    # On today's file the same save stops where the record was corrected, and says so.
    assert not restore(data, current).report.complete

"""Checking again after a save: prose-only edits reuse the exploration, and every answer is the one a
fresh check gives for the file as it is now."""

from __future__ import annotations

import re
from pathlib import Path

from game.authoring.check import check_scenario
from game.authoring.recheck import Rechecker, WatchedCheck, fingerprint
from game.engine import load_scenario

from .conftest import FIXTURES, TINY


def _fresh(path: Path) -> list[str]:
    """What a check from scratch reports for the file as it is now (timings left out)."""
    report = check_scenario(load_scenario(str(path)))
    return [f.format() for f in report.findings] + _summary(report.summary_lines())


def _summary(lines: list[str]) -> list[str]:
    return [re.sub(r"in [0-9.]+ s", "in _ s", line) for line in lines]


def _rechecked(checker: Rechecker, path: Path) -> list[str]:
    report = checker.check(load_scenario(str(path)), path.read_text(encoding="utf-8"))
    return [f.format() for f in report.findings] + _summary(report.summary_lines())


def test_the_fingerprint_ignores_prose_comments_and_layout_but_not_rules_or_labels() -> None:
    text = TINY.read_text(encoding="utf-8")
    same = fingerprint(text)
    assert fingerprint("# a new comment\n" + text) == same
    assert fingerprint(text.replace("text: Red opens the talks.", "text: Red opens the talks at last.")) == same
    assert fingerprint(text.replace("briefing: Red secretly", "briefing: Red quietly")) == same
    assert fingerprint(text.replace('effects: ["trust += 1"]', 'effects: ["trust += 2"]')).play != same.play
    assert fingerprint(text.replace("label: Be warm", "label: Be friendly")).play != same.play
    assert fingerprint("").play == fingerprint("[1, 2]").play == ""  # nothing a check could reuse


def test_ids_that_look_like_prose_keys_still_count() -> None:
    text = TINY.read_text(encoding="utf-8").replace("trust", "text")  # a variable called 'text'
    assert fingerprint(text) != fingerprint(text.replace("set: {text: 3}", "set: {text: 4}"))


def test_the_tables_part_changes_with_values_not_with_choices() -> None:
    text = (FIXTURES / "tables.yaml").read_text(encoding="utf-8")
    same = fingerprint(text)
    choice = fingerprint(text.replace("days: 10, next: last", "days: 9, next: last"))
    assert choice.play != same.play and choice.tables == same.tables
    value = fingerprint(text.replace("if: \"port != 'shut'\", points: 4", "if: \"port != 'shut'\", points: 5"))
    assert value.tables != same.tables


def test_a_prose_edit_reuses_the_exploration_and_places_findings_at_their_new_lines(tmp_path: Path) -> None:
    path = tmp_path / "stuck.yaml"
    text = (FIXTURES / "stuck.yaml").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    checker = Rechecker()
    first = _rechecked(checker, path)
    assert first == _fresh(path) and any("stuck" in line for line in first)
    path.write_text("# two lines\n# of comment\n" + text.replace("text: Choose again.", "text: Choose once more."))
    again = _rechecked(checker, path)
    assert checker.explored == 1
    assert again == _fresh(path) and again != first  # the stuck finding moved down two lines


def test_a_rules_edit_explores_again_and_agrees_with_a_fresh_check(tmp_path: Path) -> None:
    path = tmp_path / "tables.yaml"
    text = (FIXTURES / "tables.yaml").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    checker = Rechecker()
    assert _rechecked(checker, path) == _fresh(path)
    path.write_text(text.replace("days: 10, next: last", "days: 1, next: last"), encoding="utf-8")
    assert _rechecked(checker, path) == _fresh(path)  # the tables' answers were carried over
    path.write_text(text.replace("if: \"port != 'shut'\", points: 4", "if: \"port != 'shut'\", points: 9"))
    assert _rechecked(checker, path) == _fresh(path)
    assert checker.explored == 3


def test_check_watch_stages_say_nothing_of_the_check_while_the_file_has_errors(tmp_path: Path) -> None:
    path = tmp_path / "tiny.yaml"
    text = TINY.read_text(encoding="utf-8")
    path.write_text(text.replace("next: walkout", "next: walkoutt", 1), encoding="utf-8")
    watched = WatchedCheck(str(path))
    lines, verdict = watched.validation()
    assert verdict.startswith("validation: 1 error") and any("walkoutt" in t for _, t in lines)
    assert watched.check() is None
    path.write_text(text, encoding="utf-8")
    assert watched.validation()[1] == "validation: valid"
    found = watched.check()
    assert found is not None and found[1].startswith("check: ")
    assert any("Endings" in t for _, t in found[0])

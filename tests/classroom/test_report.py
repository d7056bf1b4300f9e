"""Class results: outcomes counted right, departures from history, damaged saves skipped."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from game.classroom.loading import ScenarioFinder, save_files
from game.classroom.markdown_text import report_markdown
from game.classroom.report import UNFINISHED, build_report, natural_key
from game.classroom.report_html import report_html
from game.engine import Game
from game.engine.saves import save_game
from tests.classroom.conftest import play_class
from tests.conftest import TINY


def test_outcomes_are_counted_correctly(tiny, class_saves) -> None:  # type: ignore[no-untyped-def]
    folder, expected = class_saves
    files, problems = save_files([folder])
    assert len(files) == 24 and not problems
    report = build_report(files, ScenarioFinder(TINY))
    assert not report.skipped and report.total == 24
    (section,) = report.sections
    counts = {bar.label: bar.count for bar in section.outcome_counts}
    assert counts == {tiny.outcomes[o].title: expected[o] for o in tiny.outcomes}
    assert sum(counts.values()) == 24
    assert [b.historical for b in section.outcome_counts] == [o.historical for o in tiny.outcomes.values()]


def test_groups_table(tiny, class_saves) -> None:  # type: ignore[no-untyped-def]
    folder, _ = class_saves
    (section,) = build_report(save_files([folder])[0], ScenarioFinder(TINY)).sections
    assert [g.name for g in section.groups][:3] == ["group 0", "group 1", "group 2"], "natural order"
    for group in section.groups:
        assert group.lens in ("Hopeful", "Gloomy") and group.outcome in [o.title for o in tiny.outcomes.values()]
        assert group.decisions >= 1 and group.reasons == 0
    assert any(g.turning_point for g in section.groups)
    assert natural_key("group 10") > natural_key("group 9")


def test_departures_count_groups(tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for name, first in (("a", "cold"), ("b", "cold"), ("c", "warm"), ("d", "leave")):
        game = Game.new(tiny, "hopeful", 1, {"red": "human", "blue": "historical"})
        game.choose(first, reason="why not" if name == "a" else "")
        save_game(game, tmp_path, name)
    (section,) = build_report(save_files([tmp_path])[0], ScenarioFinder(TINY)).sections
    top = section.departures[0]
    assert (top.node, top.reached, top.parted, top.otherwise) == ("open", 4, 3, 3)
    assert top.alternative == "Be cold (2)"
    assert [g.reasons for g in section.groups] == [1, 0, 0, 0]


def test_unfinished_games_have_their_own_bar(tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    save_game(Game.new(tiny, seed=1, controllers={"red": "human"}), tmp_path, "still playing")
    (section,) = build_report(save_files([tmp_path])[0], ScenarioFinder(TINY)).sections
    assert section.outcome_counts[-1].label == UNFINISHED and section.outcome_counts[-1].count == 1
    assert section.groups[0].outcome == UNFINISHED


def test_damaged_saves_are_skipped_with_the_reason(tiny, class_saves) -> None:  # type: ignore[no-untyped-def]
    folder, _ = class_saves
    (folder / "torn.json").write_text('{"parley_save": 1, "scen', encoding="utf-8")
    (folder / "notes.json").write_text("[1, 2]", encoding="utf-8")
    other = json.loads((folder / "group 0.json").read_text(encoding="utf-8"))
    other["scenario"] = {"id": "atlantis", "path": "nowhere.yaml"}
    (folder / "lost.json").write_text(json.dumps(other), encoding="utf-8")
    report = build_report(save_files([folder])[0], ScenarioFinder(TINY))
    assert report.total == 24
    skipped = dict((Path(name).name, why) for name, why in report.skipped)
    assert set(skipped) == {"torn.json", "notes.json", "lost.json"}
    assert "damaged" in skipped["torn.json"] and "not a Parley save" in skipped["notes.json"]
    assert "'atlantis' was not found" in skipped["lost.json"]
    assert "torn.json" in report_html(report) and "torn.json" in report_markdown(report)


def test_scenario_found_by_id_when_the_recorded_path_is_gone(tiny, class_saves, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder, _ = class_saves
    library = tmp_path / "library"
    library.mkdir()
    (library / "renamed.yaml").write_text(TINY.read_text(encoding="utf-8"), encoding="utf-8")
    for path in folder.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        data["scenario"]["path"] = "/gone/tiny.yaml"
        path.write_text(json.dumps(data), encoding="utf-8")
    report = build_report(save_files([folder])[0], ScenarioFinder(folder=library))
    assert report.total == 24 and not report.skipped


def test_report_pages(tiny, class_saves) -> None:  # type: ignore[no-untyped-def]
    folder, _ = class_saves
    report = build_report(save_files([folder])[0], ScenarioFinder(TINY))
    page = report_html(report, {"tiny": "class-outcomes.png"})
    assert "<svg" in page and "class-outcomes.png" in page and "group 23" in page
    markdown = report_markdown(report, {"tiny": "class-outcomes.png"})
    assert "![Outcomes: bar chart](class-outcomes.png)" in markdown and "| group 0 | " in markdown


def test_flagship_class(flagship, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    expected = play_class(flagship, tmp_path, range(16))
    (section,) = build_report(save_files([tmp_path])[0]).sections
    assert Counter({b.label: b.count for b in section.outcome_counts if b.count}) == \
        Counter({flagship.outcomes[o].title: n for o, n in expected.items()})

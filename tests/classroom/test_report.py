"""Class results: outcomes counted right, departures from history, damaged saves skipped."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from game.classroom.loading import ScenarioFinder, save_files
from game.classroom.markdown_text import report_markdown
from game.classroom.report import UNFINISHED, ClassReport, build_report, natural_key
from game.classroom.report_html import report_html
from game.engine import Game
from game.engine.saves import autosave, save_game
from tests.classroom.conftest import in_order, play_class
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
    assert Counter({b.label: b.count for b in section.outcome_counts if b.count}) == Counter(
        {flagship.outcomes[o].title: n for o, n in expected.items()}
    )


def _leave(tiny, lens: str, seed: int) -> Game:  # type: ignore[no-untyped-def]
    """A game that ends at once: Red walks out."""
    game = Game.new(tiny, lens, seed, {"red": "human", "blue": "human"})
    game.choose("leave")
    return game


def test_groups_are_named_by_their_files(tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "class"
    folder.mkdir()
    for number in (1, 2, 10):
        saved = save_game(_leave(tiny, "hopeful", number), tmp_path / f"pc{number}", "autosave")
        (folder / f"group{number}.json").write_bytes(saved.read_bytes())
    save_game(_leave(tiny, "gloomy", 5), folder, "Ana and Tom")
    report = build_report(save_files([folder])[0], ScenarioFinder(TINY))
    (section,) = report.sections
    assert [g.name for g in section.groups] == ["Ana and Tom", "group1", "group2", "group10"]
    assert [g.saved_as for g in section.groups] == ["", "autosave", "autosave", "autosave"]
    markdown, page = report_markdown(report), report_html(report)
    assert "| group2 (saved as “autosave”) |" in markdown and "| Ana and Tom |" in markdown
    assert '<td class="name">group10<br><span class="meta">saved as “autosave”</span>' in page


def test_copies_of_one_game_are_counted_once(tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "class"
    first = save_game(_leave(tiny, "hopeful", 1), folder, "group1")
    save_game(_leave(tiny, "hopeful", 2), folder, "group2")  # another seed: another game
    save_game(_leave(tiny, "gloomy", 1), folder, "group3")  # another lens: another game
    (folder / "group1 copy.json").write_bytes(first.read_bytes())
    save_game(_leave(tiny, "hopeful", 1), folder, "group4")  # saved again later: the same game
    files, _ = save_files([folder, first])  # the same file named twice is read once
    assert len(files) == 5
    report = build_report(files, ScenarioFinder(TINY))
    assert report.total == 3 and not report.skipped
    assert [(Path(copy).name, Path(kept).name) for copy, kept in report.duplicates] == [
        ("group1 copy.json", "group1.json"),
        ("group4.json", "group1.json"),
    ]
    (section,) = report.sections
    assert [g.name for g in section.groups] == ["group1", "group2", "group3"]
    assert sum(b.count for b in section.outcome_counts) == 3
    assert report.copies_words() == "2 copies counted once"
    markdown = report_markdown(report)
    assert in_order(
        markdown,
        [
            "3 save(s) read, 2 copies counted once.",
            "## Copies counted once",
            "group1 copy.json is the same game as",
            "group4.json is the same game as",
        ],
    )
    assert "Copies counted once" in report_html(report)


def test_reasons_make_games_different(tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for name, reason in (("a", "we must"), ("b", "")):
        game = Game.new(tiny, "hopeful", 1, {"red": "human"})
        game.choose("leave", reason=reason)
        save_game(game, tmp_path, name)
    report = build_report(save_files([tmp_path])[0], ScenarioFinder(TINY))
    assert report.total == 2 and not report.duplicates


def test_endings_by_lens(tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    save_game(_leave(tiny, "gloomy", 1), tmp_path, "g1")
    save_game(_leave(tiny, "hopeful", 2), tmp_path, "g2")
    save_game(_leave(tiny, "hopeful", 3), tmp_path, "g3")
    save_game(Game.new(tiny, "gloomy", 4, {"red": "human"}), tmp_path, "g4")  # not finished
    (section,) = build_report(save_files([tmp_path])[0], ScenarioFinder(TINY)).sections
    assert section.lenses == ["Hopeful", "Gloomy"], "in the scenario's order"
    table = {row.label: row.counts for row in section.by_lens}
    assert table == {"Treaty signed": (0, 0), "Stalemate": (0, 0), "Walk-out": (2, 1), UNFINISHED: (0, 1)}
    assert section.lens_totals == (2, 2)
    markdown = report_markdown(ClassReport([section], []))
    assert in_order(
        markdown,
        [
            "### Endings by lens",
            "| Outcome | Hopeful | Gloomy |",
            "| Stalemate (historical) | 0 | 0 |",
            "| Walk-out | 2 | 1 |",
            f"| {UNFINISHED} | 0 | 1 |",
            "| **Groups** | **2** | **2** |",
        ],
    )
    page = report_html(ClassReport([section], []))
    assert in_order(
        page,
        [
            "<h3>Endings by lens</h3>",
            '<th class="num">Hopeful</th><th class="num">Gloomy</th>',
            'Walk-out</td><td class="num">2</td><td class="num">1</td>',
        ],
    )


def test_endings_by_lens_add_up(tiny, class_saves) -> None:  # type: ignore[no-untyped-def]
    folder, _ = class_saves
    (section,) = build_report(save_files([folder])[0], ScenarioFinder(TINY)).sections
    lens_of = {g.lens for g in section.groups}
    assert set(section.lenses) == lens_of
    for row, bar in zip(section.by_lens, section.outcome_counts, strict=True):
        assert row.label == bar.label and sum(row.counts) == bar.count
    assert section.lens_totals == tuple(sum(1 for g in section.groups if g.lens == name) for name in section.lenses)


def test_one_lens_is_said_plainly(tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    save_game(_leave(tiny, "hopeful", 1), tmp_path, "only")
    report = build_report(save_files([tmp_path])[0], ScenarioFinder(TINY))
    assert "Every group played under the same lens (Hopeful)." in report_markdown(report)


def test_decisions_by_the_class(tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    game = Game.new(tiny, "hopeful", 1, {"red": "human", "blue": "goals"})
    game.choose("cold")
    game.play_until_human()
    save_game(game, tmp_path, "mixed")
    (group,) = build_report(save_files([tmp_path])[0], ScenarioFinder(TINY)).sections[0].groups
    people = sum(1 for m in game.moves if m.by == "human")
    assert group.by_class == people >= 1
    assert group.decisions == sum(1 for m in game.moves if m.by != "chance") > people


def test_a_named_save_is_preferred_to_the_autosave_of_the_same_game(tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A saves folder copied from a computer holds a group's named save and the autosave of the same
    game (``autosave-<scenario>-<hash>.json``): the report counts the game once, under the group's name,
    whichever file comes first."""
    folder = tmp_path / "class"
    game = _leave(tiny, "hopeful", 1)
    automatic = autosave(game, folder)
    named = save_game(game, folder, "group 3")
    assert automatic.name.startswith("autosave-") and automatic.name < named.name  # the autosave is listed first
    report = build_report([automatic, named], ScenarioFinder(TINY))
    (section,) = report.sections
    assert [g.name for g in section.groups] == ["group 3"]
    assert [(Path(copy).name, Path(kept).name) for copy, kept in report.duplicates] == [
        (automatic.name, "group 3.json")
    ]

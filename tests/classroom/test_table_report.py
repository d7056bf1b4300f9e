"""The class report of format-2 games: each group's score for each role, the mean per role, and CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from game.classroom.loading import ScenarioFinder
from game.classroom.markdown_text import report_markdown
from game.classroom.report import build_report
from game.classroom.report_html import report_html
from game.cli import main
from game.engine import Game, Scenario
from game.engine.saves import save_game
from tests.classroom.conftest import TABLE, in_order, negotiated
from tests.conftest import TINY


def _walked_out(table: Scenario) -> Game:
    """Blue walks out of the talks; both keep the status quo in secret; Red gives up: Drift."""
    game = Game.new(table, "doubting", 5, {"red": "human", "blue": "human", "green": "disposition"})
    game.propose("red", {"passage": "wide", "signing": "now"})
    game.answer("blue", "walk", reason="Not on these terms")
    game.play_until_human()
    game.seal("red", "wait")
    game.seal("blue", "sit")
    game.choose("quit")
    assert game.ended and game.outcome is not None and game.outcome.id == "drift"
    return game


@pytest.fixture
def table_class(table: Scenario, tmp_path: Path) -> Path:
    """Three groups: a treaty (Red 15, Blue 8, Green 6), a drift (Red 0, Blue 8, Green 0), and one unfinished."""
    folder = tmp_path / "class"
    save_game(negotiated(table), folder, "group 1")
    save_game(_walked_out(table), folder, "group 2")
    unfinished = Game.new(table, None, 7, {"red": "human", "blue": "human"})
    unfinished.propose("red", {"passage": "narrow", "signing": "later"})
    save_game(unfinished, folder, "group 3")
    return folder


def test_the_report_compares_the_tables_role_by_role(table_class: Path) -> None:
    report = build_report(sorted(table_class.glob("*.json")), ScenarioFinder(TABLE))
    (section,) = report.sections
    assert [(r.name, r.possible, r.mean, r.games) for r in section.roles] == [
        ("Red delegation", 15, 7.5, 2),
        ("Blue delegation", 8, 8.0, 2),
        ("Green delegation", 6, 3.0, 2),
    ]
    group_1 = section.groups[0]
    assert group_1.scores["red"].met == ("open_passage", "secret_rival") and group_1.scores["red"].by_people
    assert not group_1.scores["green"].by_people and section.groups[2].scores == {}
    where = {d.node: d for d in section.departures}
    assert where["talks"].where.endswith("(at the table)") and where["talks"].parted == 2
    assert where["evening"].where.endswith("(secret choices)")
    assert where["evening"].alternative in ("Red delegation: Wait (1)", "Blue delegation: Sit tight (1)")
    page = report_html(report)
    assert in_order(
        page,
        [
            "<h3>Scores by role</h3>",
            "Red delegation<br>",
            "of 15",
            "Green delegation<br>",
            "group 1",
            '<td class="num">15</td><td class="num">8</td><td class="num">6 †</td>',
            "group 2",
            '<td class="num">0</td><td class="num">8</td><td class="num">0 †</td>',
            "group 3",
            '<td class="num">—</td>',
            "Mean",
            '<td class="num">7.5</td><td class="num">8.0</td><td class="num">3.0</td>',
            "<h3>Groups</h3>",
        ],
    )
    text = report_markdown(report)
    assert in_order(
        text,
        [
            "### Scores by role",
            "| Group | Outcome | Red delegation (of 15) | Blue delegation (of 8) | Green delegation (of 6) |",
            "| group 1 | Treaty | 15 | 8 | 6 † |",
            "| group 2 | Drift | 0 | 8 | 0 † |",
            "| group 3 | Not finished | — | — | — |",
            "| **Mean** | | **7.5** | **8.0** | **3.0** |",
        ],
    ), text


def test_scores_by_role_as_csv(table_class: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out" / "class.csv"
    assert main(["report", str(table_class), "--scenario", str(TABLE), "-o", str(out)]) == 0
    assert "scores by role for 3 game(s)" in capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == 9, "three groups by three delegations"
    red_1 = next(r for r in rows if r["group"] == "group 1" and r["role"] == "red")
    assert red_1 == {
        "scenario": "table",
        "group": "group 1",
        "lens": "Trusting",
        "seed": "3",
        "outcome": "Treaty",
        "role": "red",
        "delegation": "Red delegation",
        "played_by": "students",
        "score": "15",
        "possible": "15",
        "objectives_met": "open_passage; secret_rival",
        "objectives_missed": "",
    }
    green_2 = next(r for r in rows if r["group"] == "group 2" and r["role"] == "green")
    assert (green_2["played_by"], green_2["score"], green_2["objectives_missed"]) == ("computer", "0", "any_deal")
    assert all(r["score"] == "" for r in rows if r["group"] == "group 3"), "unfinished: no score"
    assert not list(out.parent.glob("*.png")), "no chart beside a CSV"


def test_a_csv_of_saves_without_scores_is_refused(tiny, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    game = Game.new(tiny, None, 1, {a: "random" for a in tiny.actors})
    game.play_until_human()
    save_game(game, tmp_path / "saves", "group 1")
    out = tmp_path / "class.csv"
    assert main(["report", str(tmp_path / "saves"), "--scenario", str(TINY), "-o", str(out)]) == 1
    assert "no objectives" in capsys.readouterr().err and not out.exists()
    assert main(["report", str(tmp_path / "saves"), "--scenario", str(TINY), "-o", str(tmp_path / "x.pdf")]) == 2
    assert ".html, .md or .csv" in capsys.readouterr().err
    assert main(["transcript", str(next((tmp_path / "saves").glob("*.json"))), "-o", str(out)]) == 2


def test_a_format_1_report_has_no_score_table(tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    game = Game.new(tiny, None, 1, {a: "random" for a in tiny.actors})
    game.play_until_human()
    path = save_game(game, tmp_path / "saves", "group 1")
    report = build_report([path], ScenarioFinder(TINY))
    assert report.sections[0].roles == []
    assert "Scores by role" not in report_html(report) and "Scores by role" not in report_markdown(report)

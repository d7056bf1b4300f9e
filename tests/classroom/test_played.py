"""Who played a delegation comes from its moves: a seat handed to the computer late stays the
students' in the report, its CSV and the transcript."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from game.classroom import played
from game.classroom.loading import ScenarioFinder, replay_save
from game.classroom.report import build_report, score_text
from game.classroom.report_csv import report_csv
from game.classroom.transcript import build_transcript
from game.engine import Game, Scenario
from game.engine.game import Move
from game.engine.saves import read_save, save_game
from tests.classroom.conftest import TABLE


def _handed_over_late(table: Scenario) -> Game:
    """Red (Cara) makes three moves, then the computer takes Red's seat for the last one."""
    game = Game.new(table, None, 3, {"red": "human", "blue": "human", "green": "disposition"})
    game.propose("red", {"passage": "wide", "signing": "now"})
    game.answer("blue", "counter", {"passage": "narrow", "signing": "later"})
    game.play_until_human()
    game.answer("red", "accept")
    game.play_until_human()
    game.seal("blue", "cable")
    game.seal("red", "rival")
    game.play_until_human()
    game.settings.controllers["red"] = "disposition"  # "Computer takes over"
    game.play_until_human()
    assert game.ended and [m.by for m in game.moves if m.actor == "red"] == ["human"] * 3 + ["disposition"]
    played.store(game, {"red": ["Cara"], "blue": ["Ben"]})
    return game


def test_a_seat_handed_over_late_stays_the_students_in_the_report_csv_and_transcript(
    table: Scenario, tmp_path: Path
) -> None:
    path = save_game(_handed_over_late(table), tmp_path, "table-1")
    report = build_report([path], ScenarioFinder(TABLE))
    (group,) = report.sections[0].groups
    red = group.scores["red"]
    assert red.played.kind == "both" and red.by_people
    assert "†" not in score_text(group, "red") and "†" in score_text(group, "green")
    rows = {r["role"]: r["played_by"] for r in csv.DictReader(io.StringIO(report_csv(report)))}
    assert rows == {"red": "both", "blue": "students", "green": "computer"}
    read_back = replay_save(read_save(path), ScenarioFinder(TABLE)).game  # the names come with the save
    words = {r.actor: r.played_by for r in build_transcript(read_back).roles}
    assert words == {
        "red": "Cara (3 moves), then the computer (1)",
        "blue": "Ben (2 moves)",
        "green": "computer (as history, then in character)",
    }


def test_who_played_counts_stretches_in_order_and_names_the_majority() -> None:
    moves = [Move("n", "s", "disposition", "red"), Move("n", "s", "chance", "")]
    moves += [Move("n", "s", "human", "red")] * 2 + [Move("n", "s", "proxy", "red"), Move("n", "s", "human", "blue")]
    moves += [Move("n", "s", "goals", "red")]
    who = played.played_from(moves, "red", "goals")
    assert (who.by_students, who.by_computer, who.kind, who.mostly_students) == (3, 2, "both", True)
    assert who.words() == "The computer (1 move), then the students (3), then the computer (1)"
    mostly_computer = played.played_from(moves[:1] * 4 + moves[2:3], "red", "disposition", ("Ana",))
    assert not mostly_computer.mostly_students and mostly_computer.words().endswith("then Ana (1)")
    assert played.played_from([], "red", "human").words() == "students"

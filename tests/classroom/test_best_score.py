"""The most a role can score is what one game can give: objectives that need different endings (or
opposite hidden draws) are not added up. Role sheet, rubric, class report and CSV say the same."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from game.classroom.handouts import build_pack
from game.classroom.handouts_html import pack_pages, role_file
from game.classroom.loading import ScenarioFinder
from game.classroom.report import build_report
from game.classroom.report_csv import report_csv
from game.engine.history import historical_game
from game.engine.loader import load_scenario
from game.engine.saves import save_game
from game.engine.scoring import best_total, score
from game.paths import SCENARIOS

from .test_handouts import plain

FLAGSHIP = SCENARIOS / "moscow-1939.yaml"


def test_objectives_that_exclude_each_other_are_not_added_up() -> None:
    scenario = load_scenario(str(FLAGSHIP))
    kremlin = scenario.actors["kremlin"]
    added = sum(o.points for o in kremlin.objectives if o.points > 0)
    assert (best_total(scenario, "kremlin"), added) == (26, 40)  # a convention and the pact cannot both happen
    for actor in scenario.actors.values():
        assert best_total(scenario, actor.id) <= sum(o.points for o in actor.objectives if o.points > 0)
    tutorial = load_scenario(str(SCENARIOS / "tutorial-negotiation.yaml"))
    for actor in tutorial.actors.values():  # nothing excludes anything there: the sum
        assert best_total(tutorial, actor.id) == sum(o.points for o in actor.objectives if o.points > 0)


def test_no_game_scores_above_it() -> None:
    scenario = load_scenario(str(FLAGSHIP))
    game = historical_game(scenario)
    game.play_until_human()
    assert game.ended
    for actor in scenario.actors:
        assert score(scenario, game.state, actor).total <= best_total(scenario, actor)


def test_the_sheet_the_rubric_and_the_csv_give_the_same_most(tmp_path: Path) -> None:
    scenario = load_scenario(str(FLAGSHIP))
    pages = pack_pages(build_pack(scenario), "")
    sheet = plain(pages[role_file("kremlin")])
    assert "The most you can score (40 if every objective were met, but some exclude each other) 26" in sheet
    assert "The most you can score 17" in plain(pages[role_file("ussr")])  # nothing excluded: no excuse
    rubric = plain(pages["rubric.html"])
    assert "The Kremlin 26 40 if every objective were met; some exclude each other" in rubric
    game = historical_game(scenario)
    game.play_until_human()
    saved = save_game(game, tmp_path, "group 1")
    rows = list(csv.DictReader(io.StringIO(report_csv(build_report([saved], ScenarioFinder(FLAGSHIP))))))
    kremlin = next(r for r in rows if r["role"] == "kremlin")
    assert kremlin["possible"] == "26"

"""The class report when the teacher ends a hosted class: every table as a save, then the same
builders as ``python main.py report`` (HTML, and CSV of scores by role)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..classroom.loading import ScenarioFinder
from ..classroom.report import build_report
from ..classroom.report_csv import report_csv
from ..classroom.report_html import report_html
from ..engine.game import Game
from ..engine.saves import save_game


@dataclass(frozen=True)
class ClassResults:
    html: str
    csv: str
    folder: Path  # where the tables' saves and the report files were written


def class_results(games: dict[int, Game], folder: Path, scenario_path: str) -> ClassResults:
    """Write each table's game as ``table-N.json`` in ``folder`` and build the class report from them."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [save_game(game, folder, f"table-{number}") for number, game in sorted(games.items())]
    report = build_report(paths, ScenarioFinder(scenario_path))
    html, csv = report_html(report), report_csv(report)
    (folder / "report.html").write_text(html, encoding="utf-8")
    (folder / "report.csv").write_text(csv, encoding="utf-8")
    return ClassResults(html, csv, folder)

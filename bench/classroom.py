"""Time the class report over 200 saves: ``python bench/classroom.py [--saves N] [--scenario FILE]``.

Plays N games with random players and different seeds (the flagship if present, else the test
scenario), saves them in a temporary folder, adds a few renamed copies (as when autosaves are
copied from several computers), then times reading and replaying them, spotting the copies, building
the report, and writing the HTML page with its PNG chart and the Markdown page. The issue asks for
under 5 s at 200 saves.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.classroom.loading import ScenarioFinder, save_files  # noqa: E402
from game.classroom.markdown_text import report_markdown  # noqa: E402
from game.classroom.report import build_report  # noqa: E402
from game.classroom.report_html import report_html  # noqa: E402
from game.engine import Game, load_scenario  # noqa: E402
from game.engine.saves import save_game  # noqa: E402
from game.ui.render.chart_png import write_png  # noqa: E402

LIMIT = 5.0


def default_scenario() -> Path:
    flagship = ROOT / "scenarios" / "moscow-1939.yaml"
    return flagship if flagship.exists() else ROOT / "tests" / "fixtures" / "tiny.yaml"


def make_saves(scenario_path: Path, folder: Path, count: int) -> None:
    scenario = load_scenario(str(scenario_path))
    lenses = list(scenario.lenses) or [""]
    for seed in range(count):
        game = Game.new(scenario, lenses[seed % len(lenses)] or None, seed, {a: "random" for a in scenario.actors})
        game.play_until_human()
        save_game(game, folder, f"group {seed}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument("--copies", type=int, default=10, help="renamed copies of saves to add (counted once)")
    parser.add_argument("--scenario", type=Path, default=default_scenario())
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "class"
        start = time.perf_counter()
        make_saves(args.scenario, folder, args.saves)
        for number in range(min(args.copies, args.saves)):
            copy = folder / f"copy {number}.json"
            copy.write_bytes((folder / f"group {number * max(1, args.saves // max(1, args.copies))}.json").read_bytes())
        made = time.perf_counter() - start

        start = time.perf_counter()
        files, _ = save_files([folder])
        report = build_report(files, ScenarioFinder(args.scenario))
        built = time.perf_counter() - start
        if report.total != args.saves or len(report.duplicates) != min(args.copies, args.saves):
            print(f"wrong count: {report.total} games, {len(report.duplicates)} copies", file=sys.stderr)
            return 1
        start = time.perf_counter()
        page = report_html(report, {"x": "class-outcomes.png"})
        (Path(temp) / "class.html").write_text(page, encoding="utf-8")
        for section in report.sections:
            write_png(section.chart, Path(temp) / "class-outcomes.png")
        (Path(temp) / "class.md").write_text(report_markdown(report), encoding="utf-8")
        written = time.perf_counter() - start
    total = built + written
    print(
        f"scenario: {args.scenario.name}; saves: {args.saves} and {len(report.duplicates)} copies "
        f"(made in {made:.2f} s, not timed)"
    )
    print(f"read, replay and tally: {built:.2f} s ({1000 * built / max(1, args.saves):.1f} ms a save)")
    print(f"HTML page, PNG chart and Markdown: {written:.2f} s")
    print(f"report total: {total:.2f} s (limit {LIMIT:.0f} s): {'ok' if total < LIMIT else 'TOO SLOW'}")
    return 0 if total < LIMIT else 1


if __name__ == "__main__":
    raise SystemExit(main())

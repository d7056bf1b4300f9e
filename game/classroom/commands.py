"""Classroom commands: ``transcript`` (one session, printable), ``report`` (a whole class's saves) and
``handouts`` (the printable pack a class prepares with, from the scenario alone).

Exit codes, as everywhere in Parley: 0 done, 1 a problem with the files (no readable save, a
scenario not found, an output that cannot be written), 2 a usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..commandline import add_scenario_argument, fail
from ..engine.safefile import folder_problem

if TYPE_CHECKING:
    from .report import ClassReport

FORMATS = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}
CSV = ".csv"  # the report's scores by role, for a spreadsheet


def register(sub: argparse._SubParsersAction) -> None:
    transcript = sub.add_parser(
        "transcript",
        help="export a printable record of one saved session (HTML or Markdown)",
        description="Write the transcript of a saved game: setup, every decision with its reason and effects, "
        "the events, the ending and its epilogue, the comparison with history, and the sources. "
        "The format follows the output's extension (.html or .md); without -o, Markdown is printed.",
    )
    transcript.add_argument("save", metavar="SAVE", help="a save: a file, or a name saved with 's NAME'")
    transcript.add_argument("-o", "--output", metavar="FILE", help="where to write it (.html or .md)")
    transcript.add_argument(
        "--scenario",
        metavar="FILE",
        help="the scenario file, if the save's recorded path is not found "
        "(default: looked up in scenarios/ by the save's scenario id)",
    )
    transcript.set_defaults(run=run_transcript)

    report = sub.add_parser(
        "report",
        help="gather many groups' saves into class results",
        description="Read the saves of many groups (files, or folders of .json saves) and write the class "
        "results: how many reached each ending (overall and by lens), where groups left the historical "
        "path, a bar chart (a PNG beside the page, and inline in it) and a table per group. Each "
        "group is named by its file (group3.json: group3). Where the scenario gives its delegations "
        "objectives, a score table too: each group's score for each role and each role's mean. "
        "Damaged saves are skipped with a warning; two files holding the same game are counted once, "
        "with a warning. Without -o, a Markdown summary is printed. With -o FILE.csv, the scores by "
        "role are written as CSV instead, one row per group and delegation, for a spreadsheet.",
    )
    report.add_argument("saves", nargs="+", metavar="SAVES", help="save files or folders of saves")
    report.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="where to write it: .html or .md for the report, .csv for the scores by role",
    )
    report.add_argument("--scenario", metavar="FILE", help="the scenario file, if it is not found by its id")
    report.set_defaults(run=run_report)

    handouts = sub.add_parser(
        "handouts",
        help="write the classroom pack: role sheets, background, sources, worksheets, rubric, debrief",
        description="Write printable pages for a class from the scenario alone, into the folder DIR: a "
        "confidential sheet for each role (briefing, objectives and their points, confidential values and "
        "walk-away, private knowledge, the role's decisions by date), a background sheet for everyone (the "
        "roles, the issues, the readings, a map, the historical path with sources), the sources, a reasons "
        "worksheet per role, an assessment rubric, debrief questions for each ending, a teacher's page of what "
        "the game takes from each source, and index.html linking them. Numbers are for the scenario's default "
        "lens unless --lens names another. Pages are HTML with print styles and need no network; print them "
        "from a browser. DIR is made "
        "if its parent exists; a folder that already holds files is refused unless --force is given.",
    )
    add_scenario_argument(handouts)
    handouts.add_argument("-o", "--output", metavar="DIR", required=True, help="the folder to write the pages in")
    handouts.add_argument(
        "--lens",
        metavar="LENS",
        help="the reading of the evidence whose numbers the role sheets give at the start (default: the scenario's)",
    )
    handouts.add_argument(
        "--force",
        action="store_true",
        help="write into a folder that already holds files (the pack's pages are replaced, other files kept)",
    )
    handouts.set_defaults(run=run_handouts)


def output_format(output: str | None) -> str | None:
    """'html', 'markdown', or None for an extension Parley cannot write (stdout is Markdown)."""
    if output is None:
        return "markdown"
    return FORMATS.get(Path(output).suffix.lower())


def _write(path: Path, text: str) -> str:
    """Write ``text``; return '' or why it could not be written."""
    from ..engine.safefile import FileProblem, write_atomic

    try:
        write_atomic(path, text)  # never makes a missing folder: a mistyped path is an error
        path.chmod(0o644)  # a page to share, unlike a private temporary file
    except FileProblem as exc:
        return str(exc)
    except OSError as exc:
        return f"cannot write {path}: {exc.strerror or exc}"
    return ""


def run_transcript(args: argparse.Namespace) -> int:
    kind = output_format(args.output)
    if kind is None:
        return fail(f"cannot tell the format of {args.output!r}: name it .html or .md")
    from ..engine.saves import SaveError
    from .loading import ClassroomError, ScenarioFinder, load_save
    from .markdown_text import transcript_markdown
    from .transcript import build_transcript
    from .transcript_html import transcript_html

    try:
        loaded = load_save(args.save, ScenarioFinder(args.scenario))
    except (SaveError, ClassroomError) as exc:
        return fail(str(exc), 1)
    if loaded.notice:
        print(f"parley: note: {loaded.notice}", file=sys.stderr)
    transcript = build_transcript(loaded.game)
    text = transcript_html(transcript) if kind == "html" else transcript_markdown(transcript)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    problem = _write(Path(args.output), text)
    if problem:
        return fail(problem, 1)
    print(
        f"Wrote {args.output}: {transcript.count.words()}; "
        f"{'ending: ' + transcript.ending.title if transcript.ending else 'not finished'}."
    )
    return 0


def _charts(report: ClassReport, output: Path) -> dict[str, str]:
    """Write one PNG per scenario beside ``output``; return scenario id -> file name."""
    try:
        from ..ui.render.chart_png import write_png
    except ImportError as exc:  # pragma: no cover - pygame is a dependency
        print(f"parley: warning: no PNG chart ({exc}); the page has the chart inline", file=sys.stderr)
        return {}
    out = {}
    for results in report.sections:
        suffix = "" if len(report.sections) == 1 else f"-{results.scenario_id}"
        path = output.with_name(f"{output.stem}-outcomes{suffix}.png")
        try:
            write_png(results.chart, path)
        except (OSError, RuntimeError) as exc:
            print(f"parley: warning: could not write {path}: {exc}", file=sys.stderr)
            continue
        out[results.scenario_id] = path.name
    return out


def _write_csv(report: ClassReport, output: Path) -> int:
    """Write the scores by role; a report with no scores at all is a problem, not an empty file."""
    from .report_csv import has_scores, report_csv

    if not has_scores(report):
        return fail("these saves have no scores: their scenarios give the delegations no objectives", 1)
    problem = folder_problem(output.parent, make=True)  # a report's folder of pages is made for it
    if problem:
        return fail(f"cannot write {output}: {problem}", 1)
    problem = _write(output, report_csv(report))
    if problem:
        return fail(problem, 1)
    print(f"Wrote {output}: scores by role for {report.total} game(s), {len(report.skipped)} skipped.")
    return 0


def run_report(args: argparse.Namespace) -> int:
    as_csv = args.output is not None and Path(args.output).suffix.lower() == CSV
    kind = "csv" if as_csv else output_format(args.output)
    if kind is None:
        return fail(f"cannot tell the format of {args.output!r}: name it .html, .md or .csv")
    from ..paths import settings_file
    from .loading import ScenarioFinder, save_files
    from .markdown_text import report_markdown
    from .report import build_report

    files, problems = save_files(args.saves, skip={settings_file()})
    for problem in problems:
        print(f"parley: warning: {problem}", file=sys.stderr)
    report = build_report(files, ScenarioFinder(args.scenario))
    for name, why in report.skipped:
        print(f"parley: warning: skipped {name}: {why}", file=sys.stderr)
    for copy, kept in report.duplicates:
        print(
            f"parley: warning: {copy} and {kept} are the same game (same scenario, settings and moves); "
            f"counted once, as {Path(kept).stem}",
            file=sys.stderr,
        )
    if not report.total:
        return fail("no readable save among the files given", 1)
    if kind == "csv":
        return _write_csv(report, Path(args.output))
    if args.output is None:
        sys.stdout.write(report_markdown(report))
        return 0
    output = Path(args.output)
    problem = folder_problem(output.parent, make=True)  # a report's folder of pages is made for it
    if problem:
        return fail(f"cannot write {output}: {problem}", 1)
    charts = _charts(report, output)
    if kind == "html":
        from .report_html import report_html

        text = report_html(report, charts)
    else:
        text = report_markdown(report, charts)
    problem = _write(output, text)
    if problem:
        return fail(problem, 1)
    images = f" and {', '.join(charts.values())}" if charts else ""
    copies = f", {report.copies_words()}" if report.duplicates else ""
    print(f"Wrote {output}{images}: {report.total} game(s), {len(report.skipped)} skipped{copies}.")
    return 0


PDF_NOTE = (
    "No PDF is written: use the browser's Print dialogue and choose 'Save as PDF' (the pages carry print styles)."
)


def _pack_folder(folder: Path, force: bool) -> tuple[str, bool]:
    """('' or why ``folder`` cannot take the pack, whether it must be made). A folder that holds files
    is refused without ``force``, so a mistyped name never overwrites someone's work."""
    from ..engine.safefile import clean_stale_temps, exists, path_problem

    problem = path_problem(folder)
    if problem:
        return f"cannot write to {folder}: {problem}", False
    if folder.is_dir():
        clean_stale_temps(folder)
        try:
            busy = any(folder.iterdir())
        except OSError as exc:
            return f"cannot read the folder {folder}: {exc.strerror or exc}", False
        if busy and not force:
            return f"{folder} already holds files: name a new or empty folder, or add --force to write into it", False
        return "", False
    if exists(folder):
        return f"{folder} is not a folder", False
    problem = folder_problem(folder.parent if str(folder.parent) else Path("."), make=False)
    return (f"cannot make {folder}: {problem}" if problem else ""), True


def run_handouts(args: argparse.Namespace) -> int:
    from ..engine import GameError, validate_file
    from ..scenario_names import find_scenario_file, unknown_scenario
    from .handouts import build_pack
    from .handouts_html import pack_pages

    path = find_scenario_file(args.scenario)
    if path is None:
        return fail(unknown_scenario(args.scenario or ""), 1)
    scenario, findings = validate_file(str(path))
    if scenario is None:
        first = next((f.format() for f in findings if f.severity == "error"), "it has errors")
        return fail(f"{path} cannot be loaded: {first} ('python main.py validate {path}' lists every problem)", 1)
    if args.lens and args.lens not in scenario.lenses:
        known = ", ".join(scenario.lenses) or "none"
        return fail(f"no lens {args.lens!r} in {path} (its lenses: {known})", 1)
    folder = Path(args.output)
    problem, make = _pack_folder(folder, args.force)
    if problem:
        return fail(problem, 1)
    try:
        pages = pack_pages(build_pack(scenario, args.lens or None), PDF_NOTE)
    except GameError as exc:
        return fail(f"cannot make the pack for {path}: {exc}", 1)
    if make:
        try:
            folder.mkdir()
        except OSError as exc:
            return fail(f"cannot make the folder {folder}: {exc.strerror or exc}", 1)
    for name, text in pages.items():
        problem = _write(folder / name, text)
        if problem:
            return fail(problem, 1)
    roles = len(scenario.actors)
    made = "made the folder and " if make else ""
    print(
        f"Wrote the classroom pack for {scenario.title} to {folder} ({made}{len(pages)} pages: {roles} role "
        f"sheets, {roles} reasons worksheets, each group's two in one, background, sources, rubric, debrief, the "
        "teacher's sources). Open "
        f"{folder / 'index.html'} to print them. {PDF_NOTE}"
    )
    return 0

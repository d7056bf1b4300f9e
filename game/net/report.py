"""The class report when the teacher ends a hosted class: every table as a save (with its
messages), then the same builders as ``python main.py report`` (HTML, and CSV of scores by role)
and as ``python main.py transcript`` (each table's transcript, messages included)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..classroom import messages, played
from ..classroom.loading import ScenarioFinder
from ..classroom.messages import TableMessage
from ..classroom.report import build_report
from ..classroom.report_csv import report_csv
from ..classroom.report_html import report_html
from ..classroom.transcript import build_transcript
from ..classroom.transcript_html import transcript_html
from ..engine import safefile
from ..engine.game import Game
from ..engine.saves import MAX_SAVE_BYTES, save_game


@dataclass(frozen=True)
class ClassResults:
    html: str
    csv: str
    folder: Path  # where the tables' saves and the report files were written
    transcripts: dict[int, str]  # each table's transcript as an HTML page


def class_results(
    games: dict[int, Game],
    folder: Path,
    scenario_path: str,
    said: dict[int, list[TableMessage]],
    members: dict[int, dict[str, list[str]]] | None = None,
) -> ClassResults:
    """Write each table's game with its messages and its seats' members' names as ``table-N.json`` in
    ``folder``, its transcript as ``table-N.html``, and the class report built from the saves."""
    folder.mkdir(parents=True, exist_ok=True)
    transcripts: dict[int, str] = {}
    paths = []
    for number, game in sorted(games.items()):
        messages.store(game, said.get(number, []))
        played.store(game, (members or {}).get(number, {}))
        paths.append(save_game(game, folder, f"table-{number}"))
        transcripts[number] = transcript_html(build_transcript(game))
        (folder / f"table-{number}.html").write_text(transcripts[number], encoding="utf-8")
    report = build_report(paths, ScenarioFinder(scenario_path))
    html, csv = report_html(report), report_csv(report)
    (folder / "report.html").write_text(html, encoding="utf-8")
    (folder / "report.csv").write_text(csv, encoding="utf-8")
    return ClassResults(html, csv, folder, transcripts)


def forget_messages(folder: Path) -> None:
    """Remove the messages and names from a class's written results: each table's transcript is
    deleted and its save rewritten without them (``forget``). A file that cannot be read is left as it is."""
    for page in folder.glob("table-*.html"):
        page.unlink()
    for path in folder.glob("table-*.json"):
        try:
            data = safefile.read_json(path, MAX_SAVE_BYTES, "save")
        except safefile.FileProblem:
            continue
        settings = data.get("settings") if isinstance(data, dict) else None
        extras = settings.get("extras") if isinstance(settings, dict) else None
        if not isinstance(extras, dict):
            continue
        removed = [extras.pop(key) for key in (messages.KEY, played.KEY) if key in extras]
        if removed:
            safefile.write_atomic(path, json.dumps(data, ensure_ascii=False, indent=1))

"""Scores by role as CSV: one row per group and delegation, for a spreadsheet.

The class report's score table is for reading; this is for sorting, filtering and charting. Every
scored delegation of every group is a row, finished or not (an unfinished game's score is empty), so
no group silently drops out. Scenarios without objectives (format 1) have no rows.

``played_by`` says who took the delegation's decisions, counted from its moves: "students" (all of
them, time-outs in their seat included), "computer" (all of them), or "both" (a seat handed to the
computer part-way, or given back), whether or not the game was finished.
"""

from __future__ import annotations

import csv
import io

from .report import ClassReport

COLUMNS = (
    "scenario",
    "group",
    "lens",
    "seed",
    "outcome",
    "role",
    "delegation",
    "played_by",
    "score",
    "possible",
    "objectives_met",
    "objectives_missed",
)


def has_scores(report: ClassReport) -> bool:
    """Whether any scenario in the report scores its delegations."""
    return any(section.roles for section in report.sections)


def report_csv(report: ClassReport) -> str:
    """The scores by role, one row per group and delegation, with a header row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for section in report.sections:
        for group in section.groups:
            for role in section.roles:
                result = group.scores.get(role.actor)
                who = group.played.get(role.actor)
                writer.writerow(
                    [
                        section.scenario_id,
                        group.name,
                        group.lens,
                        group.seed,
                        group.outcome,
                        role.actor,
                        role.name,
                        who.kind if who else "",
                        result.total if result else "",
                        role.possible,
                        "; ".join(result.met) if result else "",
                        "; ".join(result.missed) if result else "",
                    ]
                )
    return out.getvalue()

"""Markdown versions of the transcript and the class report: plain text that also reads unrendered."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..engine.wording import long_date
from .history import Step
from .messages import TableMessage
from .report import BY_COMPUTER, TOP_DEPARTURES, mean_text, score_text
from .transcript import TABLE_KINDS, Draw, Ending, Entry, ScoreCard, Transcript

if TYPE_CHECKING:
    from .report import ClassReport, GroupResult, ScenarioResults

SPECULATIVE = {
    "none": "not speculative: this is what happened",
    "low": "slightly speculative",
    "medium": "fairly speculative",
    "high": "highly speculative",
}


SEPARATE = (
    "From here the two paths go their own ways. They are two separate lists, not rows to read across: "
    "the same number in each is not the same moment or the same decision."
)
STOPPED = "This game was not finished; history went on."


def split_words(t: Transcript) -> tuple[str, str, str]:
    """Words for the comparison: the side-by-side stretch's heading, then the heading and note of
    the separate paths after it ('' when the paths never part: history followed to its ending)."""
    if t.turning_point:
        return "Side by side, up to the turning point", "After the turning point: two separate paths", SEPARATE
    if t.played_after or t.history_after:
        return "Side by side, as far as this game went", "After this game stopped", STOPPED
    return "Side by side", "", ""


def one_line(text: str) -> str:
    """Text on one line, with '<' escaped so no renderer takes it for HTML."""
    return " ".join(str(text).split()).replace("\\", "\\\\").replace("<", "\\<")


_MARKUP = re.compile(r"([\\`*_\[\]<])")  # inline Markdown: with '[' escaped, no link or image can begin


def player_text(text: str) -> str:
    """A player's own words on one line with every Markdown sign escaped, so a reason can never
    become a link (``[x](javascript:...)``), an image fetched from elsewhere, or HTML."""
    return _MARKUP.sub(r"\\\1", " ".join(str(text).split()))


def cell(text: str) -> str:
    """Text made safe for one Markdown table cell."""
    return one_line(text).replace("|", "\\|") or " "


def refs(numbers: tuple[int, ...]) -> str:
    return "".join(f" [{n}]" for n in numbers)


def step_words(step: Step | None) -> str:
    if step is None:
        return "—"
    who = "Chance" if step.chance else step.actor
    return f"{step.date.day} {step.date:%b}, {step.node_title} — {who}: {step.label}"


def _table_entry(entry: Entry) -> list[str]:
    """A line from the table: a move with who made it and why, or what the table came to."""
    date = long_date(entry.date)
    where = f"*{date} — {one_line(entry.node_title)}:*" if entry.node_title else f"*{date}:*"
    terms = f": {one_line(entry.terms)}" if entry.terms else ""
    text = f" {one_line(entry.text)}" if entry.text else ""
    effects = f" ({'; '.join(entry.effects)})" if entry.effects else ""
    lines = [f"- {where} **{one_line(entry.title)}**{terms}.{text}{effects}{refs(entry.sources)}"]
    if entry.kind == "sealed":
        lines[0] = f"- {where} {one_line(entry.title)}, in secret."
    elif entry.kind == "reveal":
        lines[0] = f"- {where} the secret choices are revealed.{text}{effects}{refs(entry.sources)}"
    if entry.by:
        lines.append(f"  - By: {entry.by}")
    if entry.reason:
        lines.append(f"  - Reason: “{player_text(entry.reason)}”")
    return [*lines, ""]


def _entry(entry: Entry) -> list[str]:
    date = long_date(entry.date)
    if entry.kind in TABLE_KINDS:
        return _table_entry(entry)
    if entry.kind == "decision":
        mark = " *(as in history)*" if entry.historical else ""
        verb = "chose, in secret," if entry.sealed else "chose"
        lines = [
            f"### {entry.number}. {date} — {entry.node_title}",
            "",
            f"**{entry.actor_name}** {verb} **{one_line(entry.title)}**{mark}{refs(entry.sources)}",
            "",
        ]
        if entry.text:
            lines += [one_line(entry.text), ""]
        facts = [f"- Chosen by: {entry.by}"]
        if entry.reason:
            facts.append(f"- Reason: “{player_text(entry.reason)}”")
        if entry.effects:
            facts.append(f"- Effects: {'; '.join(entry.effects)}")
        if entry.history_label:
            facts.append(f"- In history: {entry.history_label}")
        return [*lines, *facts, ""]
    if entry.kind == "chance":
        text = f" {one_line(entry.text)}" if entry.text else ""
        effects = f" ({'; '.join(entry.effects)})" if entry.effects else ""
        return [
            f"- *{date} — {entry.node_title}:* by chance, **{one_line(entry.title)}**.{text}"
            f"{effects}{refs(entry.sources)}",
            "",
        ]
    if entry.kind == "event":
        effects = f" ({'; '.join(entry.effects)})" if entry.effects else ""
        return [
            f"- *{date} — event:* **{one_line(entry.title)}**. {one_line(entry.text)}{effects}{refs(entry.sources)}",
            "",
        ]
    return []  # the ending has its own section


def _ending(heading: str, ending: Ending) -> list[str]:
    mark = " (what really happened)" if ending.historical and heading == "The ending" else ""
    lines = [
        f"## {heading}: {ending.title}{mark}",
        "",
        f"*{long_date(ending.date)}*",
        "",
        one_line(ending.epilogue) + refs(ending.sources),
        "",
        f"**How speculative:** {SPECULATIVE.get(ending.speculative, ending.speculative)}.",
    ]
    if ending.speculation:
        lines[-1] += f" {one_line(ending.speculation)}"
    return [*lines, ""]


def score_words(card: ScoreCard) -> str:
    """'15 of 15 points'."""
    return f"{card.total} of {card.possible} {'point' if card.possible == 1 else 'points'}"


def objective_words(points: int, met: bool, secret: bool) -> str:
    """'met, 10 points (secret)'."""
    earned = f"{points} {'point' if abs(points) == 1 else 'points'}"
    return f"{'met' if met else 'not met'}, {earned if met else '0 of ' + earned}" + (" (secret)" if secret else "")


def _scores(cards: list[ScoreCard]) -> list[str]:
    lines = ["## Scores", "", "| Delegation | Score |", "|---|---|"]
    lines += [f"| {cell(c.name)} | {cell(score_words(c))} |" for c in cards]
    for card in cards:
        lines += ["", f"### {card.name}: {score_words(card)}", ""]
        lines += [f"- {one_line(o.text)}: {objective_words(o.points, o.met, o.secret)}" for o in card.objectives]
    return [*lines, ""]


def _draws(draws: list[Draw]) -> list[str]:
    lines = ["## Hidden draws, revealed", "", "| Measure | Drawn | From |", "|---|---|---|"]
    lines += [f"| {cell(d.label)} | {cell(d.value)} | {d.low} to {d.high} |" for d in draws]
    return [*lines, ""]


def message_heading(m: TableMessage) -> str:
    """'From Kestra delegation to Dunmore delegation (private), 2026-03-02 10:15'."""
    mark = "private" if m.private else "to be read by all"
    return f"From {m.sender_name} to {m.recipient_name} ({mark}), {m.sent.replace('T', ' ')[:16]}"


def _messages(found: list[TableMessage]) -> list[str]:
    lines = ["## Messages at the table", ""]
    lines += [f"- {one_line(message_heading(m))}: “{player_text(m.text)}”" for m in found]
    return [*lines, ""]


def _path_list(steps: list[Step], start: int, ending: str) -> list[str]:
    lines = [f"{number}. {one_line(step_words(step))}" for number, step in enumerate(steps, start)]
    return [*lines, *([""] if lines else []), f"**Ending:** {one_line(ending)}"]


def _comparison(t: Transcript) -> list[str]:
    lines = ["## Compared with history", ""]
    lines.append(
        f"**Turning point:** {t.turning_point}." if t.turning_point else "This game never left the historical path."
    )
    mine = t.ending.title if t.ending else "(not finished)"
    theirs = t.history_ending.title if t.history_ending else "—"
    words = split_words(t)
    if t.comparison:
        lines += ["", f"### {words[0]}", "", "| # | This game | History |", "|---|---|---|"]
        for number, row in enumerate(t.comparison, 1):
            mark = f"**{number} ⟶ turning point**" if row.turning else str(number)
            theirs_cell = "(the same)" if row.same else cell(step_words(row.historical))
            lines.append(f"| {mark} | {cell(step_words(row.played))} | {theirs_cell} |")
        if not words[1]:
            lines.append(f"| End | {cell(mine)} | {cell(theirs)} |")
    if words[1]:
        start = len(t.comparison) + 1
        lines += ["", f"### {words[1]}", "", words[2], "", "#### This game", ""]
        lines += _path_list(t.played_after, start, mine)
        lines += ["", "#### What happened", ""]
        lines += _path_list(t.history_after, start, theirs)
    return [*lines, ""]


def transcript_markdown(t: Transcript) -> str:
    lines = [f"# {t.title}: transcript", "", one_line(t.summary), "", "## Setup", ""]
    lens = f"**{t.lens}**" + (f" — {one_line(t.lens_text)}" if t.lens_text else "")
    count = t.count.words()
    lines += [f"- Lens: {lens}", f"- Seed: {t.seed}", f"- {count[:1].upper()}{count[1:]}", "- Roles:"]
    lines += [f"  - {r.name}: {r.played_by}" for r in t.roles]
    lines += [""] + [f"> {note}" for note in t.notes] + ([""] if t.notes else [])
    lines += ["## The session", ""]
    for entry in t.entries:
        lines += _entry(entry)
    if t.messages:
        lines += _messages(t.messages)
    if t.ending:
        lines += _ending("The ending", t.ending)
    if t.scores:
        lines += _scores(t.scores)
    if t.standing:
        lines += ["## Where things stood at the end", "", "| Measure | Value |", "|---|---|"]
        lines += [f"| {cell(k)} | {cell(v)} |" for k, v in t.standing] + [""]
    if t.draws:
        lines += _draws(t.draws)
    lines += _comparison(t)
    if t.history_ending and not (t.ending and t.ending.historical):
        lines += _ending("What really happened", t.history_ending)
    if t.sources:
        lines += ["## Sources", ""]
        lines += [f"{s.number}. {one_line(s.citation)}" + (f" <{s.url}>" if s.url else "") for s in t.sources]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _section(r: ScenarioResults, chart_file: str) -> list[str]:
    lines = [
        f"## {r.title}",
        "",
        f"{len(r.groups)} group(s).",
        "",
        "### Outcomes",
        "",
        "| Outcome | Groups |",
        "|---|---|",
    ]
    for bar in r.outcome_counts:
        mark = " (historical)" if bar.historical else ""
        lines.append(f"| {cell(bar.label + mark)} | {bar.count} |")
    lines.append("")
    if chart_file:
        lines += [f"![Outcomes: bar chart]({chart_file})", ""]
    lines += _lens_table(r)
    lines += ["### Where groups left the historical path", ""]
    if r.departures:
        lines += [
            "| Decision | Reached by | Left history here | Chose otherwise | Most common other choice |",
            "|---|---|---|---|---|",
        ]
        for d in r.departures[:TOP_DEPARTURES]:
            lines.append(f"| {cell(d.where)} | {d.reached} | {d.parted} | {d.otherwise} | {cell(d.alternative)} |")
        if len(r.departures) > TOP_DEPARTURES:
            lines += ["", f"…and {len(r.departures) - TOP_DEPARTURES} more place(s) where fewer groups left history."]
    else:
        lines.append("Every group followed the historical path.")
    lines += _score_table(r)
    lines += [
        "",
        "### Groups",
        "",
        "| Save | Lens | Seed | Outcome | Turning point | Decisions | By the class | Reasons |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for g in r.groups:
        lines.append(
            f"| {cell(group_name(g))} | {cell(g.lens)} | {g.seed} | {cell(g.outcome)} | "
            f"{cell(g.turning_point or '—')} | {g.decisions} | {g.by_class} | {g.reasons} |"
        )
    return [*lines, ""]


def _score_table(r: ScenarioResults) -> list[str]:
    """Each group's score for each role, and each role's mean ('' for a scenario without objectives)."""
    if not r.roles:
        return []
    lines = [
        "",
        "### Scores by role",
        "",
        f"Each delegation's score from its objectives (secret ones included); {BY_COMPUTER} the computer took most "
        "of that delegation's decisions; — the game was not finished. The mean is over the finished games.",
        "",
        "| Group | Outcome | " + " | ".join(f"{cell(role.name)} (of {role.possible})" for role in r.roles) + " |",
        "|---|---|" + "---|" * len(r.roles),
    ]
    for g in r.groups:
        scores = " | ".join(score_text(g, role.actor) for role in r.roles)
        lines.append(f"| {cell(g.name)} | {cell(g.outcome)} | {scores} |")
    lines.append("| **Mean** | | " + " | ".join(f"**{mean_text(role)}**" for role in r.roles) + " |")
    return lines


def group_name(g: GroupResult) -> str:
    """The file's name, and the name stored inside when that differs."""
    return f"{g.name} (saved as “{g.saved_as}”)" if g.saved_as else g.name


def _lens_table(r: ScenarioResults) -> list[str]:
    lines = ["### Endings by lens", ""]
    if len(r.lenses) == 1:
        lines += [f"Every group played under the same lens ({one_line(r.lenses[0])}).", ""]
    lines += ["| Outcome | " + " | ".join(cell(name) for name in r.lenses) + " |", "|---|" + "---|" * len(r.lenses)]
    for row in r.by_lens:
        mark = " (historical)" if row.historical else ""
        lines.append(f"| {cell(row.label + mark)} | " + " | ".join(str(n) for n in row.counts) + " |")
    lines.append("| **Groups** | " + " | ".join(f"**{n}**" for n in r.lens_totals) + " |")
    return [*lines, ""]


def report_markdown(report: ClassReport, charts: dict[str, str] | None = None) -> str:
    """The class report as Markdown; ``charts`` maps a scenario id to its PNG's file name."""
    lines = [
        "# Class results",
        "",
        f"{report.total} save(s) read"
        + (f", {len(report.skipped)} skipped" if report.skipped else "")
        + (f", {report.copies_words()}" if report.duplicates else "")
        + ".",
        "",
    ]
    for results in report.sections:
        lines += _section(results, (charts or {}).get(results.scenario_id, ""))
    if report.duplicates:
        lines += ["## Copies counted once", ""]
        lines += [f"- {cell(copy)} is the same game as {cell(kept)}" for copy, kept in report.duplicates] + [""]
    if report.skipped:
        lines += ["## Skipped saves", ""] + [f"- {cell(name)}: {cell(why)}" for name, why in report.skipped] + [""]
    return "\n".join(lines).rstrip() + "\n"

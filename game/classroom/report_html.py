"""The class report as a self-contained HTML page; the chart is inline SVG, so the page stands alone."""

from __future__ import annotations

from .chart import svg
from .html_page import e, page
from .report import BY_COMPUTER, TOP_DEPARTURES, ClassReport, ScenarioResults, mean_text, score_text

HISTORICAL_TAG = ' <span class="tag hist">historical</span>'


def _outcomes(r: ScenarioResults, chart_file: str) -> str:
    rows = "".join(
        f'<tr><td>{e(b.label)}{HISTORICAL_TAG if b.historical else ""}</td><td class="num">{b.count}</td></tr>'
        for b in r.outcome_counts
    )
    caption = f"Also saved as the image {e(chart_file)}." if chart_file else ""
    return (
        f"<h3>How many groups reached each ending</h3><table><thead><tr><th>Ending</th>"
        f'<th class="num">Groups</th></tr></thead><tbody>{rows}</tbody></table>'
        f"<figure>{svg(r.chart)}<figcaption>{caption}</figcaption></figure>"
    )


def _by_lens(r: ScenarioResults) -> str:
    head = "".join(f'<th class="num">{e(name)}</th>' for name in r.lenses)
    rows = "".join(
        f"<tr><td>{e(row.label)}{HISTORICAL_TAG if row.historical else ''}</td>"
        + "".join(f'<td class="num">{n}</td>' for n in row.counts)
        + "</tr>"
        for row in r.by_lens
    )
    totals = "".join(f'<td class="num">{n}</td>' for n in r.lens_totals)
    note = (
        f'<p class="meta">Every group played under the same lens ({e(r.lenses[0])}).</p>' if len(r.lenses) == 1 else ""
    )
    return (
        f"<h3>Endings by lens</h3>{note}<table><thead><tr><th>Ending</th>{head}</tr></thead>"
        f'<tbody>{rows}<tr class="total"><th>Groups</th>{totals}</tr></tbody></table>'
    )


def _departures(r: ScenarioResults) -> str:
    head = "<h3>Where groups left the historical path</h3>"
    if not r.departures:
        return head + "<p>Every group followed the historical path to the end.</p>"
    rows = "".join(
        f'<tr><td>{e(d.where)}</td><td class="num">{d.reached}</td><td class="num">{d.parted}</td>'
        f'<td class="num">{d.otherwise}</td><td>{e(d.alternative)}</td></tr>'
        for d in r.departures[:TOP_DEPARTURES]
    )
    more = len(r.departures) - TOP_DEPARTURES
    rest = f'<p class="meta">…and {more} more place(s) where fewer groups left history.</p>' if more > 0 else ""
    return (
        f'{head}<p class="meta">“Turning point here”: the first place a group\'s game differed from history. '
        "“Chose otherwise”: every group that took something other than the historical choice here.</p>"
        '<table><thead><tr><th>Decision</th><th class="num">Reached by</th><th class="num">Turning point here</th>'
        '<th class="num">Chose otherwise</th><th>Most common other choice</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>{rest}"
    )


def _scores(r: ScenarioResults) -> str:
    """Each group's score for each role, and each role's mean: the class compares its tables role by role."""
    if not r.roles:
        return ""
    head = "".join(
        f'<th class="num">{e(role.name)}<br><span class="meta">of {role.possible}</span></th>' for role in r.roles
    )
    rows = "".join(
        f'<tr><td class="name">{e(g.name)}</td><td>{e(g.outcome)}</td>'
        + "".join(f'<td class="num">{e(score_text(g, role.actor))}</td>' for role in r.roles)
        + "</tr>"
        for g in r.groups
    )
    means = "".join(f'<td class="num">{e(mean_text(role))}</td>' for role in r.roles)
    return (
        f'<h3>Scores by role</h3><p class="meta">Each delegation\'s score from its objectives (secret ones included); '
        f"{e(BY_COMPUTER)} the computer took most of that delegation's decisions; — the game was not finished. "
        "The mean is over the finished games.</p>"
        f"<table><thead><tr><th>Group</th><th>Outcome</th>{head}</tr></thead>"
        f'<tbody>{rows}<tr class="total"><th colspan="2">Mean</th>{means}</tr></tbody></table>'
    )


def _groups(r: ScenarioResults) -> str:
    rows = []
    for g in r.groups:
        saved_as = f'<br><span class="meta">saved as “{e(g.saved_as)}”</span>' if g.saved_as else ""
        notice = f'<br><span class="meta">{e(g.notice)}</span>' if g.notice else ""
        rows.append(
            f'<tr><td class="name">{e(g.name)}{saved_as}{notice}</td><td>{e(g.lens)}</td>'
            f'<td class="num">{g.seed}</td><td>{e(g.outcome)}</td><td>{e(g.turning_point or "—")}</td>'
            f'<td class="num">{g.decisions}</td><td class="num">{g.by_class}</td>'
            f'<td class="num">{g.reasons}</td></tr>'
        )
    return (
        '<h3>Groups</h3><table><thead><tr><th>Save</th><th>Lens</th><th class="num">Seed</th><th>Outcome</th>'
        '<th>Turning point</th><th class="num">Decisions</th><th class="num">By the class</th>'
        '<th class="num">Reasons</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def report_html(report: ClassReport, charts: dict[str, str] | None = None) -> str:
    """The whole report; ``charts`` maps a scenario id to the PNG written beside the page."""
    skipped = "s" if len(report.skipped) != 1 else ""
    parts = [
        f'<header><div class="meta">Parley · class results</div><h1>Class results</h1>'
        f"<p>{report.total} game(s) from the saves given"
        + (f"; {len(report.skipped)} file{skipped} skipped (listed at the end)" if report.skipped else "")
        + (f"; {report.copies_words()} (listed at the end)" if report.duplicates else "")
        + ".</p></header>"
    ]
    for r in report.sections:
        parts += [
            f"<h2>{e(r.title)}</h2>",
            _outcomes(r, (charts or {}).get(r.scenario_id, "")),
            _by_lens(r),
            _departures(r),
            *([_scores(r)] if r.roles else []),
            _groups(r),
        ]
    if report.duplicates:
        items = "".join(
            f"<li><b>{e(copy)}</b> is the same game as <b>{e(kept)}</b></li>" for copy, kept in report.duplicates
        )
        parts.append(f'<h2>Copies counted once</h2><div class="warning"><ul>{items}</ul></div>')
    if report.skipped:
        items = "".join(f"<li><b>{e(name)}</b>: {e(why)}</li>" for name, why in report.skipped)
        parts.append(f'<h2>Skipped saves</h2><div class="warning"><ul>{items}</ul></div>')
    return page("Class results", "\n".join(parts))

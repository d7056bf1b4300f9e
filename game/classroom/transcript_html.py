"""The transcript as a printable, self-contained HTML page."""

from __future__ import annotations

from ..engine.wording import long_date
from .history import Step
from .html_page import e, page, paragraphs, refs, swatch
from .markdown_text import SPECULATIVE, message_heading, objective_words, score_words, split_words
from .messages import TableMessage
from .transcript import TABLE_KINDS, Draw, Ending, Entry, ScoreCard, Transcript

TABLE_LABELS = {
    "offer": "Offer",
    "answer": "Answer",
    "deal": "Agreement",
    "no_deal": "No agreement",
    "sealed": "Secret choice",
    "reveal": "Revealed",
}


def _count(t: Transcript) -> str:
    return f"{t.count.total} in all: {t.count.detail()}" if t.count.total else "none yet"


def _setup(t: Transcript) -> str:
    roles = "".join(f"<li>{swatch(r.colour)}<b>{e(r.name)}</b> — {e(r.played_by)}</li>" for r in t.roles)
    lens = f"<b>{e(t.lens)}</b>" + (f" — {e(t.lens_text)}" if t.lens_text else "")
    notes = "".join(f'<p class="note">{e(n)}</p>' for n in t.notes)
    return (
        f'<h2>Setup</h2><dl class="setup"><dt>Lens</dt><dd>{lens}</dd>'
        f"<dt>Seed</dt><dd>{t.seed}</dd><dt>Decisions</dt><dd>{e(_count(t))}</dd>"
        f'<dt>Roles</dt><dd><ul class="roles">{roles}</ul></dd></dl>{notes}'
    )


def _facts(entry: Entry) -> str:
    rows = [("Chosen by" if entry.kind == "decision" else "By", e(entry.by))] if entry.by else []
    if entry.reason:
        rows.append(("Reason", f'<span class="reason">“{e(entry.reason)}”</span>'))
    if entry.effects:
        rows.append(("Effects", e("; ".join(entry.effects))))
    if entry.history_label:
        rows.append(("In history", e(entry.history_label)))
    if not rows:
        return ""
    return "<dl>" + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>"


def _table_entry(entry: Entry, when: str) -> str:
    """A line from the table: who moved, the terms in players' words, who made the move and why."""
    situation = f'<div class="situation">{e(entry.node_title)}</div>' if entry.node_title else ""
    who = f"{swatch(entry.colour)}" if entry.colour else ""
    if entry.kind == "sealed":
        head = f"{who}<b>{e(entry.title)}</b>, in secret"
    elif entry.kind == "reveal":
        head = "<b>The secret choices are revealed</b>"
    else:
        head = f"{who}<b>{e(entry.title)}</b>"
    terms = f'<p class="terms">{e(entry.terms)}</p>' if entry.terms else ""
    text = f'<div class="text">{paragraphs(entry.text)}</div>' if entry.text else ""
    return (
        f'<section class="entry table {e(entry.kind)}">{when}<div>{situation}'
        f'<div class="head">{head}{refs(entry.sources)}</div>{terms}{text}{_facts(entry)}</div></section>'
    )


def _entry(entry: Entry) -> str:
    date = f"<b>{entry.date.day} {entry.date:%b}</b><span>{entry.date:%Y}</span>"
    kind = (
        f"Decision {entry.number}"
        if entry.kind == "decision"
        else "By chance"
        if entry.kind == "chance"
        else TABLE_LABELS.get(entry.kind, "Event")
    )
    when = f'<div class="date">{date}<span class="kind">{kind}</span></div>'
    if entry.kind in TABLE_KINDS:
        return _table_entry(entry, when)
    text = f'<div class="text">{paragraphs(entry.text)}</div>' if entry.text else ""
    if entry.kind == "decision":
        tag = (
            '<span class="tag hist">as in history</span>'
            if entry.historical
            else '<span class="tag other">not as in history</span>'
            if entry.history_label
            else ""
        )
        secret = ' <span class="meta">(chosen in secret, revealed)</span>' if entry.sealed else ""
        return (
            f'<section class="entry decision">{when}<div>'
            f'<div class="situation">{e(entry.node_title)}</div>'
            f'<div class="head">{swatch(entry.colour)}<b>{e(entry.actor_name)}</b>{secret}: {e(entry.title)}'
            f"{tag}{refs(entry.sources)}</div>{text}{_facts(entry)}</div></section>"
        )
    if entry.kind in ("chance", "event"):
        situation = f'<div class="situation">{e(entry.node_title)}</div>' if entry.node_title else ""
        effects = f'<p class="meta">Effects: {e("; ".join(entry.effects))}</p>' if entry.effects else ""
        return (
            f'<section class="entry {entry.kind}">{when}<div>{situation}'
            f'<div class="head"><b>{e(entry.title)}</b>{refs(entry.sources)}</div>{text}{effects}</div></section>'
        )
    return ""


def _ending(heading: str, ending: Ending) -> str:
    mark = (
        ' <span class="tag hist">what really happened</span>' if ending.historical and heading == "The ending" else ""
    )
    level = SPECULATIVE.get(ending.speculative, ending.speculative)
    why = f" {e(ending.speculation)}" if ending.speculation else ""
    return (
        f'<div class="ending"><div class="meta">{e(heading)} · {e(long_date(ending.date))}</div>'
        f"<h3>{e(ending.title)}{mark}</h3>{paragraphs(ending.epilogue)}{refs(ending.sources)}"
        f'<p class="speculation {e(ending.speculative)}"><b>How speculative:</b> {e(level)}.{why}</p></div>'
    )


def _scores(cards: list[ScoreCard]) -> str:
    rows = "".join(
        f'<tr><td>{swatch(c.colour)}{e(c.name)}</td><td class="num">{e(score_words(c))}</td></tr>' for c in cards
    )
    parts = [
        f'<h2>Scores</h2><table><thead><tr><th>Delegation</th><th class="num">Score</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    ]
    for card in cards:
        items = "".join(
            f'<li class="{"met" if o.met else "unmet"}">{e(o.text)}: {e(objective_words(o.points, o.met, o.secret))}'
            + (' <span class="tag other">secret</span>' if o.secret else "")
            + "</li>"
            for o in card.objectives
        )
        parts.append(f"<h3>{swatch(card.colour)}{e(card.name)}: {e(score_words(card))}</h3><ul>{items}</ul>")
    return "".join(parts)


def _messages(found: list[TableMessage]) -> str:
    items = "".join(
        f'<li class="{"private" if m.private else "public"}"><span class="meta">{e(message_heading(m))}</span>'
        + (' <span class="tag other">private</span>' if m.private else "")
        + f"<br>{e(m.text)}</li>"
        for m in found
    )
    return f'<h2>Messages at the table</h2><ul class="messages">{items}</ul>'


def _draws(draws: list[Draw]) -> str:
    rows = "".join(
        f'<tr><td>{e(d.label)}</td><td class="num">{e(d.value)}</td><td>{d.low} to {d.high}</td></tr>' for d in draws
    )
    return (
        "<h3>Hidden draws, revealed</h3><table><thead><tr><th>Measure</th>"
        f'<th class="num">Drawn</th><th>From</th></tr></thead><tbody>{rows}</tbody></table>'
    )


def _cell(step: Step | None) -> str:
    if step is None:
        return "—"
    who = "Chance" if step.chance else step.actor
    return (
        f'<span class="meta">{step.date.day} {step.date:%b} · {e(step.node_title)}</span><br>'
        f"<b>{e(who)}:</b> {e(step.label)}"
    )


def _path(heading: str, steps: list[Step], start: int, ending: str) -> str:
    items = "".join(f"<li>{_cell(step)}</li>" for step in steps)
    listing = f'<ol start="{start}">{items}</ol>' if items else ""
    return f'<div class="path"><h3>{e(heading)}</h3>{listing}<p class="path-end"><b>Ending:</b> {e(ending)}</p></div>'


def _comparison(t: Transcript) -> str:
    lead = (
        f"<p><b>Turning point</b> — where this game left the historical path: {e(t.turning_point)}.</p>"
        if t.turning_point
        else "<p>This game never left the historical path.</p>"
    )
    mine = t.ending.title if t.ending else "(not finished)"
    theirs = t.history_ending.title if t.history_ending else "—"
    paired, split, note = split_words(t)
    parts = [f"<h2>Compared with history</h2>{lead}"]
    if t.comparison:
        rows = []
        for number, row in enumerate(t.comparison, 1):
            num = f'{number}<br><span class="tag turn">turning point</span>' if row.turning else str(number)
            if row.same:
                rows.append(
                    f'<tr><td class="num">{num}</td><td class="same" colspan="2">{_cell(row.played)}'
                    f' <span class="meta">(both)</span></td></tr>'
                )
            else:
                cls = ' class="turn"' if row.turning else ""
                rows.append(
                    f'<tr{cls}><td class="num">{num}</td><td>{_cell(row.played)}</td>'
                    f"<td>{_cell(row.historical)}</td></tr>"
                )
        if not split:
            rows.append(f'<tr class="end"><td class="num">End</td><td>{e(mine)}</td><td>{e(theirs)}</td></tr>')
        parts.append(
            f'<h3>{e(paired)}</h3><table class="compare"><thead><tr><th class="num">#</th>'
            f"<th>This game</th><th>History</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )
    if split:
        start = len(t.comparison) + 1
        parts.append(
            f'<h3>{e(split)}</h3><p class="meta">{e(note)}</p><div class="paths">'
            f"{_path('This game', t.played_after, start, mine)}"
            f"{_path('What happened', t.history_after, start, theirs)}</div>"
        )
    return "".join(parts)


def _sources(t: Transcript) -> str:
    if not t.sources:
        return ""
    items = []
    for s in t.sources:
        link = f' <a href="{e(s.url)}">{e(s.url)}</a>' if s.url.startswith(("http://", "https://")) else ""
        items.append(f'<li id="source-{s.number}">{e(s.citation)}{link}</li>')
    return f'<h2>Sources</h2><ol class="sources">{"".join(items)}</ol>'


def transcript_html(t: Transcript) -> str:
    parts = [
        f'<header><div class="meta">Parley · transcript of a session</div><h1>{e(t.title)}</h1>'
        f'<p class="summary">{e(" ".join(t.summary.split()))}</p></header>',
        _setup(t),
        "<h2>The session</h2>",
        *(_entry(x) for x in t.entries),
    ]
    if t.messages:
        parts.append(_messages(t.messages))
    if t.ending:
        parts.append(_ending("The ending", t.ending))
    if t.scores:
        parts.append(_scores(t.scores))
    if t.standing:
        rows = "".join(f"<tr><td>{e(k)}</td><td>{e(v)}</td></tr>" for k, v in t.standing)
        parts.append(
            f"<h3>Where things stood at the end</h3><table><thead><tr><th>Measure</th><th>Value</th></tr>"
            f"</thead><tbody>{rows}</tbody></table>"
        )
    if t.draws:
        parts.append(_draws(t.draws))
    parts.append(_comparison(t))
    if t.history_ending and not (t.ending and t.ending.historical):
        parts.append(_ending("What really happened", t.history_ending))
    parts.append(_sources(t))
    return page(f"{t.title}: transcript", "\n".join(parts))

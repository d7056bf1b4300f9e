"""The classroom pack as printable pages: one HTML file per sheet, each standing alone in the shared
page shell (``html_page``: inline styles with print rules, every text escaped)."""

from __future__ import annotations

import datetime as dt

from ..engine.model import Excerpt
from ..engine.wording import signed
from .condition_words import listing, role_in_sentence
from .handout_debrief import EndingDebrief
from .handout_record import PASSAGE_KINDS, Before, Cited, Dated
from .handouts import Pack
from .html_page import e, page, paragraphs, refs, swatch
from .map_svg import map_svg
from .markdown_text import SPECULATIVE
from .play_length import CLOCKS, HANDOVER_SECONDS, hot_seat_minutes, networked_minutes
from .role_sheets import Decision, Paragraph, RoleSheet, Worth

KINDS = {"decision": "Decision", "sealed": "Secret choice", "negotiation": "At the table"}
NO_MAP = (
    "No map: this scenario's roles and decisions name no place on Parley's map of Europe (assets/map/europe-1939.json)."
)


TEACHER_SOURCES = "teacher-sources.html"


def role_file(actor: str) -> str:
    return f"role-{actor}.html"


def reasons_file(actor: str) -> str:
    return f"reasons-{actor}.html"


def group_file(actor: str) -> str:
    return f"group-{actor}.html"


def _head(pack: Pack, kind: str, title: str, lead: str = "") -> str:
    return (
        f'<header><div class="meta">Parley · {e(pack.title)} · {e(kind)}</div><h1>{e(title)}</h1>'
        + (f'<p class="summary">{lead}</p>' if lead else "")
        + "</header>"
    )


def _paragraph(p: Paragraph) -> str:
    if not p.when:
        return paragraphs(p.text)
    return (
        f'<div class="when"><span class="label">Only in some games — when {e(p.when)}:</span>{paragraphs(p.text)}</div>'
    )


def _worth(w: Worth) -> str:
    if w.start is not None:
        start = signed(w.start)
    elif w.low is not None and w.high is not None:
        start = signed(w.low) if w.low == w.high else f"{signed(w.low)} to {signed(w.high)}"
    else:
        start = "—"
    changes = list(w.changes_with)
    note = f"changes with {listing([f'«{c}»' for c in changes], 'and')}" if changes else ""
    if w.hidden:
        knowers = " and ".join(role_in_sentence(k) for k in w.known_by)
        secret = "something drawn in secret when the game starts" if w.low is not None else "something hidden from you"
        verb = "know" if len(w.known_by) > 1 else "knows"
        hidden = f"also depends on {secret}" + (f": {knowers} {verb} more" if knowers else "")
        note = (note + "; " if note else "") + hidden
    return f'<td class="num">{e(start)}</td><td class="meta">{e(note)}</td>'


def _objectives(sheet: RoleSheet) -> str:
    if not sheet.objectives:
        return ""
    rows = "".join(
        f"<tr><td>{e(o.text)}" + (' <span class="tag other">secret</span>' if o.secret else "") + "</td>"
        f'<td class="meta">{e(o.how)}</td><td class="num">{o.points}</td></tr>'
        for o in sheet.objectives
    )
    total = all_points(sheet)
    return (
        "<h2>Your objectives</h2><p>At the end of the game your delegation scores the points of every "
        "objective that holds. Secret objectives are yours alone: no other delegation sees them until the "
        "debrief.</p>"
        "<table><thead><tr><th>Objective</th><th>Scored if, when the game ends</th>"
        '<th class="num">Points</th></tr></thead>'
        f'<tbody>{rows}<tr class="total"><th colspan="2">{e(most_words(sheet.best, total))}</th>'
        f'<td class="num">{sheet.best}</td></tr></tbody></table>'
    )


def most_words(best: int, total: int) -> str:
    """The total row: the most one game can give, and why it is less than the points added up."""
    if best >= total:
        return "The most you can score"
    return f"The most you can score ({total} if every objective were met, but some exclude each other)"


def _lens_note(pack: Pack) -> str:
    which = "the default reading" if pack.lens_is_default else "the reading your teacher chose"
    return (
        f" Numbers at the start are for {which} of the evidence, «{e(pack.lens)}»; under another reading some "
        "start elsewhere."
        if pack.lens
        else ""
    )


def _values(pack: Pack, sheet: RoleSheet) -> str:
    if not sheet.values and sheet.walk_away is None:
        if pack.issues and not sheet.at_table:  # say why the section other sheets have is missing here
            return (
                '<h2>Your confidential values</h2><p class="meta">None: you do not sit at the table, so you never '
                "weigh an offer term by term and have no points for its terms. You act through your decisions; "
                "what you are scored on is your objectives above.</p>"
            )
        return ""
    parts = [
        f'<section class="values" data-actor="{e(sheet.actor)}"><h2>Your confidential values</h2>'
        "<p>What each term of a deal is worth to your delegation, in points. Add up the terms of an offer "
        f"and compare the total with what no deal is worth to you.{_lens_note(pack)} "
        "These points and the walk-away are the designer's rule, a device of the game: no historical "
        "record gives them.</p>"
    ]
    for issue in sheet.values:
        rows = "".join(f"<tr><td>{e(label)}</td>{_worth(w)}</tr>" for label, w in issue.options)
        parts.append(
            f'<h3>{e(issue.title)}</h3><table class="worths"><thead><tr><th>Term</th><th class="num">Points</th>'
            f"<th>Notes</th></tr></thead><tbody>{rows}</tbody></table>"
        )
    if sheet.bonuses:
        items = "".join(f"<li>{e(text)}: {points:+d} points</li>" for text, points in sheet.bonuses)
        parts.append(f"<h3>Combinations worth more</h3><ul>{items}</ul>")
    if sheet.walk_away is not None:
        parts.append(
            "<h3>Walk-away: what no deal is worth to you</h3>"
            f'<table class="worths"><tbody><tr><td>At the start</td>{_worth(sheet.walk_away)}</tr></tbody></table>'
        )
    parts.append("</section>")
    return "".join(parts)


def _only_some(d: Decision) -> str:
    """The mark of a moment the historical path never reaches: only some games come to it."""
    return "" if d.on_history else ' <span class="tag other">only in some games</span>'


def _decision(d: Decision) -> str:
    options = "".join(f"<li>{e(o)}</li>" for o in d.options)
    listing = "Issues on the table" if d.kind == "negotiation" else "Your options"
    return (
        f'<section class="entry decision"><div class="date"><b>{d.date.day} {d.date:%b}</b>'
        f'<span>{d.date:%Y}</span><span class="kind">{e(KINDS[d.kind])}</span></div><div>'
        f'<div class="head"><b>{e(d.title)}</b>{_only_some(d)}</div>{"".join(paragraphs(s) for s in d.situation)}'
        f'<dl><dt>{listing}</dt><dd><ul class="options">{options}</ul></dd></dl></div></section>'
    )


def _how_turns_work(sheet: RoleSheet) -> str:
    """The kinds of turn this role has, in plain words: what the group does at each."""
    kinds = {d.kind for d in sheet.decisions}
    items = []
    if "decision" in kinds:
        items.append(
            "<li><b>Decision.</b> When the game reaches one of your dates below, your group picks one of the "
            "options listed. Agree on it, write on your worksheet what you chose and why, then make the move.</li>"
        )
    if "sealed" in kinds:
        items.append(
            "<li><b>Secret choice.</b> Several governments choose at the same moment, each in secret. Decide "
            "without showing the other groups and enter your choice when it is your turn; the choices are "
            "revealed together, each to those it concerns, and cannot be changed afterwards.</li>"
        )
    if "negotiation" in kinds:
        walk = (
            "walk away, which ends these talks without a deal, since no deal can be made without you"
            if sheet.needed
            else "walk away, leaving the table"
        )
        items.append(
            "<li><b>At the table.</b> The delegations take turns. When it is your turn to <b>propose</b>, you "
            "put an offer on the table: one option for every issue (or you may offer nothing). When another "
            "delegation proposes, you answer: <b>accept</b> it, <b>reject</b> it, <b>counter</b> with an offer "
            f"of your own, or <b>{e(walk)}</b>. To judge an offer, add up what its terms are worth to you "
            "(your values below) and compare the total with your walk-away.</li>"
        )
    if not items:
        items.append("<li>Your role has no moves of its own in this game: follow the others and advise.</li>")
    limits = "".join(f"<li><b>{e(title)}.</b> {e(text)}</li>" for title, text in sheet.limits)
    limits_part = f'<p class="label">What binds you at the table</p><ul>{limits}</ul>' if limits else ""
    return f'<section class="box howto"><h2>How your turn works</h2><ul>{"".join(items)}</ul>{limits_part}</section>'


def _measures_heading(sheet: RoleSheet) -> str:
    shared = sorted({name for m in sheet.measures for name in m.shared_with})
    if not shared:
        return "What only you can see"
    return f"What only you and {' and '.join(role_in_sentence(n) for n in shared)} can see"


def role_page(pack: Pack, sheet: RoleSheet) -> str:
    return page(f"{sheet.name}: role sheet", _role_body(pack, sheet))


def _role_body(pack: Pack, sheet: RoleSheet) -> str:
    leaders = f"<p><b>Led by:</b> {e(', '.join(sheet.leaders))}</p>" if sheet.leaders else ""
    seat = (
        "You sit at the negotiating table."
        if sheet.at_table
        else "You are not at the table: you act on the talks from your capital, through your envoys and cables."
    )
    parts = [
        _head(pack, "role sheet", sheet.name),
        f'<p class="confidential">{swatch(sheet.colour)}Confidential: for {e(role_in_sentence(sheet.name))} only. '
        "Do not show this sheet to another delegation.</p>",
        f"<h2>Who you are</h2>{leaders}<p>{e(seat)}</p>{paragraphs(sheet.description)}",
        _how_turns_work(sheet),
        "<h2>Your briefing</h2>" + "".join(_paragraph(p) for p in sheet.briefing),
        _objectives(sheet),
        _values(pack, sheet),
    ]
    if sheet.measures:
        rows = "".join(
            f'<tr><td>{e(m.label)}</td><td>{e(m.start)}</td><td class="meta">{e(m.description)}</td></tr>'
            for m in sheet.measures
        )
        parts.append(
            f"<h2>{e(_measures_heading(sheet))}</h2><p>{_lens_note(pack).strip()}</p><table><thead>"
            f"<tr><th>Measure</th><th>At the start</th><th>What it means</th></tr></thead><tbody>{rows}</tbody>"
            "</table>"
        )
    if sheet.knowledge:
        parts.append("<h2>What you know</h2>" + "".join(_paragraph(k) for k in sheet.knowledge))
    if sheet.decisions:
        parts.append(
            "<h2>Your decisions, by date</h2><p>The moments your delegation may act, if the game gets there; "
            "what others do may close some options or add others.</p>" + "".join(_decision(d) for d in sheet.decisions)
        )
    return "\n".join(p for p in parts if p)


def _source_list(sources: tuple[Cited, ...], numbers: set[int] | None = None) -> str:
    items = []
    for s in sources:
        if numbers is not None and s.number not in numbers:
            continue
        link = f' <a href="{e(s.url)}">{e(s.url)}</a>' if s.url.startswith(("http://", "https://")) else ""
        items.append(f'<li id="source-{s.number}" value="{s.number}">{e(" ".join(s.citation.split()))}{link}</li>')
    return f'<h2>Sources</h2><ol class="sources">{"".join(items)}</ol>'


def _who(d: Dated) -> str:
    """Who acted, before what they did (unless the line already starts with the name)."""
    return f'<span class="who">{e(d.who)}:</span> ' if d.who and not d.what.startswith(d.who) else ""


def _timeline(entries: tuple[Dated, ...]) -> str:
    rows, last = [], ""
    for d in entries:
        key = f"{d.date}|{d.heading}"
        situation = f'<div class="situation">{e(d.heading)}</div>' if key != last else ""
        last = key
        rows.append(
            f'<section class="entry"><div class="date"><b>{d.date.day} {d.date:%b}</b><span>{d.date:%Y}</span>'
            f'</div><div>{situation}<div class="head">{_who(d)}<b>{e(d.what)}</b>{refs(d.sources)}</div>'
            f'<div class="text">{paragraphs(d.text)}</div></div></section>'
        )
    return "".join(rows)


def _road(road: tuple[Before, ...], start: dt.date) -> str:
    """The timeline before play: dated, sourced, and stopping before the game's first day."""
    rows = "".join(f'<tr><td class="date">{e(d.when)}</td><td>{e(d.text)}{refs(d.sources)}</td></tr>' for d in road)
    return (
        f"<h2>Timeline: the road to {start.day} {start:%B %Y}</h2><p>What had happened before the game begins "
        "(sources in brackets, as on the sources page). What happens next is for your game to find out.</p>"
        f'<table class="road"><thead><tr><th>When</th><th>What happened</th></tr></thead><tbody>{rows}</tbody>'
        "</table>"
    )


def record_heading(pack: Pack) -> str:
    """The heading of the background's last part: an invented case has no real story to tell."""
    return "As the case is written" if pack.invented else "What really happened"


def background_page(pack: Pack) -> str:
    roles = "".join(
        f"<li>{swatch(r.colour)}<b>{e(r.name)}</b>"
        + (f" ({e(', '.join(r.leaders))})" if r.leaders else "")
        + f" — {'at the table' if r.at_table else 'outside the room'}. {e(' '.join(r.description.split()))}</li>"
        for r in pack.roles
    )
    parts = [
        _head(pack, "background for everyone", pack.title, e(" ".join(pack.summary.split()))),
        f'<p class="meta">The game runs from {pack.start.day} {pack.start:%B %Y} to {pack.end.day} '
        f"{pack.end:%B %Y}.</p>",
    ]
    _, when, story = pack.opening
    if story:
        parts.append(f'<h2>How it begins</h2><p class="meta">{e(when)}: the game\'s first scene</p>')
        parts.append("".join(paragraphs(p) for p in story))
    if pack.road:
        parts.append(_road(pack.road, pack.start))
    parts.append(f'<h2>The roles</h2><ul class="roles">{roles}</ul>')
    if pack.issues:
        items = "".join(
            f"<li><b>{e(title)}</b>" + (f": {e(text)}" if text else "") + f'<br><span class="meta">Options: '
            f"{e('; '.join(options))}</span></li>"
            for title, text, options in pack.issues
        )
        parts.append(f"<h2>What is negotiated</h2><ul>{items}</ul>")
    if pack.public_knowledge:
        parts.append("<h2>What everyone knows</h2>" + "".join(paragraphs(k) for k in pack.public_knowledge))
    drawn = map_svg(pack.start, pack.colours, pack.map_features)
    if drawn:
        parts.append(
            f"<h2>The map</h2><figure>{drawn}<figcaption>Europe, {pack.start:%B %Y}: stylised outlines, not for "
            "measurement. Tinted: the countries that have a role in the game. Dashed arrows: routes named in "
            "the talks.</figcaption></figure>"
        )
    else:
        parts.append(f'<p class="note">{e(NO_MAP)}</p>')
    if pack.lenses:
        items = "".join(
            f"<li><b>{e(lens.name)}</b>{' (the default)' if lens.default else ''}{refs(lens.sources)}"
            f"{paragraphs(lens.text)}</li>"
            for lens in pack.lenses
        )
        parts.append(
            "<h2>Readings of the evidence (lenses)</h2><p>Historians read the evidence differently. The teacher "
            f"chooses one reading for each game; it changes what is likely, not the facts.</p><ul>{items}</ul>"
        )
    told, path = (
        ("how the case is written to go, and so how it ends", "The case's written course")
        if pack.invented
        else ("how the story really went, and so how it ended", "The historical path")
    )
    after = [
        '<section class="after-play" id="what-really-happened"><p class="note"><b>From here on, the '
        f"background tells {told}.</b> Before play, print only the pages "
        "before this one if the class should discover it.</p>",
        f"<h2>{record_heading(pack)}</h2><p>{path} through the game, day by day: who acted, what they "
        "did, and the sources (numbers in brackets).</p>" + _timeline(pack.timeline),
    ]
    if pack.history_ending:
        after.append(f'<p class="note"><b>How it ended:</b> {e(pack.history_ending)}</p>')
    if pack.history_epilogue:
        after.append("<h2>What followed</h2>" + "".join(paragraphs(p) for p in pack.history_epilogue))
    cited = {n for d in pack.timeline for n in d.sources} | {n for lens in pack.lenses for n in lens.sources}
    cited |= {n for d in pack.road for n in d.sources}
    after.append(_source_list(pack.sources, cited) + "</section>")
    parts.extend(after)
    return page(f"{pack.title}: background", "\n".join(parts))


def _stop(text: str) -> str:
    """``text`` ending in a full stop (unless it already ends in one, or in ? or !)."""
    return text if text.endswith((".", "?", "!")) else text + "."


def _citation(s: Cited) -> str:
    link = f' <a href="{e(s.url)}">{e(s.url)}</a>' if s.url.startswith(("http://", "https://")) else ""
    return f"<b>{e(' '.join(s.citation.split()))}</b>{link}"


def _excerpt(x: Excerpt) -> str:
    """A quotation in quotation marks with whose words they are, or a summary marked as the game's words."""
    where = f' <span class="meta">({e(x.where)})</span>' if x.where else ""
    if x.quote:
        who = f" — {e(x.who)}" if x.who else ""
        return f"<li>“{e(x.text)}”{who}{where}</li>"
    whose = f", of {e(x.who)}" if x.who else ""
    return f'<li><span class="meta">In summary{whose} (the game\'s words):</span> {e(x.text)}{where}</li>'


def sources_page(pack: Pack) -> str:
    """The students' list: numbered full citations, each with the scenario's short summary of the work
    and its excerpts: short quotations, attributed, and summaries in the game's words."""
    items = "".join(
        f'<li id="source-{s.number}" value="{s.number}">{_citation(s)}'
        + (f"<br>{e(' '.join(s.note.split()))}" if s.note else "")
        + (
            f'<p class="label">Excerpts</p><ul class="passages">{"".join(_excerpt(x) for x in s.excerpts)}</ul>'
            if s.excerpts
            else ""
        )
        + "</li>"
        for s in pack.sources
    )
    excerpts = any(s.excerpts for s in pack.sources)
    lead = (
        "The works this game draws on. The numbers are the ones in brackets on the background sheet. Each "
        "summary is the game's own, not a quotation: read the works themselves for the exact words."
        + (
            " Under some works, short excerpts: words in quotation marks are the source's own, with whose "
            "words they are; the others are summaries in the game's words."
            if excerpts
            else ""
        )
    )
    return page(
        f"{pack.title}: sources",
        _head(pack, "sources", "Sources", e(lead)) + f'<ol class="sources">{items}</ol>',
    )


def teacher_sources_page(pack: Pack) -> str:
    """What the scenario takes from each source: the teacher's page, for after play (it tells the path)."""
    items = []
    for s in pack.sources:
        groups = []
        for kind, heading in PASSAGE_KINDS.items():
            found = [p for p in s.passages if p.kind == kind]
            if found:
                rows = "".join(f"<li><i>{e(_stop(p.where))}</i> {e(p.text)}</li>" for p in found)
                groups.append(f'<p class="label">{e(heading)}</p><ul class="passages">{rows}</ul>')
        taken = "".join(groups) or '<p class="meta">Cited without a excerpt of its own.</p>'
        items.append(f'<li id="source-{s.number}" value="{s.number}">{_citation(s)}{taken}</li>')
    lead = (
        "For the teacher, after play: it tells the historical path and the ending. For each work the game "
        "cites, what the game takes from it, in the game's words: the readings, the steps of the historical "
        "path, the events, the issues, and the rules the designers drew from it (the rules are the game's, "
        "not the historians')."
    )
    return page(
        f"{pack.title}: what the game takes from its sources",
        _head(pack, "for the teacher · after play", "What the game takes from its sources", e(lead))
        + f'<ol class="sources">{"".join(items)}</ol>',
    )


def _write(label: str, size: str = "lines") -> str:
    return f'<div class="write {size}"><span class="label">{label}</span></div>'


def _offers_table(sitting: str) -> str:
    """Rows to note the offers and answers of one sitting at the table."""
    rows = "".join("<tr><td>&nbsp;</td><td></td><td></td><td></td></tr>" for _ in range(4))
    return (
        f'<p class="label">Offers and answers at this sitting ({e(sitting)})</p><table class="offers"><thead><tr>'
        "<th>Who offered</th><th>The terms that mattered to us</th><th>What it was worth to us</th>"
        f"<th>Our answer (accept, reject, counter, walk) and why</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _exit_question(pack: Pack) -> str:
    """The exit ticket: the historians' disagreement the scenario's readings (lenses) set out."""
    if len(pack.lenses) >= 2:
        names = "; ".join(f"«{lens.name}»" for lens in pack.lenses)
        return (
            f"Historians read this evidence in different ways: {names}. Which reading convinces you more after this "
            "game, and why? Give one piece of evidence from the game or the sources, and say what a game cannot "
            "tell you."
        )
    return (
        "What does the game show about why the real people chose as they did? Give one piece of evidence, and "
        "say what a game cannot tell you."
    )


def reasons_page(pack: Pack, sheet: RoleSheet) -> str:
    return page(f"{sheet.name}: reasons worksheet", _reasons_body(pack, sheet))


def group_page(pack: Pack, sheet: RoleSheet) -> str:
    """One group's papers as one print job: its role sheet, then its reasons worksheet from a new page
    (nothing of any other role, as on each page alone)."""
    return page(
        f"{sheet.name}: role sheet and reasons worksheet",
        _role_body(pack, sheet) + f'<div class="new-page">{_reasons_body(pack, sheet)}</div>',
    )


def _reasons_body(pack: Pack, sheet: RoleSheet) -> str:
    rows = "".join(
        f'<section class="worksheet"><h3>{d.date.day} {d.date:%B} · {e(d.title)} '
        f'<span class="tag">{e(KINDS[d.kind])}</span>{_only_some(d)}</h3>'
        + (_offers_table(f"{d.date.day} {d.date:%B}") if d.kind == "negotiation" else "")
        + _write("What we chose" if d.kind != "negotiation" else "Where the talks ended, and what we gave up")
        + _write("Why")
        + _write("What we assumed about the others (who, and what we expected them to do)")
        + "</section>"
        for d in sheet.decisions
    )
    aim = (
        '<section class="box"><h3>Our aim in one sentence</h3><p class="meta">Before play, from your role sheet: '
        "what your delegation wants most, and what it will not give up.</p>"
        f"{_write('Our aim', 'lines')}</section>"
    )
    after = (
        '<section class="worksheet"><h3>After the game (as a group)</h3>'
        + _write("Which of our assumptions turned out wrong? When did we find out, and what would we do differently?")
        + "</section>"
        '<section class="worksheet"><h3>On your own</h3>'
        '<p class="meta">Name: ______________________________</p>'
        + _write(
            "My reflection: the decision that mattered most in our game, and what the real people in our role "
            "knew or believed that we did not",
            "tall",
        )
        + "</section>"
        '<section class="box"><h3>Exit ticket</h3>' + _write(e(_exit_question(pack)), "lines") + "</section>"
    )
    lead = (
        "Write your aim before play. At each of your dates, fill in a box before you know what the others did: "
        "short notes are enough; they are your evidence in the debrief."
    )
    names = '<p class="meta">Names: ____________________________________________ Group: ________</p>'
    return _head(pack, "reasons worksheet", f"Reasons: {sheet.name}", e(lead)) + names + aim + rows + after


RUBRIC = (
    (
        "Knows the situation",
        "Repeats the role sheet with errors.",
        "Describes the role's position correctly.",
        "Explains the position and what the other roles want.",
        "Explains why each role wanted what it did, in the circumstances of the time.",
    ),
    (
        "Uses evidence",
        "Gives no source for claims.",
        "Names the background or a source for some claims.",
        "Cites sources by number and tells the record from the designers' rules.",
        "Weighs sources against each other (e.g. the lenses) and says how sure one can be.",
    ),
    (
        "Gives reasons",
        "Decisions without reasons.",
        "A reason for most decisions.",
        "A reason and an assumption about the others for each decision.",
        "Reasons that foresee the others' answers and change when the evidence changes.",
    ),
    (
        "Negotiates",
        "Plays passively or out of role.",
        "Makes and answers offers in role.",
        "Pursues the role's objectives while keeping its limits (powers, instructions).",
        "Finds terms others can accept and explains the trade-offs made.",
    ),
    (
        "Reflects",
        "Says what happened in the game.",
        "Compares the game's ending with history.",
        "Names a wrong assumption and what it cost.",
        "Draws a historical judgement from the game and says where the game falls short of the past.",
    ),
)


def all_points(sheet: RoleSheet) -> int:
    return sum(o.points for o in sheet.objectives if o.points > 0)


def rubric_page(pack: Pack) -> str:
    head = "".join(f"<th>{e(level)}</th>" for level in ("Criterion", "Beginning", "Developing", "Secure", "Excellent"))
    rows = "".join("<tr>" + "".join(f"<td>{e(cell)}</td>" for cell in row) + "</tr>" for row in RUBRIC)
    scores = "".join(
        f'<tr><td>{swatch(r.colour)}{e(r.name)}</td><td class="num">{r.best}</td><td class="meta">'
        + (f"{all_points(r)} if every objective were met; some exclude each other" if r.best < all_points(r) else "")
        + "</td></tr>"
        for r in pack.roles
        if r.objectives
    )
    score_table = (
        "<h2>Game scores</h2><p>Each delegation's score comes from its objectives (secret ones included) and "
        "is shown at the end of the game and in the class report. It says how the delegation fared, not "
        "how well its members understood the history: a delegation that loses with good reasons can earn "
        "the top level in every criterion. Use the score as evidence for <i>Negotiates</i> at most.</p>"
        '<table><thead><tr><th>Role</th><th class="num">The most it can score</th><th></th></tr></thead>'
        f"<tbody>{scores}</tbody></table>"
        if scores
        else ""
    )
    lead = (
        "Assess each student or group on five criteria, from the reasons worksheet, what they said at the "
        "table, and the debrief. Levels describe what you see, not a mark."
    )
    return page(
        f"{pack.title}: assessment rubric",
        _head(pack, "assessment rubric", "Assessment rubric", e(lead))
        + f'<table class="rubric"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
        + score_table,
    )


def _ending(end: EndingDebrief, invented: bool = False) -> str:
    date = f" · {end.date.day} {end.date:%B %Y}" if end.date else ""
    tag = (
        f'<span class="tag hist">{"as the case is written" if invented else "what really happened"}</span>'
        if end.historical
        else f'<span class="tag other">{e(SPECULATIVE.get(end.speculative, end.speculative))}</span>'
    )
    speculation = f'<p class="meta">{e(" ".join(end.speculation.split()))}</p>' if end.speculation else ""
    authored = "".join(f"<li>{e(q)}</li>" for q in end.authored)
    general = "".join(f"<li>{e(q)}</li>" for q in end.general)
    return (
        f'<section class="ending" id="ending-{e(end.id)}"><div class="meta">Ending{date}</div>'
        f"<h3>{e(end.title)} {tag}</h3>{speculation}"
        + (f'<p class="label">Questions for this ending</p><ol>{authored}</ol>' if authored else "")
        + f'<p class="label">For any group that reached it</p><ol>{general}</ol></section>'
    )


def debrief_page(pack: Pack) -> str:
    lead = (
        "After play: each group finds its ending below. Start with the scores (who met which objectives), "
        "reveal the hidden draws and the secret objectives, then work through the questions with the "
        "reasons worksheets on the table."
    )
    endings = "".join(_ending(end, pack.invented) for end in pack.endings)
    head = _head(pack, "debrief", "Debrief questions for each ending", e(lead))
    return page(f"{pack.title}: debrief", head + endings)


def _play_length(pack: Pack) -> str:
    """The teacher's timing table, counted from the historical path (see ``play_length``)."""
    length = pack.length
    if not length.moves:
        return ""
    secret = (
        f" ({length.sealed} of them secret choices, in {length.sealed_rounds} "
        f"{'round' if length.sealed_rounds == 1 else 'rounds'})"
        if length.sealed
        else ""
    )
    table = f" and {length.table} moves at the table" if length.table else ""
    head = "".join(f'<th class="num">{clock}-second clock</th>' for clock in CLOCKS)
    hot = "".join(f'<td class="num">{hot_seat_minutes(length, clock)} min</td>' for clock in CLOCKS)
    rows = (
        f"<tr><td>One computer (hot seat), every role: {length.moves} moves in turn, each after a hand-over "
        f"(about {HANDOVER_SECONDS} s)</td>{hot}</tr>"
    )
    if length.sealed:
        net = "".join(f'<td class="num">{networked_minutes(length, clock)} min</td>' for clock in CLOCKS)
        rows += (
            f"<tr><td>Every group on its own device (<code>host</code>), every role: {length.turns} turns, each "
            f"round of secret choices made at once</td>{net}</tr>"
        )
    return (
        f"<h2>How long play takes</h2><p>On the historical path people make {length.moves} moves: "
        f"{length.decisions} decisions{secret}{table}. The clock is a ceiling, not the time a move takes, so "
        "these are the most play takes on that path, without pauses:</p>"
        f"<table><thead><tr><th>How the class plays</th>{head}</tr></thead><tbody>{rows}</tbody></table>"
        '<p class="meta">A game that leaves history can take longer: a sitting at the table may run to several '
        "rounds of offers and answers. Add the reading of the role sheets and any pauses you call.</p>"
    )


def index_page(pack: Pack, pdf_note: str) -> str:
    roles = "".join(
        f'<tr><td>{swatch(r.colour)}{e(r.name)}</td><td><a href="{e(role_file(r.actor))}">role sheet</a></td>'
        f'<td><a href="{e(reasons_file(r.actor))}">reasons worksheet</a></td>'
        f'<td><a href="{e(group_file(r.actor))}">both</a></td></tr>'
        for r in pack.roles
    )
    reading = (
        f'<p class="meta">Numbers on the role sheets are for the reading «{e(pack.lens)}»'
        f"{' (the default)' if pack.lens_is_default else ''}.</p>"
        if pack.lens
        else ""
    )
    body = (
        _head(pack, "classroom pack", pack.title, e(" ".join(pack.summary.split())))
        + reading
        + "<h2>Before play, for everyone</h2><ul>"
        '<li><a href="background.html">Background</a>: the roles, what is negotiated, the readings of the '
        f"evidence and the map. Its last part, <i>{record_heading(pack)}</i>, starts on a new page and tells the "
        "ending: print only the pages before it for a class that should discover the ending, and hand out the "
        "rest in the debrief.</li>"
        '<li><a href="sources.html">Sources</a>: the numbered citations, with the game\'s summary of each '
        "and any short excerpts the scenario gives.</li></ul>"
        "<h2>Before play, for each delegation (confidential)</h2>"
        "<p>Print <i>both</i> to give a group its sheet and its worksheet in one print job, once per member.</p>"
        "<table><thead><tr><th>Role</th><th>Sheet</th><th>Worksheet</th><th>One print job</th></tr></thead>"
        f"<tbody>{roles}</tbody></table>"
        "<h2>For the teacher</h2><ul>"
        '<li><a href="rubric.html">Assessment rubric</a></li>'
        '<li><a href="debrief.html">Debrief questions for each ending</a> (after play)</li>'
        f'<li><a href="{TEACHER_SOURCES}">What the game takes from its sources</a> (after play: it tells the '
        "historical path)</li></ul>"
        + _play_length(pack)
        + f'<p class="note">Print each page from a browser (A4 or Letter). {e(pdf_note)}</p>'
    )
    return page(f"{pack.title}: classroom pack", body)


def pack_pages(pack: Pack, pdf_note: str) -> dict[str, str]:
    """Every page of the pack by file name, the index first."""
    pages = {"index.html": index_page(pack, pdf_note), "background.html": background_page(pack)}
    pages["sources.html"] = sources_page(pack)
    pages[TEACHER_SOURCES] = teacher_sources_page(pack)
    for sheet in pack.roles:
        pages[role_file(sheet.actor)] = role_page(pack, sheet)
        pages[reasons_file(sheet.actor)] = reasons_page(pack, sheet)
        pages[group_file(sheet.actor)] = group_page(pack, sheet)
    pages["rubric.html"] = rubric_page(pack)
    pages["debrief.html"] = debrief_page(pack)
    return pages

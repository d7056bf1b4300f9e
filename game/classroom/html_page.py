"""The page around printable HTML: inline styles with print rules, and helpers that escape all text.

Pages stand alone (no external files, scripts or fonts), so a teacher can email, open or print one
anywhere. Every piece of scenario or player text goes through ``e`` before it reaches the page.
"""

from __future__ import annotations

import datetime as dt
import re
from html import escape

from .. import __version__

_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")

CSS = """
:root { --ink: #1f2328; --muted: #5b6169; --rule: #d0d4d9; --band: #f4f5f7;
  --hist: #0072B2; --other: #D55E00; --turn-bg: #fdf0e6; }
* { box-sizing: border-box; }
body { font: 16px/1.5 Georgia, 'Times New Roman', serif; color: var(--ink); background: #fff;
  max-width: 54rem; margin: 2rem auto 4rem; padding: 0 1.5rem; }
h1, h2, h3, th, .label, .tag, .date, .meta, figcaption { font-family: 'Source Sans Pro', 'Segoe UI',
  Helvetica, Arial, sans-serif; }
h1 { font-size: 1.9rem; line-height: 1.15; margin: 0 0 .3rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid var(--ink); padding-bottom: .2rem; margin: 2.2rem 0 .8rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
p { margin: .4rem 0 .7rem; }
.meta { color: var(--muted); font-size: .9rem; }
.summary { font-size: 1.05rem; }
table { border-collapse: collapse; width: 100%; font-size: .93rem; margin: .4rem 0 1rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--rule); }
th { font-size: .78rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted);
  border-bottom: 2px solid var(--rule); }
td.name { white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
dl.setup { display: grid; grid-template-columns: 7rem 1fr; gap: .25rem 1rem; margin: .5rem 0; }
dl.setup dt { font-weight: bold; }
dl.setup dd { margin: 0; }
ul.roles { list-style: none; padding: 0; margin: 0; }
.swatch { display: inline-block; width: .8em; height: .8em; border-radius: 2px; margin-right: .45em;
  vertical-align: -.05em; border: 1px solid rgba(0,0,0,.25); -webkit-print-color-adjust: exact;
  print-color-adjust: exact; }
.entry { display: grid; grid-template-columns: 8rem 1fr; gap: 1rem; padding: .65rem .5rem;
  border-top: 1px solid var(--rule); break-inside: avoid; }
.entry .date { color: var(--muted); font-size: .88rem; line-height: 1.35; }
.entry .date b, .entry .date span { display: block; }
.entry .date b { color: var(--ink); font-size: 1.05rem; }
.entry .date .kind { margin-top: .2rem; text-transform: uppercase; font-size: .75rem; letter-spacing: .04em; }
.entry .situation { font-family: 'Source Sans Pro', 'Segoe UI', Helvetica, Arial, sans-serif;
  color: var(--muted); font-size: .85rem; text-transform: uppercase; letter-spacing: .03em; }
.entry .head { font-size: 1.05rem; margin: .1rem 0 .2rem; }
.entry.event, .entry.chance { background: var(--band); }
.entry .text { margin: .2rem 0 .3rem; }
.entry dl { display: grid; grid-template-columns: 7.5rem 1fr; gap: .1rem .8rem; margin: .3rem 0 0;
  font-size: .93rem; }
.entry dt { color: var(--muted); font-family: 'Source Sans Pro', 'Segoe UI', Helvetica, Arial, sans-serif; }
.entry dd { margin: 0; }
.reason { font-style: italic; }
.tag { display: inline-block; font-size: .72rem; font-weight: bold; text-transform: uppercase;
  letter-spacing: .04em; padding: .05rem .4rem; border-radius: 3px; border: 1px solid; margin-left: .4rem;
  vertical-align: .15em; white-space: nowrap; }
.tag.hist { color: var(--hist); }
.tag.other, .tag.turn { color: var(--other); }
.refs { color: var(--muted); font-size: .8rem; vertical-align: super; line-height: 0; }
.ending { border: 2px solid var(--ink); border-radius: 4px; padding: .8rem 1rem; margin: 1rem 0;
  break-inside: avoid; }
.ending h3 { margin-top: 0; font-size: 1.2rem; }
.speculation { border-left: 4px solid var(--other); padding: .2rem .8rem; margin: .6rem 0 0;
  background: var(--band); }
.speculation.none { border-left-color: var(--hist); }
table.compare td { width: 46%; }
table.compare td.num { width: 8%; }
table.compare td.same { color: var(--muted); }
table.compare tr.turn td { background: var(--turn-bg); border-top: 2px solid var(--other);
  border-bottom: 2px solid var(--other); -webkit-print-color-adjust: exact; print-color-adjust: exact; }
table.compare tr.end td { font-weight: bold; border-top: 2px solid var(--rule); }
tr.total td, tr.total th { border-top: 2px solid var(--rule); font-weight: bold; }
.paths { display: grid; grid-template-columns: 1fr 1fr; gap: 1.5rem; margin: .4rem 0 1rem; }
.path { border-top: 2px solid var(--rule); font-size: .93rem; }
.path h3 { margin: .4rem 0; }
.path ol { padding-left: 1.8rem; margin: .3rem 0; }
.path li { margin-bottom: .35rem; }
.path-end { border-top: 1px solid var(--rule); padding-top: .3rem; }
.note { border-left: 4px solid var(--muted); padding: .2rem .8rem; background: var(--band); }
.warning { border-left: 4px solid var(--other); padding: .4rem .8rem; background: var(--turn-bg); }
ol.sources { padding-left: 1.6rem; font-size: .93rem; }
ol.sources li { margin-bottom: .3rem; }
a { color: var(--hist); }
figure { margin: .6rem 0 1rem; }
figure svg { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: .85rem; }
footer { margin-top: 3rem; color: var(--muted); font-size: .8rem; border-top: 1px solid var(--rule);
  padding-top: .4rem; }
.confidential { border: 2px solid var(--other); padding: .4rem .8rem; font-weight: bold; }
.when { border-left: 4px solid var(--rule); padding: .1rem .8rem; margin: .5rem 0; }
.label { font-size: .85rem; color: var(--muted); }
ul.options, ul.passages { margin: .2rem 0; padding-left: 1.2rem; }
ul.passages li { margin-bottom: .3rem; font-size: .9rem; }
/* a date's boxes may run on to the next page, each box whole and never apart from its heading, so
   pages are not left half empty */
.worksheet { border-top: 1px solid var(--rule); padding-top: .2rem; }
.worksheet h3, .worksheet .label { break-after: avoid; }
.write, table.offers { break-inside: avoid; }
.write { border: 1px solid var(--rule); border-radius: 3px; min-height: 4.2rem; padding: .2rem .5rem;
  margin: .35rem 0; }
.write.tall { min-height: 9rem; }
.write.lines { min-height: 8.5rem; }  /* five written lines at least */
.box { border: 2px solid var(--rule); padding: .3rem .8rem; margin: .6rem 0; break-inside: avoid; }
table.offers td { height: 2.4rem; }
.after-play { border-top: 3px double var(--rule); margin-top: 2rem; }
table.worths { table-layout: fixed; }
table.worths td:first-child { width: 50%; }
table.worths td.num, table.worths th.num { width: 12%; }
table.rubric td { width: 20%; font-size: .88rem; }
table.rubric td:first-child { font-weight: bold; }
@page { margin: 16mm 14mm; }  /* no size: the paper chosen in the Print dialogue, A4 or Letter */
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { break-after: avoid; }
  h3 { break-after: avoid; }
  tr, .entry, figure { break-inside: avoid; }
  .after-play { break-before: page; border-top: none; margin-top: 0; }
  .new-page { break-before: page; }
  a { color: inherit; text-decoration: none; }
  a[href^="http"]::after { content: " <" attr(href) ">"; font-size: .8em; color: var(--muted); }
  .entry.event, .entry.chance { background: none; border-left: 3px solid var(--rule); }
}
"""


def e(text: object) -> str:
    """Escape any text for HTML (quotes too, since text also goes into attributes)."""
    return escape(str(text), quote=True)


def paragraphs(text: str) -> str:
    """Blank-line-separated paragraphs as <p> elements."""
    parts = [" ".join(p.split()) for p in str(text).split("\n\n") if p.strip()]
    return "".join(f"<p>{e(p)}</p>" for p in parts)


def swatch(colour: str) -> str:
    """A small colour square, for colours that are plain #rrggbb (anything else is left out)."""
    if not _COLOUR.match(colour or ""):
        return ""
    return f'<span class="swatch" style="background:{colour}" aria-hidden="true"></span>'


def refs(numbers: tuple[int, ...]) -> str:
    if not numbers:
        return ""
    links = ", ".join(f'<a href="#source-{n}">{n}</a>' for n in numbers)
    return f' <span class="refs">[{links}]</span>'


def page(title: str, body: str) -> str:
    """A complete HTML document around ``body``."""
    made = dt.date.today()
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="Parley {e(__version__)}">\n'
        f"<title>{e(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}\n"
        f"<footer>Made with Parley {e(__version__)} on {made.day} {made:%B %Y}.</footer>\n"
        "</body>\n</html>\n"
    )

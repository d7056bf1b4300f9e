"""What a scenario gives students to read before play (format 2): short excerpts of its sources and
a dated timeline that stops before the game starts. Read into the model, checked, refused in format 1."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from game.engine import load_text

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TABLE = (FIXTURES / "table.yaml").read_text(encoding="utf-8")
SOURCE = "  - id: src\n    citation: An invented source for tests.\n"
EXCERPTS = """    excerpts:
      - {text: "We will  not move first.", quote: true, who: Red's envoy, where: "p. 12"}
      - {text: Blue doubted Red's figures., where: ch. 3}
"""
TIMELINE = """timeline:
  - {date: 1899-12-01, text: Blue's ports close., sources: [src]}
  - {date: 1899-06-15, when: June 1899, text: The first treaty lapses.}
"""


def with_before_play(excerpts: str = EXCERPTS, timeline: str = TIMELINE) -> str:
    assert SOURCE in TABLE and "\nactors:\n" in TABLE
    text = TABLE.replace(SOURCE, SOURCE + excerpts)
    return text.replace("\nactors:\n", "\n" + timeline + "actors:\n", 1)


def test_excerpts_and_the_timeline_are_read() -> None:
    scenario, findings = load_text("t.yaml", with_before_play())
    assert scenario is not None, [f.format() for f in findings]
    quote, summary = scenario.sources["src"].excerpts
    assert (quote.text, quote.quote, quote.who, quote.where) == (
        "We will not move first.",
        True,
        "Red's envoy",
        "p. 12",
    )
    assert (summary.quote, summary.who, summary.where) == (False, "", "ch. 3")
    assert [d.date for d in scenario.timeline] == [dt.date(1899, 6, 15), dt.date(1899, 12, 1)]  # in date order
    assert scenario.timeline[0].when == "June 1899" and scenario.timeline[1].sources == ("src",)


def test_the_timeline_stops_before_the_start() -> None:
    late = "timeline:\n  - {date: 1900-03-01, text: The talks open.}\n"
    scenario, findings = load_text("t.yaml", with_before_play(timeline=late))
    assert scenario is None
    assert [f.code for f in findings] == ["timeline-after-start"]
    assert "read before play" in findings[0].message


def test_a_timeline_source_must_exist() -> None:
    wrong = "timeline:\n  - {date: 1899-01-01, text: Something., sources: [sorce]}\n"
    scenario, findings = load_text("t.yaml", with_before_play(timeline=wrong))
    assert scenario is None and "src" in " ".join(f.format() for f in findings)


def test_a_quotation_is_short() -> None:
    long = "    excerpts:\n      - {text: " + " ".join(["word"] * 61) + ", quote: true}\n"
    scenario, findings = load_text("t.yaml", with_before_play(excerpts=long))
    assert scenario is None and [f.code for f in findings] == ["long-quotation"]
    summary = "    excerpts:\n      - {text: " + " ".join(["word"] * 61) + "}\n"  # a summary may be longer
    scenario, findings = load_text("t.yaml", with_before_play(excerpts=summary))
    assert scenario is not None, [f.format() for f in findings]


def test_excerpts_and_the_timeline_are_format_2() -> None:
    text = with_before_play().replace("format: 2", "format: 1", 1)
    scenario, findings = load_text("old.yaml", text)
    assert scenario is None
    refused = {f.message for f in findings if f.code == "needs-format-2"}
    assert {"'timeline' is part of format 2", "'excerpts' is part of format 2"} <= refused

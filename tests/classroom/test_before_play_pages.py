"""The pack's pages for before play: the background's timeline to the start and the sources'
excerpts, as a scenario gives them (format 2)."""

from __future__ import annotations

from game.classroom.handouts import build_pack
from game.classroom.handouts_html import background_page, sources_page
from game.engine import load_text

from ..engine.test_before_play import with_before_play
from .test_handouts import plain


def test_the_background_dates_the_road_to_the_start_before_what_really_happened() -> None:
    scenario, findings = load_text("t.yaml", with_before_play())
    assert scenario is not None, [f.format() for f in findings]
    page = background_page(build_pack(scenario))
    text = plain(page)
    assert "Timeline: the road to 1 March 1900" in text
    assert text.index("June 1899 The first treaty lapses.") < text.index("1 December 1899 Blue's ports close. [ 1 ]")
    assert page.index('class="road"') < page.index('id="what-really-happened"')  # read before play


def test_the_sources_page_gives_quotations_with_whose_words_and_marks_summaries() -> None:
    scenario, findings = load_text("t.yaml", with_before_play())
    assert scenario is not None, [f.format() for f in findings]
    text = plain(sources_page(build_pack(scenario)))
    assert "Excerpts “We will not move first.” — Red's envoy (p. 12)" in text
    assert "In summary (the game's words): Blue doubted Red's figures. (ch. 3)" in text
    assert "words in quotation marks are the source's own" in text


def test_without_them_the_pages_say_nothing_of_them() -> None:
    scenario, findings = load_text("t.yaml", with_before_play(excerpts="", timeline=""))
    assert scenario is not None, [f.format() for f in findings]
    pack = build_pack(scenario)
    assert "Timeline" not in plain(background_page(pack)) and "Excerpts" not in plain(sources_page(pack))

"""Transcripts: every decision in order with its reason, the ending, history beside it, escaped text."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from game.classroom.transcript import build_transcript, render_html, render_markdown
from game.engine.saves import read_save, restore, save_game
from game.engine.wording import describe_effect
from game.terminal.replay import historical_game
from tests.classroom.conftest import scripted

CHOICES = ["Be cold", "Stall", "Be warm", "Ask for powers", "Sign the treaty"]


def _in_order(text: str, needles: list[str]) -> bool:
    position = 0
    for needle in needles:
        found = text.find(needle, position)
        if found < 0:
            return False
        position = found + len(needle)
    return True


def test_reasons_survive_save_and_load(tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    game = scripted(tiny)
    loaded = restore(read_save(save_game(game, tmp_path, "group 1")), tiny)
    assert loaded.report.complete
    assert [m.reason for m in loaded.game.moves] == [m.reason for m in game.moves]
    assert "Buying time — «pour gagner du temps»" in [m.reason for m in loaded.game.moves]


def test_every_decision_in_order_with_reasons(tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    game = restore(read_save(save_game(scripted(tiny), tmp_path, "g")), tiny).game
    transcript = build_transcript(game)
    decisions = transcript.decisions
    assert [d.title for d in decisions] == CHOICES
    assert [d.number for d in decisions] == [1, 2, 3, 4, 5]
    assert [d.actor for d in decisions] == ["red", "blue", "red", "blue", "blue"]
    assert decisions[0].reason == "Test their <nerve> & | resolve" and decisions[2].reason == ""
    assert decisions[0].effects == ("Trust −2",), "hidden variables ('warned') stay hidden"
    assert decisions[0].history_label == "Be warm" and decisions[2].historical
    assert str(decisions[0].date) == "1900-01-01", "dated when decided, not after the days it took"
    assert transcript.ending is not None and transcript.ending.title == "Treaty signed"
    assert transcript.ending.speculative == "high" and transcript.ending.speculation == "Invented."
    assert [e.kind for e in transcript.entries].count("event") == 1
    markdown = render_markdown(transcript)
    assert _in_order(markdown, [f"chose **{c}**" for c in CHOICES])
    assert _in_order(markdown, ["Reason: “Test their \\<nerve> & | resolve”", "Reason: “Buying time"])
    page = render_html(transcript)
    assert _in_order(page, [f"</b>: {c}" for c in CHOICES])
    assert "Test their &lt;nerve&gt; &amp; | resolve" in page and "<nerve>" not in page


def test_comparison_marks_the_turning_point(tiny) -> None:  # type: ignore[no-untyped-def]
    transcript = build_transcript(scripted(tiny))
    turning = [row for row in transcript.comparison if row.turning]
    assert len(turning) == 1 and transcript.comparison[0].turning
    assert turning[0].played.label == "Be cold" and turning[0].historical.label == "Be warm"  # type: ignore[union-attr]
    assert "Opening: Red delegation — Be cold" in transcript.turning_point
    assert transcript.history_ending is not None and transcript.history_ending.title == "Stalemate"
    assert "turning point" in render_markdown(transcript) and 'class="turn"' in render_html(transcript)


def test_history_itself_never_parts_from_history(tiny) -> None:  # type: ignore[no-untyped-def]
    game = historical_game(tiny)
    game.play_until_human()
    transcript = build_transcript(game)
    assert transcript.turning_point == "" and not any(row.turning for row in transcript.comparison)
    assert all(row.same for row in transcript.comparison)
    assert "never left the historical path" in render_markdown(transcript)


def test_setup_and_sources(tiny) -> None:  # type: ignore[no-untyped-def]
    transcript = build_transcript(scripted(tiny))
    assert (transcript.lens, transcript.seed) == ("Hopeful", 4)
    assert [(r.name, r.played_by) for r in transcript.roles] == [("Red delegation", "students"),
                                                                  ("Blue delegation", "students")]
    assert [s.citation for s in transcript.sources] == ["An invented source for tests."]
    markdown = render_markdown(transcript)
    for heading in ("## Setup", "## The session", "## The ending: Treaty signed", "## Compared with history",
                    "## Sources"):
        assert heading in markdown


def test_unfinished_game_says_so(tiny) -> None:  # type: ignore[no-untyped-def]
    from game.engine import Game

    game = Game.new(tiny, seed=2, controllers={"red": "human"})
    transcript = build_transcript(game)
    assert transcript.ending is None and transcript.decisions == []
    assert "not finished" in render_markdown(transcript)


class _Checker(HTMLParser):
    """Collects tags, and any reference to an outside file."""

    def __init__(self) -> None:
        super().__init__()
        self.external: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href") and value and not value.startswith(("#", "http")):
                self.external.append(value)
            if tag == "link":
                self.external.append(str(value))


def test_html_stands_alone_and_prints(tiny) -> None:  # type: ignore[no-untyped-def]
    page = render_html(build_transcript(scripted(tiny)))
    checker = _Checker()
    checker.feed(page)
    assert not checker.external and "script" not in checker.tags
    assert page.startswith("<!DOCTYPE html>") and "@media print" in page and "@page" in page
    assert not re.search(r"url\(", page), "no external fonts or images"


def test_effects_in_players_words(tiny) -> None:  # type: ignore[no-untyped-def]
    assert describe_effect(tiny, "trust += 1") == "Trust +1"
    assert describe_effect(tiny, "powers = 'sign'") == "Powers: sign"
    assert describe_effect(tiny, "warned = true") is None
    assert describe_effect(tiny, "something odd") == "something odd"


def test_flagship_history_transcript(flagship) -> None:  # type: ignore[no-untyped-def]
    game = historical_game(flagship)
    game.play_until_human()
    transcript = build_transcript(game)
    assert transcript.ending is not None and transcript.ending.historical
    assert transcript.turning_point == "" and transcript.sources
    assert len(transcript.decisions) == sum(1 for m in game.moves if m.by != "chance")
    render_html(transcript)

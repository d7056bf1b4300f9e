"""Transcripts: every decision in order with its reason, the ending, history beside it, escaped text."""

from __future__ import annotations

import random
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from game.classroom.markdown_text import transcript_markdown as render_markdown
from game.classroom.transcript import Transcript, build_transcript, tally
from game.classroom.transcript_html import transcript_html as render_html
from game.engine import Game, Move
from game.engine.history import historical_game, played_history, turning_point
from game.engine.saves import read_save, restore, save_game
from game.engine.wording import describe_effect
from tests.classroom.conftest import in_order, scripted

CHOICES = ["Be cold", "Stall", "Be warm", "Ask for powers", "Sign the treaty"]


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
    assert in_order(markdown, [f"chose **{c}**" for c in CHOICES])
    assert in_order(markdown, ["Reason: “Test their \\<nerve> & | resolve”", "Reason: “Buying time"])
    page = render_html(transcript)
    assert in_order(page, [f"</b>: {c}" for c in CHOICES])
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
    assert [(r.name, r.played_by) for r in transcript.roles] == [
        ("Red delegation", "students"),
        ("Blue delegation", "students"),
    ]
    assert [s.citation for s in transcript.sources] == ["An invented source for tests."]
    markdown = render_markdown(transcript)
    for heading in (
        "## Setup",
        "## The session",
        "## The ending: Treaty signed",
        "## Compared with history",
        "## Sources",
    ):
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


def test_flagship_history_transcript(flagship_v1) -> None:  # type: ignore[no-untyped-def]
    game = historical_game(flagship_v1)
    game.play_until_human()
    transcript = build_transcript(game)
    assert transcript.ending is not None and transcript.ending.historical
    assert transcript.turning_point == "" and transcript.sources
    assert len(transcript.decisions) == sum(1 for m in game.moves if m.by != "chance")
    render_html(transcript)


def _table_lines(markdown: str) -> list[str]:
    """The rows of the side-by-side table in the comparison section (not its header)."""
    section = markdown[markdown.index("## Compared with history") :]
    return [line for line in section.splitlines() if line.startswith("| ") and not line.startswith("| # ")]


def _check_alignment(game: Game) -> Transcript:
    """Structure every comparison must have, whatever the players and the computer chose."""
    transcript = build_transcript(game)
    past = played_history(game.scenario, game.settings.lens, game.settings.seed)
    paired = len(transcript.comparison)
    turn = turning_point(game.moves, past.moves, finished=game.ended)
    for row in transcript.comparison:
        assert row.played.node == row.historical.node, "a row pairs the same decision in both paths"
    assert [r.turning for r in transcript.comparison].count(True) <= 1
    if turn is not None and turn < paired:
        assert transcript.comparison[-1].turning and paired == turn + 1, "rows stop at the turning point"
    assert all(r.same for r in transcript.comparison if not r.turning)
    assert [(s.node, s.step) for s in transcript.played_after] == [(m.node, m.step) for m in game.moves[paired:]]
    assert [(s.node, s.step) for s in transcript.history_after] == [(m.node, m.step) for m in past.moves[paired:]]
    markdown, page = render_markdown(transcript), render_html(transcript)
    split = bool(transcript.played_after or transcript.history_after)
    assert len(_table_lines(markdown)) == paired + (0 if split else 1)  # + the End row when nothing splits
    assert ("#### This game" in markdown and "#### What happened" in markdown) == split
    assert ('<div class="paths">' in page) == split
    if split:
        assert page.count(f'<ol start="{paired + 1}">') == (
            bool(transcript.played_after) + bool(transcript.history_after)
        )
    return transcript


def test_rows_stop_at_the_turning_point_then_two_lists(tiny) -> None:  # type: ignore[no-untyped-def]
    """The scripted game stalls once and comes back to the opening: one decision more than history."""
    transcript = _check_alignment(scripted(tiny))
    (row,) = transcript.comparison
    assert row.turning and (row.played.label, row.historical.label) == ("Be cold", "Be warm")
    assert [s.label for s in transcript.played_after] == [
        "Stall",
        "Be warm",
        "Ask for powers",
        "The courier arrives",
        "Sign the treaty",
    ]
    assert [s.label for s in transcript.history_after] == ["Ask for powers", "The courier arrives", "Refuse"]
    markdown = render_markdown(transcript)
    assert in_order(
        markdown,
        [
            "### Side by side, up to the turning point",
            "| **1 ⟶ turning point** |",
            "### After the turning point: two separate paths",
            "not rows to read across",
            "#### This game",
            "2. 2 Jan, Blue answers — Blue delegation: Stall",
            "6. 8 Jan, Final session — Blue delegation: Sign the treaty",
            "**Ending:** Treaty signed",
            "#### What happened",
            "2. 2 Jan, Blue answers — Blue delegation: Ask for powers",
            "4. 5 Jan, Final session — Blue delegation: Refuse",
            "**Ending:** Stalemate",
        ],
    )
    assert not any("Stall" in line for line in _table_lines(markdown)), "later moves are never paired"
    page = render_html(transcript)
    assert in_order(
        page,
        [
            "<h3>Side by side, up to the turning point</h3>",
            'class="turn"',
            "<h3>After the turning point: two separate paths</h3>",
            '<div class="paths">',
            "<h3>This game</h3>",
            '<ol start="2">',
            "Stall",
            "Treaty signed",
            "<h3>What happened</h3>",
            '<ol start="2">',
            "Refuse",
            "Stalemate",
        ],
    )


def test_an_extra_decision_later_does_not_shift_the_rows(tiny) -> None:  # type: ignore[no-untyped-def]
    """Warm as in history, then a stall: two shared rows, then the extra visit to the opening stays apart."""
    game = Game.new(tiny, "hopeful", 4, {a: "human" for a in tiny.actors})
    for choice in ("warm", "stall", "warm", "ask_powers"):
        game.choose(choice)
    game.play_until_human()
    game.choose("refuse")
    transcript = _check_alignment(game)
    assert [(r.played.label, r.historical.label, r.turning) for r in transcript.comparison] == [
        ("Be warm", "Be warm", False),
        ("Stall", "Ask for powers", True),
    ]
    assert [s.node for s in transcript.played_after][:2] == ["open", "blue_turn"]
    assert [s.node for s in transcript.history_after] == ["luck", "final"]


def test_a_game_that_skips_what_history_did(tiny) -> None:  # type: ignore[no-untyped-def]
    game = Game.new(tiny, "gloomy", 1, {a: "human" for a in tiny.actors})
    game.choose("leave")
    transcript = _check_alignment(game)
    assert transcript.played_after == [] and len(transcript.history_after) == 3
    markdown = render_markdown(transcript)
    assert in_order(
        markdown, ["#### This game", "**Ending:** Walk-out", "#### What happened", "2. ", "**Ending:** Stalemate"]
    )


def test_an_unfinished_game_on_the_historical_path(tiny) -> None:  # type: ignore[no-untyped-def]
    game = Game.new(tiny, "hopeful", 1, {a: "human" for a in tiny.actors})
    game.choose("warm")
    transcript = _check_alignment(game)
    assert transcript.turning_point == "" and [r.same for r in transcript.comparison] == [True]
    markdown = render_markdown(transcript)
    assert in_order(
        markdown,
        [
            "never left the historical path",
            "### Side by side, as far as this game went",
            "### After this game stopped",
            "This game was not finished; history went on.",
            "**Ending:** (not finished)",
            "#### What happened",
        ],
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_flagship_early_departure(flagship_v1, seed: int) -> None:  # type: ignore[no-untyped-def]
    """People play every delegation of the format-1 flagship; the first choice leaves history, the rest
    are picked by the seed."""
    game = Game.new(flagship_v1, list(flagship_v1.lenses)[seed % 2], seed, {a: "human" for a in flagship_v1.actors})
    pick = random.Random(seed)
    first = True
    while not game.ended:
        options = game.decision.open_choices  # type: ignore[union-attr]
        if first:
            options = [c for c in options if not c.step.historical] or options
            first = False
        game.choose(pick.choice(options).step.id)
        game.play_until_human()
    transcript = _check_alignment(game)
    assert transcript.comparison[0].turning, "the departure is at the first decision"
    assert transcript.turning_point and transcript.ending is not None
    assert transcript.count.by_class == transcript.count.total == len(transcript.decisions)
    assert (
        f"{transcript.count.total} decisions: {transcript.count.total} by the class, 0 by the computer"
        in render_markdown(transcript)
    )


def test_flagship_history_lines_up_everywhere(flagship) -> None:  # type: ignore[no-untyped-def]
    game = historical_game(flagship)
    game.play_until_human()
    transcript = _check_alignment(game)
    assert transcript.played_after == transcript.history_after == []
    assert len(transcript.comparison) == len(game.moves)


def test_decisions_counted_by_who_took_them(tiny) -> None:  # type: ignore[no-untyped-def]
    game = Game.new(tiny, "hopeful", 2, {"red": "human", "blue": "goals"})
    game.choose("cold")
    game.play_until_human()
    while not game.ended:
        game.choose(game.decision.open_choices[0].step.id)  # type: ignore[union-attr]
        game.play_until_human()
    count = build_transcript(game).count
    people = sum(1 for m in game.moves if m.by == "human")
    computer = sum(1 for m in game.moves if m.by == "goals")
    assert (count.by_class, count.by_computer, count.by_clock) == (people, computer, 0) and computer >= 1
    assert count.words() == f"{people + computer} decisions: {people} by the class, {computer} by the computer"
    markdown = render_markdown(build_transcript(game))
    assert f"- {people + computer} decisions: {people} by the class, {computer} by the computer" in markdown
    assert f"<dd>{people + computer} in all: {people} by the class" in render_html(build_transcript(game))
    assert "Chosen by: students" in markdown


def test_time_outs_are_counted_apart() -> None:
    moves = [
        Move("a", "x", "human"),
        Move("b", "y", "chance"),
        Move("c", "z", "proxy"),
        Move("d", "w", "historical"),
        Move("e", "v", "proxy"),
    ]
    count = tally(moves)
    assert (count.by_class, count.by_computer, count.by_clock, count.total) == (1, 1, 2, 4)
    assert count.words() == "4 decisions: 1 by the class, 1 by the computer, 2 when time ran out"
    assert tally([]).words() == "no decisions yet"
    assert tally([Move("a", "x", "human")]).words() == "1 decision: 1 by the class, 0 by the computer"

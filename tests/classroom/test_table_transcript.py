"""Transcripts of a format-2 game: the table's moves, the secret choices revealed, reasons and scores."""

from __future__ import annotations

from pathlib import Path

from game.classroom import messages
from game.classroom.loading import ScenarioFinder, load_save
from game.classroom.markdown_text import transcript_markdown
from game.classroom.messages import TableMessage
from game.classroom.pace import resolve_turn_timeout
from game.classroom.transcript import build_transcript
from game.classroom.transcript_html import transcript_html
from game.engine import Game, Scenario
from game.engine.saves import save_game
from tests.classroom.conftest import TABLE, in_order, negotiated


def _saved(game: Game, folder: Path) -> Game:
    """The game as a teacher gets it: saved, then read back and replayed."""
    path = save_game(game, folder, "table group")
    return load_save(path, ScenarioFinder(TABLE)).game


def test_the_markdown_transcript_tells_the_negotiation(table: Scenario, tmp_path: Path) -> None:
    text = transcript_markdown(build_transcript(_saved(negotiated(table), tmp_path)))
    assert in_order(
        text,
        [
            "**Red delegation proposes**: Passage: Wide open; Signing: At once",
            "By: students",
            "Reason: “Ask for \\<everything> first”",
            "**Blue delegation counters**: Passage: A narrow corridor; Signing: Later",
            "Reason: “Too much & too soon”",
            "**Green delegation accepts**",
            "By: computer (as history, then in character)",
            "Reason: “Passage: Wide open: +1. Signing: At once: +1. Worth 2 to us; without a deal, 1. Accepted.”",
            "**Red delegation accepts**",
            "Reason: “A corridor will do”",
            "**Agreement: Passage: A narrow corridor; Signing: Later**. The terms are initialled.",
            "Blue delegation has chosen, in secret.",
            "**Red delegation** chose, in secret, **Open the rival talks**",
            "Reason: “Keep the rival warm”",
            "**Blue delegation** chose, in secret, **Cable home for powers**",
            "Reason: “Powers at last”",
            "## The ending: Treaty",
            "## Scores",
            "| Red delegation | 15 of 15 points |",
            "| Blue delegation | 8 of 8 points |",
            "| Green delegation | 6 of 6 points |",
            "- Get any passage: met, 10 points",
            "- Keep the rival talks alive: met, 5 points (secret)",
            "| Passage | A narrow corridor |",
            "## Hidden draws, revealed",
            "| Red's resolve | 6 | 6 to 9 |",
            "**Turning point:** 1 March 1900, The talks open: Blue delegation — counters: Passage: A narrow corridor",
        ],
    ), text
    assert "Blue delegation has chosen, in secret.\n  - By: students\n\n### 1." in text, (
        "no choice shown before the reveal"
    )
    assert "Powers at last" not in text.split("### 1.")[0], "a secret choice's reason waits for the reveal"


def test_the_html_transcript_tells_the_negotiation(table: Scenario, tmp_path: Path) -> None:
    page = transcript_html(build_transcript(_saved(negotiated(table), tmp_path)))
    assert in_order(
        page,
        [
            "<b>Red delegation proposes</b>",
            '<p class="terms">Passage: Wide open; Signing: At once</p>',
            "“Ask for &lt;everything&gt; first”",
            "<b>Blue delegation counters</b>",
            "computer (as history, then in character)",
            "Worth 2 to us; without a deal, 1. Accepted.",
            "Agreement: Passage: A narrow corridor; Signing: Later",
            "<b>Blue delegation has chosen</b>, in secret",
            "(chosen in secret, revealed)</span>: Open the rival talks",
            "“Keep the rival warm”",
            "(chosen in secret, revealed)</span>: Cable home for powers",
            "<h2>Scores</h2>",
            "Red delegation: 15 of 15 points",
            "Keep the rival talks alive: met, 5 points (secret)",
            "Hidden draws, revealed",
        ],
    )
    assert "<everything>" not in page


def test_a_failed_negotiation_and_the_clock_in_the_transcript(table: Scenario, tmp_path: Path) -> None:
    game = Game.new(table, "doubting", 5, {"red": "human", "blue": "human", "green": "disposition"})
    game.propose("red", {"passage": "wide", "signing": "now"})
    resolve_turn_timeout(game, "computer")  # Blue's answer lapses
    game.play_until_human()
    talks = game.state.talks
    assert talks is not None and talks.proposer == "blue"
    resolve_turn_timeout(game, "computer")  # Blue makes no offer: the turn to propose passes to Green
    game.play_until_human()
    resolve_turn_timeout(game, "computer")  # Red's answer to Green's offer lapses
    resolve_turn_timeout(game, "computer")  # and Blue's: the last round ends without a deal
    resolve_turn_timeout(game, "computer")  # Red's secret choice: the status quo
    game.seal("blue", "sit", reason="Wait and see")
    game.choose("quit")
    assert game.ended
    text = transcript_markdown(build_transcript(_saved(game, tmp_path)))
    assert in_order(
        text,
        [
            "**Blue delegation rejects the offer**",
            "By: time ran out",
            "Reason: “Time ran out: the offer lapses, as a rejection.”",
            "**Blue delegation makes no offer**",
            "Time ran out before an offer was made: the turn to propose passes.",
            "**Green delegation proposes**",
            "**The talks end without agreement**",
            "**Red delegation** chose, in secret, **Wait**",
            "Chosen by: time ran out",
            "Reason: “Time ran out: the status quo holds (Wait).”",
            "## The ending: Drift",
            "| Red delegation | 0 of 15 points |",
            "| Green delegation | 0 of 6 points |",
            "- Get any passage: not met, 0 of 10 points",
            "| Red's resolve |",
        ],
    ), text
    assert "1 to 4 |" in text, "drawn under the doubting lens"


def test_a_networked_tables_messages_are_in_its_transcript_marked_public_or_private(
    table: Scenario, tmp_path: Path
) -> None:
    game = negotiated(table)
    said = [
        TableMessage(
            "red", "Red delegation", "", "the whole table", "We came to [agree](http://x)", "2026-03-02T10:15:00", False
        ),
        TableMessage(
            "red", "Red delegation", "blue", "Blue delegation", "A word <b>alone</b>", "2026-03-02T10:16:00", True
        ),
    ]
    messages.store(game, said)
    again = _saved(game, tmp_path)
    transcript = build_transcript(again)
    assert transcript.messages == said
    text = transcript_markdown(transcript)
    assert in_order(
        text,
        [
            "## Messages at the table",
            "From Red delegation to the whole table (to be read by all), 2026-03-02 10:15: “We came to \\[agree\\](http://x)”",
            "From Red delegation to Blue delegation (private), 2026-03-02 10:16: “A word \\<b>alone\\</b>”",
        ],
    )
    page = transcript_html(transcript)
    assert '<li class="private">' in page and "A word &lt;b&gt;alone&lt;/b&gt;" in page
    assert 'class="tag other">private</span>' in page
    messages.store(again, [])
    assert build_transcript(again).messages == [] and "Messages at the table" not in transcript_markdown(
        build_transcript(again)
    )

"""Negotiations and sealed moves played in the terminal, through the real command with piped input."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from game.engine.saves import latest_autosave, read_save
from tests.conftest import FIXTURES
from tests.test_cli import run

TABLE = FIXTURES / "table.yaml"
HAND_TO_BLUE = "Pass the terminal to: Blue delegation — the others look away."
REVEAL = "--- The sealed choices are revealed ---"


def play(tmp_path: Path, stdin: str, *seats: str, extra: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    result = run(
        "play",
        "--text",
        str(TABLE),
        "--seed",
        "3",
        "--as",
        *seats,
        *extra,
        stdin=stdin,
        env={"PARLEY_SAVES": str(tmp_path), "COLUMNS": "100"},
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return result


def test_a_proposal_accepted_makes_a_deal(tmp_path: Path) -> None:
    out = play(tmp_path, "1 2 1: fair to all\n1: we can live with it\nq\n", "red", "blue").stdout
    # The proposer sees its own points for every option and for walking away.
    assert "What each option is worth to Red delegation (your confidential points):" in out
    assert re.search(r"3\. Wide open +\+5", out) and "Without a deal (walking away): +2" in out
    assert "Red delegation proposes\n    Passage: A narrow corridor; Signing: Later" in out
    # A computer's answer comes with its verdict in words: its numbers are its confidential values, and
    # the terms it weighed, without them, would only repeat the offer.
    assert "Green delegation accepts\n    Accepted." in out
    assert "Passage: A narrow corridor. Signing: Later." not in out
    assert "Worth 3 to us" not in out
    # Blue, handed the terminal, sees the offer's worth to Blue item by item and the answers so far.
    blue = out.split(HAND_TO_BLUE, 1)[1]
    assert re.search(r"Passage: A narrow corridor +\+1", blue) and "Worth +2 to you in all" in blue
    assert "Answers so far: Green delegation accepts." in blue
    assert "Red keeps the rival offer in its pocket." not in blue  # Red's private paragraph
    assert "Agreement: Passage: A narrow corridor; Signing: Later" in out
    # A person's typed reason is their delegation's note: echoed as typed, never repeated to the room.
    assert out.count("fair to all") == 1


def test_a_needed_party_walking_away_breaks_the_talks_down(tmp_path: Path) -> None:
    out = play(tmp_path, "1 3 2\n4: no powers to sign\nq\n", "red", "blue").stdout
    assert "Blue delegation walks away" in out and "The talks break down" in out
    assert "The delegations part without terms." in out
    assert "--- 3 March 1900 — The same evening ---" in out


def test_the_proposer_may_pass_and_the_next_party_proposes(tmp_path: Path) -> None:
    out = play(tmp_path, "3: not yet\nq\n", "red").stdout
    assert "Red delegation makes no offer\n    not yet" in out
    assert "--- Round 2 of 3. Blue delegation is to propose ---" in out
    assert "Blue delegation proposes" in out


def test_the_proposer_may_walk_away_instead_of_proposing(tmp_path: Path) -> None:
    out = play(tmp_path, "2: not today\nq\n", "red").stdout
    assert "Red delegation to propose:\n  1. Propose a package\n  2. Walk away from the talks" in out
    assert "Red delegation walks away\n    not today" in out and "The talks break down" in out


def test_a_forbidden_acceptance_is_shown_blocked_and_a_counter_opens_a_new_round(tmp_path: Path) -> None:
    out = play(tmp_path, "1\n3 1 1: closed, later\nq\n", "blue").stdout
    assert "Red delegation proposes\n    Passage: Wide open; Signing: At once\n    Red asks for everything." in out
    assert "1. Accept the offer  [unavailable]" in out
    assert "✗ Blue may talk, not sign: Blue's envoy has no written powers to accept binding terms." in out
    assert "Cannot: Blue may talk, not sign" in out  # typing it anyway is refused, and asked again
    assert "Blue delegation counters\n    Passage: Closed; Signing: Later" in out
    assert "--- Round 2 of 3. Blue delegation's counter-offer is on the table ---" in out
    after = out.split("Round 2 of 3.", 1)[1]
    assert "Red delegation counters" in after and "Refused; we counter." in after  # with its reasons
    assert "Round 3 of 3, the last: the talks end if it brings no deal" in after  # said before anyone answers


def test_sealed_choices_stay_hidden_until_all_have_chosen(tmp_path: Path) -> None:
    stdin = "1 2 1\n1\n1: the rival is waiting\n2\n1\n\n"
    out = play(tmp_path, stdin, "red", "blue").stdout
    evening = out.split("--- 3 March 1900 — The same evening ---", 1)[1]
    before, revealed = evening.split(REVEAL, 1)
    # Red chose; Blue is handed the terminal; nothing of Red's choice shows until the reveal.
    assert "Red delegation has chosen (in secret)" in before
    blue_turn = before.split(HAND_TO_BLUE, 1)[1]
    assert "Blue delegation to choose in secret:" in blue_turn
    assert "Open the rival talks" not in blue_turn and "Wait" not in blue_turn
    assert "the rival is waiting" not in out  # the typed choice and reason are masked in the transcript
    assert before.count("(a hidden choice)") == 2
    assert "Red delegation: Open the rival talks" in revealed and "Blue delegation: Sit tight" in revealed


def test_the_ending_shows_each_score_with_what_earned_it_and_the_hidden_draws(tmp_path: Path) -> None:
    out = play(tmp_path, "1 2 1\n1\n1\n2\n1\n\n", "red", "blue").stdout
    ending = out.split("=== THE END: Treaty ===", 1)[1]
    assert "Red delegation: 15 of 15 points" in ending
    assert "✓ Keep the rival talks alive (5 points, secret)" in ending
    assert "Blue delegation: 8 of 8 points" in ending and "Green delegation: 6 of 6 points" in ending
    assert re.search(r"Hidden draws revealed:\n  Red's resolve: [6-9]\n", ending)


def test_one_seat_scores_what_it_missed(tmp_path: Path) -> None:
    out = play(tmp_path, "2\n2\n1\n\n", "red").stdout
    ending = out.split("=== THE END:", 1)[1]
    assert "Red delegation: 0 of 15 points" in ending and "✗ Get any passage (10 points)" in ending


def test_bad_input_at_the_table_is_explained_and_asked_again(tmp_path: Path) -> None:
    stdin = "x\n9\n1 4 1\n1 1\n1\n7 7\n\n1\nb\n1\n2, 1\nq\n"
    out = play(tmp_path, stdin, "red").stdout
    assert "No move 'x' here; the moves are 1 (propose), 2 (walk), 3 (pass)." in out
    assert "No move '9' here" in out
    assert "Passage has options 1 to 3; '4' is not one of them." in out
    assert "A package needs 2 numbers, one per issue in order (Passage, Signing); you gave 1." in out
    assert "Passage has options 1 to 3; '7' is not one of them." in out
    assert "(Back to the moves.)" in out
    assert "Red delegation, private briefing:" in out  # a command at the package prompt still works
    assert "Red delegation proposes\n    Passage: A narrow corridor; Signing: Later" in out


def test_undo_takes_back_table_moves(tmp_path: Path) -> None:
    out = play(tmp_path, "1 2 1\n1\nu\n3 1 1\nq\n", "red", "blue").stdout
    assert "Undone." in out
    after = out.split("Undone.", 1)[1]
    assert "Blue delegation to answer:" in after and "Blue delegation counters" in after
    newest = latest_autosave(tmp_path, "table")
    assert newest is not None
    saved = read_save(newest)
    assert [m.step for m in saved.moves if m.by == "human"] == ["propose", "counter"]


def test_a_game_saved_mid_negotiation_loads_and_plays_on(tmp_path: Path) -> None:
    play(tmp_path, "1 2 1: fair\ns midtalk\nq\n", "red", "blue")
    assert (tmp_path / "midtalk.json").exists()
    again = run(
        "play",
        "--text",
        str(TABLE),
        "--load",
        "midtalk",
        stdin="1\nq\n",
        env={"PARLEY_SAVES": str(tmp_path), "COLUMNS": "100"},
    )
    assert again.returncode == 0, again.stderr
    out = again.stdout
    assert "Red delegation proposes" in out and "Blue delegation to answer:" in out
    assert "Agreement: Passage: A narrow corridor; Signing: Later" in out


def test_briefing_and_situation_show_only_the_seats_own_secrets(tmp_path: Path) -> None:
    red = play(tmp_path, "b\nv\nq\n", "red").stdout
    assert "• A rival power has made Red a quiet offer." in red
    assert "• Keep the rival talks alive — 5 points, secret" in red
    assert "• Blue delegation: Keep the passage from opening wide — 8 points" in red
    assert "The rival's offer: 2  (known to your delegation only)" in red
    blue = play(tmp_path, "1\nb\nv\nq\n", "blue").stdout
    assert "Blue delegation, private briefing: Blue may talk, not sign, until powers come." in blue
    for secret in ("rival power", "Keep the rival talks alive", "The rival's offer", "Red's resolve:", "in its pocket"):
        assert secret not in blue


def test_an_event_known_to_one_seat_is_shown_to_it_alone(tmp_path: Path) -> None:
    private = tmp_path / "whisper.yaml"
    event = (
        "events:\n  - id: whisper\n    date: 1900-03-02\n    title: A whisper from the rival\n"
        "    text: The rival raises its offer.\n    known_to: [red]\n    source: src"
    )
    private.write_text(TABLE.read_text(encoding="utf-8").replace("events: []", event), encoding="utf-8")
    result = run(
        "play",
        "--text",
        str(private),
        "--seed",
        "3",
        "--as",
        "red",
        "blue",
        stdin="1 2 1\n1\n1\nl\n",
        env={"PARLEY_SAVES": str(tmp_path), "COLUMNS": "100"},
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    red_turn, blue_turn = out.split(HAND_TO_BLUE)[-2:]
    assert "(Known to your delegation only)\n[2 Mar] EVENT — A whisper from the rival" in red_turn
    assert "whisper" not in blue_turn  # not in Blue's turn, nor in Blue's log ('l')
    assert "Blue delegation to choose in secret:" in blue_turn and "[1 Mar] Red delegation proposes" in blue_turn


def test_the_class_chooses_how_much_of_the_computers_reasons_it_sees(tmp_path: Path) -> None:
    shown = play(tmp_path, "1 3 1\nq\n", "red").stdout
    hidden = play(tmp_path, "1 3 1\nq\n", "red", extra=("--reasons", "nothing")).stdout
    words = play(tmp_path, "1 3 1\nq\n", "red", extra=("--reasons", "reasons")).stdout
    assert "to us; without a deal" not in shown and "Refused" in shown  # Blue's figures stay Blue's own
    assert "to us; without a deal" not in hidden and "Refused" not in hidden and "Blue delegation counters" in hidden
    assert "to us; without a deal" not in words and "Refused" in words


def test_a_move_that_may_end_the_game_says_so_before_it_is_taken(tmp_path: Path) -> None:
    tutorial = Path(__file__).resolve().parent.parent / "scenarios" / "tutorial-negotiation.yaml"
    result = run(
        "play",
        "--text",
        str(tutorial),
        "--seed",
        "3",
        stdin="1\n" * 8,
        env={"PARLEY_SAVES": str(tmp_path), "COLUMNS": "100"},
    )
    assert result.returncode == 0, result.stderr
    assert "Shut the sluice gates to press Dunmore (may end the game)" in result.stdout


def test_at_a_real_screen_the_hand_over_clears_it_and_waits_for_the_next_seat(tmp_path: Path) -> None:
    import io

    from game.engine import Game
    from game.engine.loader import load_scenario
    from game.terminal.play import CLEAR_SCREEN, TerminalPlayer

    class Screen(io.StringIO):
        def isatty(self) -> bool:
            return True

    scenario = load_scenario(str(TABLE))
    game = Game.new(scenario, seed=3, controllers={"red": "human", "blue": "human"})
    out, inp = Screen(), Screen("\n1 1 1\n\n2\n")
    TerminalPlayer(game, tmp_path, out=out, inp=inp, autosave=False).run()
    shown = out.getvalue()
    before, _, blue = shown.partition("Press Enter when only Blue delegation can see the screen. ")
    assert blue.startswith(CLEAR_SCREEN) and CLEAR_SCREEN in before[-200:]  # cleared before and after the wait
    assert "your confidential points" in before and "−4" in before  # Red's points were on the screen
    assert "Closed              −4" not in blue  # and are gone from Blue's


def test_the_table_help_example_is_this_tables_and_reads_as_it_says(tmp_path: Path) -> None:
    """The help's example is built from the table at hand: the move's number, then one option
    number per issue in order; read by the terminal's own parser it is the very package the help
    names in words (the flagship's five issues as much as the fixture's two)."""
    import re

    from game.engine import Game, load_scenario
    from game.engine.table import Table
    from game.terminal.table import read_move, read_package, table_choices, table_help

    out = play(tmp_path, "h\nq\n", "red", "blue").stdout
    assert "For example '1 2 1' means: Propose a package — Passage: A narrow corridor; Signing: Later." in out
    assert "'1 3 2'" not in out
    flagship = load_scenario(str(Path(__file__).resolve().parents[1] / "scenarios" / "moscow-1939.yaml"))
    for scenario, seat, start in ((load_scenario(str(TABLE)), "red", ""), (flagship, "britain", "cardinal_question")):
        game = Game.new(scenario, seed=1, controllers={seat: "human"}, start=start)
        table = Table(game, "numbers")
        while game.computer_to_move:
            table.advance()
        view = table.view(seat)
        assert view.table is not None
        choices = table_choices(view)
        words = table_help(view, choices)
        found = re.search(r"For example '([\d ]+)' means: (.+) — (.+)\.$", words, re.MULTILINE)
        assert found is not None, words
        typed = read_move(found.group(1), choices)
        assert typed.choice.label == found.group(2) and typed.choice.needs_package
        package = read_package(typed.numbers, view.table)
        said = "; ".join(f"{i.title}: {dict(i.options)[package[i.id]]}" for i in view.table.issues)
        assert said == found.group(3)
        assert len(set(found.group(1).split())) > 1  # not a row of the same number

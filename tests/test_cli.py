"""The command line as a user meets it: help, validate's exit codes, piped terminal play, replay."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.engine.saves import autosaves, latest_autosave, read_save
from tests.conftest import FLAGSHIP, ROOT, TINY


def run(*args: str, stdin: str = "", env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "SDL_VIDEODRIVER": "dummy", **(env or {})}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=full_env,
    )


def test_help_lists_commands() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in ("play", "replay", "validate"):
        assert command in result.stdout
    for command in ("play", "replay", "validate"):
        sub = run(command, "--help")
        assert sub.returncode == 0 and "usage:" in sub.stdout


def test_validate_exit_codes(tmp_path: Path) -> None:
    assert run("validate", str(TINY)).returncode == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text(TINY.read_text(encoding="utf-8").replace("actor: red", "actor: green"), encoding="utf-8")
    result = run("validate", str(bad))
    assert result.returncode == 1
    assert f"{bad}:" in result.stdout and ": error: no actor has the id 'green'" in result.stdout
    assert "Traceback" not in result.stderr
    every = run("validate")  # no path: every scenario Parley ships (an installed copy has no scenarios/ to name)
    assert every.returncode == 0 and "moscow-1939.yaml: valid" in every.stderr
    assert run("validate", "tutorial-negotiation").returncode == 0  # a shipped scenario by name
    assert run("validate", "--nonsense", str(TINY)).returncode == 2


def test_validate_json(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\n", encoding="utf-8")
    result = run("validate", "--json", str(bad))
    findings = json.loads(result.stdout)
    assert result.returncode == 1
    assert {"severity", "code", "message", "file", "line", "column", "hint"} <= set(findings[0])


def test_piped_terminal_play_reaches_an_ending(tmp_path: Path) -> None:
    result = run(
        "play",
        "--text",
        str(TINY),
        "--seed",
        "7",
        "--as",
        "red",
        "blue",
        stdin="1\n9\nhello\n1\nu\n1: we need powers\nv\n2\n",
        env={"PARLEY_SAVES": str(tmp_path)},
    )
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "Red delegation to decide:" in out and "1. Be warm" in out
    assert "No powers to sign: Blue may only talk." in out  # the blocked choice and its reason
    assert "Cannot: no choice 9 here; the choices are 1 'Ask for powers', 2 'Sign now'" in out  # labels, not ids
    assert "ask_powers" not in out
    assert "Type a choice's number" in out
    assert "Undone." in out
    assert "=== THE END:" in out
    newest = latest_autosave(tmp_path, "tiny")
    assert newest is not None and newest.name.startswith("autosave-tiny-")
    saved = read_save(newest)
    assert saved.moves[1].reason == "we need powers"


def test_quit_and_continue(tmp_path: Path) -> None:
    env = {"PARLEY_SAVES": str(tmp_path)}
    first = run("play", "--text", str(TINY), "--seed", "3", "--as", "red", "blue", stdin="1\nq\n", env=env)
    assert first.returncode == 0 and "Saved automatically" in first.stdout
    again = run("play", "--text", str(TINY), "--continue", stdin="q\n", env=env)
    assert again.returncode == 0, again.stderr
    assert "--- 2 January 1900 — Blue answers ---" in again.stdout  # where the first session stopped
    assert "--- 1 January 1900" not in again.stdout


def test_continue_resumes_only_a_game_of_the_scenario_asked_for(tmp_path: Path) -> None:
    env = {"PARLEY_SAVES": str(tmp_path)}
    run("play", "--text", str(TINY), "--seed", "3", "--as", "red", "blue", stdin="1\nq\n", env=env)
    other = run("play", "--text", str(FLAGSHIP), "--continue", stdin="q\n", env=env)
    assert other.returncode == 1 and "no autosave of" in other.stderr
    assert "Blue answers" not in other.stdout


def test_end_of_input_autosaves(tmp_path: Path) -> None:
    result = run(
        "play",
        "--text",
        str(TINY),
        "--seed",
        "3",
        "--as",
        "red",
        "blue",
        stdin="1\n",
        env={"PARLEY_SAVES": str(tmp_path)},
    )
    assert result.returncode == 0 and "no more input" in result.stdout
    assert len(autosaves(tmp_path)) == 1 and read_save(autosaves(tmp_path)[0]).moves


def test_bad_arguments_are_one_line_errors() -> None:
    result = run("play", "--text", str(TINY), "--lens", "rosy", stdin="")
    assert result.returncode == 2 and "no lens 'rosy'" in result.stderr and "Traceback" not in result.stderr
    result = run("play", "--text", str(TINY), "--as", "green", stdin="")
    assert result.returncode == 2 and "no actor 'green'" in result.stderr


def test_start_anywhere_from_the_command_line(tmp_path: Path) -> None:
    result = run(
        "play",
        "--text",
        str(TINY),
        "--from",
        "final",
        "--set",
        "powers=sign",
        "--as",
        "blue",
        stdin="1\n",
        env={"PARLEY_SAVES": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    assert "Final session" in result.stdout and "THE END: Treaty signed" in result.stdout
    bad = run("play", "--text", str(TINY), "--from", "final", "--set", "powers=maybe", stdin="")
    assert bad.returncode == 2 and "powers is one of talk, sign" in bad.stderr


def test_replay_of_the_fixture_ends_historically() -> None:
    result = run("replay", str(TINY))
    assert result.returncode == 0
    assert "what really happened" in result.stdout
    assert "=== Stalemate" in result.stdout
    assert "Source: An invented source for tests." in result.stdout


def test_replay_tells_each_scene_once_not_before_every_move_at_it() -> None:
    """The opening (a sealed move of five governments) and the tables are told once, then their moves."""
    import io

    from game.engine import load_scenario
    from game.terminal.replay import print_history

    out = io.StringIO()
    game = print_history(load_scenario(str(FLAGSHIP)), out)
    text = out.getvalue()
    headers = [line for line in text.splitlines() if line.startswith("--- ")]
    assert len(headers) == len(set(headers)), [h for h in headers if headers.count(h) > 1]
    assert text.count("How the summer came to this.") == 1
    assert text.count("On 14 August Voroshilov asks his cardinal question") == 1
    at_table = [m for m in game.moves if m.node == "cardinal_question"]
    assert len(at_table) >= 5 and all(f"[15 Aug] {game.scenario.actors[m.actor].name}" in text for m in at_table)


def test_replay_of_the_flagship_ends_in_the_pact() -> None:
    if not FLAGSHIP.exists():
        pytest.skip("the flagship scenario is not written yet")
    result = run("replay")
    assert result.returncode == 0, result.stderr
    tail = result.stdout[-3000:]
    assert "1939" in tail and "Pact" in tail
    assert "did not reach the ending marked historical" not in result.stdout
    assert "Source:" in result.stdout


def test_invalid_scenario_is_refused_clearly(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("meta: [\n", encoding="utf-8")
    result = run("play", "--text", str(bad), stdin="")
    assert result.returncode == 1 and "cannot be played" in result.stderr and "Traceback" not in result.stderr


def test_a_finished_game_can_be_saved_under_a_name_and_loaded_by_name(tmp_path: Path) -> None:
    env = {"PARLEY_SAVES": str(tmp_path)}
    result = run("play", "--text", str(TINY), "--seed", "1", "--as", "red", stdin="3\ngroup3\n", env=env)
    assert result.returncode == 0, result.stderr
    assert "Save this game under a name" in result.stdout and "Saved to" in result.stdout
    saved = json.loads((tmp_path / "group3.json").read_text(encoding="utf-8"))
    assert saved["outcome"] == "walkout"
    again = run("play", "--text", str(TINY), "--load", "group3", "--seed", "9", stdin="\n", env=env)
    assert again.returncode == 0, again.stderr
    assert "THE END: Walk-out" in again.stdout and "--seed ignored" in again.stderr


def test_no_autosave_says_nothing_was_saved(tmp_path: Path) -> None:
    result = run(
        "play",
        "--text",
        str(TINY),
        "--no-autosave",
        "--as",
        "red",
        "blue",
        stdin="1\n",
        env={"PARLEY_SAVES": str(tmp_path)},
    )
    assert "unsaved" in result.stdout and "autosaved" not in result.stdout
    assert not autosaves(tmp_path)


def test_undo_before_any_decision_undoes_nothing(tmp_path: Path) -> None:
    result = run("play", "--text", str(TINY), "--as", "blue", stdin="u\nq\n", env={"PARLEY_SAVES": str(tmp_path)})
    assert "Nothing to undo." in result.stdout and "Undone." not in result.stdout


def test_from_a_node_plays_that_nodes_actor(tmp_path: Path) -> None:
    result = run("play", "--text", str(TINY), "--from", "final", stdin="q\n", env={"PARLEY_SAVES": str(tmp_path)})
    assert "You play: Blue delegation." in result.stdout and "Blue delegation to decide:" in result.stdout


def test_scenario_after_as_gets_a_hint() -> None:
    result = run("play", "--text", "--as", "red", str(TINY), stdin="")
    assert result.returncode == 2 and "name the scenario before --as" in result.stderr, result.stderr


def test_effects_and_values_are_in_players_words(tmp_path: Path) -> None:
    result = run(
        "play",
        "--text",
        str(TINY),
        "--seed",
        "1",
        "--as",
        "red",
        "blue",
        stdin="2\nv\nq\n",
        env={"PARLEY_SAVES": str(tmp_path)},
    )
    assert "(Trust −2)" in result.stdout  # not "trust -= 2"; the hidden 'warned' is not shown
    assert "Powers: talk" in result.stdout and "False" not in result.stdout


def test_a_leftover_choice_number_is_not_taken_for_a_save_name(tmp_path: Path) -> None:
    result = run(
        "play", "--text", str(TINY), "--seed", "1", "--as", "red", stdin="3\n1\n", env={"PARLEY_SAVES": str(tmp_path)}
    )
    assert result.returncode == 0 and "looks like a choice number" in result.stdout
    assert not (tmp_path / "1.json").exists()

"""Saves: atomic, versioned, never modified when read, safe names, and replay of a changed scenario."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.engine import Game, load_text
from game.engine.saves import (
    SaveError,
    autosave,
    list_saves,
    read_save,
    restore,
    save_game,
    slot_path,
)
from tests.conftest import TINY


def played(tiny) -> Game:  # type: ignore[no-untyped-def]
    game = Game.new(tiny, seed=4, controllers={a: "human" for a in tiny.actors})
    game.choose("warm", reason="we want trust")
    game.choose("ask_powers")
    return game


def test_save_records_what_a_replay_needs(tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = save_game(played(tiny), tmp_path, "Group 3")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["parley_save"] == 2 and data["min_reader"] == 1, "nothing new in format 2: format-1 readers read it"
    assert data["scenario"]["id"] == "tiny" and len(data["scenario"]["hash"]) == 64
    assert data["settings"]["seed"] == 4 and data["settings"]["lens"] == "hopeful"
    assert [m["step"] for m in data["moves"]] == ["warm", "ask_powers", "arrives"] or [
        m["step"] for m in data["moves"]
    ] == ["warm", "ask_powers", "lost"]
    assert data["moves"][0]["reason"] == "we want trust"
    assert data["created"] and data["updated"] and "Final session" in data["context"]
    assert not list(tmp_path.glob(".*.tmp")), "no temporary file is left behind"


def test_load_gives_the_same_state_and_keeps_reasons(tiny, tmp_path: Path) -> None:  # type: ignore
    game = played(tiny)
    restored = restore(read_save(save_game(game, tmp_path, "a")), tiny)
    assert restored.report.complete and restored.notice() == ""
    assert restored.game.state == game.state
    assert restored.game.moves == game.moves
    assert restored.game.moves[0].reason == "we want trust"
    assert [h.title for h in restored.game.log] == [h.title for h in game.log]


@pytest.mark.parametrize("name", ["../escape", "/etc/passwd", "a/b", "", " ", ".hidden", "x" * 65, "con\x00"])
def test_slot_names_cannot_escape(tmp_path: Path, name: str) -> None:
    with pytest.raises(SaveError):
        slot_path(tmp_path, name)


@pytest.mark.parametrize(
    "content, fragment",
    [
        (b"{not json", "damaged"),
        (b'{"parley_save": 1, "scenario": {"id": "ti', "Unterminated string starting at line 1"),  # not "at at"
        (b"\xff\xfe\x00", "damaged"),
        (b"[1, 2]", "not a Parley save"),
        (b'{"parley_save": 1}', "damaged"),
        (b'{"parley_save": 9, "min_reader": 5, "scenario": {}, "settings": {}, "moves": []}', "newer Parley"),
        (b'{"parley_save": 1, "scenario": {"id": "tiny"}, "settings": {"lens": "x"}, "moves": []}', "damaged"),
        (
            b'{"parley_save": 1, "scenario": {"id": "tiny"}, "settings": {"lens": "", "seed": 1}, "moves": [3]}',
            "damaged",
        ),
    ],
)
def test_damaged_saves_are_reported_and_left_untouched(tmp_path: Path, content: bytes, fragment: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    stamp = path.stat().st_mtime_ns
    with pytest.raises(SaveError, match=fragment):
        read_save(path)
    assert path.read_bytes() == content and path.stat().st_mtime_ns == stamp
    listed = list_saves(tmp_path)
    assert len(listed) == 1 and listed[0].damaged and listed[0].data is None
    assert path.exists()


def test_list_shows_good_and_damaged(tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    autosave(played(tiny), tmp_path)
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    listed = {info.name.split("-")[0]: info for info in list_saves(tmp_path)}
    assert set(listed) == {"autosave", "broken"}
    assert listed["autosave"].data is not None and listed["autosave"].data.scenario_title == "A tiny negotiation"
    assert listed["autosave"].data.name == "autosave"
    assert "damaged" in listed["broken"].damaged


def test_changed_scenario_replays_as_far_as_it_applies(tiny, tmp_path: Path) -> None:  # type: ignore
    path = save_game(played(tiny), tmp_path, "old")
    text = TINY.read_text(encoding="utf-8").replace(
        "{id: ask_powers, label: Ask for powers", "{id: request_powers, label: Ask for powers"
    )
    changed, findings = load_text("changed.yaml", text)
    assert changed is not None, findings
    restored = restore(read_save(path), changed)
    assert restored.scenario_changed
    assert restored.report.applied == 1 and restored.report.total == 3
    assert restored.report.stopped_at == "blue_turn" and "ask_powers" in restored.report.reason
    assert "1 of 3 recorded moves" in restored.notice()
    assert restored.game.decision is not None and restored.game.decision.node.id == "blue_turn"
    assert read_save(path).moves[1].step == "ask_powers", "the save itself is unchanged"


def test_changed_text_only_replays_fully(tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = save_game(played(tiny), tmp_path, "old")
    changed, _ = load_text("c.yaml", TINY.read_text(encoding="utf-8").replace("Red opens the talks.", "Red opens."))
    assert changed is not None
    restored = restore(read_save(path), changed)
    assert restored.report.complete and restored.scenario_changed
    assert "still applies" in restored.notice()


def test_save_of_another_scenario_is_refused(tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = save_game(played(tiny), tmp_path, "x")
    other, _ = load_text("o.yaml", TINY.read_text(encoding="utf-8").replace("id: tiny", "id: other"))
    assert other is not None
    with pytest.raises(SaveError, match="not of 'other'"):
        restore(read_save(path), other)


def test_overwrite_keeps_creation_time(tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    game = played(tiny)
    first = read_save(save_game(game, tmp_path, "s")).created
    game.undo()
    second = read_save(save_game(game, tmp_path, "s"))
    assert second.created == first and len(second.moves) == 1


def test_settings_never_live_among_the_saves(monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Every file in the save folder is listed as a save, so the window's settings are kept elsewhere."""
    from game.paths import saves_folder, settings_file

    monkeypatch.delenv("PARLEY_SETTINGS")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert settings_file() == tmp_path / "config" / "parley" / "settings.json"
    assert settings_file().parent != saves_folder()


def test_a_save_that_stops_before_the_first_decision_still_gives_a_playable_game(tmp_path: Path) -> None:
    text = TINY.read_text(encoding="utf-8").replace("start_node: open", "start_node: luck")
    scenario, _ = load_text("chance-first.yaml", text)
    assert scenario is not None
    game = Game.new(scenario, seed=2, controllers={a: "human" for a in scenario.actors})
    path = save_game(game, tmp_path, "early")
    changed, _ = load_text("changed.yaml", text.replace("id: arrives", "id: comes").replace("id: lost", "id: gone"))
    assert changed is not None
    restored = restore(read_save(path), changed)
    assert not restored.report.complete and restored.report.stopped_at == "luck"
    assert restored.game.decision is not None and restored.game.decision.node.id == "final"


def test_each_game_keeps_its_own_autosave_and_never_touches_another_games(tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import game.engine.saves as saves

    other = Game.new(tiny, seed=9, controllers={a: "human" for a in tiny.actors})
    theirs = autosave(other, tmp_path)
    game = Game.new(tiny, seed=4, controllers={a: "human" for a in tiny.actors})
    written = {autosave(game, tmp_path)}
    for choice in ("warm", "ask_powers"):
        game.choose(choice)
        written.add(autosave(game, tmp_path))
    game.undo()
    written.add(autosave(game, tmp_path))
    (mine,) = written  # one journal for the game, appended to, never a second file
    assert mine != theirs and theirs.exists() and read_save(theirs).moves == []  # the other game's is untouched
    assert saves.latest_autosave(tmp_path, "tiny") == mine  # the game played last
    assert len(read_save(mine).moves) == len(game.moves)  # the undo is kept too
    assert saves.latest_autosave(tmp_path, "moscow_1939") is None  # Continue never offers another scenario's game


def test_a_loaded_game_goes_on_in_its_own_autosaves(tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = played(tiny)
    own = autosave(first, tmp_path)
    restored = restore(read_save(own), tiny).game
    again = autosave(restored, tmp_path)
    assert again.name.rsplit(" ", 1)[0] == own.name.rsplit(" ", 1)[0]
    fresh = autosave(Game.new(tiny, seed=4, controllers={a: "human" for a in tiny.actors}), tmp_path)
    assert fresh.name.rsplit(" ", 1)[0] != own.name.rsplit(" ", 1)[0]  # a new game (same seed): its own autosaves
    assert own.exists() or again == own


def test_autosaves_of_one_scenario_do_not_pile_up(tiny, flagship, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Each new game begins an autosave of its own; of one scenario's, the newest five are kept. A
    damaged one is left for a person to look at, and another scenario's are never touched."""
    import os

    import game.engine.saves as saves

    theirs = autosave(Game.new(flagship, seed=1, controllers={a: "human" for a in flagship.actors}), tmp_path)
    games = [Game.new(tiny, seed=s, controllers={a: "human" for a in tiny.actors}) for s in range(8)]
    paths = []
    for stamp, game in enumerate(games):
        path = autosave(game, tmp_path)
        os.utime(path, (1_000_000 + stamp, 1_000_000 + stamp))  # each newer than the last
        paths.append(path)
        if stamp == 0:
            path.write_text("{ not json", encoding="utf-8")  # the oldest is damaged
            os.utime(path, (1_000_000, 1_000_000))
        del game
    games.clear()
    last = autosave(Game.new(tiny, seed=99, controllers={a: "human" for a in tiny.actors}), tmp_path)
    tiny_saves = [p for p in saves.autosaves(tmp_path) if "-tiny-" in p.name]
    assert last in tiny_saves and paths[0] in tiny_saves  # the new one, and the damaged one, stay
    assert len([p for p in tiny_saves if p != paths[0]]) == saves.AUTOSAVES_KEPT
    assert set(tiny_saves) - {paths[0]} == {last, *paths[-4:]}  # the newest
    assert theirs.exists()


def test_loading_an_earlier_save_of_a_game_never_cuts_its_autosave_short(tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A game saved by name midway, then played on to its end: loading the named save goes on in an
    autosave of its own, so the finished game's autosave (its ending, its debrief) is kept whole."""
    game = Game.new(tiny, seed=4, controllers={a: "human" for a in tiny.actors})
    game.choose("warm")
    named = save_game(game, tmp_path, "midway")
    game.choose("ask_powers")
    finished = autosave(game, tmp_path)
    played_out = len(game.moves)
    assert len(read_save(finished).moves) == played_out > len(read_save(named).moves)
    loaded = restore(read_save(named), tiny).game
    branch = autosave(loaded, tmp_path)
    assert branch != finished and len(read_save(finished).moves) == played_out  # the whole game is still there
    continued = restore(read_save(finished), tiny).game  # Continue of the finished one goes on in it
    assert autosave(continued, tmp_path) == finished

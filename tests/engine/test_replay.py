"""Replays and the generator under them: pinned generator values, every way a replay stops early,
and the forced chance branches a game following history records for its later replay."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from game.engine import Game, Scenario, load_text
from game.engine.rules import policy_seed
from game.engine.saves import read_save, restore, save_game
from game.engine.state import derive_seed, draw_below, splitmix64
from tests.conftest import TINY

HUMANS = {"red": "human", "blue": "human"}
LOST_SEED = 5  # with this seed the courier is lost after 'warm', 'ask_powers' (drawn, not forced)


def variant(old: str, new: str) -> Scenario:
    """The tiny scenario with one piece of text changed, as an author might change it."""
    text = TINY.read_text(encoding="utf-8")
    assert old in text, old
    scenario, findings = load_text("changed.yaml", text.replace(old, new))
    assert scenario is not None, findings
    return scenario


def played(tiny: Scenario, seed: int = LOST_SEED) -> Game:
    game = Game.new(tiny, seed=seed, controllers=HUMANS)
    for choice in ("warm", "ask_powers", "refuse"):
        game.choose(choice)
    assert [m.step for m in game.moves] == ["warm", "ask_powers", "lost" if seed == LOST_SEED else "arrives", "refuse"]
    return game


# -- the generator: pinned values, so that any change to it is caught -------------------------


def test_splitmix64_gives_the_published_sequence_for_seed_zero() -> None:
    state, outputs = 0, []
    for _ in range(3):
        state, out = splitmix64(state)
        outputs.append(out)
    assert outputs == [0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4, 0x06C45D188009454F]
    assert state == 3 * 0x9E3779B97F4A7C15 % (1 << 64)


def test_seeds_and_draws_are_pinned() -> None:
    assert splitmix64(1) == (11400714819323198486, 10451216379200822465)
    assert splitmix64((1 << 64) - 1) == (11400714819323198484, 16490336266968443936), "wraps at 64 bits"
    assert derive_seed(0, "parley") == 9884253085572935266
    assert derive_seed(7) == 7191089600892374487
    assert derive_seed(1, 2, "red") == 16890978481779823386
    assert policy_seed(3, 4, "blue") == 2552142930262142045
    assert draw_below(12345, 10) == (11400714819323210830, 1)
    assert draw_below(derive_seed(7, "parley"), 6) == (268946122606902740, 1)


def test_draws_stay_below_their_bound_and_cover_it() -> None:
    rng, seen = derive_seed(42), set()
    for _ in range(600):
        rng, value = draw_below(rng, 6)
        seen.add(value)
    assert seen == set(range(6))


# -- every way a replay stops early -----------------------------------------------------------


def test_a_complete_replay_gives_the_same_game(tiny) -> None:  # type: ignore[no-untyped-def]
    game = played(tiny)
    again, report = Game.replay(tiny, game.settings, game.moves)
    assert report.complete and (report.applied, report.total) == (4, 4)
    assert again.state == game.state and again.log == game.log and again.moves == game.moves


def test_the_record_ends_before_a_chance_node(tiny) -> None:  # type: ignore[no-untyped-def]
    game = played(tiny)
    again, report = Game.replay(tiny, game.settings, game.moves[:2])
    assert (report.applied, report.total, report.stopped_at) == (1, 2, "luck")
    assert report.reason == "the record ends before this chance node"
    assert again.decision is not None and again.decision.node.id == "blue_turn", "the last move that fits"
    assert again.undo() == 1 and again.decision is not None and again.decision.node.id == "open"


def test_the_record_is_at_another_node_than_the_game(tiny) -> None:  # type: ignore[no-untyped-def]
    game = played(tiny)
    moves = list(game.moves)
    moves[2] = replace(moves[2], node="elsewhere")
    _, report = Game.replay(tiny, game.settings, moves)
    assert (report.applied, report.stopped_at) == (1, "luck")
    assert report.reason == "the record has 'elsewhere'/'lost' where the game is at the chance node 'luck'"
    moves = [replace(game.moves[0], node="blue_turn"), *game.moves[1:]]
    again, report = Game.replay(tiny, game.settings, moves)
    assert (report.applied, report.stopped_at) == (0, "open")
    assert report.reason == "the record's next move is at 'blue_turn' but the game is at 'open'"
    assert again.decision is not None and again.decision.node.id == "open"


def test_a_decision_where_the_record_has_chance_stops(tiny) -> None:  # type: ignore[no-untyped-def]
    game = played(tiny)
    moves = list(game.moves)
    moves[2] = replace(moves[2], by="human")  # the record says a person chose at the chance node
    _, report = Game.replay(tiny, game.settings, moves)
    assert (report.applied, report.stopped_at) == (1, "luck")


def test_a_removed_branch_stops_the_replay(tiny) -> None:  # type: ignore[no-untyped-def]
    game = played(tiny)
    changed = variant("{id: lost,", "{id: gone,")
    again, report = Game.replay(changed, game.settings, game.moves)
    assert (report.applied, report.stopped_at) == (1, "luck")
    assert report.reason == "the branch 'lost' no longer exists"
    assert again.decision is not None and again.decision.node.id == "blue_turn"


def test_changed_weights_stop_the_replay(tiny) -> None:  # type: ignore[no-untyped-def]
    game = played(tiny)
    changed = variant('weight: "1", effects', 'weight: "0", effects')  # the courier is never lost now
    _, report = Game.replay(changed, game.settings, game.moves)
    assert (report.applied, report.stopped_at) == (1, "luck")
    assert report.reason == "chance now gives 'arrives' where the record has 'lost' (the weights have changed)"


@pytest.mark.parametrize(
    ("old", "new", "why"),
    [
        ("{id: warm,", "{id: kind,", "the choice 'warm' no longer exists or is hidden here"),
        ("{id: warm, label: Be warm,", '{id: warm, label: Be warm, if: "warned",', "no longer exists or is hidden"),
        (
            "{id: warm, label: Be warm,",
            "{id: warm, label: Be warm, constraints: [no_powers],",
            "the choice 'warm' is now blocked: No powers to sign: Blue may only talk.",
        ),
    ],
    ids=["removed", "hidden", "blocked"],
)
def test_a_choice_removed_hidden_or_blocked_stops_the_replay_at_once(tiny, old: str, new: str, why: str) -> None:  # type: ignore
    game = played(tiny)
    again, report = Game.replay(variant(old, new), game.settings, game.moves)
    assert (report.applied, report.total, report.stopped_at) == (0, 4, "open")
    assert why in report.reason
    assert not again.can_undo, "no move was applied, so there is nothing to take back"
    assert again.decision is not None and again.decision.node.id == "open", "playable from the start"


def test_a_replay_stopped_before_the_first_decision_starts_afresh_and_plays(tiny) -> None:  # type: ignore
    chance_first = variant("start_node: open", "start_node: luck")
    game = Game.new(chance_first, seed=2, controllers=HUMANS)
    assert [m.node for m in game.moves] == ["luck"]
    renamed, _ = load_text(
        "renamed.yaml",
        TINY.read_text(encoding="utf-8")
        .replace("start_node: open", "start_node: luck")
        .replace("{id: arrives,", "{id: comes,")
        .replace("{id: lost,", "{id: gone,"),
    )
    assert renamed is not None
    again, report = Game.replay(renamed, game.settings, game.moves)
    assert (report.applied, report.stopped_at) == (0, "luck") and "no longer exists" in report.reason
    assert [m.node for m in again.moves] == ["luck"] and again.moves[0].step in ("comes", "gone")
    decision = again.decision
    assert decision is not None and decision.node.id == "final"
    again.choose("refuse")
    assert again.outcome is not None and again.outcome.id == "stalemate"


# -- forced chance: a game that followed history, taken over, saved and loaded -----------------


def test_take_over_save_and_load_keeps_the_forced_chance_branches(tiny, tmp_path: Path) -> None:  # type: ignore
    game = Game.new(tiny, seed=LOST_SEED, follow_history=True)  # a free draw here would lose the courier
    game.play_computer()  # red: warm
    game.play_computer()  # blue: ask for powers; the courier arrives, as in history
    chance = [m for m in game.moves if m.by == "chance"]
    assert [(m.step, m.forced) for m in chance] == [("arrives", True)]
    assert game.decision is not None and game.decision.node.id == "final"
    game.take_over()
    assert not game.settings.follow_history and game.controller("blue") == "human"
    restored = restore(read_save(save_game(game, tmp_path, "taken")), tiny)
    assert restored.report.complete, restored.report
    loaded = restored.game
    assert loaded.state == game.state and loaded.moves == game.moves and loaded.log == game.log
    assert loaded.settings == game.settings
    assert not loaded.computer_to_move, "the person who took over decides next"
    unforced = [replace(m, forced=False) for m in game.moves]
    _, report = Game.replay(tiny, loaded.settings, unforced)
    assert not report.complete and report.stopped_at == "luck", "without the record's 'forced' the draw differs"

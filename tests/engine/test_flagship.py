"""The flagship scenario meets what the project promised of it, and the engine stays pure."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter

from game.engine import Game
from game.engine.autoplay import play_out
from tests.conftest import ROOT


def test_size_and_cast(flagship) -> None:  # type: ignore[no-untyped-def]
    assert len(flagship.actors) >= 5
    seats = {a.id: a.seat for a in flagship.actors.values()}
    assert list(seats.values()).count("offstage") >= 2
    decisions = [n for n in flagship.nodes.values() if not n.is_chance]
    assert len(decisions) >= 25
    per_actor = Counter(n.actor for n in decisions)
    assert all(per_actor[a] >= 2 for a in flagship.actors), per_actor
    assert len(flagship.outcomes) >= 6
    assert {"serious", "stalling"} <= set(flagship.lenses)
    assert len(flagship.constraints) >= 2


def test_every_historical_step_cites_a_source(flagship) -> None:  # type: ignore[no-untyped-def]
    for node in flagship.nodes.values():
        for step in node.steps:
            if step.historical:
                assert step.source in flagship.sources, (node.id, step.id)
    for event in flagship.events:
        if event.historical:
            assert event.source in flagship.sources, event.id


def test_counterfactual_endings_say_they_are_speculative(flagship) -> None:  # type: ignore[no-untyped-def]
    for outcome in flagship.outcomes.values():
        if not outcome.historical:
            assert outcome.speculative != "none" and outcome.speculation, outcome.id


def test_history_ends_in_the_pact_of_23_august(flagship) -> None:  # type: ignore[no-untyped-def]
    for lens in flagship.lenses:
        game = Game.new(flagship, lens, seed=1, follow_history=True)
        game.play_until_human()
        assert game.outcome is not None and game.outcome.historical, lens
        assert game.date.isoformat() == "1939-08-23"
        decisions = [m for m in game.moves if m.by != "chance"]
        historical = {(n.id, s.id) for n in flagship.nodes.values() for s in n.steps if s.historical}
        assert all((m.node, m.step) in historical for m in decisions), "history replay left the record"


def test_at_least_six_outcomes_are_reached_in_play(flagship) -> None:  # type: ignore[no-untyped-def]
    reached: Counter[str] = Counter()
    for lens in flagship.lenses:
        for seed in range(400):
            reached[play_out(flagship, lens, seed, "random").outcome] += 1
    assert len(reached) >= 6, reached


def test_drax_cannot_sign_at_first(flagship) -> None:  # type: ignore[no-untyped-def]
    """Somewhere in the opening days a British choice is blocked, and says why, with a source."""
    game = Game.new(flagship, seed=1, follow_history=True)
    seen_blocked = []
    while not game.ended and game.date.isoformat() <= "1939-08-21":
        decision = game.decision
        assert decision is not None
        seen_blocked += [c for c in decision.choices if not c.available]
        game.play_computer()
    assert seen_blocked, "no choice was ever blocked on the historical path"
    assert all(c.blocked_by[0].explanation and c.blocked_by[0].source for c in seen_blocked)


def test_engine_never_imports_pygame() -> None:
    code = (
        "import sys, game.engine, game.engine.autoplay, game.terminal.play, game.terminal.replay; "
        "sys.exit(1 if any(m.startswith('pygame') for m in sys.modules) else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0
    import_line = re.compile(r"^\s*(import|from)\s+pygame", re.MULTILINE)
    for path in (ROOT / "game" / "engine").rglob("*.py"):
        assert not import_line.search(path.read_text(encoding="utf-8")), path


def test_no_eval_or_exec_in_the_game() -> None:
    pattern = re.compile(r"(^|[^a-zA-Z_.])(eval|exec)\(")
    for path in (ROOT / "game").rglob("*.py"):
        assert not pattern.search(path.read_text(encoding="utf-8")), path

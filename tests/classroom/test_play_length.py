"""How long play takes, counted from the historical path: the pack's index page and the teacher's
guide give the same figures, so neither can go stale when the scenario's path changes."""

from __future__ import annotations

import re

from game.classroom.handouts import build_pack
from game.classroom.handouts_html import index_page
from game.classroom.play_length import CLOCKS, hot_seat_minutes, networked_minutes, play_length
from game.engine.history import played_history
from game.engine.loader import load_scenario
from game.paths import ROOT, SCENARIOS

GUIDE = ROOT / "docs" / "teaching.md"
AWAY = ("germany", "paris", "poland")  # the roles the guide lets the computer play first


def test_the_flagships_moves_are_counted_by_kind_from_its_historical_path() -> None:
    scenario = load_scenario(str(SCENARIOS / "moscow-1939.yaml"))
    length = play_length(scenario)
    moves = [m for m in played_history(scenario).moves if m.actor and m.by != "chance"]
    assert length.moves == len(moves)
    at_table = [m for m in moves if scenario.nodes[m.node].negotiation is not None]
    sealed = [m for m in moves if scenario.nodes[m.node].sealed]
    assert (length.table, length.sealed) == (len(at_table), len(sealed))
    assert length.sealed_rounds == len({(m.node, m.day) for m in sealed})
    assert length.turns == length.moves - length.sealed + length.sealed_rounds
    fewer = play_length(scenario, AWAY)
    assert fewer.moves == len([m for m in moves if m.actor not in AWAY]) < length.moves


def test_the_guide_gives_the_counted_figures() -> None:
    scenario = load_scenario(str(SCENARIOS / "moscow-1939.yaml"))
    guide = " ".join(GUIDE.read_text(encoding="utf-8").split())
    full, fewer = play_length(scenario), play_length(scenario, AWAY)
    assert f"The historical path alone is **{full.moves} group moves**: {full.decisions} decisions" in guide
    assert f"({full.sealed} of them in the two rounds of secret choices" in guide and full.sealed_rounds == 2
    assert f"and {full.table} moves at the table" in guide
    assert f"historical path is {full.moves} group moves" in guide
    hot = " | ".join(f"about {hot_seat_minutes(full, c)} min" for c in CLOCKS)
    assert f"| {full.moves}, each after a hand-over (about 10 s) | {hot} |" in guide
    hot = " | ".join(f"about {hot_seat_minutes(fewer, c)} min" for c in CLOCKS)
    assert f"| {fewer.moves} | {hot} |" in guide
    net = " | ".join(f"at most {networked_minutes(full, c)} min" for c in CLOCKS)
    assert re.search(rf"\| {full.turns}: [^|]* \| {net} \|", guide)
    quick, minute = networked_minutes(full, 45), hot_seat_minutes(full, 60)
    assert f"at most {quick} minutes of play on history's path" in guide  # the 45-minute lesson
    assert f"at most {minute} minutes of play on history's path" in guide  # the 90-minute lesson
    assert f"about {hot_seat_minutes(fewer, 45)} minutes of play" in guide


def test_the_pack_index_gives_the_teacher_the_same_figures() -> None:
    scenario = load_scenario(str(SCENARIOS / "moscow-1939.yaml"))
    pack = build_pack(scenario)
    page = index_page(pack, "")
    full = play_length(scenario)
    assert pack.length == full
    assert f"people make {full.moves} moves: {full.decisions} decisions ({full.sealed} of them secret" in page
    for clock in CLOCKS:
        assert f"{hot_seat_minutes(full, clock)} min</td>" in page
        assert f"{networked_minutes(full, clock)} min</td>" in page
    assert "may run to several rounds" in page

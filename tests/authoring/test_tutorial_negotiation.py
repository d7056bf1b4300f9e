"""The tutorial negotiation plays as its documentation says, and the documentation quotes it truly."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from game.engine import load_scenario
from game.engine.autoplay import play_out
from game.engine.game import Game, GameError
from game.engine.narrate import PUBLIC
from game.engine.table import Action, Table

from .conftest import ROOT, TUTORIAL_TABLE

PLAN = {"summer_flow": "half", "weir_crest": "middle", "gate_keys": "joint_board"}


@pytest.fixture(scope="module")
def weir():
    return load_scenario(str(TUTORIAL_TABLE))


def _endings(weir, policy: str, lens: str, runs: int) -> Counter[str]:
    return Counter(play_out(weir, lens, seed, policy).outcome for seed in range(runs))


def test_computer_players_reach_several_endings(weir) -> None:
    random_play = _endings(weir, "random", "dry_spring", 120)
    goal_play = _endings(weir, "goals", "dry_spring", 60) + _endings(weir, "goals", "wet_spring", 60)
    assert len(random_play) == len(weir.outcomes), random_play
    assert len(goal_play) >= 3, goal_play


def test_every_delegation_bargains_moves_in_secret_and_is_scored(weir) -> None:
    tables = [n for n in weir.nodes.values() if n.negotiation is not None]
    sealed = [n for n in weir.nodes.values() if n.sealed]
    assert len(tables) == 2 and len(sealed) == 1
    for actor in weir.actors.values():
        assert all(actor.id in n.negotiation.parties for n in tables)
        seat = sealed[0].seat(actor.id)
        assert seat is not None and len(seat.choices) >= 2
        assert {o.secret for o in actor.objectives} == {True, False}
        assert actor.valuation.points and actor.valuation.walk_away is not None


def _seat_dunmore(weir) -> Table:
    game = Game.new(weir, lens="dry_spring", seed=7, controllers={"dunmore": "human"})
    table = Table(game)
    table.advance()
    return table


def test_the_envoy_may_propose_but_not_accept_until_powers_arrive(weir) -> None:
    table = _seat_dunmore(weir)
    assert table.view("dunmore").turn.kind == "propose"
    table.act("dunmore", Action("propose", package=PLAN))
    table.advance()
    offer = table.view("dunmore").table
    assert offer.offer and not offer.may_accept and "Idris may propose, not sign" in offer.accept_blocked
    with pytest.raises(GameError, match="no written powers"):
        table.act("dunmore", Action("answer", answer="accept"))
    table.act("dunmore", Action("answer", answer="reject"))
    table.advance()
    assert table.view("dunmore").turn.kind == "seal"
    table.act("dunmore", Action("seal", choice="cable_home"))
    table.advance()
    later = table.view("dunmore")
    assert later.node_title == "The second sitting" and later.table.may_accept
    assert "Idris lays her new powers on the table" in later.narration


def test_the_hidden_draw_is_kestras_alone_until_the_end(weir) -> None:
    table = _seat_dunmore(weir)
    shown = {who: {m.id for m in table.view(who).meters} for who in ("kestra", "dunmore", "ferrand", PUBLIC)}
    assert "reservoir" in shown["kestra"]
    assert all("reservoir" not in shown[who] for who in ("dunmore", "ferrand", PUBLIC))
    assert table.view("ferrand").knowledge and table.view(PUBLIC).knowledge == ()
    assert table.view("dunmore").revealed is None


def _quoted_blocks() -> list[tuple[str, str, str]]:
    """(document, quoted file, excerpt) for every ```yaml block that opens with '# from PATH'; a block
    indented inside a list item is read without its indent."""
    out = []
    fence = re.compile(r"^( *)```yaml\n(.*?)^\1```", re.M | re.S)
    for doc in sorted((ROOT / "docs").glob("*.md")):
        for indent, block in fence.findall(doc.read_text(encoding="utf-8")):
            lines = [line.removeprefix(indent) for line in block.splitlines(keepends=True)]
            first, rest = lines[0], "".join(lines[1:])
            if first.startswith("# from "):
                out.append((doc.name, first.removeprefix("# from ").strip(), rest))
    return out


def test_the_docs_quote_the_tutorial_files_word_for_word() -> None:
    blocks = _quoted_blocks()
    assert {doc for doc, _, _ in blocks} == {"authoring.md", "scenario-format.md"} and len(blocks) >= 10
    for doc, quoted, excerpt in blocks:
        text = (ROOT / quoted).read_text(encoding="utf-8")
        assert excerpt in text, f"{doc}: an excerpt no longer matches {quoted}:\n{excerpt}"

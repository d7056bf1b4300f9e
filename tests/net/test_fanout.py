"""Telling every seat after a move: the text sent is the seat's state exactly, written faster."""

from __future__ import annotations

import json
from typing import Any

from game.engine.table import Action
from game.net.protocol import Say, TeacherAction
from game.net.room import Room


def next_action(state: dict[str, Any]) -> Action | None:
    """A seat's first allowed move (the first available choice, the first option of every issue,
    accept when it may), or None when it has none."""
    view = state["view"]
    turn = view["turn"]
    if turn is None or view["ended"]:
        return None
    kind = turn["kind"]
    if kind in ("choose", "seal"):
        return Action(kind, choice=next(c["id"] for c in turn["choices"] if c["available"]))
    table = view["table"]
    if kind == "propose":
        return Action(kind, package={i["id"]: i["options"][0][0] for i in table["issues"]})
    return Action(kind, answer="accept" if table["may_accept"] else "reject")


def test_each_seats_text_is_its_state_at_every_move_of_a_game_to_its_end(room: Room) -> None:
    kestra = room.join(room.row.code, "A")
    room.join(room.row.code, "B")
    room.say(kestra, Say("dunmore", "a private word"))
    table = room.tables[1]
    seen = 0
    for _ in range(40):
        states = {seat: room.seat_state(1, seat) for seat in ("kestra", "dunmore")}
        for seat, state in states.items():
            assert json.loads(room.seat_text(1, seat)) == state
            seen += 1
        moves = {seat: next_action(state) for seat, state in states.items()}
        mover = next((s for s, a in moves.items() if a is not None), None)
        if mover is None:
            break
        action = moves[mover]
        assert action is not None
        table.act(mover, action)
    assert table.game.ended and seen > 8
    room.teacher(TeacherAction("end"))
    for number, seat in ((1, "kestra"), (2, "dunmore")):  # a finished game, and one the class's end cut short
        assert json.loads(room.seat_text(number, seat)) == room.seat_state(number, seat)
    assert room.seat_state(2, "dunmore")["stopped"] is not None

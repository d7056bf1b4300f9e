"""What the projector shows the whole room: each table's public view (``narrate.PUBLIC``), who has
joined where, and how to join. Built from the engine's public views and the class's seating only,
so nothing a delegation or the teacher keeps private can reach it: no briefing, objective, value,
knowledge, sealed choice, message or typed reason.
"""

from __future__ import annotations

from ..engine.jsonread import JSONObject, JSONValue
from ..engine.narrate import PUBLIC
from ..engine.wording import long_date
from .nettable import NetTable
from .room import Room, line_words

RECENT = 4  # lines of each table's history shown


def projector_state(room: Room, join: str) -> JSONObject:
    """The projector page's whole content."""
    return {
        "type": "projector",
        "title": room.scenario.title,
        "join": join,
        "code": "" if room.locked or room.ended else room.row.code,
        "locked": room.locked,
        "ended": room.ended,
        "tables": [_table(room, table) for table in room.tables.values()],
    }


def _table(room: Room, table: NetTable) -> JSONObject:
    scenario = room.scenario
    public = table.table.view(PUBLIC)
    seats: list[JSONValue] = []
    for actor in scenario.actors.values():
        if actor.id not in table.table.seats:
            seats.append({"name": actor.name, "members": [], "computer": True})
            continue
        names: list[JSONValue] = [
            m.name
            for m in room.members.values()
            if not m.removed and (m.table_no, m.seat) == (table.number, actor.id) and m.name
        ]
        seats.append({"name": actor.name, "members": names, "computer": False})
    return {
        "number": table.number,
        "date": long_date(public.date),
        "situation": public.node_title,
        "narration": public.narration,
        "recent": [line_words(line, scenario) for line in public.log[-RECENT:]],
        "waiting": [scenario.actors[a].name for a in public.waiting_for if a in scenario.actors],
        "paused": table.paused,
        "outcome": public.outcome_title,
        "epilogue": public.epilogue,
        "seats": seats,
    }

"""The teacher's dashboard in the window, in words: every table's date, whose turn it is, the
clock, the last move and who sits where. It reads the same data the browser's dashboard is sent
(``Room.dashboard``), so a table reads alike on both. No pygame here.
"""

from __future__ import annotations

import datetime as dt

from ..classroom.pace import clock_text
from ..engine.jsonread import JSONObject, JSONValue
from ..engine.wording import long_date
from .story import esc


def _objects(value: JSONValue) -> list[JSONObject]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _date(value: JSONValue) -> str:
    try:
        return long_date(dt.date.fromisoformat(str(value)))
    except ValueError:
        return str(value)


def table_numbers(board: JSONObject) -> list[int]:
    return [int(str(t["number"])) for t in _objects(board.get("tables"))]


def paused_tables(board: JSONObject) -> set[int]:
    return {int(str(t["number"])) for t in _objects(board.get("tables")) if t.get("paused") is True}


def state_words(table: JSONObject) -> str:
    """Where a table stands: ended, paused, or whose turn it is."""
    names = table.get("waiting")
    waiting = [str(name) for name in names] if isinstance(names, list) else []
    if table.get("outcome"):
        return f"Ended: {table['outcome']}"
    if table.get("problem"):
        return f"Stopped: {table['problem']}"
    turn = f"Waiting for {', '.join(waiting)}" if waiting else "The computer is moving"
    return f"Paused — {turn[:1].lower()}{turn[1:]}" if table.get("paused") is True else turn


def clock_words(table: JSONObject) -> str:
    left = table.get("clock")
    if not isinstance(left, (int, float)) or isinstance(left, bool):
        return "no clock"
    return (
        f"clock stopped at {clock_text(float(left))}"
        if table.get("paused") is True
        else f"{clock_text(float(left))} left"
    )


def seats_words(table: JSONObject) -> str:
    """Who sits where: each delegation's students, the computer, or nobody yet."""
    parts = []
    for seat in _objects(table.get("seats")):
        names = [str(m.get("name", "")) for m in _objects(seat.get("members"))]
        if seat.get("player") != "human":
            who = "<i>the computer</i>"
        elif names:
            who = esc(", ".join(names))
        else:
            who = "<i>nobody yet</i>"
        parts.append(f"{esc(str(seat.get('name', '')))}: {who}")
    return " · ".join(parts)


def table_html(table: JSONObject) -> str:
    """One table's block on the dashboard."""
    last = str(table.get("last_move") or "—")
    return (
        f"<b>Table {table.get('number')}</b> — {esc(_date(table.get('date')))} · {esc(state_words(table))}"
        f" · {esc(clock_words(table))}<br>"
        f"Last move: {esc(last)}<br>"
        f"{seats_words(table)}"
    )


def board_html(board: JSONObject) -> str:
    """The whole class: a line on joining, then every table."""
    if board.get("ended") is True:
        head = "The class has ended."
    elif board.get("locked") is True:
        head = "Joining is closed."
    else:
        head = f"Joining is open with the code <b>{esc(str(board.get('code', '')))}</b>."
    return head + "<br><br>" + "<br><br>".join(table_html(t) for t in _objects(board.get("tables")))

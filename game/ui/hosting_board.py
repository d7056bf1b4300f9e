"""The teacher's dashboard in the window, in words: every table's date, whose turn it is, the
clock, the last move, who sits where and every message (private ones marked). It reads the same
data the browser's dashboard is sent (``Room.dashboard``), so a table reads alike on both, and the
choices a table offers (a seat to hand to the computer, a student to remove) come from it too. No
pygame here.
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
        if table.get("paused") is True or table.get("clock_running") is False
        else f"{clock_text(float(left))} left"
    )


def seats_words(table: JSONObject) -> str:
    """Who sits where: each delegation's students (a student whose page has dropped marked so, as a
    closed laptop lid would leave a seat the clock waits for), the computer, or nobody yet."""
    parts = []
    for seat in _objects(table.get("seats")):
        names = [_member_words(m) for m in _objects(seat.get("members"))]
        if seat.get("player") != "human":
            who = "<i>the computer</i>"
        elif names:
            who = ", ".join(names)
        else:
            who = "<i>nobody yet</i>"
        parts.append(f"{esc(str(seat.get('name', '')))}: {who}")
    return " · ".join(parts)


def _member_words(member: JSONObject) -> str:
    name = esc(str(member.get("name", "")))
    return f"{name} <i>(disconnected)</i>" if member.get("connected") is False else name


def _state_html(table: JSONObject) -> str:
    """A table's first lines: its number, date, state and clock, then its last move."""
    last = str(table.get("last_move") or "—")
    return (
        f"<b>Table {table.get('number')}</b> — {esc(_date(table.get('date')))} · {esc(state_words(table))}"
        f" · {esc(clock_words(table))}<br>"
        f"Last move: {esc(last)}"
    )


def table_html(table: JSONObject) -> str:
    """One table's block on the dashboard."""
    return f"{_state_html(table)}<br>{seats_words(table)}"


def board_html(board: JSONObject) -> str:
    """The whole class: a line on joining, then every table."""
    if board.get("ended") is True:
        head = "The class has ended."
    elif board.get("locked") is True:
        head = "Joining is closed."
    else:
        head = f"Joining is open with the code <b>{esc(str(board.get('code', '')))}</b>."
    return head + "<br><br>" + "<br><br>".join(table_html(t) for t in _objects(board.get("tables")))


def table_of(board: JSONObject | None, number: int) -> JSONObject | None:
    """One table's data on the board, or None."""
    found = [t for t in _objects((board or {}).get("tables")) if t.get("number") == number]
    return found[0] if found else None


def people_seats(table: JSONObject) -> list[tuple[str, str]]:
    """(id, name) of every delegation students play at this table: the seats the computer may take over."""
    return [
        (str(s.get("id", "")), str(s.get("name", "")))
        for s in _objects(table.get("seats"))
        if s.get("player") == "human"
    ]


def students(table: JSONObject) -> list[tuple[str, str, str]]:
    """(public id, name, delegation) of every student seated at this table."""
    return [
        (str(m.get("id", "")), str(m.get("name", "")), str(s.get("name", "")))
        for s in _objects(table.get("seats"))
        for m in _objects(s.get("members"))
    ]


def message_html(message: JSONObject) -> str:
    """One message as the teacher reads it: who to whom, marked an announcement or private."""
    if message.get("to") == "*class":
        mark = " <i>(announcement)</i>"
    elif message.get("private") is True:
        mark = " <i>(private)</i>"
    else:
        mark = ""
    who = f"{esc(str(message.get('from_name', '')))} to {esc(str(message.get('to_name', '')))}"
    return f"<b>{who}</b>{mark}: {esc(str(message.get('text', '')))}"


def messages_html(table: JSONObject) -> str:
    """Every message of a table, public and private, the latest first (the box opens at its top)."""
    said = _objects(table.get("messages"))
    if not said:
        return "<b>Messages</b>: none yet."
    lines = "<br>".join(message_html(m) for m in reversed(said))
    return f"<b>Messages</b> ({len(said)}, the latest first, private ones marked):<br>{lines}"


def table_detail_html(table: JSONObject) -> str:
    """One table in full: its state, every message (what the teacher reads most), who sits where."""
    return f"{_state_html(table)}<br><br>{messages_html(table)}<br><br><b>Seats</b>: {seats_words(table)}"

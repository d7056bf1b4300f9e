"""The teacher's actions from the window, read through the same checks as the browser dashboard's
(``protocol.parse``: the same fields, limits and cleaning), so a request the browser would have
refused is refused here in the same words, and the window adds no rules of its own. No pygame here.
"""

from __future__ import annotations

import json

from ..net.protocol import MAX_TEXT, ProtocolError, TeacherAction, parse

EXTEND_MINUTES = 5  # what the browser's "+5 minutes" adds
ANNOUNCEMENT_LIMIT = MAX_TEXT  # characters the announcement field takes, as the browser's


def teacher_request(
    do: str, table: int = 0, seat: str = "", member: str = "", minutes: int = 0, text: str = ""
) -> TeacherAction:
    """The action the browser's dashboard would send; ``ProtocolError`` says what is wrong with it."""
    message = {
        "type": "teacher",
        "do": do,
        "table": table,
        "seat": seat,
        "member": member,
        "minutes": minutes,
        "text": text,
    }
    request = parse(json.dumps(message, ensure_ascii=False))
    if not isinstance(request, TeacherAction):  # a "teacher" message always reads as one
        raise ProtocolError("not a teacher's action")
    return request

"""The in-character messages of a networked table, kept in its save so transcripts can show them.

A hosted class's students write to their whole table or privately to one delegation, and the
teacher makes announcements. When the class ends each table's save carries its messages in
``settings.extras`` under ``messages`` (like the class settings under ``classroom``), so the one
transcript model (``transcript.build_transcript``) shows them, marked public or private, wherever a
transcript is made: the class's own report folder or ``python main.py transcript`` later on.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..engine import Game
from ..engine.jsonread import JSONObject, JSONValue

KEY = "messages"
FIELDS = ("from", "from_name", "to", "to_name", "text", "sent", "private")


@dataclass(frozen=True)
class TableMessage:
    """One message: who wrote it to whom (ids and names in players' words), when, and whether only
    its recipient (and the teacher) could read it."""

    sender: str  # a delegation's id, or the teacher's
    sender_name: str
    recipient: str  # a delegation's id; "" for the whole table; the class for an announcement
    recipient_name: str
    text: str
    sent: str  # ISO date and time
    private: bool

    def to_json(self) -> JSONObject:
        return {
            "from": self.sender,
            "from_name": self.sender_name,
            "to": self.recipient,
            "to_name": self.recipient_name,
            "text": self.text,
            "sent": self.sent,
            "private": self.private,
        }

    @classmethod
    def from_json(cls, data: JSONValue) -> TableMessage | None:
        """The message, or None when ``data`` is not one (a save edited by hand)."""
        if not isinstance(data, dict) or set(data) != set(FIELDS):
            return None
        words = [w for w in (data[k] for k in FIELDS[:-1]) if isinstance(w, str)]
        private = data["private"]
        if len(words) != len(FIELDS) - 1 or not isinstance(private, bool):
            return None
        sender, sender_name, recipient, recipient_name, text, sent = words
        return cls(sender, sender_name, recipient, recipient_name, text, sent, private)


def store(game: Game, messages: list[TableMessage]) -> None:
    """Keep ``messages`` in the game's settings (and so in its save); none leaves no trace."""
    if messages:
        game.settings.extras[KEY] = [m.to_json() for m in messages]
    else:
        game.settings.extras.pop(KEY, None)


def of(game: Game) -> list[TableMessage]:
    """The messages a game's save carries, in the order they were sent (entries that are not
    messages are left out)."""
    kept = game.settings.extras.get(KEY, [])
    found = [TableMessage.from_json(item) for item in kept] if isinstance(kept, list) else []
    return [m for m in found if m is not None]

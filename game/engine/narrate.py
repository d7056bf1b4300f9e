"""Who may know what, and text rendered for one viewer.

A viewer is an actor's id, ``PUBLIC`` (what the whole room may see: the projector) or ``TEACHER``
(everything). Private things name the actors they are ``known_to``; text that varies is a list of
paragraphs, each shown when its condition holds and its viewer may know it.
"""

from __future__ import annotations

from collections.abc import Sequence

from .expr import Values
from .model import TextPart

PUBLIC = "*public"
TEACHER = "*teacher"


def may_know(known_to: Sequence[str], viewer: str) -> bool:
    """Whether ``viewer`` may know something known to ``known_to`` (everyone, when empty)."""
    return not known_to or viewer == TEACHER or viewer in known_to


def render(plain: str, parts: Sequence[TextPart], values: Values, viewer: str) -> str:
    """The text as ``viewer`` reads it now: plain text, or the paragraphs that apply."""
    if not parts:
        return plain
    shown = [
        p.text
        for p in parts
        if (p.condition is None or p.condition(values)) and may_know(p.known_to, viewer) and p.text
    ]
    return "\n\n".join(shown)

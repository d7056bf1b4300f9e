"""What a delegation reads of itself in the terminal: its briefing, what it knows, its objectives,
and at the end every delegation's score with what earned it and the hidden draws revealed.

Drawn from a ``View`` alone, so a seat never sees another delegation's secrets before the end.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..engine.expr import Value
from ..engine.views import ObjectiveLine, View
from ..engine.wording import show_value
from .text import wrap


def _points(objective: ObjectiveLine) -> str:
    return f"{objective.points} points" + (", secret" if objective.secret else "")


def briefing_lines(view: View) -> list[str]:
    """The seat's private briefing, the lines only it knows, its objectives and the others' declared ones."""
    names = {card.id: card.name for card in view.actors}
    name = names.get(view.viewer, view.viewer)
    out = [wrap(view.briefing, "  ", f"{name}, private briefing: ")]
    if view.knowledge:
        out.append("  What your delegation knows:")
        out.extend(wrap(line, "      ", "    • ") for line in view.knowledge)
    own = [o for o in view.objectives if o.actor == view.viewer]
    if own:
        out.append("  Your objectives (points if met at the end):")
        out.extend(wrap(f"{o.text} — {_points(o)}", "      ", "    • ") for o in own)
    others = [o for o in view.objectives if o.actor != view.viewer]
    if others:
        out.append("  Other delegations' declared objectives:")
        out.extend(wrap(f"{names.get(o.actor, o.actor)}: {o.text} — {_points(o)}", "      ", "    • ") for o in others)
    return out


def score_lines(view: View) -> list[str]:
    """Each delegation's score and the objectives that earned it (or did not)."""
    if not view.scores:
        return []
    names = {card.id: card.name for card in view.actors}
    out = ["\nScores:"]
    for actor, total in view.scores.items():
        objectives = [o for o in view.objectives if o.actor == actor]
        possible = sum(o.points for o in objectives if o.points > 0)
        out.append(f"  {names.get(actor, actor)}: {total} of {possible} points")
        for o in objectives:
            mark = "✓" if o.met else "✗"
            out.append(wrap(f"{o.text} ({_points(o)})", "        ", f"    {mark} "))
    return out


def revealed_lines(view: View, labels: Mapping[str, str]) -> list[str]:
    """The hidden draws, shown to all once the game is over."""
    revealed: Mapping[str, Value] = view.revealed or {}
    if not revealed:
        return []
    out = ["\nHidden draws revealed:"]
    out.extend(f"  {labels.get(var, var)}: {show_value(value)}" for var, value in revealed.items())
    return out

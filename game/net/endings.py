"""Which of a seat's moves end the game, or may, so the student page can ask before such a move is
made: the choices as the engine's view previews them, and walking away from the talks."""

from __future__ import annotations

from ..engine.game import Game
from ..engine.jsonread import JSONObject, JSONValue
from ..engine.model import Scenario
from ..engine.preview import leads_to_ending
from ..engine.views import View

ENDS = "ends"
MAY_END = "may_end"


_MARKS = {"yes": ENDS, "may": MAY_END}


def reach(scenario: Scenario, target: str) -> str:
    """``ENDS`` if ``target`` is an outcome, ``MAY_END`` if it is a chance with a branch to one, else ''."""
    return _MARKS.get(leads_to_ending(scenario, target) or "", "")


def ending_moves(game: Game, view: View) -> JSONObject:
    """The seat's moves now that end or may end the game: its choices by id (the engine's preview of
    each, so every front end warns alike), and walking away from the talks."""
    choices: dict[str, JSONValue] = {}
    if view.turn is not None:
        choices = {c.id: _MARKS[c.preview.ends] for c in view.turn.choices if c.preview.ends}
    node = game.node
    if node is None or view.turn is None:
        return {"choices": {}, "walk": ""}
    walk = reach(game.scenario, node.negotiation.no_deal.next) if node.negotiation is not None else ""
    return {"choices": choices, "walk": walk}

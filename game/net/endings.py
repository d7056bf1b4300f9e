"""Which of a seat's moves end the game, or may: read from where each leads (an outcome, or a chance
whose branches reach one), so the student page can ask before such a move is made. The view does not
say this itself; only the scenario's routes and the seat's own choices' effects are used."""

from __future__ import annotations

from collections.abc import Mapping

from ..engine.expr import Value
from ..engine.game import Game
from ..engine.jsonread import JSONObject, JSONValue
from ..engine.model import Node, Scenario

ENDS = "ends"
MAY_END = "may_end"


def reach(scenario: Scenario, target: str) -> str:
    """``ENDS`` if ``target`` is an outcome, ``MAY_END`` if it is a chance with a branch to one, else ''."""
    if target in scenario.outcomes:
        return ENDS
    node = scenario.nodes.get(target)
    if node is not None and any(b.next in scenario.outcomes for b in node.chance):
        return MAY_END
    return ""


def choice_endings(scenario: Scenario, node: Node, seat: str, values: Mapping[str, Value]) -> dict[str, str]:
    """A decision's choices (or a sealed seat's) that end or may end the game, by choice id. A sealed
    choice may end it when, with its own effects on today's values, the first way out of the sealed
    move that applies leads to an ending (the other seats' secret choices may still change that)."""
    if not node.sealed:
        return {step.id: reach(scenario, step.next) for step in node.choices if reach(scenario, step.next)}
    out: dict[str, str] = {}
    for sealed in node.sealed:
        if sealed.actor != seat:
            continue
        for step in sealed.choices:
            after = dict(values)
            for effect in step.effects:
                effect(after)
            way = next((o for o in node.resolve if o.condition is None or o.condition(after)), None)
            if way is not None and reach(scenario, way.next):
                out[step.id] = MAY_END
    return out


def ending_moves(game: Game, seat: str) -> JSONObject:
    """The seat's moves now that end or may end the game: its choices by id, and walking away from the talks."""
    node, scenario = game.node, game.scenario
    if node is None or not any(t.actor == seat for t in game.turns):
        return {"choices": {}, "walk": ""}
    choices: dict[str, JSONValue] = dict(choice_endings(scenario, node, seat, game.state.values))
    walk = reach(scenario, node.negotiation.no_deal.next) if node.negotiation is not None else ""
    return {"choices": choices, "walk": walk}

"""What each package on the table is worth to one seat, for its proposal form: the seat's own values
only (never another delegation's, so nothing here hints at what others would accept)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from ..engine import bargain
from ..engine.expr import Values
from ..engine.game import Game
from ..engine.jsonread import JSONObject, JSONValue
from ..engine.model import Actor, Scenario

MAX_LISTED = 600  # packages whose worth is listed; beyond, the form adds up the options' points itself
SEPARATOR = "|"  # between the options of a package's key, in the table's issue order
KEPT = 256  # answers kept: a seat at the table is asked again after every move, mostly in the same state
_KNOWN: dict[tuple[object, ...], tuple[Scenario, JSONObject]] = {}  # by seat, talks, limit and state


def package_worths(game: Game, seat: str) -> JSONObject | None:
    """For a seat about to propose or answer: every package's worth by key (options in the table's
    issue order, joined by ``SEPARATOR``) when there are few enough, the seat's best package, the
    status quo, and what no deal is worth. None when the seat has no move at a table."""
    node, scenario = game.node, game.scenario
    actor = scenario.actors.get(seat)
    turn = next((t for t in game.turns if t.actor == seat), None)
    if (
        actor is None
        or node is None
        or node.negotiation is None
        or turn is None
        or turn.kind not in ("propose", "answer")
    ):
        return None
    values = game.state.values
    key = (actor.id, node.id, MAX_LISTED, tuple(values.items()))
    known = _KNOWN.get(key)
    if known is not None and known[0] is scenario:
        return known[1]
    if len(_KNOWN) >= KEPT:
        _KNOWN.clear()
    worked_out = _worths(scenario, actor, node.negotiation.issues, values)
    _KNOWN[key] = (scenario, worked_out)
    return worked_out


def _worths(scenario: Scenario, actor: Actor, issues: Sequence[str], values: Values) -> JSONObject:
    options = [[o.id for o in scenario.issues[i].options] for i in issues]
    count = 1
    for listed in options:
        count *= len(listed)
    totals: dict[str, int] = {}
    if count <= MAX_LISTED:  # as ``bargain.appraise`` adds up, each option's points looked up once
        points = [
            [bargain.option_points(actor, i, o, values) for o in listed]
            for i, listed in zip(issues, options, strict=True)
        ]
        merged = dict(values)  # the state with the package's terms in place (``talks.terms_values``)
        bonuses = actor.valuation.bonuses
        for numbers in itertools.product(*(range(len(listed)) for listed in options)):
            combination = [listed[n] for listed, n in zip(options, numbers, strict=True)]
            total = sum(issue_points[n] for issue_points, n in zip(points, numbers, strict=True))
            if bonuses:
                merged.update(zip(issues, combination, strict=True))
                total += sum(b.points for b in bonuses if b.condition(merged))
            totals[SEPARATOR.join(combination)] = total
        best_key = max(totals, key=totals.__getitem__)  # the first of the best, in file order
        best = dict(zip(issues, best_key.split(SEPARATOR), strict=True))
    else:  # each issue's best option, combinations aside
        best = {}
        for issue, listed in zip(issues, options, strict=True):
            worth = {oid: bargain.option_points(actor, issue, oid, values) for oid in listed}
            best[issue] = max(worth, key=worth.__getitem__)
    worths: dict[str, JSONValue] = dict(totals)
    status_quo = {i: str(values[i]) for i in issues if str(values[i]) in options[issues.index(i)]}
    return {
        "worths": worths,
        "best": dict[str, JSONValue](best),
        "status_quo": dict[str, JSONValue](status_quo),
        "walk_away": bargain.walk_away(actor, values),
    }

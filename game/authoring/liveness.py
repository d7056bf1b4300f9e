"""Which variables still matter at each node: the checker's states keep only those, which makes the
state space far smaller without changing what it finds.

A variable matters at a node if some later condition, weight or constraint may read its value before
an effect sets it afresh. Two states at one node that agree on those variables (and on date and fired
events) have the same future, so exploring one of them is enough. Events can fire at any move, so
what they read matters everywhere. Expressions are read from the texts the loader kept.
"""

from __future__ import annotations

import re

from ..engine.expr import Node as Expr
from ..engine.expr import parse
from ..engine.model import Node, Outlet, Scenario, Step

_EFFECT = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(\+=|-=|=(?!=))")


def reads(text: str) -> set[str]:
    """The variable names an expression reads ('' reads nothing)."""
    if not text or not text.strip():
        return set()
    out: set[str] = set()
    stack: list[Expr] = [parse(text)]
    while stack:
        node = stack.pop()
        if node.op == "var":
            out.add(str(node.value))
        stack.extend(node.args)
    return out


def effect_parts(text: str) -> tuple[str, str, set[str]]:
    """(variable set, operator, variables read) of an effect such as ``trust += 1``."""
    match = _EFFECT.match(text)
    if not match:
        return "", "", set()
    return match.group(1), match.group(2), reads(text[match.end() :])


def through_effects(effects: tuple[str, ...], live: set[str]) -> set[str]:
    """What must be known before ``effects`` for ``live`` to be known after them."""
    live = set(live)
    for text in reversed(effects):
        name, op, used = effect_parts(text)
        if name not in live:
            continue
        if op == "=":
            live.discard(name)
        live |= used
    return live


def _step_reads(scenario: Scenario, step: Step) -> set[str]:
    used = reads(step.condition_text) | reads(step.weight_text)
    for cid in step.constraints:
        used |= reads(scenario.constraints[cid].unless_text)
    return used


def negotiation_reads(scenario: Scenario, node: Node) -> set[str]:
    """What bargaining at a negotiation reads from the state: the parties' values, bonuses and
    walk-away values, and the term rules. Two states that agree on these bargain alike."""
    used: set[str] = set()
    negotiation = node.negotiation
    if negotiation is None:
        return used
    for party in negotiation.parties:
        valuation = scenario.actors[party].valuation
        for texts in valuation.point_texts.values():
            for text in texts.values():
                used |= reads(text)
        for bonus in valuation.bonuses:
            used |= reads(bonus.condition_text)
        used |= reads(valuation.walk_away_text)
    for rule in negotiation.rules:
        used |= reads(rule.terms_text) | reads(scenario.constraints[rule.constraint].unless_text)
    return used - set(negotiation.issues)  # read as the package's terms, not as the state's


def _table_reads(scenario: Scenario, node: Node) -> set[str]:
    """What a negotiation or sealed move reads where it is played: the parties' values and walk-away
    values (bargaining depends on them), term rules, seats' conditions and the resolutions' 'if's."""
    used = negotiation_reads(scenario, node)
    for seat in node.sealed:
        for step in seat.choices:
            used |= _step_reads(scenario, step)
            for text in step.effect_texts:  # seats' effects apply one after another
                name, op, read = effect_parts(text)
                used |= read | ({name} if op in ("+=", "-=") else set())
    for outlet in node.resolve:
        used |= reads(outlet.condition_text)
    return used


def _outlet_needs(outlet: Outlet, live: dict[str, set[str]], sets: tuple[str, ...] = ()) -> set[str]:
    """What must be known before taking ``outlet`` (after ``sets`` are written) for what follows."""
    return through_effects(outlet.effect_texts, live.get(outlet.next, set())) - set(sets)


def _exits_need(node: Node, live: dict[str, set[str]]) -> set[str]:
    negotiation = node.negotiation
    if negotiation is not None:
        return _outlet_needs(negotiation.deal, live, negotiation.issues) | _outlet_needs(negotiation.no_deal, live)
    if node.sealed:
        return set().union(*(_outlet_needs(o, live) for o in node.resolve))
    return set().union(*(through_effects(s.effect_texts, live.get(s.next, set())) for s in node.steps))


def live_variables(scenario: Scenario) -> dict[str, tuple[str, ...]]:
    """For each node, the variables (in file order) whose values can still change what happens."""
    everywhere: set[str] = set()
    for event in scenario.events:
        everywhere |= reads(event.condition_text)
        for text in event.effect_texts:
            name, op, used = effect_parts(text)
            everywhere |= used | ({name} if op in ("+=", "-=") else set())
    local = {
        nid: set().union(*(_step_reads(scenario, s) for s in node.steps)) | _table_reads(scenario, node) | everywhere
        for nid, node in scenario.nodes.items()
    }
    live = {nid: set(found) for nid, found in local.items()}
    changed = True
    while changed:
        changed = False
        for nid, node in scenario.nodes.items():
            found = local[nid] | _exits_need(node, live)
            if not found <= live[nid]:
                live[nid] |= found
                changed = True
    order = list(scenario.variables)
    return {nid: tuple(v for v in order if v in names) for nid, names in live.items()}

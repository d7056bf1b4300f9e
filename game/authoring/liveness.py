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
from ..engine.model import Scenario, Step

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


def live_variables(scenario: Scenario) -> dict[str, tuple[str, ...]]:
    """For each node, the variables (in file order) whose values can still change what happens."""
    everywhere: set[str] = set()
    for event in scenario.events:
        everywhere |= reads(event.condition_text)
        for text in event.effect_texts:
            name, op, used = effect_parts(text)
            everywhere |= used | ({name} if op in ("+=", "-=") else set())
    local = {
        nid: set().union(*(_step_reads(scenario, s) for s in node.steps)) | everywhere
        for nid, node in scenario.nodes.items()
    }
    live = {nid: set(found) for nid, found in local.items()}
    changed = True
    while changed:
        changed = False
        for nid, node in scenario.nodes.items():
            found = set(local[nid])
            for step in node.steps:
                after = live.get(step.next, set())
                found |= through_effects(step.effect_texts, after)
            if not found <= live[nid]:
                live[nid] |= found
                changed = True
    order = list(scenario.variables)
    return {nid: tuple(v for v in order if v in names) for nid, names in live.items()}

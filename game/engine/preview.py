"""What a choice is known to do before it is taken: its effects on the measures the chooser may
see, and whether it ends the game (``"yes"``) or may end it (``"may"``).

Only what the scenario states is previewed: a choice's own effects, where it leads, and the
conditions of the ways out of a sealed move. Effects on variables hidden from players, or known
only to others, are never shown, so a preview is as private-safe as the view it goes into.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .expr import Value, split_effect
from .model import Node, Scenario, Step
from .narrate import TEACHER, may_know
from .wording import describe_effect

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True)
class EffectPreview:
    """One known effect: the variable and the change in players' words ('Soviet patience −1')."""

    variable: str
    words: str


@dataclass(frozen=True)
class ChoicePreview:
    effects: tuple[EffectPreview, ...] = ()
    ends: str | None = None  # "yes": taking it ends the game; "may": it can, depending on others or chance


def effect_texts_known(scenario: Scenario, texts: Sequence[str], viewer: str) -> tuple[str, ...]:
    """The effects (as written) that ``viewer`` may read: on variables shown to players and known
    to the viewer; the teacher reads them all. A view carries only these, so a hidden measure's
    name and arithmetic never reach a player's screen or browser."""
    if viewer == TEACHER:
        return tuple(texts)
    out = []
    for text in texts:
        parts = split_effect(text)
        variable = scenario.variables.get(parts.variable) if parts is not None else None
        if variable is not None and variable.visible and may_know(variable.known_to, viewer):
            out.append(text)
    return tuple(out)


def known_effects(scenario: Scenario, step: Step, viewer: str) -> tuple[EffectPreview, ...]:
    """The step's effects on variables shown to players that ``viewer`` may know, in order."""
    out = []
    for text in step.effect_texts:
        parts = split_effect(text)
        if parts is None or parts.variable not in scenario.variables:
            continue
        variable = scenario.variables[parts.variable]
        if not variable.visible or not may_know(variable.known_to, viewer):
            continue
        words = describe_effect(scenario, text)
        if words:
            out.append(EffectPreview(parts.variable, words))
    return tuple(out)


def _read(condition: str) -> set[str]:
    return set(_NAME.findall(condition))


def leads_to_ending(scenario: Scenario, target: str) -> str | None:
    """Whether moving to ``target`` ends the game: "yes" for an ending, "may" for a chance node with
    a branch to one, else None."""
    if target in scenario.outcomes:
        return "yes"
    following = scenario.nodes.get(target)
    if following is not None and following.is_chance and any(b.next in scenario.outcomes for b in following.chance):
        return "may"
    return None


def ends(scenario: Scenario, node: Node, step: Step, values: Mapping[str, Value] | None = None) -> str | None:
    """Whether taking ``step`` at ``node`` ends the game: "yes" when it leads straight to an ending;
    "may" when chance after it can lead to one. At a sealed move, the step's effects are applied to
    today's ``values`` and the first way out that then applies is read: if it leads to an ending,
    "yes" when its condition reads only what the step sets, else "may" (the others' secret choices
    may still change it). One rule for every front end."""
    reached = leads_to_ending(scenario, step.next)
    if reached is not None:
        return reached
    if not node.sealed or values is None:
        return None
    after = dict(values)
    for effect in step.effects:
        effect(after)
    way = next((o for o in node.resolve if o.condition is None or bool(o.condition(after))), None)
    if way is None or way.next not in scenario.outcomes:
        return None
    sets = {p.variable for t in step.effect_texts if (p := split_effect(t)) is not None}
    read = _read(way.condition_text or "") & set(scenario.variables)
    return "yes" if way.condition is not None and read <= sets else "may"


def preview(
    scenario: Scenario, node: Node, step: Step, viewer: str, values: Mapping[str, Value] | None = None
) -> ChoicePreview:
    """The known effects and the ending mark of one choice, for ``viewer``."""
    return ChoicePreview(known_effects(scenario, step, viewer), ends(scenario, node, step, values))

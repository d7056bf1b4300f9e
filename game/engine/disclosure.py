"""Private values given away by public text: a check the validator runs on format-2 scenarios.

A variable with ``known_to`` is private to those actors. Text that others see must not depend on
it: a paragraph shown to everyone only while ``resolve >= 6`` tells everyone that Red's resolve is
high, whatever the paragraph says. So each text part, choice, event and piece of knowledge whose
``if`` reads a private variable is compared with its audience; where someone outside the
variable's ``known_to`` would see it, the validator warns.

Only the conditions are read: what the text itself says is the author's business.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .expr import ExprError, parse
from .findings import WARNING, Finding
from .model import Scenario, TextPart
from .schema import Path, Walk

Audience = tuple[str, ...] | None  # the actors who see something; None: everyone
EVERYONE: Audience = None


def names_read(text: str) -> set[str]:
    """The variable names an expression reads (nothing for an empty or unreadable one)."""
    if not text.strip():
        return set()
    try:
        stack = [parse(text)]
    except ExprError:
        return set()
    out: set[str] = set()
    while stack:
        node = stack.pop()
        if node.op == "var":
            out.add(str(node.value))
        stack.extend(node.args)
    return out


def _reveals(audience: Audience, known_to: Sequence[str]) -> bool:
    """Whether someone in ``audience`` is outside ``known_to``."""
    return audience is None or any(a not in known_to for a in audience)


def _audience(known_to: Sequence[str]) -> Audience:
    return tuple(known_to) if known_to else EVERYONE


Condition = tuple[Path, str, Audience, str]  # where the 'if' is, its text, who sees, what it is


def _parts(parts: Sequence[TextPart], path: Path, audience: Audience) -> Iterator[Condition]:
    """Each paragraph with an 'if', seen by those of ``audience`` it is known to."""
    for index, part in enumerate(parts):
        if part.condition_text:
            seen = _audience(part.known_to)
            if audience is not None:
                seen = audience if seen is None else tuple(a for a in seen if a in audience)
            yield (*path, index, "if"), part.condition_text, seen, "a paragraph"


def _places(walk: Walk, section: str) -> dict[str, int]:
    """Each item's index in the file's ``section`` list, by id (the model may order them otherwise)."""
    return {ident: int(path[1]) for path, ident in walk.ids.items() if len(path) == 2 and path[0] == section}


def _conditions(scenario: Scenario, walk: Walk) -> Iterator[Condition]:
    """Every condition that decides what some audience sees, with that audience."""
    for actor in scenario.actors.values():
        ai = _places(walk, "actors")[actor.id]
        yield from _parts(actor.briefing_parts, ("actors", ai, "briefing"), (actor.id,))
    nodes = _places(walk, "nodes")
    for node in scenario.nodes.values():
        ni = nodes[node.id]
        yield from _parts(node.text_parts, ("nodes", ni, "text"), EVERYONE)
        for si, step in enumerate(node.choices):
            if step.condition_text:
                yield ("nodes", ni, "choices", si, "if"), step.condition_text, EVERYONE, f"the choice {step.id!r}"
            yield from _parts(step.text_parts, ("nodes", ni, "choices", si, "text"), EVERYONE)
        for seat_index, seat in enumerate(node.sealed):
            for ci, step in enumerate(seat.choices):
                path: Path = ("nodes", ni, "sealed", seat_index, "choices", ci)
                if step.condition_text:
                    yield (*path, "if"), step.condition_text, EVERYONE, f"the choice {step.id!r}"
                yield from _parts(step.text_parts, (*path, "text"), EVERYONE)
    events = _places(walk, "events")
    for event in scenario.events:
        ei = events[event.id]
        audience = _audience(event.known_to)
        if event.condition_text:
            yield ("events", ei, "if"), event.condition_text, audience, f"the event {event.id!r}"
        yield from _parts(event.text_parts, ("events", ei, "text"), audience)
    outcomes = _places(walk, "outcomes")
    for outcome in scenario.outcomes.values():
        oi = outcomes[outcome.id]
        yield from _parts(outcome.epilogue_parts, ("outcomes", oi, "epilogue"), EVERYONE)
    knowledge = _places(walk, "knowledge")
    for line in scenario.knowledge:
        ki = knowledge[line.id]
        if line.condition_text:
            yield ("knowledge", ki, "if"), line.condition_text, _audience(line.known_to), f"the knowledge {line.id!r}"


def check(scenario: Scenario, walk: Walk) -> list[Finding]:
    """A warning for each condition that shows private values to someone who may not know them."""
    private = {v.id: v.known_to for v in scenario.variables.values() if v.known_to}
    if not private:
        return []
    out = []
    for path, text, audience, what in _conditions(scenario, walk):
        leaked = sorted(n for n in names_read(text) if n in private and _reveals(audience, private[n]))
        if not leaked:
            continue
        names = ", ".join(repr(n) for n in leaked)
        owners = sorted({a for n in leaked for a in private[n]})
        who = "everyone" if audience is None else ", ".join(audience)
        line, column = walk.at(path)
        out.append(
            Finding(
                WARNING,
                "reveals-private",
                f"{what} is shown to {who} by a condition on {names}, known only to {', '.join(owners)}: "
                "whether it shows gives the private value away",
                walk.file,
                line,
                column,
                f"add 'known_to: [{', '.join(owners)}]' to it, or make the condition read public values",
            )
        )
    return out

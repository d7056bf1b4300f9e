"""Hot seat: which briefings may be on screen, and when to hand the computer over.

Several delegations share one computer. A briefing is private: it may be shown only to the
delegation whose turn it is, after the hand-over screen has named it — unless the teacher has
chosen projector mode, where every briefing is shown openly to the whole room. The window asks
these functions rather than deciding itself, so the rule is tested in one place.

A turn is any move a person must make: a decision, a move at a negotiation, or a sealed choice. When
several people must act at once (the answers to an offer, the seats of a sealed move), they act one
after another in speaking order, each after its own hand-over. A sealed choice is secret even in
projector mode, so the computer is handed over before each person's sealed choice there too.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..engine import Actor, Game
from ..engine.narrate import render
from ..engine.turns import Turn
from ..engine.wording import the_actor


@dataclass(frozen=True)
class Briefing:
    """One delegation's private instructions, as they may be shown."""

    actor: str
    name: str
    colour: str
    text: str


@dataclass(frozen=True)
class Handover:
    """The hand-over screen before a human decision: whom to call to the computer."""

    actor: str
    name: str
    colour: str
    heading: str
    instruction: str


def _briefing(game: Game, actor: Actor) -> Briefing:
    """The actor's briefing as its own delegation reads it now (paragraphs that apply, its private ones)."""
    text = render(actor.briefing, actor.briefing_parts, game.state.values, actor.id)
    return Briefing(actor.id, actor.name, actor.colour, text)


def person_turn(game: Game) -> Turn | None:
    """The first move a person is due to make now, in speaking order; None when no person is."""
    return next((t for t in game.turns if game.controller(t.actor) == "human"), None)


def turn_of(game: Game) -> Actor | None:
    """The actor whose turn it is, if a person plays it: at a decision its actor, at the table the
    first person due to act; None otherwise."""
    turn = person_turn(game)
    return game.scenario.actors[turn.actor] if turn else None


def briefing_for(game: Game, viewer_actor: str | None, projector_mode: bool) -> tuple[Briefing, ...]:
    """The briefings that may be shown now to ``viewer_actor`` (the delegation at the computer).

    Projector mode: every briefing, since the whole room sees the screen anyway. Otherwise: the
    viewer's own briefing only, and only while it is the viewer's turn at a human decision; at any
    other moment nothing private is shown."""
    if projector_mode:
        return tuple(_briefing(game, actor) for actor in game.scenario.actors.values())
    actor = turn_of(game)
    if actor is None or viewer_actor != actor.id:
        return ()
    return (_briefing(game, actor),)


def needs_handover(game: Game, last_viewer: str | None, projector_mode: bool) -> bool:
    """Whether to show the hand-over screen before the waiting turn.

    Needed when a person must act and the delegation last at the computer (``last_viewer``; None at
    the start) is a different one. In projector mode only before a sealed choice: nothing else there
    is private, but a sealed choice is secret from the other seats until the reveal."""
    turn = person_turn(game)
    if turn is None or turn.actor == last_viewer:
        return False
    return not projector_mode or turn.kind == "seal"


def handover(game: Game) -> Handover | None:
    """What the hand-over screen says, or None when no person is to decide."""
    turn = person_turn(game)
    return handover_for(game, turn.actor) if turn is not None else None


def handover_for(game: Game, actor_id: str, briefed: bool = False) -> Handover:
    """The hand-over screen's words before ``actor_id``'s players act (its turn, whatever the kind);
    ``briefed``: they have read their briefing at an earlier turn, and it does not open again."""
    actor = game.scenario.actors[actor_id]
    turn = next((t for t in game.turns if t.actor == actor_id), None)
    if turn is not None and turn.kind == "seal":
        then = "their choice is secret until every seat has chosen."
    elif briefed:
        then = "their private briefing is under Briefing (B)."
    else:
        then = "their private briefing comes next."
    return Handover(
        actor.id,
        actor.name,
        actor.colour,
        heading=f"{actor.name}: your turn",
        instruction=f"Pass the computer to the players of {the_actor(actor.name)}; everyone else, please look away. "
        f"Continue when only they can see the screen: {then}",
    )


def debrief_briefings(game: Game) -> tuple[Briefing, ...]:
    """Every briefing, for the debrief once the game is over (empty while it is still going on)."""
    if not game.ended:
        return ()
    return tuple(_briefing(game, actor) for actor in game.scenario.actors.values())

"""Hot seat: which briefings may be on screen, and when to hand the computer over.

Several delegations share one computer. A briefing is private: it may be shown only to the
delegation whose turn it is, after the hand-over screen has named it — unless the teacher has
chosen projector mode, where every briefing is shown openly to the whole room. The window asks
these functions rather than deciding itself, so the rule is tested in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..engine import Actor, Game
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


def _briefing(actor: Actor) -> Briefing:
    return Briefing(actor.id, actor.name, actor.colour, actor.briefing)


def turn_of(game: Game) -> Actor | None:
    """The actor whose decision is waiting, if a person plays it; None otherwise."""
    decision = game.decision
    if decision is None or game.controller(decision.actor.id) != "human":
        return None
    return decision.actor


def briefing_for(game: Game, viewer_actor: str | None, projector_mode: bool) -> tuple[Briefing, ...]:
    """The briefings that may be shown now to ``viewer_actor`` (the delegation at the computer).

    Projector mode: every briefing, since the whole room sees the screen anyway. Otherwise: the
    viewer's own briefing only, and only while it is the viewer's turn at a human decision; at any
    other moment nothing private is shown."""
    if projector_mode:
        return tuple(_briefing(actor) for actor in game.scenario.actors.values())
    actor = turn_of(game)
    if actor is None or viewer_actor != actor.id:
        return ()
    return (_briefing(actor),)


def needs_handover(game: Game, last_viewer: str | None, projector_mode: bool) -> bool:
    """Whether to show the hand-over screen before the waiting decision.

    Needed when a person must decide and the delegation last at the computer (``last_viewer``;
    None at the start) is a different one. Never in projector mode: nothing there is private."""
    actor = turn_of(game)
    return actor is not None and not projector_mode and actor.id != last_viewer


def handover(game: Game) -> Handover | None:
    """What the hand-over screen says, or None when no person is to decide."""
    actor = turn_of(game)
    if actor is None:
        return None
    return Handover(
        actor.id,
        actor.name,
        actor.colour,
        heading=f"{actor.name}: your turn",
        instruction=f"Pass the computer to the players of {the_actor(actor.name)}; everyone else, please look away. "
        "Continue when only they can see the screen: their private briefing comes next.",
    )


def debrief_briefings(game: Game) -> tuple[Briefing, ...]:
    """Every briefing, for the debrief once the game is over (empty while it is still going on)."""
    if not game.ended:
        return ()
    return tuple(_briefing(actor) for actor in game.scenario.actors.values())

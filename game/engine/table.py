"""One table interface for every front end: seats, each seat's view, each seat's actions.

The terminal, the window's hot seat and a networked class all play through a ``Table``: it seats
the delegations people play, gives each seat its ``View`` (and the projector and the teacher theirs),
takes a seat's action — choose, propose, answer, seal — and lets the computer delegations move.
A front end adds only how actions arrive and how views are drawn, so a rule exists once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .game import Game, GameError
from .rules import Happening
from .views import REASON_LEVELS, View, view


@dataclass(frozen=True)
class Action:
    """What a seat does: ``kind`` is choose, propose, answer or seal. ``choice`` names a choice (id or
    number) for choose and seal; ``answer`` is accept, reject, counter or walk; ``package`` maps issues to
    options for propose and counter."""

    kind: str
    choice: str | int = ""
    answer: str = ""
    package: Mapping[str, str] = field(default_factory=dict)
    reason: str = ""


class Table:
    """A game with seats: the delegations people play."""

    def __init__(self, game: Game, reasons: str = "numbers") -> None:
        if reasons not in REASON_LEVELS:
            raise ValueError(f"reasons are shown as one of {', '.join(REASON_LEVELS)}, not {reasons!r}")
        self.game = game
        self.reasons = reasons

    @property
    def seats(self) -> tuple[str, ...]:
        """The delegations people play, in the scenario's order."""
        return tuple(a for a in self.game.scenario.actors if self.game.controller(a) == "human")

    def view(self, viewer: str) -> View:
        return view(self.game, viewer, self.reasons)

    def waiting_for(self) -> tuple[str, ...]:
        """The seats that must act now."""
        return tuple(t.actor for t in self.game.turns if t.actor in self.seats)

    def act(self, seat: str, action: Action) -> list[Happening]:
        """Carry out ``seat``'s action; raise ``GameError`` with a players' message if it cannot be."""
        if seat not in self.seats:
            raise GameError(f"{seat!r} is not a seat at this table")
        turn = next((t for t in self.game.turns if t.actor == seat), None)
        if turn is None:
            raise GameError("it is not your turn")
        instead = action.kind == "answer" and action.answer in ("walk", "pass") and turn.kind == "propose"
        if action.kind != turn.kind and not instead:
            raise GameError(f"now is the time to {turn.kind}, not to {action.kind}")
        game = self.game
        if action.kind == "choose":
            return game.choose(action.choice, reason=action.reason)
        if action.kind == "seal":
            return game.seal(seat, action.choice, reason=action.reason)
        if action.kind == "propose":
            return game.propose(seat, action.package, reason=action.reason)
        return game.answer(seat, action.answer, action.package or None, reason=action.reason)

    def advance(self, limit: int = 10_000) -> list[Happening]:
        """Let the computer delegations move until a seat must act or the game ends."""
        out: list[Happening] = []
        for _ in range(limit):
            if not self.game.computer_to_move:
                break
            out.extend(self.game.play_computer())
        return out

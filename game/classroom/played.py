"""Who played a delegation, worked out from its moves rather than from who holds the seat at the end.

A hosted class can hand a seat to the computer late (a student leaves) and give it back: the
settings' controller then says only who holds the seat now. Each move records who took it (``by``:
a person, a choice made in a person's seat when time ran out, or a computer policy), so the moves
tell who played the role and how much of it. A networked table's save also carries the names of
each seat's members (``store``), so the words can name them: "Cara (4 moves), then the computer (1)".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from ..engine import Game, Move
from ..engine.jsonread import JSONObject, JSONValue

KEY = "members"  # in a save's settings.extras: actor -> names of the students seated there
Kind = Literal["students", "computer", "both"]

COMPUTER_WORDS = {
    "historical": "computer (as history, then its aims)",
    "disposition": "computer (as history, then in character)",
    "goals": "computer (by its aims)",
    "random": "computer (at random)",
}


def computer_words(controller: str) -> str:
    """A computer policy in the players' words (never a policy's bare name)."""
    return COMPUTER_WORDS.get(controller, f"computer ({controller})")


@dataclass(frozen=True)
class Stretch:
    """Consecutive decisions of one delegation taken by the same side: its students or the computer."""

    students: bool
    moves: int


@dataclass(frozen=True)
class Played:
    """Who played one delegation in one game, from its moves."""

    by_students: int  # decisions taken in the students' seat (by them, or for them when time ran out)
    by_computer: int
    stretches: tuple[Stretch, ...]  # in the order played
    names: tuple[str, ...]  # the seat's members, when the save names them
    controller: str  # who holds the seat at the end

    @property
    def kind(self) -> Kind:
        """'students', 'computer' or 'both' (a delegation that never moved goes by its controller)."""
        if self.by_students and self.by_computer:
            return "both"
        if self.by_students or (not self.by_computer and self.controller == "human"):
            return "students"
        return "computer"

    @property
    def mostly_students(self) -> bool:
        """Students took at least half of the delegation's decisions: its score is theirs."""
        if self.kind == "both":
            return self.by_students >= self.by_computer
        return self.kind == "students"

    def words(self) -> str:
        """'students', 'Cara and Dev (5 moves)', 'computer (as history, then in character)', or for a
        seat that changed hands 'Cara (4 moves), then the computer (1)'."""
        people = " and ".join(self.names) if self.names else "the students"
        if self.kind == "computer":
            return computer_words(self.controller if self.controller != "human" else "disposition")
        if self.kind == "students":
            if not self.names:
                return "students"
            return f"{people} ({_moves(self.by_students)})" if self.by_students else people
        parts = []
        for index, stretch in enumerate(self.stretches):
            who = people if stretch.students else "the computer"
            count = _moves(stretch.moves) if index == 0 else str(stretch.moves)
            parts.append(f"{who} ({count})")
        text = ", then ".join(parts)
        return text[0].upper() + text[1:] if text.startswith("the ") else text


def _moves(count: int) -> str:
    return f"{count} {'move' if count == 1 else 'moves'}"


def played(game: Game, actor: str) -> Played:
    """Who played ``actor`` in ``game``: counted from its moves, named from the save's members."""
    return played_from(game.moves, actor, game.controller(actor), members_of(game).get(actor, ()))


def played_from(moves: Sequence[Move], actor: str, controller: str, names: Sequence[str] = ()) -> Played:
    students = computer = 0
    stretches: list[Stretch] = []
    for move in moves:
        if move.actor != actor or move.by == "chance":
            continue
        theirs = move.in_persons_seat
        students += theirs
        computer += not theirs
        if stretches and stretches[-1].students == theirs:
            stretches[-1] = Stretch(theirs, stretches[-1].moves + 1)
        else:
            stretches.append(Stretch(theirs, 1))
    return Played(students, computer, tuple(stretches), tuple(names), controller)


def store(game: Game, members: Mapping[str, Sequence[str]]) -> None:
    """Keep the names of each seat's members in the game's settings (and so in its save)."""
    kept: JSONObject = {actor: list[JSONValue](names) for actor, names in members.items() if names}
    if kept:
        game.settings.extras[KEY] = kept
    else:
        game.settings.extras.pop(KEY, None)


def members_of(game: Game) -> dict[str, tuple[str, ...]]:
    """The names a save carries for each seat (entries that are not names are left out)."""
    kept = game.settings.extras.get(KEY, {})
    if not isinstance(kept, dict):
        return {}
    return {
        actor: tuple(n for n in names if isinstance(n, str)) for actor, names in kept.items() if isinstance(names, list)
    }

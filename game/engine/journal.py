"""Where a game's moves are kept as they are made: one interface for every store.

A game is (scenario, settings, moves), and moves only ever grow at the end — or shrink from the end,
when a move is taken back. So a store never rewrites a game: it writes the game's header once and
then appends each move as it is made (a 10,000-move game saves as fast as a 10-move one). The
autosaves on disk and a networked class's database both keep games through this interface, and
``Game.replay`` rebuilds a game from what they hold.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from .game import Move
from .jsonread import JSONObject


class MoveJournal(Protocol):
    """A game's record, kept move by move."""

    def begin(self, header: JSONObject) -> None:
        """Start the record of a game: what it is (scenario, settings); no moves yet."""

    def append(self, move: Move) -> None:
        """Add one move at the end, durably, before the move is acknowledged to anyone."""

    def truncate(self, count: int) -> None:
        """Keep only the first ``count`` moves (after an undo)."""

    def load(self) -> tuple[JSONObject, Sequence[Move]]:
        """The header and every move kept, in order; ``DamagedError`` when they cannot be read."""

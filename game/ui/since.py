"""'Since your last turn' for each delegation played at this computer.

In a hot seat several delegations take turns at one screen. Each one's summary must cover what
happened since *that* delegation last moved (its own move, then everyone else's), not since the
previous player's move, so the play screen keeps one ``Since`` per delegation and brings every
one up to date after each move, each in its own view's words (a private measure only for those
who know it, a sealed choice unnamed before the reveal). Plain data, no pygame.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..engine import Happening, Scenario
from ..engine.expr import Value
from ..engine.views import View
from ..engine.wording import value_words
from .story import plain
from .table_turn import Change, join_sentences, lines_since, measure_changes

QUIET = ("outcome", "deadline", "stuck")  # the end of the game is not a line of the summary


@dataclass
class Since:
    """What a delegation has not seen yet: the game log from ``start`` on (its own last move
    first), and the measures changed since, each from what to what and by which moves."""

    start: int
    values: dict[str, Value]  # the measures its view showed before the latest move
    changes: dict[str, Change] = field(default_factory=dict)

    @classmethod
    def begin(cls, start: int, view: View) -> Since:
        """Nothing seen yet beyond log entry ``start``; the measures as ``view`` shows them now."""
        return cls(start, {m.id: m.value for m in view.meters})

    def follow(self, scenario: Scenario, log: Sequence[Happening], happened: int, view: View, own: bool) -> bool:
        """Take in a move whose ``happened`` entries end ``log``, as the delegation's ``view`` shows
        it. Its ``own`` move starts the summary again (with what that move did). True when one of
        the measures it shows changed."""
        start = len(log) - happened
        lines = lines_since(view, log, start)
        cause = join_sentences([plain(scenario, line) for line in lines if line.kind not in QUIET])
        if own:
            self.start = start

        def words(variable: str, value: Value) -> str:
            return value_words(scenario.issues, variable, value)

        before = self.values
        self.changes = measure_changes({} if own else self.changes, before, view.meters, cause, words)
        self.values = {m.id: m.value for m in view.meters}
        return any(m.id in self.changes and before.get(m.id) != m.value for m in view.meters)

"""The historical path: a game in which every delegation does what history did, and where a played
game parted from it (the turning point).

One home for both, so the window's debrief, the terminal's replay and the classroom's transcripts
and reports compare a game with history by the same rule. History is compared under the played
game's own lens and seed: the same rules and the same draws, so the paths can only part by a choice.
"""

from __future__ import annotations

from collections.abc import Sequence

from .game import Game, Move
from .model import Scenario

_PLAYED: dict[tuple[str, str, str, int], Game] = {}
_PLAYED_LIMIT = 32


def historical_game(scenario: Scenario, lens: str | None = None, seed: int = 0) -> Game:
    """A new game in which every actor follows history and chance takes its historical branches."""
    return Game.new(scenario, lens, seed, {a: "historical" for a in scenario.actors}, follow_history=True)


def played_history(scenario: Scenario, lens: str | None = None, seed: int = 0) -> Game:
    """The historical game played to its end under ``lens`` and ``seed`` (shared: do not change it).

    Played once per scenario content, lens and seed, so a class report of many saves pays for it once."""
    key = (scenario.id, scenario.content_hash, lens or "", seed)
    game = _PLAYED.get(key)
    if game is None or game.scenario is not scenario:
        game = historical_game(scenario, lens or None, seed)
        game.play_until_human()
        if len(_PLAYED) >= _PLAYED_LIMIT:
            _PLAYED.clear()
        _PLAYED[key] = game
    return game


def turning_point(played: Sequence[Move], history: Sequence[Move], *, finished: bool) -> int | None:
    """The index in ``played`` of the first move where the played game left history; None if it has not.

    Moves are compared by node and step, pair by pair. Where one path has a move and the other has
    none, they part too: a played path longer than history's parts at ``len(history)``. A played path
    that is the start of history's has not left it while the game goes on (None), but if the game is
    ``finished`` it ended where history went on, and parts at ``len(played)``: one index past its last
    move. So a path identical to history gives None, and one that differs at the first move gives 0.
    """
    for index, (mine, theirs) in enumerate(zip(played, history, strict=False)):
        if (mine.node, mine.step) != (theirs.node, theirs.step):
            return index
    if len(played) > len(history):
        return len(history)
    if finished and len(played) < len(history):
        return len(played)
    return None

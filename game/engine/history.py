"""The historical path: a game in which every delegation does what history did, and where a played
game parted from it (the turning point).

One home for both, so the window's debrief, the terminal's replay and the classroom's transcripts
and reports compare a game with history by the same rule. History is compared under the played
game's own lens and seed: the same rules and the same draws, so the paths can only part by a choice.
"""

from __future__ import annotations

from collections import Counter
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


def _keys(moves: Sequence[Move]) -> list[tuple[str, str, int]]:
    """Each move as (node, actor, how many moves that actor has made at that node so far)."""
    made: Counter[tuple[str, str]] = Counter()
    out = []
    for move in moves:
        made[move.node, move.actor] += 1
        out.append((move.node, move.actor, made[move.node, move.actor]))
    return out


def aligned_history(played: Sequence[Move], history: Sequence[Move]) -> list[Move]:
    """History's moves, those the played game has made so far in the order it made them.

    At a table several parties answer the same offer, and a computer may answer before a person
    where history had the person first. Each party still makes its own recorded moves (the rule by
    which the engine says a game follows history), so the paths have not parted: history's moves at
    the table are put in the played order, move for move, for as long as each played move is the one
    history records next for that party at that place. The rest follow in history's own order."""
    keys = _keys(history)
    where = {key: index for index, key in enumerate(keys)}
    taken: dict[int, None] = {}  # history's indexes in the played order
    waiting = 0  # history's first move not yet matched: a move is taken early only at the same node
    for key, mine in zip(_keys(played), played, strict=True):
        index = where.get(key)
        if index is None or history[index].step != mine.step or history[index].node != history[waiting].node:
            break
        taken[index] = None
        while waiting < len(history) - 1 and waiting in taken:
            waiting += 1
    return [history[i] for i in taken] + [move for i, move in enumerate(history) if i not in taken]


def turning_point(played: Sequence[Move], history: Sequence[Move], *, finished: bool) -> int | None:
    """The index in ``played`` of the first move where the played game left history; None if it has not.

    Moves are compared by node and step, pair by pair, with history's moves in the played order
    where parties at a table answered in another order (``aligned_history``). Where one path has a
    move and the other has none, they part too: a played path longer than history's parts at
    ``len(history)``. A played path that is the start of history's has not left it while the game goes
    on (None), but if the game is ``finished`` it ended where history went on, and parts at
    ``len(played)``: one index past its last move. So a path identical to history gives None, and one
    that differs at the first move gives 0.
    """
    history = aligned_history(played, history)
    for index, (mine, theirs) in enumerate(zip(played, history, strict=False)):
        if (mine.node, mine.step) != (theirs.node, theirs.step):
            return index
    if len(played) > len(history):
        return len(history)
    if finished and len(played) < len(history):
        return len(played)
    return None

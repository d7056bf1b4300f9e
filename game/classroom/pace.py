"""Pace: an optional time limit per decision, and what happens when it runs out.

Pure logic, driven by clock values the caller supplies (``time.monotonic()`` in the window, plain
numbers in tests), so a countdown can be tested without waiting and paused during a hand-over.

When time runs out, the rule chosen at setup decides:

- ``computer``: the computer's choice for that actor (``Game.computer_choice``).
- ``status_quo``: the choice that keeps things as they are — the open choice the scenario marks
  ``status_quo: true``; failing that, the open choice with no effects that takes the most days (the
  first such in the file on a tie); if every open choice has effects, the first open choice.

The move is recorded as made in the person's seat on their behalf (``by="proxy"``); the rule is the
class's setting (``ClassroomSettings.timeout_rule``), so transcripts can say time ran out and how.

At the table (a negotiation or a sealed move) the rule is the same whatever the class chose, because
a delegation's silence must never commit it to terms it did not choose:

- an answer that is due lapses as a rejection of the offer on the table;
- a proposer makes no offer: it passes (``pass``), the round closes and the next party proposes;
- a sealed seat takes its status quo, chosen as at a decision (``status_quo_choice``).

Each such move is recorded ``by="proxy"`` with a one-line reason saying what the clock did
(``table_timeout``), which the transcripts show. ``resolve_turn_timeout`` is the one call for any
turn: a decision goes by the class's rule, a move at the table by the rule above.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final, Literal, get_args

from ..engine import Decision, Game, GameError, Happening, Step

TimeoutRule = Literal["computer", "status_quo"]  # what happens when a person's time runs out
RULES: tuple[TimeoutRule, ...] = get_args(TimeoutRule)
COMPUTER: Final = "computer"
STATUS_QUO: Final = "status_quo"
RULE_NAMES: dict[str, str] = {COMPUTER: "the computer decides", STATUS_QUO: "the status quo holds"}


def check_rule(rule: str) -> TimeoutRule:
    """The rule, or ``ValueError`` naming the rules there are."""
    for known in RULES:
        if known == rule:
            return known
    raise ValueError(f"no pace rule {rule!r}; use one of: {', '.join(RULES)}")


@dataclass(frozen=True)
class PaceSetting:
    """The setup choice: seconds per decision (None: no limit) and the rule when time runs out."""

    seconds: int | None = None
    rule: TimeoutRule = COMPUTER

    def __post_init__(self) -> None:
        check_rule(self.rule)
        if self.seconds is not None and self.seconds <= 0:
            raise ValueError(f"a time limit must be a positive number of seconds, not {self.seconds}")

    @property
    def enabled(self) -> bool:
        return self.seconds is not None

    def describe(self) -> str:
        """One sentence for the setup screen and the teacher."""
        if self.seconds is None:
            return "No time limit."
        return f"{clock_text(self.seconds)} per decision; when time runs out, {RULE_NAMES[self.rule]}."


def clock_text(seconds: float) -> str:
    """``m:ss``, rounded up so the display reads 0:00 only when time is really out."""
    whole = max(0, math.ceil(seconds - 1e-9))
    return f"{whole // 60}:{whole % 60:02d}"


class Deadline:
    """A countdown for one decision. Every method takes ``now``: a clock value in seconds.

    Pausing (while the hand-over screen is up, say) stops the countdown; a clock that goes backwards
    never adds time."""

    def __init__(self, seconds: float, now: float) -> None:
        if seconds <= 0:
            raise ValueError(f"a deadline needs a positive number of seconds, not {seconds}")
        self.seconds = float(seconds)
        self._started = now
        self._spent_before = 0.0  # seconds used before the latest pause
        self._paused_at: float | None = None

    @property
    def paused(self) -> bool:
        return self._paused_at is not None

    def elapsed(self, now: float) -> float:
        running = 0.0 if self._paused_at is not None else max(0.0, now - self._started)
        return self._spent_before + running

    def remaining(self, now: float) -> float:
        return max(0.0, self.seconds - self.elapsed(now))

    def expired(self, now: float) -> bool:
        return self.remaining(now) <= 0.0

    def fraction_left(self, now: float) -> float:
        """From 1.0 at the start to 0.0 when time is out: for a shrinking bar."""
        return self.remaining(now) / self.seconds

    def warning(self, now: float) -> bool:
        """True in the last stretch (10 seconds or the last fifth, whichever is longer)."""
        return self.remaining(now) <= max(10.0, self.seconds / 5)

    def text(self, now: float) -> str:
        return clock_text(self.remaining(now))

    def pause(self, now: float) -> None:
        if self._paused_at is None:
            self._spent_before = self.elapsed(now)
            self._paused_at = now

    def resume(self, now: float) -> None:
        if self._paused_at is not None:
            self._paused_at = None
            self._started = now


def status_quo_choice(decision: Decision) -> Step:
    """The open choice the scenario marks ``status_quo``; failing that, the one that changes
    nothing and takes longest; else the first open choice."""
    options = [view.step for view in decision.open_choices]
    if not options:
        raise GameError(f"no choice is open at '{decision.node.title}'")
    marked = [step for step in options if step.status_quo]
    if marked:
        return marked[0]
    quiet = [step for step in options if not step.effects]
    if not quiet:
        return options[0]
    longest = max(step.days for step in quiet)
    return next(step for step in quiet if step.days == longest)


def timeout_choice(game: Game, rule: TimeoutRule) -> Step:
    """What the rule would choose now, without choosing it (the window can show it in advance)."""
    decision = game.decision
    if decision is None:
        raise GameError("no decision is waiting")
    if check_rule(rule) == COMPUTER:
        return game.computer_choice()
    return status_quo_choice(decision)


def resolve_timeout(game: Game, rule: TimeoutRule) -> list[Happening]:
    """Time ran out: take the rule's choice for the actor whose turn it is, on the person's behalf
    (``by="proxy"``); return what happened."""
    step = timeout_choice(game, rule)
    return game.choose(step.id, by="proxy")


ANSWER_LAPSES: Final = "Time ran out: the offer lapses, as a rejection."
NO_OFFER_PASSES: Final = "Time ran out before an offer was made: the turn to propose passes."


@dataclass(frozen=True)
class TableTimeout:
    """The move the clock takes for a person at the table: ``kind`` is the turn's kind (answer,
    propose or seal), ``move`` the talk move (reject, pass) or the sealed choice's id."""

    actor: str
    kind: str
    move: str
    label: str  # the move in players' words
    reason: str


def table_timeout(game: Game, actor: str) -> TableTimeout:
    """What the clock would take for ``actor`` at the table now, without taking it (the window can
    show it in advance); ``GameError`` when ``actor`` has no move to make at a negotiation or sealed move."""
    turn = next((t for t in game.turns if t.actor == actor), None)
    node = game.node
    if turn is None or node is None or turn.kind == "choose":
        raise GameError(f"{actor!r} has no move to make at the table now")
    if turn.kind == "answer":
        return TableTimeout(actor, "answer", "reject", "rejects the offer", ANSWER_LAPSES)
    if turn.kind == "propose":
        return TableTimeout(actor, "propose", "pass", "makes no offer", NO_OFFER_PASSES)
    decision = game.decision_for(actor)
    if decision is None:
        raise GameError(f"{actor!r} has no sealed choice to make now")
    step = status_quo_choice(decision)
    return TableTimeout(actor, "seal", step.id, step.label, f"Time ran out: the status quo holds ({step.label}).")


def resolve_table_timeout(game: Game, actor: str) -> list[Happening]:
    """Time ran out for ``actor`` at the table: take ``table_timeout``'s move on the person's behalf
    (``by="proxy"``, with its reason); return what happened."""
    taken = table_timeout(game, actor)
    if taken.kind == "seal":
        return game.seal(actor, taken.move, by="proxy", reason=taken.reason)
    return game.answer(actor, taken.move, by="proxy", reason=taken.reason)


def resolve_turn_timeout(game: Game, rule: TimeoutRule, actor: str | None = None) -> list[Happening]:
    """Time ran out on the current turn: a decision goes by the class's ``rule`` (``resolve_timeout``),
    a move at the table by the table's rule (``resolve_table_timeout``). ``actor`` names the seat whose
    clock ran out when several must act at once; by default, the first person due to act."""
    if game.decision is not None:
        if actor is not None and actor != game.decision.actor.id:
            raise GameError(f"it is not {actor!r}'s decision")
        return resolve_timeout(game, rule)
    if actor is None:
        actor = next((t.actor for t in game.turns if game.controller(t.actor) == "human"), None)
        if actor is None:
            raise GameError("no person is due to act")
    return resolve_table_timeout(game, actor)

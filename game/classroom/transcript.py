"""The transcript of a session: a plain model built from a ``Game``, for printing and discussion.

``build_transcript(game)`` gathers the setup, every decision (date, actor, choice, who chose, the
players' reason, effects), the events, the ending and how speculative it is, the comparison with
the historical path and the sources. In a format-2 game it also gathers the moves at the table
(offers with their terms, answers, counters, walk-outs, the deal or its failure), the sealed choices
as they were revealed, each computer move's one-line reason, and at the end each delegation's score
with what earned it (secret objectives included and marked: a transcript is the teacher's and the
debrief's document) and the hidden draws. A networked table's save adds the in-character messages
between delegations, public and private, marked as such (``messages``). It knows nothing of its
renderers: the caller picks one, ``markdown_text.transcript_markdown`` or
``transcript_html.transcript_html``, as the window's debrief and the ``transcript`` command do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..engine import Game, Happening, Move, Scenario
from ..engine.history import aligned_history, played_history, turning_point
from ..engine.pairing import move_lines
from ..engine.rules import EndingKind, HappeningKind
from ..engine.scoring import best_total, scores
from ..engine.wording import cite, describe_effects, drawn_range, show_value, value_words
from . import history
from . import messages as table_messages
from .messages import TableMessage
from .pace import COMPUTER, RULE_NAMES
from .played import computer_words, played
from .settings import ClassroomSettings

ENDINGS: tuple[EndingKind, ...] = ("outcome", "deadline", "stuck")
TIME_RAN_OUT = "time ran out"  # who took a move at the table when a person's clock ran out


@dataclass(frozen=True)
class Role:
    actor: str
    name: str
    colour: str
    seat: str
    played_by: str  # "students", "computer (as history, then in character)", "Cara (4 moves), then the computer (1)"...


@dataclass(frozen=True)
class SourceRef:
    number: int
    id: str
    citation: str
    url: str = ""


@dataclass(frozen=True)
class Entry:
    """One line of the session: a decision, a chance result, an event or the ending."""

    kind: HappeningKind
    date: dt.date
    title: str  # the choice's label, the branch's label or the event's title
    text: str = ""
    node_title: str = ""  # the situation a decision or chance result belongs to
    actor: str = ""
    actor_name: str = ""
    colour: str = ""
    number: int = 0  # decisions are numbered from 1
    by: str = ""  # who chose, in words
    reason: str = ""
    effects: tuple[str, ...] = ()
    historical: bool = False
    history_label: str = ""  # what history did at this decision, when this game did otherwise
    sources: tuple[int, ...] = ()
    terms: str = ""  # an offer's or counter-offer's terms, in players' words
    sealed: bool = False  # a choice made in secret, shown as it was revealed


@dataclass(frozen=True)
class Ending:
    title: str
    epilogue: str
    date: dt.date
    speculative: str  # none | low | medium | high
    speculation: str
    historical: bool
    sources: tuple[int, ...] = ()


@dataclass(frozen=True)
class Row:
    """A row of the side-by-side comparison: this game's move and history's at the same node.

    Rows exist only while both paths go through the same nodes: the common prefix and the turning
    point. What follows is in ``Transcript.played_after`` and ``Transcript.history_after``."""

    played: history.Step
    historical: history.Step
    turning: bool = False

    @property
    def same(self) -> bool:
        return (self.played.node, self.played.step) == (self.historical.node, self.historical.step)


@dataclass(frozen=True)
class Tally:
    """Who took the decisions of a game: the class, the computer, or the clock."""

    by_class: int = 0
    by_computer: int = 0
    by_clock: int = 0  # time ran out and the pace rule chose

    @property
    def total(self) -> int:
        return self.by_class + self.by_computer + self.by_clock

    def detail(self) -> str:
        """'11 by the class, 13 by the computer' (time-outs named when there were any)."""
        parts = [f"{self.by_class} by the class", f"{self.by_computer} by the computer"]
        if self.by_clock:
            parts.append(f"{self.by_clock} when time ran out")
        return ", ".join(parts)

    def words(self) -> str:
        """'24 decisions: 11 by the class, 13 by the computer'."""
        if not self.total:
            return "no decisions yet"
        return f"{self.total} {'decision' if self.total == 1 else 'decisions'}: {self.detail()}"


@dataclass(frozen=True)
class ObjectiveLine:
    text: str
    points: int
    met: bool
    secret: bool


@dataclass(frozen=True)
class ScoreCard:
    """One delegation's score at the ending and what earned it."""

    actor: str
    name: str
    colour: str
    total: int
    possible: int
    objectives: tuple[ObjectiveLine, ...]


@dataclass(frozen=True)
class Draw:
    """A hidden draw, revealed: what it measured, the value drawn, and the range it was drawn from."""

    label: str
    value: str
    low: int
    high: int


def tally(moves: list[Move]) -> Tally:
    """Count the decisions in ``moves`` (chance results are not decisions) by who took them. A move
    made in a person's seat on their behalf (``proxy``) is, in class, one made when time ran out."""
    people = computer = clock = 0
    for move in moves:
        if move.by == "chance":
            continue
        if move.by == "proxy":
            clock += 1
        elif move.by == "human":
            people += 1
        else:
            computer += 1
    return Tally(people, computer, clock)


@dataclass
class Transcript:
    scenario_id: str
    title: str
    summary: str
    lens: str
    lens_text: str
    seed: int
    follow_history: bool
    roles: list[Role]
    entries: list[Entry]
    ending: Ending | None  # None while the game is unfinished
    history_ending: Ending | None
    comparison: list[Row]  # side by side: the common prefix and the turning point
    turning_point: str  # "" when the game never left history
    sources: list[SourceRef]
    standing: list[tuple[str, str]] = field(default_factory=list)  # visible values at the end
    notes: list[str] = field(default_factory=list)
    played_after: list[history.Step] = field(default_factory=list)  # this game after the rows, on its own
    history_after: list[history.Step] = field(default_factory=list)  # history after the rows, on its own
    count: Tally = field(default_factory=Tally)
    scores: list[ScoreCard] = field(default_factory=list)  # at the ending, for delegations with objectives
    draws: list[Draw] = field(default_factory=list)  # hidden draws, revealed once the game has ended
    messages: list[TableMessage] = field(default_factory=list)  # at a networked table, in the order sent

    @property
    def decisions(self) -> list[Entry]:
        return [e for e in self.entries if e.kind == "decision"]


def played_by(controller: str) -> str:
    """Who plays as ``controller``, in the players' words (never a policy's bare name)."""
    return "students" if controller == "human" else computer_words(controller)


def chosen_by(by: str, rule: str = COMPUTER, at_table: bool = False) -> str:
    """Who took a decision, in words; ``rule`` is the class's pace rule, for a time-out. At the table a
    time-out follows the table's own rule (``pace``), which the move's reason states."""
    if by == "proxy":
        return TIME_RAN_OUT if at_table else f"time ran out: {RULE_NAMES.get(rule, rule)}"
    return played_by(by)


class _Sources:
    """Numbers sources in order of first citation."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.refs: dict[str, SourceRef] = {}

    def cite(self, *ids: str) -> tuple[int, ...]:
        out = []
        for sid in ids:
            source = self.scenario.sources.get(sid)
            if source is None:
                continue
            if sid not in self.refs:
                text = cite(self.scenario, sid, with_url=False)  # the renderers link the address themselves
                self.refs[sid] = SourceRef(len(self.refs) + 1, sid, text, source.url)
            out.append(self.refs[sid].number)
        return tuple(dict.fromkeys(out))


def _ending(scenario: Scenario, item: Happening, sources: _Sources) -> Ending:
    outcome = scenario.outcomes[item.node]
    return Ending(
        outcome.title,
        item.text or outcome.epilogue,
        outcome.date or scenario.date_of(item.day),
        outcome.speculative,
        outcome.speculation,
        outcome.historical,
        sources.cite(*outcome.sources),
    )


TABLE_KINDS = ("offer", "answer", "deal", "no_deal", "sealed", "reveal")


def _table_entry(game: Game, item: Happening, move: Move | None, refs: tuple[int, ...]) -> Entry:
    """A line from the table: an offer, an answer, a note, the deal or its failure, a secret choice, a reveal."""
    scenario = game.scenario
    node = scenario.nodes.get(item.node)
    actor = scenario.actors.get(item.actor)
    date = scenario.date_of(item.day)
    detail, _, said = item.text.partition("\n")
    title, text, terms = item.title, item.text, ""
    if item.kind in ("offer", "answer") and move is not None:
        text = ""
        terms = detail if move.step in ("propose", "counter") else ""
    elif item.kind == "sealed":
        text = ""
    return Entry(
        item.kind,
        date,
        title,
        text,
        node.title if node else item.node,
        item.actor,
        actor.name if actor else item.actor,
        actor.colour if actor else "",
        by=chosen_by(move.by, at_table=True) if move else "",
        reason=(move.reason or said) if move and item.kind != "sealed" else "",
        effects=describe_effects(scenario, item.effects),
        historical=item.historical,
        sources=refs,
        terms=terms,
    )


def _entries(game: Game, sources: _Sources) -> tuple[list[Entry], Ending | None]:
    scenario = game.scenario
    rule = ClassroomSettings.of(game).timeout_rule
    made = move_lines(scenario, game.log, game.moves)  # a line's index -> the move that made it
    entries: list[Entry] = []
    ending = None
    number = 0
    for index, item in enumerate(game.log):
        made_by = game.moves[made[index]] if index in made else None
        date = scenario.date_of(item.day)
        node = scenario.nodes.get(item.node)
        if item.kind in ENDINGS:
            ending = _ending(scenario, item, sources)
            entries.append(
                Entry(item.kind, date, item.title, ending.epilogue, historical=item.historical, sources=ending.sources)
            )
            continue
        refs = sources.cite(item.source, *(node.sources if node else ()))
        if item.kind in TABLE_KINDS:
            entries.append(_table_entry(game, item, made_by, refs))
            continue
        effects = describe_effects(scenario, item.effects)
        if item.kind != "decision":
            title = node.title if node and item.kind == "chance" else ""
            entries.append(
                Entry(
                    item.kind,
                    date,
                    item.title,
                    item.text,
                    title,
                    effects=effects,
                    historical=item.historical,
                    sources=refs,
                )
            )
            continue
        number += 1
        sealed = bool(node and node.sealed)
        move = made_by
        if move is not None and move.node == item.node:
            date = scenario.date_of(move.day)  # the day it was decided, before the time it took
        actor = scenario.actors.get(item.actor)
        expected = history.historical_choice(node, item.actor) if node else None
        other = expected.label if expected and expected.id != item.step else ""
        entries.append(
            Entry(
                "decision",
                date,
                item.title,
                item.text,
                node.title if node else item.node,
                item.actor,
                actor.name if actor else item.actor,
                actor.colour if actor else "",
                number,
                chosen_by(move.by, rule, at_table=sealed) if move else "",
                move.reason if move else "",
                effects,
                item.historical,
                other,
                refs,
                sealed=sealed,
            )
        )
    return entries, ending


def score_cards(game: Game) -> list[ScoreCard]:
    """Each delegation's score once the game has ended (none while it goes on)."""
    if not game.ended:
        return []
    scenario = game.scenario
    cards = []
    for actor_id, score in scores(scenario, game.state).items():
        actor = scenario.actors[actor_id]
        lines = tuple(
            ObjectiveLine(r.objective.text, r.objective.points, r.met, r.objective.secret) for r in score.results
        )
        best = best_total(scenario, actor_id)  # at one ending, as the role sheet says
        cards.append(ScoreCard(actor_id, actor.name, actor.colour, score.total, best, lines))
    return cards


def _draws(game: Game) -> list[Draw]:
    """The hidden draws and what they drew, once the game has ended."""
    if not game.ended:
        return []
    scenario = game.scenario
    out = []
    for variable in scenario.variables.values():
        if not variable.drawn:
            continue
        low, high = drawn_range(scenario, game.settings.lens, variable)
        value = show_value(game.state.values.get(variable.id))
        out.append(Draw(variable.label or variable.id, value, low, high))
    return out


def _comparison(game: Game, past: Game) -> tuple[list[Row], list[history.Step], list[history.Step], str]:
    """Rows for the stretch both paths share (to the turning point), then each path on its own."""
    scenario = game.scenario
    turn = turning_point(game.moves, past.moves, finished=game.ended)
    paired = history.paired_length(game.moves, past.moves)
    record = aligned_history(game.moves, past.moves)
    rows = [
        Row(history.describe(scenario, mine), history.describe(scenario, theirs), index == turn)
        for index, (mine, theirs) in enumerate(zip(game.moves[:paired], record[:paired], strict=True))
    ]
    played_after = [history.describe(scenario, m) for m in game.moves[paired:]]
    history_after = [history.describe(scenario, m) for m in record[paired:]]
    words = ""
    if turn is not None and turn < len(game.moves):
        words = history.parting_words(history.describe(scenario, game.moves[turn]))
    elif turn is not None:
        words = history.ENDED_EARLY
    return rows, played_after, history_after, words


def build_transcript(game: Game) -> Transcript:
    """Everything a printed record of ``game`` shows, in plain data."""
    scenario = game.scenario
    settings = game.settings
    sources = _Sources(scenario)
    lens = scenario.lenses.get(settings.lens)
    if lens:
        sources.cite(lens.source)
    roles = [Role(a.id, a.name, a.colour, a.seat, played(game, a.id).words()) for a in scenario.actors.values()]
    entries, ending = _entries(game, sources)
    past = played_history(scenario, settings.lens, settings.seed)
    history_end = next((i for i in past.log if i.kind in ENDINGS), None)
    history_ending = _ending(scenario, history_end, sources) if history_end else None
    rows, played_after, history_after, turning = _comparison(game, past)
    standing = [
        (v.label or v.id, value_words(scenario.issues, v.id, game.state.values.get(v.id)))
        for v in scenario.variables.values()
        if v.visible
    ]
    notes = []
    if not game.ended:
        notes.append("The game was not finished when this transcript was made.")
    if settings.follow_history:
        notes.append("Chance followed history in this game (history replay).")
    return Transcript(
        scenario.id,
        scenario.title,
        scenario.summary,
        lens.name if lens else settings.lens,
        lens.text if lens else "",
        settings.seed,
        settings.follow_history,
        roles,
        entries,
        ending,
        history_ending,
        rows,
        turning,
        sorted(sources.refs.values(), key=lambda s: s.number),
        standing,
        notes,
        played_after,
        history_after,
        tally(game.moves),
        score_cards(game),
        _draws(game),
        table_messages.of(game),
    )

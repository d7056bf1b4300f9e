"""A person's turn at a negotiation or a sealed move, as plain data for the play screen.

The play screen shows a seat only its own ``View`` (``game.engine.views``) and acts through the one
``Table`` interface, as the terminal does. This module decides, without pygame, which seat acts
now, whose view the screen shows, what the offer panel holds (the issues with their options and
what each is worth to the seat, the offer on the table, every party's answer, the moves allowed and
why others are not), and keeps the package the seat is putting together across rebuilds.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations, product
from math import prod

from ..engine import Game, Happening, bargain, talks
from ..engine.expr import Value
from ..engine.narrate import PUBLIC
from ..engine.table import Table
from ..engine.views import ChoiceLine, Line, Meter, TableView, View
from ..engine.wording import show_value

ANSWER_WORDS = {
    "accept": "accepted",
    "reject": "rejected",
    "counter": "countered",
    "walk": "walked away",
    "pass": "made no answer",  # an answer that refers the offer home
}

# What walking away does, by the engine's ending rule for where a talks' breakdown leads
# (``preview.leads_to_ending``): in the student page's words, so every front end warns alike.
WALK_WORDS = {
    "yes": "Walking away ends the game.",
    "may": "Walking away may end the game.",
    "": "Walking away ends these talks without a deal.",
}


def is_table_node(game: Game) -> bool:
    """The game waits at a negotiation or a sealed move (not at a decision)."""
    node = game.node
    return node is not None and node.kind in ("negotiation", "sealed") and not game.ended


def acting_seat(table: Table, seated: str | None) -> str | None:
    """The person's seat that acts now at a table node: the seat at the computer when it must act,
    else the first waiting; None while a computer delegation is to move first or nobody waits."""
    if not is_table_node(table.game) or table.game.computer_to_move:
        return None
    waiting = table.waiting_for()
    if seated in waiting:
        return seated
    return waiting[0] if waiting else None


def viewer_of(game: Game, seated: str | None, projector: bool, history: bool) -> str:
    """Whose view the play screen shows: the whole room's in projector mode or history replay; else
    the delegation at the computer (the only person's seat when one person plays)."""
    if projector or history:
        return PUBLIC
    seats = [a for a in game.scenario.actors if game.controller(a) == "human"]
    if len(seats) == 1:
        return seats[0]
    return seated if seated in seats else PUBLIC


# -- the package a seat puts together -----------------------------------------------------------


@dataclass
class Draft:
    """The options a seat has selected, one per issue at most. It starts from the offer on the
    table (a counter-offer usually changes a term or two) and starts afresh when the table moves
    on; the engine's refusals of a package are kept so the button can say why it is disabled."""

    picks: dict[str, str] = field(default_factory=dict)
    refused: dict[tuple[str, tuple[tuple[str, str], ...]], str] = field(default_factory=dict)
    belongs: tuple[object, ...] = ()

    def follow(self, seat: str, table: TableView) -> None:
        """Start afresh when the seat, the round or the offer on the table has changed."""
        belongs = (seat, table.node, table.round, tuple(sorted(table.offer.items())))
        if belongs != self.belongs:
            self.belongs = belongs
            self.picks = dict(table.offer)
            self.refused = {}

    def pick(self, issue: str, option: str) -> None:
        self.picks[issue] = option

    def package(self, table: TableView) -> dict[str, str] | None:
        """The selected package, when an option is selected for every issue on the table."""
        if any(i.id not in self.picks for i in table.issues):
            return None
        return {i.id: self.picks[i.id] for i in table.issues}

    def refusal(self, kind: str, package: Mapping[str, str]) -> str:
        return self.refused.get((kind, tuple(sorted(package.items()))), "")

    def refuse(self, kind: str, package: Mapping[str, str], why: str) -> None:
        self.refused[(kind, tuple(sorted(package.items())))] = why


# -- what the offer panel shows -----------------------------------------------------------------


@dataclass(frozen=True)
class OptionButton:
    key: str
    issue: str
    option: str
    label: str
    selected: bool
    tip: str
    # why the seat may not propose this term: selected, in this package; selected or not, in any package ('' if it may)
    refused: str = ""


@dataclass(frozen=True)
class IssueRow:
    title: str
    options: tuple[OptionButton, ...]


@dataclass(frozen=True)
class ActionButton:
    """A move: ``kind`` is propose or an answer (accept, reject, counter, walk)."""

    key: str
    kind: str
    label: str
    enabled: bool
    tip: str
    primary: bool = False  # the move the panel leads to (drawn as the main button)


@dataclass(frozen=True)
class PanelSpec:
    heading: str
    issues: tuple[IssueRow, ...]
    lines: tuple[str, ...]
    actions: tuple[ActionButton, ...]

    def option(self, key: str) -> OptionButton | None:
        return next((o for row in self.issues for o in row.options if o.key == key), None)

    def action(self, key: str) -> ActionButton | None:
        return next((a for a in self.actions if a.key == key), None)


def points(value: int) -> str:
    return f"{value:+d}".replace("-", "−")


Appraise = Callable[[Mapping[str, str]], bargain.Appraisal]
Vet = Callable[[Mapping[str, str]], tuple[str, ...]]  # why the seat may not propose a package (none: it may)


def seat_appraiser(game: Game, seat: str) -> Appraise | None:
    """What a package would be worth to ``seat`` now, by the engine's one rule (``bargain.appraise``,
    as the browser's proposal form and the computer delegations count it); None for a seat with no
    values of its own."""
    actor = game.scenario.actors.get(seat)
    if actor is None or actor.valuation.empty:
        return None
    scenario, values = game.scenario, game.state.values
    return lambda package: bargain.appraise(scenario, actor, package, values)


def seat_vetter(game: Game, seat: str) -> Vet | None:
    """Why ``seat`` may not propose (or counter with) a package now, by the table's term rules
    (``talks.term_blockers``, the check the engine makes when the move is sent): each reason in
    players' words; None away from a negotiation."""
    node = game.node
    if node is None or node.negotiation is None:
        return None
    scenario, negotiation, state = game.scenario, node.negotiation, game.state

    def vet(package: Mapping[str, str]) -> tuple[str, ...]:
        blockers = talks.term_blockers(scenario, negotiation, "propose", seat, dict(package), state)
        return tuple(f"{c.title}: {c.explanation}" for c in blockers)

    return vet


def refusing_terms(package: Mapping[str, str], table: TableView, vet: Vet, most: int = 3) -> dict[str, str]:
    """The selected terms that keep the package from being proposed, each with the reasons: those
    the nearest package the seat may propose changes (the fewest terms changed, up to ``most``;
    a rule forbidding either of two terms blames both)."""
    refused = vet(package)
    if not refused:
        return {}
    why = "; ".join(refused)
    issues = [i for i in table.issues if i.id in package]
    for size in range(1, min(most, len(issues)) + 1):
        for chosen in combinations(issues, size):
            others = [[o for o, _ in i.options if o != package[i.id]] for i in chosen]
            for picks in product(*others):
                if not vet({**package, **{i.id: o for i, o in zip(chosen, picks, strict=True)}}):
                    return {i.id: why for i in chosen}
    return {}


def forbidden_terms(
    picks: Mapping[str, str], table: TableView, vet: Vet, most: int = 1024
) -> dict[tuple[str, str], str]:
    """Each option the seat may not propose whatever the other terms, with the reasons: no package
    holding it passes ``vet`` (a rule against two terms together marks neither, since changing the
    other term clears it). Tried first with the other terms as selected, then every other package
    until one passes; an option found in more than ``most`` packages is not searched (nor marked)."""
    out = {}
    issues = list(table.issues)
    base = {i.id: picks.get(i.id) or table.offer.get(i.id) or i.options[0][0] for i in issues}
    for issue in issues:
        names = [i.id for i in issues if i.id != issue.id]
        others = [[o for o, _ in i.options] for i in issues if i.id != issue.id]
        if prod(len(o) for o in others) > most:
            continue
        for option, _ in issue.options:
            first = vet({**base, issue.id: option})
            if first and all(
                vet({**dict(zip(names, rest, strict=True)), issue.id: option}) for rest in product(*others)
            ):
                out[(issue.id, option)] = "; ".join(first)
    return out


def panel_spec(
    view: View,
    draft: Draft,
    names: Mapping[str, str],
    public: bool = False,
    appraise: Appraise | None = None,
    vet: Vet | None = None,
) -> PanelSpec | None:
    """The offer panel for ``view``'s seat, when it is the seat's turn at a negotiation. On a
    ``public`` screen (a projector) the seat's confidential points are left out. ``appraise`` says
    what the package being put together is worth to the seat, as the picks change; ``vet`` why the
    seat may not propose it, so Propose and Counter say so (and the terms to blame are marked)
    before the click, as a blocked Accept does."""
    table, turn = view.table, view.turn
    if table is None or turn is None or turn.kind not in ("propose", "answer"):
        return None
    draft.follow(view.viewer, table)
    package = draft.package(table)
    reasons = vet(package) if vet is not None and package is not None else ()
    blame = refusing_terms(package, table, vet) if vet is not None and package is not None and reasons else {}
    vetoed = f"You may not propose these terms — {'; '.join(r.rstrip('.') for r in reasons)}" if reasons else ""
    barred = forbidden_terms(draft.picks, table, vet) if vet is not None and not public else {}
    rows = []
    for index, issue in enumerate(table.issues):
        worth = {} if public else view.values.get(issue.id, {})
        options = tuple(
            OptionButton(
                f"opt_{index}_{n}",
                issue.id,
                oid,
                f"{label}  {points(worth[oid])}" if oid in worth else label,
                draft.picks.get(issue.id) == oid,
                f"{issue.title}: {label}" + (f" is worth {points(worth[oid])} to you" if oid in worth else ""),
                (blame.get(issue.id, "") if draft.picks.get(issue.id) == oid and not public else "")
                or barred.get((issue.id, oid), ""),
            )
            for n, (oid, label) in enumerate(issue.options)
        )
        rows.append(IssueRow(issue.title, options))
    lines = _lines(view, names, public, "" if public else _draft_worth(view, draft, appraise))
    if vetoed and (turn.kind == "propose" or dict(package or {}) != dict(table.offer)):
        # (terms the seat may never propose are marked too, selected or not: the ones to change are selected)
        marked = "a term"
        if blame:
            marked = "the marked term you selected" if len(blame) == 1 else "the marked terms you selected"
        lines = (f"{vetoed}. Change {marked} to make an offer.", *lines)
    return PanelSpec(_heading(table, turn.kind, names), tuple(rows), lines, _actions(view, draft, vetoed))


def onlooker_panel(view: View, names: Mapping[str, str]) -> PanelSpec | None:
    """The offer panel as someone watching the table sees it (history replaying): the terms on the
    table marked among each issue's options, who offered them and every party's answer so far, as
    a seat's panel shows them, but nobody's points and no moves; None away from a negotiation."""
    table = view.table
    if table is None:
        return None
    rows = []
    for index, issue in enumerate(table.issues):
        offered = table.offer.get(issue.id)
        options = tuple(
            OptionButton(
                f"opt_{index}_{n}",
                issue.id,
                oid,
                label,
                offered == oid,
                f"{issue.title}: {label}" + (" — on the table" if offered == oid else ""),
            )
            for n, (oid, label) in enumerate(issue.options)
        )
        rows.append(IssueRow(issue.title, options))
    proposer = names.get(table.proposer, table.proposer)
    doing = f"{proposer}'s offer is on the table" if table.offer else f"nothing on the table yet; {proposer} to propose"
    heading = f"{table.round_words} · {doing}"
    return PanelSpec(heading, tuple(rows), _lines(view, names, public=True), ())


def _draft_worth(view: View, draft: Draft, appraise: Appraise | None) -> str:
    """'Your selection is worth +3 to you (without a deal: +2).' — the package being put together,
    once it differs from the offer on the table (whose own line says what that is worth)."""
    table = view.table
    if appraise is None or table is None or view.walk_away is None:
        return ""
    without = f"without a deal: {points(view.walk_away)}"
    package = draft.package(table)
    if package is None:
        return f"Select one option for each issue to see what the package is worth to you ({without})."
    if table.offer and dict(package) == dict(table.offer):
        return ""  # the line on the offer says its worth; the panel says what no deal is worth
    return f"Your selection is worth {points(appraise(package).total)} to you ({without})."


def _heading(table: TableView, kind: str, names: Mapping[str, str]) -> str:
    where = table.round_words
    if kind == "propose":
        return f"{where} · your turn to propose: select one option per issue"
    return f"{where} · {names.get(table.proposer, table.proposer)}'s offer: answer it"


def _lines(view: View, names: Mapping[str, str], public: bool = False, draft_worth: str = "") -> tuple[str, ...]:
    table = view.table
    assert table is not None
    out = []
    if draft_worth:
        out.append(draft_worth)
    elif view.walk_away is not None and not public:
        out.append(f"No deal is worth {points(view.walk_away)} to you.")
    if table.offer:
        labels = {i.id: dict(i.options) for i in table.issues}
        terms = "; ".join(f"{labels[i][o]}" for i, o in table.offer.items() if i in labels)
        worth = None if public else table.offer_worth
        total = ""
        if worth is not None:
            plain = {f"{i.title}: {labels[i.id].get(table.offer.get(i.id, ''), '')}" for i in table.issues}
            bonuses = [item.words() for item in worth.items if item.text not in plain]
            total = f" — worth {points(worth.total)} to you" + (f", with {'; '.join(bonuses)}" if bonuses else "")
        out.append(f"On the table, from {names.get(table.proposer, table.proposer)}: {terms}{total}")
    out.append("Answers: " + answers_line(table, view.viewer, names))
    return tuple(out)


def answers_line(table: TableView, viewer: str, names: Mapping[str, str]) -> str:
    """Every party's answer so far, and whose turn it is."""
    parts = []
    for party in table.parties:
        name = "you" if party == viewer else names.get(party, party)
        if party == table.proposer and table.offer:
            word = "proposed"
        elif party in table.answers:
            word = ANSWER_WORDS.get(table.answers[party], table.answers[party])
        elif party in table.waiting:
            word = "your turn" if party == viewer else ("to propose" if not table.offer else "to answer")
        else:
            word = "waits"
        parts.append(f"{name}: {word}")
    return " · ".join(parts)


def _actions(view: View, draft: Draft, vetoed: str = "") -> tuple[ActionButton, ...]:
    """The moves, each enabled or with the reason it is not: ``vetoed`` says why the seat may not
    propose the selected terms (the table's term rules), before a click is refused."""
    table, turn = view.table, view.turn
    assert table is not None and turn is not None
    package = draft.package(table)
    missing = "Select one option for each issue first."
    if turn.kind == "propose":
        refused = (draft.refusal("propose", package) or vetoed) if package else ""
        return (
            ActionButton(
                "act_propose",
                "propose",
                "Propose",
                package is not None and not refused,
                refused or (missing if package is None else "Put these terms on the table (Enter)"),
            ),
            ActionButton("act_pass", "pass", "Pass", True, "Make no offer this round: the next party proposes"),
            ActionButton(
                "act_walk", "walk", "Walk away", True, "Leave the table: without you the talks may break down"
            ),
        )
    same = package is not None and dict(package) == dict(table.offer)
    changed = package is not None and not same  # the person changed the terms away from the offer
    refused = (draft.refusal("counter", package) or ("" if same else vetoed)) if package else ""
    counter_tip = missing if package is None else refused or "Offer these terms instead"
    if same and not refused:
        counter_tip = "Your selection is the offer on the table: change a term to counter."
    accept_tip = "Accept the offer on the table"
    if changed:
        accept_tip = "Accept the offer on the table as it stands — not the terms you selected (Counter offers those)"
    counter_open = package is not None and not same and not refused
    return (
        ActionButton(
            "act_accept",
            "accept",
            "Accept their offer" if changed else "Accept",
            table.may_accept,
            table.accept_blocked if not table.may_accept else accept_tip,
            primary=table.may_accept and not changed,
        ),
        ActionButton("act_reject", "reject", "Reject", True, "Refuse the offer; the talks go on"),
        ActionButton("act_counter", "counter", "Counter", counter_open, counter_tip, primary=counter_open),
        ActionButton("act_walk", "walk", "Walk away", True, "Leave the table: without you the talks may break down"),
    )


def lines_since(view: View, log: Sequence[Happening], start: int) -> tuple[Line, ...]:
    """The view's lines for the game log's entries from ``start`` on. A view leaves out what its
    viewer may not know and rewords what others said, but never reorders: the two are matched in
    step, by kind, title and actor."""
    out = []
    j = 0
    for i, item in enumerate(log):
        if j >= len(view.log):
            break
        line = view.log[j]
        if (line.kind, line.title, line.actor) == (item.kind, item.title, item.actor):
            if i >= start:
                out.append(line)
            j += 1
    return tuple(out)


# -- consequences: what a choice is known to do, and what changed since the last turn -------------


def choice_detail(line: ChoiceLine | None, shown: set[str]) -> str:
    """A card's preview line: whether the choice ends the game, then its known effects on the
    measures the screen shows (``shown``: their ids), e.g. 'Ends the game · Soviet patience −1'."""
    if line is None:
        return ""
    parts = []
    if line.preview.ends == "yes":
        parts.append("Ends the game")
    elif line.preview.ends == "may":
        parts.append("May end the game")
    effects = [e.words for e in line.preview.effects if e.variable in shown]
    if effects:
        parts.append(", ".join(effects))
    return " · ".join(parts)


def join_sentences(parts: Sequence[str]) -> str:
    """Sentences one after the other, each ending in its own stop ('… figures. The French …'):
    joining them with '; ' gave '.;' wherever a sentence already ended."""
    out = []
    for part in parts:
        part = part.strip().rstrip(";,")
        if part:
            out.append(part if part.endswith((".", "!", "?", "…")) else f"{part}.")
    return " ".join(out)


@dataclass(frozen=True)
class Change:
    """A measure changed since the person's last move: from what, to what, and the moves that did it."""

    label: str
    before: Value
    after: Value
    causes: tuple[str, ...]
    before_words: str = ""  # the values in players' words (an option's label), when the screen knows them
    after_words: str = ""

    @property
    def delta(self) -> str:
        """'+2' or '−1' for a number; 'new' for a yes/no or a choice of words."""
        if isinstance(self.before, int) and isinstance(self.after, int) and not isinstance(self.after, bool):
            return points(self.after - self.before)
        return "new"

    def words(self) -> str:
        """'Soviet patience 5 → 4 (−1): Drax chose: Give the small figures.'"""
        step = f"{self.before_words or show_value(self.before)} → {self.after_words or show_value(self.after)}"
        if self.delta != "new":
            step += f" ({self.delta})"
        cause = join_sentences(self.causes)
        return f"{self.label} {step}" + (f": {cause}" if cause else "")


def measure_changes(
    earlier: Mapping[str, Change],
    before: Mapping[str, Value],
    meters: Sequence[Meter],
    cause: str,
    words: Callable[[str, Value], str] | None = None,
) -> dict[str, Change]:
    """``earlier`` changes updated with a move's: each meter whose value differs from ``before``
    (the values the screen showed before the move) gains ``cause``; one back where it started is
    dropped. A meter the screen did not show before (another seat's view) is left out. ``words``
    gives a measure's value in players' words (an issue's option label)."""
    out = dict(earlier)
    for meter in meters:
        if meter.id not in before or before[meter.id] == meter.value:
            continue
        first = out[meter.id].before if meter.id in out else before[meter.id]
        causes = (out[meter.id].causes if meter.id in out else ()) + ((cause,) if cause else ())
        shown = (words(meter.id, first), words(meter.id, meter.value)) if words else ("", "")
        out[meter.id] = Change(meter.label or meter.id, first, meter.value, causes[-3:], *shown)
        if first == meter.value:
            del out[meter.id]
    return out

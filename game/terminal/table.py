"""The negotiation table in the terminal: what a seat sees there, and how its typed moves read.

Everything shown is drawn from the seat's own ``View``: its points for each option, its walk-away
value, the offer on the table and its worth to the seat. A move is one typed line — a number from the
menu, the package's option numbers when it needs one, a reason after a colon — so a person and a
piped script play alike.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..engine.views import IssueLine, TableView, View
from ..engine.wording import signed

ANSWER_WORDS = {
    "accept": "accepts",
    "reject": "rejects",
    "counter": "counters",
    "walk": "walks away",
    "pass": "makes no answer",  # an answer that refers the offer home
}


class MoveError(ValueError):
    """A typed move the table cannot read; the message says what to type instead."""


@dataclass(frozen=True)
class TableChoice:
    """One numbered move at the table: ``kind`` is propose, accept, reject, counter or walk."""

    number: int
    kind: str
    label: str
    blocked: str = ""  # why a term rule forbids it now, in players' words

    @property
    def needs_package(self) -> bool:
        return self.kind in ("propose", "counter")


@dataclass(frozen=True)
class TypedMove:
    """A line read at the table: the move, the option numbers typed with it, the reason."""

    choice: TableChoice
    numbers: tuple[str, ...]
    reason: str


def table_choices(view: View) -> tuple[TableChoice, ...]:
    """The seat's moves now, numbered: a proposer proposes or walks away; the others answer the offer."""
    table = view.table
    if view.turn is None or table is None:
        return ()
    if view.turn.kind == "propose":
        return (
            TableChoice(1, "propose", "Propose a package"),
            TableChoice(2, "walk", "Walk away from the talks"),
            TableChoice(3, "pass", "Pass: make no offer this round"),
        )
    return (
        TableChoice(1, "accept", "Accept the offer", "" if table.may_accept else table.accept_blocked),
        TableChoice(2, "reject", "Reject it"),
        TableChoice(3, "counter", "Counter with a package of your own"),
        TableChoice(4, "walk", "Walk away from the talks"),
    )


def _names(view: View) -> dict[str, str]:
    return {card.id: card.name for card in view.actors}


def _listing(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _option_label(issue: IssueLine, option: str) -> str:
    return next((label for oid, label in issue.options if oid == option), option)


def table_lines(view: View) -> list[str]:
    """The table as the seat sees it: parties and rounds, the seat's points for every option and for
    walking away, the offer with its worth to the seat item by item, and the answers so far."""
    table = view.table
    if table is None:
        return []
    names = _names(view)
    out = [f"{table.round_words}. At the table: {_listing([names[p] for p in table.parties])}."]
    needed = [names[p] for p in table.needs]
    if needed and table.needs_count < len(needed):
        out.append(f"A deal needs the consent of {table.needs_count} of: {_listing(needed)}.")
    elif needed:
        out.append(f"A deal needs the consent of {_listing(needed)}.")
    out.append(f"\nWhat each option is worth to {names.get(view.viewer, view.viewer)} (your confidential points):")
    for issue in table.issues:
        points = view.values.get(issue.id, {})
        out.append(f"  {issue.title}")
        wide = max(len(label) for _, label in issue.options)
        for number, (oid, label) in enumerate(issue.options, 1):
            mark = "   ← on the table" if table.offer.get(issue.id) == oid else ""
            out.append(f"    {number}. {label.ljust(wide)}  {signed(points.get(oid, 0)):>3}{mark}")
    if view.walk_away is not None:
        out.append(f"  Without a deal (walking away): {signed(view.walk_away)}")
    out.extend(_offer_lines(view, table, names))
    return out


def _offer_lines(view: View, table: TableView, names: Mapping[str, str]) -> list[str]:
    if not table.offer:
        return [f"\nNothing is on the table yet: {names[table.proposer]} is to propose."]
    out = [f"\nOn the table, from {names[table.proposer]}:"]
    terms = [(f"{i.title}: {_option_label(i, table.offer.get(i.id, ''))}", i) for i in table.issues]
    worth = table.offer_worth
    bonuses = [item for item in worth.items if item.text not in {t for t, _ in terms}] if worth else []
    wide = max([len(t) for t, _ in terms] + [len(b.text) + 7 for b in bonuses])
    for text, issue in terms:
        points = view.values.get(issue.id, {}).get(table.offer.get(issue.id, ""), 0)
        out.append(f"    {text.ljust(wide)}  {signed(points):>3}")
    for bonus in bonuses:
        out.append(f"    {('Bonus: ' + bonus.text).ljust(wide)}  {signed(bonus.points):>3}")
    if worth is not None:
        verdict = "more than" if worth.surplus > 0 else ("as much as" if worth.surplus == 0 else "less than")
        out.append(f"  Worth {signed(worth.total)} to you in all: {verdict} walking away ({signed(worth.walk_away)}).")
    answered = [f"{names[a]} {ANSWER_WORDS.get(k, k)}" for a, k in table.answers.items()]
    out.append(f"  Answers so far: {'; '.join(answered)}." if answered else "  No answers yet.")
    return out


def menu_lines(view: View, choices: Sequence[TableChoice]) -> list[str]:
    """The numbered moves, a forbidden one shown unavailable with the rule that forbids it."""
    names = _names(view)
    kind = view.turn.kind if view.turn else ""
    out = [f"\n{names.get(view.viewer, view.viewer)} to {'propose' if kind == 'propose' else 'answer'}:"]
    for choice in choices:
        if choice.blocked:
            out.append(f"  {choice.number}. {choice.label}  [unavailable]")
            out.append(f"      ✗ {choice.blocked}")
        else:
            out.append(f"  {choice.number}. {choice.label}")
    return out


def table_help(view: View, choices: Sequence[TableChoice]) -> str:
    """How to type a move at this table, with an example built from its own issues: the move's
    number, then one option number per issue in the table's order, and what that example means."""
    lines = ["At the table: type a move's number; add a reason after a colon, e.g. '2: too little for us'."]
    table = view.table
    move = next((c for c in choices if c.needs_package and not c.blocked), None)
    if table is None or move is None or not table.issues:
        return "\n".join(lines)
    # Option 2, 1, 2... (within each issue's options): the example's numbers are visibly not all the move's.
    picks = [(issue, min(len(issue.options), 2 - k % 2)) for k, issue in enumerate(table.issues)]
    example = " ".join([str(move.number)] + [str(n) for _, n in picks])
    terms = "; ".join(f"{issue.title}: {issue.options[n - 1][1]}" for issue, n in picks)
    order = "; ".join(issue.title for issue in table.issues)  # a title may hold a comma
    lines.append(
        f"To {move.label[0].lower() + move.label[1:]} in one line: {move.number}, then one option number for"
        f" each issue in order ({order})."
    )
    lines.append(f"For example '{example}' means: {move.label} — {terms}.")
    lines.append(f"Or type {move.number} alone and give the option numbers when asked (Enter goes back).")
    return "\n".join(lines)


def package_hint(table: TableView) -> str:
    """What to type for a package."""
    order = ", ".join(i.title for i in table.issues)
    example = " ".join("1" for _ in table.issues)
    return f"Your package: one option number per issue, in order ({order}), e.g. '{example}'; Enter to go back."


def read_move(line: str, choices: Sequence[TableChoice]) -> TypedMove:
    """Read 'NUMBER [OPTION NUMBERS] [: REASON]'; a move's word (accept, walk...) works for its number."""
    head, _, reason = line.partition(":")
    words = head.replace(",", " ").split()
    if not words:
        raise MoveError("Type a move's number, or h for help.")
    first = words[0].lower()
    choice = next((c for c in choices if str(c.number) == first or c.kind == first), None)
    if choice is None:
        known = ", ".join(f"{c.number} ({c.kind})" for c in choices)
        raise MoveError(f"No move {words[0]!r} here; the moves are {known}.")
    if words[1:] and not choice.needs_package:
        raise MoveError(f"'{choice.label}' takes no option numbers; type just {choice.number}.")
    return TypedMove(choice, tuple(words[1:]), reason.strip())


def read_package(numbers: Sequence[str], table: TableView) -> dict[str, str]:
    """A package from one option number per issue, in the table's order of issues."""
    issues = table.issues
    if len(numbers) != len(issues):
        order = ", ".join(i.title for i in issues)
        raise MoveError(
            f"A package needs {len(issues)} numbers, one per issue in order ({order}); you gave {len(numbers)}."
        )
    package = {}
    for issue, typed in zip(issues, numbers, strict=True):
        count = len(issue.options)
        if not typed.isdigit() or not 1 <= int(typed) <= count:
            raise MoveError(f"{issue.title} has options 1 to {count}; {typed!r} is not one of them.")
        package[issue.id] = issue.options[int(typed) - 1][0]
    return package

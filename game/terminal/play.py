"""Terminal play: narration, numbered choices, blocked choices with their reasons, undo, save, quit.

Plays through the engine's ``Table``: each seat acts when its turn comes — a decision, a move at a
negotiation (``table``), or a sealed choice — and sees the game through its own ``View``. With
several people at one terminal, a hand-over line asks the others to look away before a seat's
private values or hidden choice are on the screen. Reads one line per prompt from any text stream,
so the same loop serves a person at a terminal and moves piped in by a script or a test.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from ..classroom.settings import ClassroomSettings
from ..engine import Game, GameError
from ..engine.narrate import PUBLIC
from ..engine.saves import OverwriteRefused, SaveError, autosave, free_slot, save_game
from ..engine.table import Action, Table
from ..engine.views import View
from ..engine.wording import cite, long_date, show_value
from .delegation import briefing_lines, revealed_lines, score_lines
from .table import (
    MoveError,
    menu_lines,
    package_hint,
    read_move,
    read_package,
    table_choices,
    table_help,
    table_lines,
)
from .text import line_lines, printable, wrap


def not_text(line: str) -> bool:
    """Whether a typed line holds bytes that were not UTF-8 (read as surrogate escapes)."""
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


HELP = """\
Type the number of a choice to take it; add a reason after a colon, e.g. '2: we need time'.
  u  undo your last decision        s [NAME]  save (default name: quicksave)
  l  show the log so far            b  show your delegation's briefing
  v  show the situation             h  this help         q  quit (the game is autosaved)"""
TABLE_KINDS = ("propose", "answer")


CLEAR_SCREEN = "\x1b[H\x1b[2J\x1b[3J"  # home, clear the screen and its scrollback
ENDS_WORDS = {"yes": "ends the game", "may": "may end the game"}  # a choice's preview, in words


@dataclass
class TerminalPlayer:
    game: Game
    saves: Path
    out: TextIO = field(default_factory=lambda: sys.stdout)  # read at run time, so tests can redirect
    inp: TextIO = field(default_factory=lambda: sys.stdin)
    autosave: bool = True
    table: Table = field(init=False)
    _shown: int = field(init=False, default=0)  # lines of the shared log printed so far
    _private_shown: dict[str, int] = field(init=False, default_factory=dict)  # per seat, private events shown
    _last_seat: str = field(init=False, default="")  # the seat that last had the terminal
    _round: tuple[str, int] = field(init=False, default=("", 0))  # the negotiation round last announced
    _autosave_path: Path | None = field(init=False, default=None)  # where this game was last autosaved

    def __post_init__(self) -> None:
        self.table = Table(self.game, ClassroomSettings.of(self.game).reasons)

    def say(self, text: str = "") -> None:
        print(printable(text), file=self.out)

    # -- who sees what ------------------------------------------------------------------------

    @property
    def shared(self) -> bool:
        """Several people take turns at this terminal."""
        return len(self.table.seats) > 1

    @property
    def log_viewer(self) -> str:
        """Whose view the running log is printed from: the one seat, else what the whole room may see."""
        seats = self.table.seats
        return seats[0] if len(seats) == 1 else PUBLIC

    def _print_new(self, revealing: bool = False) -> None:
        """Print the log lines not yet printed; ``revealing`` heads a sealed move's reveal."""
        log = self.table.view(self.log_viewer).log
        for line in log[self._shown :]:
            if revealing and line.kind == "decision":
                self.say("--- The sealed choices are revealed ---")
                revealing = False
            self.say(line_lines(self.game.scenario, line))
        self._shown = len(log)
        self._announce_round()

    def _announce_round(self) -> None:
        """A new round at the same table: say whose offer now lies on it."""
        table = self.table.view(PUBLIC).table
        if table is None:
            return
        now = (table.node, table.round)
        if now[0] == self._round[0] and now[1] > self._round[1]:
            names = {card.id: card.name for card in self.table.view(PUBLIC).actors}
            whose = (
                f"{names[table.proposer]}'s counter-offer is on the table"
                if table.offer
                else (f"{names[table.proposer]} is to propose")
            )
            self.say(f"--- {table.round_words}. {whose} ---")
        self._round = now

    def _print_private(self, seat: str, view: View) -> None:
        """With several seats, the events only this seat may know, shown once it has the terminal."""
        public = set(self.table.view(PUBLIC).log)
        private = [line for line in view.log if line.kind == "event" and line not in public]
        for line in private[self._private_shown.get(seat, 0) :]:
            self.say("(Known to your delegation only)")
            self.say(line_lines(self.game.scenario, line))
        self._private_shown[seat] = len(private)

    def _at_sealed(self) -> bool:
        node = self.game.node
        return node is not None and node.kind == "sealed"

    # -- the loop -----------------------------------------------------------------------------

    def run(self) -> int:
        game = self.game
        scenario = game.scenario
        reconfigure = getattr(self.inp, "reconfigure", None)
        if callable(reconfigure):  # bytes that are not UTF-8 arrive as escapes, to be refused line by line
            reconfigure(errors="surrogateescape")
        self.say(f"=== {scenario.title} ===")
        lens = scenario.lenses.get(game.settings.lens)
        if lens:
            self.say(f"Lens: {lens.name} — {cite(scenario, lens.source)}")
        people = [card.name for card in self.table.view(PUBLIC).actors if card.played_by_person]
        self.say(f"You play: {', '.join(people) or 'nobody (watching the computer)'}.  Seed: {game.settings.seed}.")
        self.say("Type h for help.\n")
        self._print_new()
        while not game.ended:
            if game.computer_to_move and not (self._at_sealed() and self.table.waiting_for()):
                # At a sealed move people choose first: nothing shows until the reveal anyway, and a
                # computer seat's look-ahead fails when it seals before a seat earlier in order.
                revealing = self._at_sealed()
                self.table.advance(limit=1)
                self._print_new(revealing)
                self._autosave()
                continue
            if not self._ask():
                return 0
        self._show_ending()
        return 0

    def _autosave(self) -> None:
        if self.autosave:
            expected = self._autosave_path
            try:
                self._autosave_path = autosave(self.game, self.saves)
            except SaveError as exc:
                self.say(f"(autosave failed: {exc})")
                return
            if expected and self._autosave_path != expected:
                self.say(
                    f"({expected.name} could not be read, so it was kept as it is; "
                    f"this game is now autosaved as {self._autosave_path.name}.)"
                )

    def _save(self, name: str) -> None:
        """Save under ``name``; a file there that cannot be read is replaced only if the person says
        yes, else the game is saved beside it."""
        try:
            self.say(f"Saved to {save_game(self.game, self.saves, name)}")
            return
        except OverwriteRefused as exc:
            self.say(f"{exc}.")
            kept = exc.path.name
            answer = self._read(f"Replace {kept} with this game? [y/N] ")
        except SaveError as exc:
            self.say(f"Not saved: {exc}")
            return
        try:
            if answer is not None and answer.strip().lower() in ("y", "yes"):
                self.say(f"Replaced: saved to {save_game(self.game, self.saves, name, replace=True)}")
                return
            beside = save_game(self.game, self.saves, free_slot(self.saves, name))
            self.say(f"Kept {kept} as it is; this game is saved beside it: {beside}")
        except SaveError as error:
            self.say(f"Not saved: {error}")

    def _hand_over(self, seat: str, view: View) -> None:
        """With several people at the terminal, pass it before a seat's private table or hidden choice."""
        if not self.shared or self.game.scenario.format < 2:
            return
        if seat != self._last_seat or (view.turn is not None and view.turn.kind == "seal"):
            name = next(card.name for card in view.actors if card.id == seat)
            if self.inp.isatty() and self.out.isatty():  # people at a screen: nothing of the last seat stays on it
                self.out.write(CLEAR_SCREEN)
                self.say(f"===> Pass the terminal to: {name} — the others look away. <===")
                if self._read(f"Press Enter when only {name} can see the screen. ") is None:
                    return
                self.out.write(CLEAR_SCREEN)
            else:
                self.say("")
            self.say(f"===> Pass the terminal to: {name} — the others look away. <===")
            self._print_private(seat, view)

    def _show_turn(self, seat: str, view: View) -> None:
        self.say("")
        self.say(f"--- {long_date(view.date)} — {view.node_title} ---")
        self.say(wrap(view.narration))
        kind = view.turn.kind if view.turn else ""
        if kind in TABLE_KINDS:
            self.say("")
            for line in table_lines(view):
                self.say(line)
            for line in menu_lines(view, table_choices(view)):
                self.say(line)
            return
        decision = self.game.decision_for(seat)  # the seat's own choices, with the rules that block any
        assert decision is not None
        name = decision.actor.name
        self.say(f"\n{name} to choose in secret:" if kind == "seal" else f"\n{name} to decide:")
        marks = {c.id: ENDS_WORDS[c.preview.ends] for c in (view.turn.choices if view.turn else ()) if c.preview.ends}
        for choice in decision.choices:
            if choice.available:
                label = choice.step.label
                mark = marks.get(choice.step.id, "")
                if mark and "end" not in label.lower():  # a game-ending move says so before it is taken
                    label += f"  ({mark})"
                self.say(wrap(label, "      ", f"  {choice.number}. "))
            else:
                self.say(wrap(choice.step.label + "  [unavailable]", "      ", f"  {choice.number}. "))
                for constraint in choice.blocked_by:
                    self.say(
                        wrap(
                            f"{constraint.title}: {constraint.explanation} "
                            f"(source: {cite(self.game.scenario, constraint.source)})",
                            "        ",
                            "      ✗ ",
                        )
                    )

    def _read(self, prompt: str, hidden: bool = False) -> str | None:
        """One line of input (None at its end), echoed when piped so a transcript reads whole; a
        hidden choice is echoed masked."""
        self.out.write(prompt)
        self.out.flush()
        try:
            line = self.inp.readline()
        except UnicodeDecodeError:
            line = "\udcff\n"  # a stream that cannot decode what was typed: answered like one that can
        if not line:
            return None
        if not_text(line):
            self.say("(That line is not readable text (it is not UTF-8); nothing was done: type it again.)")
            return "\n"
        if not self.inp.isatty():
            shown = line.rstrip("\n")
            self.say("(a hidden choice)" if hidden and shown.strip()[:1].isdigit() else shown)
        elif hidden and self.out.isatty():
            self.out.write("\x1b[1A\x1b[2K")  # erase the typed choice from the screen
            self.out.flush()
        return line

    def _out_of_input(self) -> bool:
        if self.autosave:
            self._autosave()
            self.say("\n(no more input: the game is autosaved; continue with 'python main.py play --text --continue')")
        else:
            self.say("\n(no more input: the game ends here, unsaved, as --no-autosave asked)")
        return False

    def _ask(self) -> bool:
        """Show the turn of the first seat to act and handle its input; False when the player quits."""
        waiting = self.table.waiting_for()
        if not waiting:  # not expected: the rules always leave someone to move until the end
            self.say("(Nobody is left to move, yet the game has not ended; it is autosaved.)")
            self._autosave()
            return False
        seat = waiting[0]
        view = self.table.view(seat)
        self._hand_over(seat, view)
        self._last_seat = seat
        self._show_turn(seat, view)
        hidden = self.shared and view.turn is not None and view.turn.kind == "seal"
        while True:
            line = self._read("> ", hidden)
            if line is None:
                return self._out_of_input()
            result = self._command(seat, view, line.strip())
            if result is not None:
                return result

    def _command(self, seat: str, view: View, line: str) -> bool | None:
        """Act on one input line: True to go on to the next turn, False to quit, None to ask again."""
        game = self.game
        if not line:
            return None
        word = line.split()[0].lower()
        if word in ("q", "quit", "exit"):
            self._autosave()
            self.say("Saved automatically. Goodbye." if self.autosave else "Goodbye (not saved).")
            return False
        if word in ("h", "help", "?"):
            self.say(HELP)
            if view.table is not None:
                self.say(table_help(view, table_choices(view)))
            return None
        if word in ("u", "undo"):
            if game.undo_to_human():
                self._shown = len(self.table.view(self.log_viewer).log)
                table = self.table.view(PUBLIC).table
                self._round = (table.node, table.round) if table else ("", 0)
                self._last_seat = ""
                self.say("Undone.")
                return True
            self.say("Nothing to undo.")
            return None
        if word in ("s", "save"):
            self._save(line[len(line.split()[0]) :].strip() or "quicksave")
            return None
        if word in ("l", "log"):
            for entry in self.table.view(seat).log:
                self.say(line_lines(game.scenario, entry, show_effects=False))
            return None
        if word in ("b", "briefing"):
            for text in briefing_lines(self.table.view(seat)):
                self.say(text)
            return None
        if word in ("v", "view", "situation"):
            self._show_situation(self.table.view(seat))
            return None
        kind = view.turn.kind if view.turn else ""
        if kind in TABLE_KINDS:
            return self._table_move(seat, view, line)
        return self._choose(seat, kind, line)

    def _choose(self, seat: str, kind: str, line: str) -> bool | None:
        """A decision or a sealed choice by number, with an optional reason after a colon."""
        number, _, reason = line.partition(":")
        try:
            choice = int(number.strip())
        except ValueError:
            self.say("Type a choice's number, or h for help.")
            return None
        return self._act(seat, Action(kind, choice=choice, reason=reason))

    def _table_move(self, seat: str, view: View, line: str) -> bool | None:
        """A move at the table; a package is read from the same line or from the next one."""
        table = view.table
        assert table is not None
        try:
            typed = read_move(line, table_choices(view))
            if typed.choice.blocked:
                raise MoveError(f"Cannot: {typed.choice.blocked}")
            package = read_package(typed.numbers, table) if typed.numbers else {}
        except MoveError as exc:
            self.say(str(exc))
            return None
        reason = typed.reason
        if typed.choice.needs_package and not package:
            self.say(package_hint(table))
            while not package:
                answer = self._read("package> ")
                if answer is None:
                    return self._out_of_input()
                numbers, _, more = answer.partition(":")
                if not numbers.strip():
                    self.say("(Back to the moves.)")
                    return None
                if not numbers.strip()[0].isdigit():  # a command (undo, briefing, quit...) leaves the package
                    return self._command(seat, view, answer.strip())
                try:
                    package = read_package(numbers.replace(",", " ").split(), table)
                except MoveError as exc:
                    self.say(str(exc))
                reason = reason or more.strip()
        kind = typed.choice.kind
        if kind == "propose":
            return self._act(seat, Action("propose", package=package, reason=reason))
        return self._act(seat, Action("answer", answer=kind, package=package, reason=reason))

    def _act(self, seat: str, action: Action) -> bool | None:
        revealing = self._at_sealed()
        try:
            self.table.act(seat, action)
        except GameError as exc:
            self.say(f"Cannot: {exc}")
            return None
        self._print_new(revealing)
        self._autosave()
        return True

    def _show_situation(self, view: View) -> None:
        self.say(f"Date: {long_date(view.date)}")
        for meter in view.meters:
            private = "  (known to your delegation only)" if meter.private else ""
            self.say(f"  {meter.label}: {show_value(meter.value)}{private}")

    def _show_ending(self) -> None:
        game = self.game
        outcome = game.outcome
        assert outcome is not None
        view = self.table.view(self.log_viewer)
        self.say("")
        self.say(f"=== THE END: {view.outcome_title} ===")
        self.say(wrap(view.epilogue))
        if outcome.historical and game.state.off_history:
            self.say("\nHistory ended here too, though by another road than yours.")
        elif outcome.historical:
            self.say("\nThis is what happened in history.")
        else:
            self.say(f"\nThis ending is counterfactual (speculative: {outcome.speculative}).")
            if outcome.speculation:
                self.say(wrap(outcome.speculation, "  ", "  Why: "))
        for source in outcome.sources:
            self.say(wrap(cite(game.scenario, source), "    ", "  Source: "))
        labels = {v.id: v.label for v in game.scenario.variables.values()}
        for line in score_lines(view) + revealed_lines(view, labels):
            self.say(line)
        decisions = [m for m in game.moves if m.by != "chance"]
        yours = sum(1 for m in decisions if m.in_persons_seat)
        self.say(
            f"\n{len(decisions)} decisions, {yours} of them yours. "
            f"What really happened: python main.py replay {game.scenario.path}"
        )
        self._offer_named_save()

    def _offer_named_save(self) -> None:
        """At the ending, let a group keep its game under its own name (for the class report);
        the autosave slot is overwritten by the next game."""
        self._autosave()
        self.out.write("Save this game under a name, e.g. group3 (Enter to skip): ")
        self.out.flush()
        name = self.inp.readline().strip()
        if not self.inp.isatty() and name:
            self.say(name)
        if not name:
            self.say("")
            return
        if name.isdigit():  # a choice number left over in piped input, not a group's name
            self.say(f"(Not saved: '{name}' looks like a choice number; a save name needs a letter, e.g. group{name}.)")
            return
        self._save(name)

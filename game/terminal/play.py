"""Terminal play: narration, numbered choices, blocked choices with their reasons, undo, save, quit.

Reads one line per prompt from any text stream, so the same loop serves a person at a terminal and
choices piped in by a script or a test.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from ..engine import Game, GameError
from ..engine.saves import SaveError, autosave, save_game
from ..engine.wording import cite, long_date, show_value
from .text import happening_lines, wrap

HELP = """\
Type the number of a choice to take it; add a reason after a colon, e.g. '2: we need time'.
  u  undo your last decision        s [NAME]  save (default name: quicksave)
  l  show the log so far            b  show your delegation's briefing
  v  show the situation             h  this help         q  quit (the game is autosaved)"""


@dataclass
class TerminalPlayer:
    game: Game
    saves: Path
    out: TextIO = field(default_factory=lambda: sys.stdout)  # read at run time, so tests can redirect
    inp: TextIO = field(default_factory=lambda: sys.stdin)
    autosave: bool = True

    def say(self, text: str = "") -> None:
        print(text, file=self.out)

    def run(self) -> int:
        game = self.game
        scenario = game.scenario
        self.say(f"=== {scenario.title} ===")
        lens = scenario.lenses.get(game.settings.lens)
        if lens:
            self.say(f"Lens: {lens.name} — {cite(scenario, lens.source)}")
        people = [a.name for a in scenario.actors.values() if game.controller(a.id) == "human"]
        self.say(f"You play: {', '.join(people) or 'nobody (watching the computer)'}.  Seed: {game.settings.seed}.")
        self.say("Type h for help.\n")
        for item in game.log:
            self.say(happening_lines(scenario, item))
        while not game.ended:
            if game.computer_to_move:
                for item in game.play_computer():
                    self.say(happening_lines(scenario, item))
                self._autosave()
                continue
            if not self._ask():
                return 0
        self._show_ending()
        return 0

    def _autosave(self) -> None:
        if self.autosave:
            try:
                autosave(self.game, self.saves)
            except SaveError as exc:
                self.say(f"(autosave failed: {exc})")

    def _show_decision(self) -> None:
        game = self.game
        decision = game.decision
        assert decision is not None
        node = decision.node
        self.say("")
        self.say(f"--- {long_date(decision.date)} — {node.title} ---")
        self.say(wrap(node.text))
        self.say(f"\n{decision.actor.name} to decide:")
        for view in decision.choices:
            if view.available:
                self.say(wrap(view.step.label, "      ", f"  {view.number}. "))
            else:
                self.say(wrap(view.step.label + "  [unavailable]", "      ", f"  {view.number}. "))
                for constraint in view.blocked_by:
                    self.say(
                        wrap(
                            f"{constraint.title}: {constraint.explanation} "
                            f"(source: {cite(game.scenario, constraint.source)})",
                            "        ",
                            "      ✗ ",
                        )
                    )

    def _ask(self) -> bool:
        """Show the decision and handle one line of input; False when the player quits."""
        self._show_decision()
        while True:
            self.out.write("> ")
            self.out.flush()
            line = self.inp.readline()
            if not line:
                if self.autosave:
                    self._autosave()
                    self.say(
                        "\n(no more input: the game is autosaved; continue with 'python main.py play --text "
                        "--continue')"
                    )
                else:
                    self.say("\n(no more input: the game ends here, unsaved, as --no-autosave asked)")
                return False
            if not self.inp.isatty():
                self.say(line.rstrip("\n"))
            result = self._command(line.strip())
            if result is not None:
                return result

    def _command(self, line: str) -> bool | None:
        """Act on one input line: True to go on to the next decision, False to quit, None to ask again."""
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
            return None
        if word in ("u", "undo"):
            if game.undo_to_human():
                self.say("Undone.")
                return True
            self.say("Nothing to undo.")
            return None
        if word in ("s", "save"):
            name = line[len(line.split()[0]) :].strip() or "quicksave"
            try:
                self.say(f"Saved to {save_game(game, self.saves, name)}")
            except SaveError as exc:
                self.say(f"Not saved: {exc}")
            return None
        if word in ("l", "log"):
            for item in game.log:
                self.say(happening_lines(game.scenario, item, show_effects=False))
            return None
        if word in ("b", "briefing"):
            decision = game.decision
            if decision:
                self.say(wrap(decision.actor.briefing, "  ", f"{decision.actor.name}, private briefing: "))
            return None
        if word in ("v", "view", "situation"):
            self._show_situation()
            return None
        number, _, reason = line.partition(":")
        try:
            choice = int(number.strip())
        except ValueError:
            self.say("Type a choice's number, or h for help.")
            return None
        try:
            happened = game.choose(choice, reason=reason)
        except GameError as exc:
            self.say(f"Cannot: {exc}")
            return None
        for item in happened:
            self.say(happening_lines(game.scenario, item))
        self._autosave()
        return True

    def _show_situation(self) -> None:
        game = self.game
        self.say(f"Date: {long_date(game.date)}")
        for variable in game.scenario.variables.values():
            if variable.visible:
                self.say(f"  {variable.label}: {show_value(game.value(variable.id))}")

    def _show_ending(self) -> None:
        game = self.game
        outcome = game.outcome
        assert outcome is not None
        self.say("")
        self.say(f"=== THE END: {outcome.title} ===")
        self.say(wrap(outcome.epilogue))
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
        try:
            self.say(f"Saved to {save_game(self.game, self.saves, name)}")
        except SaveError as exc:
            self.say(f"Not saved: {exc}")

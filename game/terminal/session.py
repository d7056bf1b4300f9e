"""Setting up a terminal session from command-line arguments: scenario, players, seed, saves."""

from __future__ import annotations

import argparse
import random
import sys

from ..cli import fail
from ..engine import Game, GameError, Scenario, validate_file
from ..engine.game import parse_assignment
from ..engine.saves import AUTOSAVE, SaveError, read_save, restore, slot_path
from ..paths import resolve_scenario, saves_folder
from .play import TerminalPlayer


def load_or_report(name: str | None) -> Scenario | None:
    """Load a scenario, or print its findings to stderr and return None."""
    path = resolve_scenario(name)
    scenario, findings = validate_file(str(path))
    if scenario is None:
        for finding in findings:
            if finding.severity == "error":
                print(finding.format(), file=sys.stderr)
        print(f"parley: {path} cannot be played; 'python main.py validate {path}' lists every problem.",
              file=sys.stderr)
    return scenario


def _restore(args: argparse.Namespace, scenario: Scenario) -> Game | None:
    folder = saves_folder()
    try:
        path = slot_path(folder, AUTOSAVE) if args.resume else None
        data = read_save(path or args.load)
        restored = restore(data, scenario)
    except SaveError as exc:
        fail(str(exc), 1)
        return None
    notice = restored.notice()
    if notice:
        print(notice)
    return restored.game


def start_text_session(args: argparse.Namespace) -> int:
    scenario = load_or_report(args.scenario)
    if scenario is None:
        return 1
    if args.resume or args.load:
        game = _restore(args, scenario)
        if game is None:
            return 1
    else:
        actors = list(scenario.actors)
        humans = args.as_actors or [next((a.id for a in scenario.actors.values() if a.seat == "table"), actors[0])]
        for actor in humans:
            if actor not in scenario.actors:
                return fail(f"no actor {actor!r}; this scenario has: {', '.join(actors)}")
        controllers = {a: ("human" if a in humans else args.policy) for a in actors}
        seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1, 1_000_000)
        try:
            overrides = dict(parse_assignment(scenario, text) for text in args.set_values)
            if overrides and not args.from_node:
                return fail("--set goes with --from NODE")
            game = Game.new(scenario, args.lens, seed, controllers, start=args.from_node or "", overrides=overrides)
        except GameError as exc:
            return fail(str(exc))
    player = TerminalPlayer(game, saves_folder(), autosave=not args.no_autosave)
    return player.run()

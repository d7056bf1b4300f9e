"""Setting up a terminal session from command-line arguments: scenario, players, seed, saves."""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from ..classroom.settings import ClassroomSettings
from ..commandline import fail
from ..engine import Game, GameError, Scenario, validate_file
from ..engine.game import parse_assignment
from ..engine.saves import SaveError, latest_autosave, read_save, restore
from ..paths import resolve_scenario, saves_folder, user_scenarios_folder
from ..savefiles import find_scenario, save_path
from ..scenario_names import find_scenario_file, unknown_scenario
from .play import TerminalPlayer


def load_or_report(name: str | None) -> Scenario | None:
    """Load a scenario named by path, file name or id, or say why not on stderr and return None: that
    nothing is called so (with the nearest names), or the file's errors."""
    path = find_scenario_file(name)
    if path is None:
        fail(unknown_scenario(name or ""), 1)
        return None
    scenario, findings = validate_file(str(path))
    if scenario is None:
        for finding in findings:
            if finding.severity == "error":
                print(finding.format(), file=sys.stderr)
        print(
            f"parley: {path} cannot be played; 'python main.py validate {path}' lists every problem.", file=sys.stderr
        )
    return scenario


def _save_named(args: argparse.Namespace, scenario_id: str) -> Path | None:
    """The save ``--load`` names (a name or a path), or for ``--continue`` the newest autosave of a
    game of the scenario (None when there is none)."""
    return latest_autosave(saves_folder(), scenario_id) if args.resume else save_path(args.load)


def _scenario_of_save(args: argparse.Namespace) -> Scenario | None:
    """The scenario a save was played on, found by the id it records; None (reported) if not found."""
    try:
        data = read_save(save_path(args.load))
    except SaveError as exc:
        fail(str(exc), 1)
        return None
    scenario = find_scenario(data.scenario_id, data.scenario_path, data.scenario_hash)
    if scenario is None:
        fail(
            f"this save is of the scenario '{data.scenario_id}', which is not in scenarios/, nor in "
            f"{user_scenarios_folder()}, nor at {data.scenario_path or 'a recorded path'}: name its file "
            "(play --text SCENARIO --load SAVE)",
            1,
        )
    return scenario


def _restore(args: argparse.Namespace, scenario: Scenario) -> Game | None:
    ignored = [
        flag
        for flag, value in (
            ("--as", args.as_actors),
            ("--lens", args.lens),
            ("--seed", args.seed),
            ("--from", args.from_node),
        )
        if value
    ]
    if ignored:
        print(
            f"parley: note: {', '.join(ignored)} ignored: a saved game keeps its own players, lens and seed",
            file=sys.stderr,
        )
    try:
        path = _save_named(args, scenario.id)
        if path is None:
            fail(f"there is no autosave of '{scenario.title}' to continue yet", 1)
            return None
        data = read_save(path)
        restored = restore(data, scenario)
    except SaveError as exc:
        fail(str(exc), 1)
        return None
    notice = restored.notice()
    if notice:
        print(notice)
    return restored.game


def _default_players(scenario: Scenario, from_node: str | None) -> list[str]:
    """Who a person plays when --as is not given: the actor of the --from node, else the first at
    the table."""
    node = scenario.nodes.get(from_node or "")
    if node is not None and node.actor:
        return [node.actor]
    return [scenario.first_at_table]


def start_text_session(args: argparse.Namespace) -> int:
    # A save names its scenario; an autosave to continue is found from the scenario (the default one).
    scenario = _scenario_of_save(args) if args.load and not args.scenario else load_or_report(args.scenario)
    if scenario is None:
        return 1
    if args.resume or args.load:
        game = _restore(args, scenario)
        if game is None:
            return 1
    else:
        actors = list(scenario.actors)
        humans = args.as_actors or _default_players(scenario, args.from_node)
        misplaced = [name for name in humans if name not in scenario.actors and resolve_scenario(name).is_file()]
        if misplaced:
            return fail(
                f"{misplaced[0]!r} is a scenario, not an actor: name the scenario before --as "
                f"(play --text {misplaced[0]} --as ...)"
            )
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
        ClassroomSettings(reasons=args.reasons).store(game)
    player = TerminalPlayer(game, saves_folder(), autosave=not args.no_autosave)
    return player.run()

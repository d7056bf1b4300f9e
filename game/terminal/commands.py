"""Commands for playing in a terminal: ``play --text`` and ``replay``."""

from __future__ import annotations

import argparse
import sys

from ..commandline import add_scenario_argument, fail
from ..engine.policies import POLICIES
from ..engine.views import REASON_LEVELS


def register(sub: argparse._SubParsersAction) -> None:
    play = sub.add_parser(
        "play",
        help="play a scenario (in the terminal with --text)",
        description="Play a scenario. With --text, in the terminal: narration, numbered choices, "
        "'u' undo, 's' save, 'q' quit. Choices can be piped on standard input, one per line.",
    )
    add_scenario_argument(play)
    play.add_argument("--text", action="store_true", help="play in the terminal rather than the window")
    play.add_argument("--lens", metavar="L", help="the historical reading to play under (default: the scenario's)")
    play.add_argument("--seed", type=int, default=None, metavar="N", help="seed for chance (default: random)")
    play.add_argument(
        "--as",
        dest="as_actors",
        nargs="+",
        metavar="ACTOR",
        default=None,
        help="the actors you play (default: the first at the table); the rest play as in history",
    )
    play.add_argument(
        "--policy",
        default="disposition",
        choices=tuple(POLICIES),
        help="how the computer plays the other actors (default: disposition: history while the game "
        "follows it, then each actor's historical leanings and aims)",
    )
    play.add_argument("--continue", dest="resume", action="store_true", help="continue the latest autosave")
    play.add_argument("--load", metavar="SAVE", help="continue a save: a file, or a name saved with 's NAME'")
    play.add_argument("--from", dest="from_node", metavar="NODE", help="start at this node (for authors)")
    play.add_argument(
        "--set",
        dest="set_values",
        action="append",
        default=[],
        metavar="VAR=VALUE",
        help="with --from: set a variable first (repeatable)",
    )
    play.add_argument(
        "--reasons",
        default="numbers",
        choices=REASON_LEVELS,
        help="how much of computer delegations' reasons you see at a negotiation: 'numbers' (reasons with "
        "their points, the default), 'reasons' (without points) or 'nothing' (the terms alone)",
    )
    play.add_argument("--no-autosave", action="store_true", help="do not autosave after each decision")
    play.set_defaults(run=run_play)

    replay = sub.add_parser(
        "replay",
        help="print the historical path, dated, with sources",
        description="Print what really happened, decision by decision, with dates and sources, ending in "
        "the historical outcome.",
    )
    add_scenario_argument(replay)
    replay.add_argument("--lens", metavar="L", help="the reading to replay under")
    replay.set_defaults(run=run_replay)


def run_play(args: argparse.Namespace) -> int:
    if not args.text:
        window = ["window"]
        if args.scenario:
            from ..scenario_names import find_scenario_file, unknown_scenario

            path = find_scenario_file(args.scenario)
            if path is None:
                return fail(unknown_scenario(args.scenario), 1)
            window.append(str(path))
        try:
            return int(args.command_line(window))
        except SystemExit as exc:  # no window command available
            return int(exc.code or 0)
    from .session import start_text_session

    return start_text_session(args)


def run_replay(args: argparse.Namespace) -> int:
    from ..engine import GameError
    from .replay import print_history
    from .session import load_or_report

    scenario = load_or_report(args.scenario)
    if scenario is None:
        return 1
    try:
        print_history(scenario, sys.stdout, args.lens)
    except GameError as exc:
        return fail(str(exc))
    return 0

"""The command line: ``python main.py [COMMAND] ...``. Each front end registers its own commands.

Without a command, Parley opens its window (or, where there is no display, says how to play in the
terminal). Exit codes: 0 success, 1 problems found (invalid scenario, damaged save), 2 usage errors.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__

# Modules that add subcommands; each has ``register(subparsers)`` and imports heavy things lazily.
# They share ``game.commandline`` and never import this module: a command that hands over to another
# (``play`` without ``--text`` opens the window) calls ``args.command_line``.
COMMAND_MODULES = (
    "game.terminal.commands",
    "game.authoring.commands",
    "game.classroom.commands",
    "game.net.commands",
    "game.ui.commands",
)

EPILOG = """\
examples:
  python main.py                          open the game window
  python main.py play --text              play the default scenario in the terminal
  python main.py replay                   print what really happened, day by day, with sources
  python main.py validate scenarios/*.yaml
  python main.py COMMAND --help           help on one command
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=_program(),
        description="Parley: play historical negotiations, and what could have happened instead.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"Parley {__version__}")
    parser.set_defaults(command_line=main)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        args = (
            parser.parse_args(["window", *(argv or [])])
            if _has_window_command(parser)
            else parser.parse_args(["play", "--text"])
        )
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        print("\nStopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        if exc.errno != errno.ENAMETOOLONG:
            raise
        # The last guard: every reader and writer checks names itself; this keeps a path no one
        # foresaw from ending in a traceback.
        name = str(exc.filename or "")
        shown = name if len(name) <= 80 else name[:40] + "…" + name[-20:]
        print(f"parley: error: a name in the path {shown!r} is too long (over 255 characters)", file=sys.stderr)
        return 2


def _program() -> str:
    """The name the user typed: ``parley`` when installed, else ``python main.py`` from a checkout."""
    return "parley" if Path(sys.argv[0]).stem == "parley" else "python main.py"


def _has_window_command(parser: argparse.ArgumentParser) -> bool:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return "window" in action.choices
    return False

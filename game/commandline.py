"""What every command module shares: the SCENARIO argument and the one-line error.

Apart from ``cli``, which loads the command modules by name, so that they never import the module
that loads them.
"""

from __future__ import annotations

import argparse
import sys


def add_scenario_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "scenario",
        nargs="?",
        metavar="SCENARIO",
        help="a scenario file, or the name of one in scenarios/ (default: the flagship)",
    )


def fail(message: str, code: int = 2) -> int:
    """Print a one-line error for the user and return the exit code."""
    print(f"parley: error: {message}", file=sys.stderr)
    return code

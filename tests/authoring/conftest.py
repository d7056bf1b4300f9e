"""Shared helpers for the authoring tests: paths, and running the command line in-process."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from game.cli import main

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "authoring"
TINY = ROOT / "tests" / "fixtures" / "tiny.yaml"
MUNICH = ROOT / "scenarios" / "munich-1938.yaml"
# The format-1 Munich crisis, archived: tests of long decision-tree layouts use it.
MUNICH_V1 = ROOT / "scenarios" / "archive" / "munich-1938-v1.yaml"
FLAGSHIP = ROOT / "scenarios" / "moscow-1939.yaml"
TUTORIAL = sorted((ROOT / "docs" / "tutorial").glob("step*.yaml"))
TUTORIAL_TABLE = ROOT / "scenarios" / "tutorial-negotiation.yaml"


def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    """Run ``python main.py ARGV`` in this process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exc:
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="session")
def munich():
    from game.engine import load_scenario

    return load_scenario(str(MUNICH))

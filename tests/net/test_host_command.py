"""What ``host --headless`` prints a teacher: the class by its name once, and a resume line that
works when pasted, quotes and all."""

from __future__ import annotations

import argparse
import os
import shlex
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from game.net.commands import turn_minutes

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_the_printed_lines_name_the_class_once_and_resume_it_as_pasted(tmp_path: Path) -> None:
    env = {**os.environ, "PARLEY_CLASS_DATA": str(tmp_path), "PARLEY_SAVES": str(tmp_path / "saves")}
    port = free_port()
    command = [sys.executable, "main.py", "host", "--headless", "--local", "--port", str(port)]
    command += ["--name", "Class 3B weir", "scenarios/tutorial-negotiation.yaml"]
    host = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    try:
        assert host.stdout is not None
        for line in host.stdout:
            lines.append(line.rstrip("\n"))
            if line.startswith("Stop with"):
                break
    finally:
        host.terminate()
        host.wait(timeout=20)
    printed = "\n".join(lines)
    assert "Class 3B weir: The Weir at Tessen Ford" in printed and "Class Class" not in printed
    assert f"Stored in {tmp_path}" in printed
    resume = shlex.split(lines[-1].partition("resume with: ")[2])
    assert resume[-2:] == ["--resume", "Class 3B weir"]  # one argument when pasted
    # Pasted after a restart it finds the class where it is stored, serves it the same way, headless.
    assert resume[0] == f"PARLEY_CLASS_DATA={tmp_path}" and resume[1:5] == ["python", "main.py", "host", "--headless"]
    assert "--local" in resume and resume[resume.index("--port") + 1] == str(port)


def test_minutes_take_fractions_that_come_to_whole_seconds() -> None:
    """The 45- and 90-second clocks the lesson plans prescribe can be set; a value that is not a
    number, out of range or not whole seconds is refused with a message that shows what to type."""
    assert [turn_minutes(text) for text in ("0", "0.75", "1", "1.5", "60")] == [0.0, 0.75, 1.0, 1.5, 60.0]
    for bad in ("abc", "-1", "61", "0.01", "nan", "inf"):
        with pytest.raises(argparse.ArgumentTypeError, match=r"0\.75"):
            turn_minutes(bad)


def test_a_bad_minutes_value_is_a_clear_usage_error(tmp_path: Path) -> None:
    env = {**os.environ, "PARLEY_CLASS_DATA": str(tmp_path)}
    command = [sys.executable, "main.py", "host", "--headless", "--local", "--minutes", "0.75s"]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "argument --minutes: '0.75s' is not from 0 (no clock) to 60 minutes" in done.stderr
    assert not any(tmp_path.iterdir())  # no class was stored

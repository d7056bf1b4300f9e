"""What ``host --headless`` prints a teacher: the class by its name once, and a resume line that
works when pasted, quotes and all."""

from __future__ import annotations

import os
import shlex
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_the_printed_lines_name_the_class_once_and_resume_it_as_pasted(tmp_path: Path) -> None:
    env = {**os.environ, "PARLEY_CLASS_DATA": str(tmp_path), "PARLEY_SAVES": str(tmp_path / "saves")}
    command = [sys.executable, "main.py", "host", "--headless", "--local", "--port", str(free_port())]
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
    resume = lines[-1].partition("resume with: ")[2]
    assert shlex.split(resume)[-2:] == ["--resume", "Class 3B weir"]  # one argument when pasted

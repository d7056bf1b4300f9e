"""A class under load: ``python bench/classroom_load.py [--tables N] [--students N] [--watched] [--chatty]``.

Hosts the tutorial negotiation in a separate process (``main.py host --headless --local``) with a
class database in a temporary folder, joins the students over real WebSockets on localhost (five to
a table, second and third members sharing a seat), and plays every table to its end, bounded in
time. Prints the time from a move being sent to every member of its table having the new state
(p50/p99; target p99 <= 50 ms), the host's memory, and the time to resume every table after the
host is stopped and started again. With ``--watched`` the teacher's dashboard and the projector are
open too, as in a class, and are read throughout. With ``--chatty`` a student of another delegation
sends a message just before every move, to the whole table and privately to the mover's delegation by
turns, as students negotiating in writing do; each message is stored before it is told, as a move is.
A further connection then asks the host something needing no disk (a malformed request, answered with
an error) every millisecond or so during play, and the time to its answer is printed too: how long the
host's loop is held up by the others' work.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import websockets

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.net.running import free_port  # noqa: E402

TARGET_P99_MS = 50.0


def start_host(port: int, env: dict[str, str], extra: list[str]) -> tuple[subprocess.Popen[str], dict[str, str]]:
    command = [sys.executable, str(ROOT / "main.py"), "host", "--headless", "--local", "--port", str(port), *extra]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    printed: dict[str, str] = {}
    assert process.stdout is not None
    for line in process.stdout:
        key, _, value = line.partition(":")
        printed[key.strip()] = value.strip()
        if line.startswith("Stop with"):
            break
    return process, printed


async def wait_open(port: int, limit: float = 20.0) -> float:
    began = time.perf_counter()
    while time.perf_counter() - began < limit:
        try:
            async with websockets.connect(f"ws://127.0.0.1:{port}/ws"):
                return time.perf_counter() - began
        except OSError:
            await asyncio.sleep(0.02)
    raise RuntimeError("the host did not open")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class Member:
    def __init__(self, socket: Any, state: dict[str, Any]) -> None:
        self.socket = socket
        self.state = state
        self.seen: dict[int, float] = {}  # move count -> when it first arrived
        self.errors: list[str] = []  # what the host refused


def choose_action(state: dict[str, Any]) -> dict[str, Any] | None:
    view = state["view"]
    turn = view["turn"]
    if turn is None or view["ended"]:
        return None
    if turn["kind"] in ("choose", "seal"):
        choice = next(c["id"] for c in turn["choices"] if c["available"])
        return {"type": "act", "kind": turn["kind"], "choice": choice}
    table = view["table"]
    if turn["kind"] == "propose":
        package = {i["id"]: i["options"][0][0] for i in table["issues"]}
        return {"type": "act", "kind": "propose", "package": package}
    return {"type": "act", "kind": "answer", "answer": "accept" if table["may_accept"] else "reject"}


async def read(member: Member, changed: asyncio.Event) -> None:
    async for raw in member.socket:
        message = json.loads(raw)
        if message.get("type") == "seat":
            member.state = message
            member.seen.setdefault(message["moves"], time.perf_counter())
            changed.set()
        elif message.get("type") == "error":
            member.errors.append(str(message.get("message")))


async def watch(port: int, kind: str, token: str) -> None:
    """The teacher's dashboard or the projector: connected throughout, everything it is sent read."""
    async with websockets.connect(f"ws://127.0.0.1:{port}/ws", max_size=None) as socket:
        await socket.send(json.dumps({"type": kind, "token": token}))
        async for raw in socket:
            json.loads(raw)


def chat(members: list[Member], mover: Member, count: int) -> tuple[Member, dict[str, Any]] | None:
    """A note from a member of another delegation than the mover's: to the whole table, or every
    other time privately to the mover's delegation (None when the table has only one delegation)."""
    seat = mover.state["seat"]
    speaker = next((m for m in members if m.state["seat"] != seat), None)
    if speaker is None:
        return None
    to = seat if count % 2 else ""
    return speaker, {"type": "say", "to": to, "text": f"Note {count + 1} before the next move."}


async def probe(port: int, answers: list[float], stop: asyncio.Event) -> None:
    """Ask the host something that needs no disk, again and again until ``stop``; each answer's time (ms)."""
    async with websockets.connect(f"ws://127.0.0.1:{port}/ws") as socket:
        while not stop.is_set():
            sent = time.perf_counter()
            await socket.send("{}")
            json.loads(await socket.recv())
            answers.append((time.perf_counter() - sent) * 1000)
            await asyncio.sleep(0.001)


def percentiles(values: list[float]) -> tuple[float, float]:
    """p50 and p99 of ``values``."""
    ordered = sorted(values)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


async def play_table(members: list[Member], latencies: list[float], deadline: float, chatty: bool = False) -> None:
    changed = asyncio.Event()
    notes = 0
    readers = [asyncio.create_task(read(m, changed)) for m in members]
    try:
        while time.perf_counter() < deadline:
            mover = next((m for m in members if choose_action(m.state) is not None), None)
            if mover is None:
                if members[0].state["view"]["ended"]:
                    break
                changed.clear()
                await asyncio.wait_for(changed.wait(), timeout=5)
                continue
            before = max(m.state["moves"] for m in members)
            note = chat(members, mover, notes) if chatty else None
            if note is not None:  # not waited for: the move follows at once, as in a lively class
                await note[0].socket.send(json.dumps(note[1]))
                notes += 1
            sent = time.perf_counter()
            await mover.socket.send(json.dumps(choose_action(mover.state)))
            while not all(any(n > before and t >= sent for n, t in m.seen.items()) for m in members):
                changed.clear()
                await asyncio.wait_for(changed.wait(), timeout=5)
            arrived = max(min(t for n, t in m.seen.items() if n > before and t >= sent) for m in members)
            latencies.append((arrived - sent) * 1000)
    finally:
        for task in readers:
            task.cancel()


async def run(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="parley-load-") as folder:  # the class database, removed after
        await measure(args, folder)


async def measure(args: argparse.Namespace, folder: str) -> None:
    env = {**os.environ, "PARLEY_CLASS_DATA": folder}
    port = free_port()
    scenario = str(ROOT / "scenarios" / "tutorial-negotiation.yaml")
    options = ["--tables", str(args.tables), "--people", "kestra,dunmore", "--name", "load-class"]
    host, printed = start_host(port, env, [scenario, *options])
    try:
        await wait_open(port)
        code = printed["Join code"]
        watchers = []
        if args.watched:
            teacher = printed["Teacher's board"].partition("#")[2]
            projector = printed["Projector"].partition("#")[2]
            watchers = [asyncio.create_task(watch(port, k, t)) for k, t in (("hello", teacher), ("watch", projector))]
        sockets = []
        by_table: dict[int, list[Member]] = {}
        for number in range(args.students):
            socket = await websockets.connect(f"ws://127.0.0.1:{port}/ws")
            await socket.send(json.dumps({"type": "join", "code": code, "name": f"Student {number + 1}"}))
            json.loads(await socket.recv())  # joined
            state = json.loads(await socket.recv())
            sockets.append(socket)
            by_table.setdefault(state["table"], []).append(Member(socket, state))
        for members in by_table.values():  # drain the states sent as later members joined
            for member in members:
                while True:
                    try:
                        member.state = json.loads(await asyncio.wait_for(member.socket.recv(), 0.05))
                    except asyncio.TimeoutError:
                        break
        memory_joined = rss_mb(host.pid)
        latencies: list[float] = []
        began = time.perf_counter()
        deadline = began + args.seconds
        answers: list[float] = []
        stop = asyncio.Event()
        probing = asyncio.create_task(probe(port, answers, stop)) if args.chatty else None
        await asyncio.gather(*(play_table(m, latencies, deadline, args.chatty) for m in by_table.values()))
        played = time.perf_counter() - began
        stop.set()
        if probing is not None:
            await probing
        memory_played = rss_mb(host.pid)
        for socket in sockets:
            await socket.close()
        for task in watchers:
            task.cancel()
    finally:
        host.terminate()
        host.wait(timeout=10)

    began = time.perf_counter()
    again, printed = start_host(port, env, ["--resume", "load-class"])
    try:
        await wait_open(port)
        restart = time.perf_counter() - began
    finally:
        again.terminate()
        again.wait(timeout=10)

    refused = [e for members in by_table.values() for m in members for e in m.errors]
    p50, p99 = percentiles(latencies)
    watched = ", the teacher's dashboard and the projector open" if args.watched else ""
    watched += ", a message before every move" if args.chatty else ""
    print(f"{args.students} students on {len(by_table)} tables{watched}, {len(latencies)} moves in {played:.1f} s")
    print(f"move to every seat of its table: p50 {p50:.1f} ms, p99 {p99:.1f} ms (target p99 <= {TARGET_P99_MS:.0f} ms)")
    if answers:
        a50, a99 = percentiles(answers)
        print(
            f"a request needing no disk, during play: answered in p50 {a50:.1f} ms, p99 {a99:.1f} ms ({len(answers)})"
        )
    if refused:
        print(f"the host refused {len(refused)} request(s), e.g. {refused[0]!r}")
    print(f"host memory: {memory_joined:.0f} MB with everyone joined, {memory_played:.0f} MB after play")
    resumed = next((k for k in printed if k.startswith("Resumed")), "")
    wall = restart * 1000
    print(f"restart: {resumed or 'resumed'} Listening again {wall:.0f} ms after launch (Python's start included)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", type=int, default=12)
    parser.add_argument("--students", type=int, default=60)
    parser.add_argument("--seconds", type=float, default=60.0, help="stop playing after this long")
    parser.add_argument("--watched", action="store_true", help="the teacher's dashboard and the projector open too")
    parser.add_argument("--chatty", action="store_true", help="a student sends a message before every move")
    args = parser.parse_args()
    if not 1 <= args.tables <= 50 or not 1 <= args.students <= 300:
        parser.error("at most 50 tables and 300 students")
    asyncio.run(run(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())

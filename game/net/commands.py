"""Commands for a class on its own devices: ``host`` (serve a class on the local network) and
``forget`` (delete a class's stored names and messages)."""

from __future__ import annotations

import argparse
import json
import math
import os
import shlex
import time

from ..commandline import add_scenario_argument, fail
from ..engine.views import REASON_LEVELS
from . import option_help


def register(sub: argparse._SubParsersAction) -> None:
    host = sub.add_parser(
        "host",
        help="host a class: students join from their own browsers on the local network",
        description="Serve a class on the local network: prints the address students open, a short join code "
        "and the teacher's dashboard address (with a QR code of the join address). Every move is stored "
        "before it is acknowledged; run the same command with --resume CLASS to carry on after a restart.",
    )
    add_scenario_argument(host)
    host.add_argument(
        "--headless",
        action="store_true",
        help="no window: print the addresses and serve (without it the window opens as the projector's screen)",
    )
    host.add_argument(
        "--port", type=int, default=option_help.PORT, help=f"the port to listen on (default {option_help.PORT})"
    )
    host.add_argument("--tables", type=int, default=1, help=option_help.TABLES)
    host.add_argument(
        "--students",
        type=int,
        default=0,
        help=option_help.STUDENTS,
    )
    host.add_argument(
        "--people",
        metavar="IDS",
        default="",
        help=option_help.PEOPLE,
    )
    host.add_argument("--seed", type=int, default=1, help=option_help.SEED)
    host.add_argument(
        "--same-game",
        action="store_true",
        help=option_help.SAME_GAME,
    )
    host.add_argument("--lens", default="", help=option_help.LENS)
    host.add_argument("--minutes", type=turn_minutes, default=0.0, help=option_help.MINUTES)
    host.add_argument(
        "--when-time-runs-out",
        dest="rule",
        choices=("computer", "status_quo"),
        default="computer",
        help=option_help.RULE,
    )
    host.add_argument("--reasons", choices=REASON_LEVELS, default="numbers", help="computer reasons shown")
    host.add_argument("--name", default="", help="the class's name (default: its date and time)")
    host.add_argument("--resume", metavar="CLASS", help="carry on a stored class after a restart")
    host.add_argument(
        "--local", action="store_true", help="listen on this computer only (127.0.0.1), not the local network"
    )
    host.set_defaults(run=run_host)

    forget = sub.add_parser(
        "forget",
        help="delete a hosted class's stored names and messages",
        description="Delete the students' names and the messages of a hosted class from the class database.",
    )
    forget.add_argument("cls", metavar="CLASS", help="the class's name, as 'host' printed it")
    forget.set_defaults(run=run_forget)


def turn_minutes(text: str) -> float:
    """``--minutes``: a turn's clock in minutes, fractions allowed so the short clocks a lesson plan
    needs can be set (0.75 is 45 seconds, 1.5 is 90), as long as they come to whole seconds."""
    try:
        minutes = float(text)
    except ValueError:
        minutes = math.nan
    if not (math.isfinite(minutes) and 0 <= minutes <= 60):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not from 0 (no clock) to 60 minutes, e.g. 1, or 0.75 for 45 seconds"
        )
    if abs(minutes * 60 - round(minutes * 60)) > 1e-6:
        raise argparse.ArgumentTypeError(
            f"{text!r} minutes is not a whole number of seconds: try 0.75 (45 s) or 1.5 (90 s)"
        )
    return round(minutes * 60) / 60


def run_host(args: argparse.Namespace) -> int:
    from ..engine.findings import ScenarioError
    from ..engine.loader import load_scenario
    from ..paths import resolve_scenario
    from .hosting import lan_address, server, tune_for_serving
    from .room import ClassOptions, Room, RoomError, tables_for
    from .running import HostRequest
    from .store import ClassStore

    if not 1 <= args.tables <= 100:
        return fail("--tables is from 1 to 100")
    if not 0 <= args.students <= 1000:
        return fail("--students is from 1 to 1000 (or 0: use --tables)")
    people = tuple(p.strip() for p in args.people.split(",") if p.strip())
    path = str(resolve_scenario(args.scenario))
    tables = args.tables
    if args.students and not args.resume:
        try:
            delegations = len(people) or len(load_scenario(path).actors)
        except (ScenarioError, OSError, ValueError) as exc:
            return fail(str(exc), 1)
        tables = min(100, tables_for(args.students, delegations))
    options = ClassOptions(tables, people, args.seed, args.lens, args.minutes, args.reasons, args.rule, args.same_game)
    if not args.headless:
        request = HostRequest(path, options, args.port, args.local, args.name, args.resume or "")
        try:
            return int(args.command_line(["window", path, "--host-class", json.dumps(request.to_json())]))
        except SystemExit as exc:  # no window command available
            print("parley: the window cannot be opened here; serve without it with: python main.py host --headless")
            return int(exc.code or 1)
    store = ClassStore()
    try:
        if args.resume:
            began = time.perf_counter()
            room = Room.resume(store, args.resume)
            print(f"Resumed {len(room.tables)} table(s) in {(time.perf_counter() - began) * 1000:.0f} ms.")
        else:
            room = Room.create(store, path, options, args.name)
    except (RoomError, ScenarioError, OSError, ValueError) as exc:
        store.close()
        return fail(str(exc), 1)
    bind = "127.0.0.1" if args.local else "0.0.0.0"
    address = "127.0.0.1" if args.local else lan_address()
    join = f"http://{address}:{args.port}/"
    named = room.row.id if room.row.id.lower().startswith("class") else f"Class {room.row.id}"
    print(f"{named}: {room.scenario.title}, {len(room.tables)} table(s).")
    where = "this computer only" if args.local else "every network this computer is on (the local network)"
    print(f"Listening on {where}, port {args.port}. Stored in {store.path}.")
    print(f"Students open:   {join}")
    print(f"Join code:       {room.row.code}")
    print(f"Teacher's board: {join}teacher#{room.row.teacher_token}")
    print(f"Projector:       {join}projector#{room.projector_token}")
    print("Stop with Ctrl+C; resume with: " + resume_line(args, room.row.id))
    tune_for_serving()
    server(room, bind, args.port, join).run()
    store.close()
    return 0


def resume_line(args: argparse.Namespace, class_id: str) -> str:
    """The command that resumes this class as it is served now, to paste after a restart: in the same
    class folder (a school's, named by the environment), headless, on the same port and network."""
    from .store import DATA_ENV

    folder = os.environ.get(DATA_ENV, "")
    words = [f"{DATA_ENV}={shlex.quote(folder)}"] if folder else []
    words += ["python", "main.py", "host", "--headless"]
    words += ["--local"] if args.local else []
    words += ["--port", str(args.port)] if args.port != option_help.PORT else []
    return " ".join([*words, "--resume", shlex.quote(class_id)])


def run_forget(args: argparse.Namespace) -> int:
    from .report import forget_messages
    from .store import ClassStore, data_folder

    store = ClassStore()
    if not store.forget(args.cls):
        known = ", ".join(c.id for c in store.classes()) or "none"
        store.close()
        return fail(f"no class {args.cls!r} is stored; stored classes: {known}", 1)
    store.close()
    results = data_folder() / args.cls
    if results.is_dir():
        forget_messages(results)
    print(f"Deleted the names and messages of class {args.cls}.")
    return 0

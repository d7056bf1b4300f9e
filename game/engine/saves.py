"""Saves: a JSON record of (scenario, lens, seed, players, moves), restored by replaying the moves.

A save is written atomically (temporary file, then rename), carries its format version and the
scenario's id and content hash, and is never modified or deleted by reading it. Reading checks
every field's type, and loading checks the save against the scenario (start node, lens, starting
values), so a damaged or mismatched save is reported in plain words instead of failing later. When
the scenario has changed since, loading replays the recorded moves by id as far as they still apply.

Format history: 1 kept front ends' settings (a class's time limit) among the engine's and wrote a
move made for a person as ``by: "label:detail"``; 2 keeps front ends' data in ``settings.extras``
and writes such a move as ``by: "proxy"``. Format 1 is read by upgrading it to 2 in memory.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from .game import MOVERS, Game, Move, ReplayReport, Settings, value_problem
from .jsonread import DamagedError, Fields
from .model import Scenario

SAVE_FORMAT = 2
MIN_LOADABLE_FORMAT = 1
_ENGINE_SETTINGS = frozenset({"lens", "seed", "controllers", "follow_history", "start", "overrides"})
AUTOSAVE = "autosave"  # the single autosave of older versions; still found by latest_autosave
AUTOSAVES_KEPT = 3  # per game: the newest few, so one bad move or an accident can be walked back
_GAME_KEY = "game"  # in settings.extras: the game's own name among autosaves, kept in its saves
MAX_SAVE_BYTES = 4 * 1024 * 1024
_SLOT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$")


class SaveError(ValueError):
    """A save that cannot be written or read; the message says why, for the player."""


@dataclass
class SaveData:
    """A save as read from disk, before it is replayed."""

    path: Path
    name: str
    scenario_id: str
    scenario_hash: str
    scenario_title: str
    settings: Settings
    moves: list[Move]
    created: str
    updated: str
    context: str
    outcome: str
    scenario_path: str = ""  # where the scenario was when the game was saved
    scenario_format: int = 1  # the scenario format the game was played under


@dataclass
class SaveInfo:
    """One line of a save list: readable saves and damaged ones alike."""

    path: Path
    name: str
    data: SaveData | None = None
    damaged: str = ""  # why it cannot be read, when it cannot

    @property
    def modified(self) -> float:
        try:
            return self.path.stat().st_mtime
        except OSError:
            return 0.0


# Names Windows keeps for devices: a file 'con.json' cannot be made or opened there.
RESERVED_NAMES = frozenset(
    {"con", "prn", "aux", "nul"} | {f"{port}{n}" for port in ("com", "lpt") for n in range(1, 10)}
)


def slot_path(folder: str | Path, slot: str) -> Path:
    """The file for a slot name ('group3' or 'group3.json' alike: never 'group3.json.json'); names
    that could leave the folder, or that Windows keeps for devices, are refused."""
    name = slot.strip()
    if name.lower().endswith(".json"):
        name = name[: -len(".json")].rstrip()
    if name.split(".")[0].strip().lower() in RESERVED_NAMES:
        raise SaveError(f"{slot!r} cannot be a save name: Windows keeps it for a device; add a letter, e.g. {name}1")
    if not _SLOT.match(name) or ".." in name:
        raise SaveError(
            f"{slot!r} cannot be a save name: use letters, digits, spaces, '-', '_' or '.' "
            "(up to 64), starting with a letter or digit"
        )
    path = Path(folder) / f"{name}.json"
    if path.resolve().parent != Path(folder).resolve():
        raise SaveError(f"{slot!r} would be saved outside the save folder")
    return path


def context_line(game: Game) -> str:
    """A line that says where the game stands, for save lists."""
    when = f"{game.date:%d %b %Y}".lstrip("0")
    if game.outcome:
        return f"{when}: ended — {game.outcome.title}"
    decision = game.decision
    if decision:
        return f"{when}: {decision.node.title} ({decision.actor.name} to decide)"
    node, waiting = game.node, game.turns
    if node is not None and waiting:
        names = ", ".join(game.scenario.actors[t.actor].name for t in waiting)
        doing = (
            "to propose"
            if waiting[0].kind == "propose"
            else "to answer"
            if waiting[0].kind == "answer"
            else "to choose"
        )
        return f"{when}: {node.title} ({names} {doing})"
    return when


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a crash leaves either the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def save_game(game: Game, folder: str | Path, slot: str, created: str = "") -> Path:
    """Write ``game`` to the slot; return the file's path."""
    path = slot_path(folder, slot)
    if not created and path.exists():
        try:
            created = read_save(path).created
        except SaveError:
            created = ""
    scenario = game.scenario
    # A save that uses nothing new in format 2 stays readable by a format-1 reader.
    needs_two = bool(game.settings.extras) or any(m.by == "proxy" for m in game.moves)
    data = {
        "parley_save": SAVE_FORMAT,
        "min_reader": SAVE_FORMAT if needs_two else 1,
        "name": slot.strip(),
        "scenario": {
            "id": scenario.id,
            "hash": scenario.content_hash,
            "title": scenario.title,
            "path": scenario.path,
            "format": scenario.format,
        },
        "settings": game.settings.to_dict(),
        "moves": [m.to_dict() for m in game.moves],
        "created": created or _now(),
        "updated": _now(),
        "context": context_line(game),
        "outcome": game.state.outcome,
    }
    try:
        write_atomic(path, json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    except OSError as exc:
        raise SaveError(f"could not write {path}: {exc.strerror or exc}") from None
    return path


def game_key(game: Game) -> str:
    """The game's own short name among autosaves, made on its first autosave and kept in its saves,
    so a loaded game goes on in its own autosaves and a new game (or a take-over) starts fresh ones."""
    key = game.settings.extras.get(_GAME_KEY)
    if not isinstance(key, str) or not re.fullmatch(r"[0-9a-f]{8}", key):
        key = os.urandom(4).hex()  # not the game's generator: naming a file must not change the play
        game.settings.extras[_GAME_KEY] = key
    return key


def _sequence(path: Path) -> int:
    """The running number at the end of an autosave's name (-1 for the older single autosave)."""
    tail = path.stem.rsplit(" ", 1)[-1]
    return int(tail) if tail.isdigit() else -1


def _autosaves(folder: Path, prefix: str) -> list[Path]:
    """Autosave files whose names start with ``prefix``, oldest first (file times are coarse, so
    writes in one instant are put in order by their running number)."""
    found: list[tuple[int, int, Path]] = []
    for path in folder.glob(f"{prefix}*.json"):
        with contextlib.suppress(OSError):
            found.append((path.stat().st_mtime_ns, _sequence(path), path))
    return [path for *_, path in sorted(found)]


def autosave(game: Game, folder: str | Path) -> Path:
    """Autosave ``game`` as ``autosave <scenario> <game> <n>``, n counting up, then drop that game's
    older autosaves past the newest few. Other games' autosaves (of any scenario) are never touched."""
    folder = Path(folder)
    scenario = re.sub(r"[^A-Za-z0-9_.-]", "-", game.scenario.id)[:32] or "scenario"
    prefix = f"{AUTOSAVE} {scenario} {game_key(game)} "
    mine = sorted(_autosaves(folder, prefix), key=_sequence) if folder.is_dir() else []
    number = _sequence(mine[-1]) + 1 if mine else 0
    path = save_game(game, folder, f"{prefix}{number:04d}")
    for old in mine[: max(0, len(mine) + 1 - AUTOSAVES_KEPT)]:
        with contextlib.suppress(OSError):
            old.unlink()
    return path


def latest_autosave(folder: str | Path, scenario_id: str) -> Path | None:
    """The newest autosave of a game of ``scenario_id`` (an older single ``autosave`` file counts if
    it is of that scenario); None when there is none."""
    folder = Path(folder)
    if not folder.is_dir():
        return None
    for path in reversed(_autosaves(folder, AUTOSAVE)):
        try:
            if read_save(path).scenario_id == scenario_id:
                return path
        except SaveError:
            continue
    return None


def _upgrade_format_1(settings: Fields, moves: list[object]) -> tuple[dict[str, object], list[object]]:
    """Format 1 read as format 2: settings the engine does not know go, unchanged, into ``extras``
    for the front end that wrote them; a move by 'label:detail' was made for a person: ``proxy``."""
    upgraded: dict[str, object] = {k: v for k, v in settings.data.items() if k in _ENGINE_SETTINGS}
    extras = settings.extra_keys(set(_ENGINE_SETTINGS))
    if extras:
        upgraded["extras"] = extras
    out: list[object] = []
    for move in moves:
        if isinstance(move, dict):
            by = move.get("by")
            if isinstance(by, str) and by not in MOVERS and ":" in by:
                move = {**move, "by": "proxy"}
        out.append(move)
    return upgraded, out


def read_save(path: str | Path, scenario: Scenario | None = None) -> SaveData:
    """Read a save file without changing it; ``SaveError`` says plainly what is wrong. Given the
    ``scenario``, the save is also checked against it (``check_save``)."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_SAVE_BYTES + 1)
    except FileNotFoundError:
        raise SaveError(f"there is no save {path}") from None
    except OSError as exc:
        raise SaveError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(raw) > MAX_SAVE_BYTES:
        raise SaveError(f"{path.name} is too large to be a Parley save")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SaveError(
            f"{path.name} is damaged and cannot be read ({exc.__class__.__name__}); the file was left as it is"
        ) from None
    if not isinstance(data, dict) or "parley_save" not in data:
        raise SaveError(f"{path.name} is not a Parley save")
    version = data.get("parley_save")
    if isinstance(version, bool) or not isinstance(version, int):
        raise SaveError(f"{path.name} is damaged: its format version is missing")
    minimum = data.get("min_reader", version)
    if isinstance(minimum, int) and minimum > SAVE_FORMAT:
        raise SaveError(
            f"{path.name} was written by a newer Parley (save format {version}); "
            f"this one reads save formats {MIN_LOADABLE_FORMAT} to {SAVE_FORMAT}: update Parley"
        )
    if version < MIN_LOADABLE_FORMAT:
        raise SaveError(
            f"{path.name} uses save format {version}, older than this Parley reads "
            f"({MIN_LOADABLE_FORMAT} to {SAVE_FORMAT})"
        )
    try:
        fields = Fields(data, "the save")
        about = fields.group("scenario")
        settings: object = fields.group("settings").data
        moves = fields.items("moves")
        if version == 1:
            settings, moves = _upgrade_format_1(Fields(settings, "the settings"), moves)
        scenario_id = about.text("id")
        save = SaveData(
            path,
            fields.text("name", path.stem),
            scenario_id,
            about.text("hash", ""),
            about.text("title", scenario_id),
            Settings.from_dict(settings),
            [Move.from_dict(move, f"move {number}") for number, move in enumerate(moves, 1)],
            fields.text("created", ""),
            fields.text("updated", ""),
            fields.text("context", ""),
            fields.text("outcome", ""),
            about.text("path", ""),
            about.integer("format", 1),
        )
    except DamagedError as exc:
        raise SaveError(f"{path.name} is damaged: {exc}; the file was left as it is") from None
    if scenario is not None:
        save = apply_renames(save, scenario)
        check_save(save, scenario)
    return save


def apply_renames(data: SaveData, scenario: Scenario) -> SaveData:
    """The save with every id the scenario has since renamed (``was``) read as today's id, so a
    pure rename loses nothing."""
    if not scenario.renames:
        return data
    named = scenario.renamed
    settings = data.settings
    settings = replace(
        settings,
        lens=named("lens", settings.lens),
        start=named("target", settings.start),
        controllers={named("actor", a): c for a, c in settings.controllers.items()},
        overrides={named("issue", named("variable", v)): value for v, value in settings.overrides.items()},
    )
    moves = []
    for move in data.moves:
        node = named("target", move.node)
        terms = {}
        for issue, option in move.terms.items():
            issue = named("issue", issue)
            terms[issue] = named("option", option, issue)
        moves.append(
            replace(move, node=node, step=named("step", move.step, node), actor=named("actor", move.actor), terms=terms)
        )
    return replace(data, settings=settings, moves=moves)


def check_save(data: SaveData, scenario: Scenario) -> None:
    """``SaveError`` when the save cannot be a game of ``scenario``: another scenario, or a start
    node, lens or starting value this scenario does not have. Moves that no longer apply are not
    an error: the replay stops there and says so."""
    name = data.path.name
    if data.scenario_id != scenario.id:
        raise SaveError(f"{name} is a save of '{data.scenario_id}', not of '{scenario.id}'")
    settings = data.settings
    problem = ""
    if settings.start and settings.start not in scenario.nodes:
        problem = f"the game began at the situation '{settings.start}', which the scenario no longer has"
    elif settings.lens and settings.lens not in scenario.lenses:
        have = ", ".join(scenario.lenses) or "none"
        problem = f"the game was played under the lens '{settings.lens}', which the scenario no longer has ({have})"
    else:
        problem = next(
            (p for n, v in settings.overrides.items() if (p := value_problem(scenario, n, v))),
            "",
        )
        if problem:
            problem = f"its starting values do not fit the scenario: {problem}"
    if problem:
        raise SaveError(f"{name} does not fit '{scenario.title}': {problem}; the file was left as it is")


@dataclass
class Restored:
    """A loaded game and what the player should be told about it."""

    game: Game
    report: ReplayReport
    scenario_changed: bool

    def notice(self) -> str:
        """One or two sentences for the player; '' when the game was restored exactly."""
        if self.report.complete:
            return (
                "The scenario has changed since this save, but every recorded move still applies."
                if self.scenario_changed
                else ""
            )
        stop = self.report
        return (
            f"The scenario has changed since this save: {stop.applied} of {stop.total} recorded moves "
            f"still apply. Replay stopped at '{stop.stopped_at}' because {stop.reason}. "
            "You can play on from there; the save file is unchanged."
        )


def restore(data: SaveData, scenario: Scenario) -> Restored:
    """Replay a save's moves on ``scenario``; ``SaveError`` when the save does not fit it
    (``check_save``). Players of actors the scenario no longer has are left out."""
    data = apply_renames(data, scenario)
    check_save(data, scenario)
    settings = data.settings
    lens = settings.lens or scenario.default_lens
    controllers = {a: c for a, c in settings.controllers.items() if a in scenario.actors}
    settings = replace(settings, lens=lens, controllers=controllers, extras=dict(settings.extras))
    for actor in scenario.actors:
        settings.controllers.setdefault(actor, "disposition")
    game, report = Game.replay(scenario, settings, data.moves)
    return Restored(game, report, data.scenario_hash != scenario.content_hash)


def list_saves(folder: str | Path) -> list[SaveInfo]:
    """Every ``.json`` file in the folder, newest first; damaged ones listed as damaged."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    out = []
    for path in folder.glob("*.json"):
        try:
            out.append(SaveInfo(path, path.stem, read_save(path)))
        except SaveError as exc:
            out.append(SaveInfo(path, path.stem, damaged=str(exc)))
    out.sort(key=lambda info: info.modified, reverse=True)
    return out

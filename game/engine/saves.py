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

import datetime as dt
import json
import os
import re
import uuid
import weakref
from dataclasses import dataclass, replace
from pathlib import Path

from . import safefile
from .filejournal import MAX_JOURNAL_BYTES, FileJournal, is_journal, read_journal
from .game import MOVERS, Game, Move, ReplayReport, Settings, value_problem
from .jsonread import DamagedError, Fields, JSONObject
from .model import Scenario

SAVE_FORMAT = 2
MIN_LOADABLE_FORMAT = 1
_ENGINE_SETTINGS = frozenset({"lens", "seed", "controllers", "follow_history", "start", "overrides"})
AUTOSAVE = "autosave"
MAX_SAVE_BYTES = MAX_JOURNAL_BYTES  # one limit for every save, above anything Parley writes
_AUTOSAVE_KEY = "autosave"  # the game's own autosave name, in ``settings.extras``
_TOKEN = re.compile(r"^[0-9a-f]{12}$")
AUTOSAVES_KEPT = 5  # per scenario: the newest games' autosaves; older readable ones are let go
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


def free_slot(folder: str | Path, slot: str) -> str:
    """A slot name like ``slot`` whose file does not exist yet ('group3-2', 'group3-3', ...)."""
    name = slot.strip()[:60]
    number = 2
    while safefile.exists(Path(folder) / f"{name}-{number}.json"):
        number += 1
    return f"{name}-{number}"


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
    """Write ``text`` to ``path`` atomically, making its folder if needed (a save folder is Parley's
    own); ``FileProblem`` (an ``OSError``) says why it could not."""
    safefile.write_atomic(path, text, make_folder=True)


class OverwriteRefused(SaveError):
    """A save would replace a file Parley cannot read; the person must say yes first (``replace=True``)."""

    def __init__(self, path: Path, why: str) -> None:
        super().__init__(f"{path.name} is there already and cannot be read ({why}); it was not replaced")
        self.path = path


def _existing(path: Path) -> SaveData | None:
    """The save already at ``path`` (None if there is none); ``OverwriteRefused`` if it cannot be read."""
    if not os.path.lexists(path):
        return None
    try:
        return read_save(path)
    except SaveError as exc:
        raise OverwriteRefused(path, str(exc)) from None


def _header(game: Game, name: str, created: str) -> JSONObject:
    scenario = game.scenario
    # A save that uses nothing new in format 2 stays readable by a format-1 reader.
    needs_two = bool(game.settings.extras) or any(m.by == "proxy" for m in game.moves)
    return {
        "parley_save": SAVE_FORMAT,
        "min_reader": SAVE_FORMAT if needs_two else 1,
        "name": name,
        "scenario": {
            "id": scenario.id,
            "hash": scenario.content_hash,
            "title": scenario.title,
            "path": scenario.path,
            "format": scenario.format,
        },
        "settings": game.settings.to_dict(),
        "created": created or _now(),
    }


def _status(game: Game) -> JSONObject:
    return {"updated": _now(), "context": context_line(game), "outcome": game.state.outcome}


def save_game(game: Game, folder: str | Path, slot: str, created: str = "", replace: bool = False) -> Path:
    """Write ``game`` to the slot as one whole file; return its path. A file there that cannot be read
    is replaced only when ``replace`` (the person said yes): else ``OverwriteRefused``."""
    path = slot_path(folder, slot)
    safefile.clean_stale_temps(path.parent)
    try:
        before = _existing(path)
    except OverwriteRefused:
        if not replace:
            raise
        before = None
    if before is not None and not created:
        created = before.created
    data = {**_header(game, slot.strip(), created), "moves": [m.to_dict() for m in game.moves], **_status(game)}
    try:
        write_atomic(path, json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    except OSError as exc:
        raise SaveError(f"could not write {path.name}: {exc.strerror or exc}") from None
    _journals.pop(path, None)
    return path


@dataclass
class _Kept:
    """An autosave being kept this session: its journal and the game it keeps."""

    journal: FileJournal
    game: weakref.ref[Game]


_journals: dict[Path, _Kept] = {}


def autosave_path(game: Game, folder: str | Path) -> Path:
    """The autosave of this game: one per scenario and game, so two games never share one. The
    game's name for it is kept in its settings, so a continued game goes on in the same file."""
    token = game.settings.extras.get(_AUTOSAVE_KEY)
    if not isinstance(token, str) or not _TOKEN.match(token):
        token = uuid.uuid4().hex[:12]
        game.settings.extras[_AUTOSAVE_KEY] = token
    return Path(folder) / f"{AUTOSAVE}-{_scenario_tag(game.scenario.id) or 'game'}-{token}.json"


def autosave(game: Game, folder: str | Path) -> Path:
    """Keep ``game`` in its autosave, appending only the moves made since the last call; return the
    file's path. A file there that cannot be read is never replaced: the game then gets a new
    autosave beside it (the returned path says where)."""
    path = autosave_path(game, folder)
    kept = _journals.get(path)
    try:
        if kept is None or kept.game() is not game or kept.journal.records > 3 * len(game.moves) + 64:
            safefile.clean_stale_temps(path.parent)
            try:
                before = _existing(path)
                apart = before is not None and not _goes_on_from(before.moves, game.moves)
            except OverwriteRefused:
                before, apart = None, True
            if apart:
                # Unreadable, or further on than this game (a named save of it loaded, or an undo
                # before a reload): that autosave keeps its game, and this one gets its own beside it.
                game.settings.extras.pop(_AUTOSAVE_KEY, None)
                path = autosave_path(game, folder)
                before = None
            journal = FileJournal(path)
            header = _header(game, AUTOSAVE, before.created if before else "")
            journal.begin({**header, **_status(game)}, game.moves)
            _journals[path] = _Kept(journal, weakref.ref(game))
            if before is None:
                _let_old_autosaves_go(path, game.scenario.id)
            return path
        journal = kept.journal
        same = _common_prefix(journal.moves, game.moves)
        if same < len(journal.moves):
            journal.truncate(same)
        journal.extend(game.moves[same:], _status(game))
    except OSError as exc:
        _journals.pop(path, None)
        raise SaveError(f"could not write {path.name}: {exc.strerror or exc}") from None
    return path


def _scenario_tag(scenario_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", scenario_id)[:40].strip("-")


def _let_old_autosaves_go(current: Path, scenario_id: str) -> None:
    """A new game's autosave has begun: keep the newest ``AUTOSAVES_KEPT`` of its scenario, so they
    do not pile up game after game. Only a file that reads as a save is removed; a damaged one stays
    for a person to look at, and an autosave a game in this session still keeps is never touched."""
    tag = _scenario_tag(scenario_id)
    same = [p for p in autosaves(current.parent) if p.stem.startswith(f"{AUTOSAVE}-{tag}-") and p != current]
    for old in same[AUTOSAVES_KEPT - 1 :]:
        kept = _journals.get(old)
        if kept is not None and kept.game() is not None:
            continue
        try:
            read_save(old)
            old.unlink()
        except (SaveError, OSError):
            continue


def _goes_on_from(kept: list[Move], moves: list[Move]) -> bool:
    """Whether ``moves`` is the game ``kept`` records, as far or further: taking it up again never
    takes back a move the file holds."""
    return len(kept) <= len(moves) and _common_prefix(kept, moves) == len(kept)


def _common_prefix(kept: list[Move], moves: list[Move]) -> int:
    """How many moves at the start the two lists share (moves only grow or shrink at the end)."""
    shorter = min(len(kept), len(moves))
    if kept[:shorter] == moves[:shorter]:  # the usual case, one comparison of the lists: moves appended
        return shorter
    count = 0
    for old, new in zip(kept, moves, strict=False):
        if old is not new and old != new:
            break
        count += 1
    return count


def autosaves(folder: str | Path) -> list[Path]:
    """Every autosave in ``folder``, newest first (the one of format 1 and 2, ``autosave.json``, too)."""
    found = [p for p in Path(folder).glob(f"{AUTOSAVE}*.json") if safefile.is_regular(p)]
    return sorted(found, key=lambda p: _modified(p), reverse=True)


def latest_autosave(folder: str | Path, scenario_id: str) -> Path | None:
    """The autosave to continue for ``scenario_id``: the newest of a game of that scenario (the
    older single ``autosave.json`` counts when it is of that scenario); None when there is none, so
    Continue never resumes another scenario's game."""
    tag = _scenario_tag(scenario_id)
    for path in autosaves(folder):
        if path.stem.startswith(f"{AUTOSAVE}-{tag}-"):
            return path
        if path.stem == AUTOSAVE:
            try:
                if read_save(path).scenario_id == scenario_id:
                    return path
            except SaveError:
                continue
    return None


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


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
        raw = safefile.read_regular(path, MAX_SAVE_BYTES, "save")
    except safefile.FileProblem as exc:
        raise SaveError(str(exc)) from None
    journal_moves: list[Move] | None = None
    try:
        if is_journal(raw):
            header, moves_read = read_journal(raw)
            data: object = {**header, "moves": []}
            journal_moves = list(moves_read)
        else:
            data = safefile.parse_json(raw)
    except (safefile.FileProblem, DamagedError) as exc:
        raise SaveError(f"{path.name} is damaged and cannot be read: {exc}; the file was left as it is") from None
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
            journal_moves
            if journal_moves is not None
            else [Move.from_dict(move, f"move {number}") for number, move in enumerate(moves, 1)],
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
    safefile.clean_stale_temps(folder)
    out = []
    for path in folder.glob("*.json"):
        try:
            out.append(SaveInfo(path, path.stem, read_save(path)))
        except SaveError as exc:
            out.append(SaveInfo(path, path.stem, damaged=str(exc)))
    out.sort(key=lambda info: info.modified, reverse=True)
    return out

"""Fuzzers over everything Parley reads: scenario YAML (mutations of the shipped scenarios and the
fixtures), expressions, saves (JSON mutations) and terminal input. Each asserts the one promise: a
clear answer (findings, ``SaveError``, ``ExprError``, a message), never a traceback; files untouched.
A failing example is kept: write it under ``cases/`` (see conftest) so it is replayed on every run."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from game.engine import Game, load_text
from game.engine.expr import ExprError, compile_expr
from game.engine.loader import load_scenario
from game.engine.saves import SaveError, read_save, restore, save_game
from game.terminal.play import TerminalPlayer
from tests.conftest import FIXTURES, ROOT, TINY
from tests.hostile.conftest import FUZZ

SOURCES = sorted(
    [*(ROOT / "scenarios").glob("*.yaml"), *FIXTURES.glob("*.yaml"), *(FIXTURES / "authoring").glob("*.yaml")]
)
TEXTS = {p.name: p.read_text(encoding="utf-8") for p in SOURCES}
HOSTILE = [
    "9" * 4400, '!!int "x"', "1e400", ".inf", "-.nan", "&a [*a, *a]", "*nowhere", "\x00", "\x1b[2J", "\ud7ff",
    "{", "[", "'", '"', ": :", "- - -", "!!python/object:os.system", "3000000", "-3000000", "9999-12-31",
    "\t", "#", "|", ">", "%YAML 1.1", "---", "...", "?", "~", "0x1F", "0o17", "1_000", "+.5",
]  # fmt: skip


@st.composite
def mutated_scenario(draw: st.DrawFn) -> tuple[str, str]:
    name = draw(st.sampled_from(sorted(TEXTS)))
    text = TEXTS[name]
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        how = draw(st.sampled_from(["insert", "replace", "delete", "duplicate"]))
        piece = draw(st.sampled_from(HOSTILE) | st.text(max_size=12))
        span = draw(st.integers(0, 40))
        if how == "insert":
            text = text[:at] + piece + text[at:]
        elif how == "replace":
            text = text[:at] + piece + text[at + span :]
        elif how == "delete":
            text = text[:at] + text[at + span :]
        else:
            text = text[:at] + text[at : at + span] * draw(st.integers(2, 50)) + text[at:]
    return name, text


@FUZZ
@given(mutated_scenario())
def test_fuzz_scenarios_give_findings_never_a_traceback(case: tuple[str, str]) -> None:
    name, text = case
    scenario, findings = load_text(name, text)
    assert scenario is not None or any(f.severity == "error" for f in findings)


EXPR_PARTS = st.sampled_from(
    ["trust", "powers", "warned", "day", "days_left", "1", "0", "9" * 30, "+", "-", "*", "/", "%", "(", ")",
     "==", "!=", "<", ">=", "and", "or", "not", "if", "else", "'sign'", "'", '"', "min(", "max(", ",", " ",
     "true", "false", "1e400", "\x00", "\u2212"]
)  # fmt: skip
TINY_SCENARIO = load_scenario(str(TINY))


@FUZZ
@given(st.lists(EXPR_PARTS, max_size=60).map("".join) | st.text(max_size=80), st.sampled_from(["bool", "int"]))
def test_fuzz_expressions_parse_or_say_why(text: str, want: str) -> None:
    scenario = TINY_SCENARIO
    types = {v.id: v.type for v in scenario.variables.values()}
    try:
        compiled = compile_expr(text, types, want)  # type: ignore[arg-type]
    except ExprError:
        return
    values = dict(scenario.initial_values("hopeful"))
    values.update(day=0, days_left=7)
    with contextlib.suppress(ExprError):  # a value out of range at run time is an ExprError, said plainly
        compiled(values)


def _save_text(tmp: Path) -> str:
    game = Game.new(TINY_SCENARIO, "hopeful", 3, {"red": "human", "blue": "human"})
    game.choose(1, reason="first")
    return save_game(game, tmp, "base").read_text(encoding="utf-8")


_BASE: dict[str, str] = {}


def _mutate_json(value: object, draw: st.DrawFn, depth: int = 0) -> object:
    if isinstance(value, dict) and value and depth < 4:
        key = draw(st.sampled_from(sorted(value)))
        out = dict(value)
        if draw(st.booleans()):
            out[key] = _mutate_json(value[key], draw, depth + 1)
        else:
            out[key] = draw(JUNK)
        return out
    if isinstance(value, list) and value and depth < 4:
        index = draw(st.integers(0, len(value) - 1))
        return [*value[:index], _mutate_json(value[index], draw, depth + 1), *value[index + 1 :]]
    return draw(JUNK)


JUNK = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**30), 10**30) | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


@st.composite
def mutated_save(draw: st.DrawFn) -> bytes:
    base = json.loads(_BASE["text"])
    text = json.dumps(_mutate_json(base, draw))
    if draw(st.booleans()):  # raw damage too: cut, doubled, junk bytes, escapes JSON allows
        at = draw(st.integers(0, len(text)))
        piece = draw(st.sampled_from(["", "\\ud800", "Infinity", "NaN", "1e400", "[" * 3000, "9" * 4400, "\x00"]))
        text = text[:at] + piece + text[at + draw(st.integers(0, 10)) :]
    return text.encode("utf-8", "surrogatepass") + draw(st.binary(max_size=3))


@FUZZ
@given(data=st.data())
def test_fuzz_saves_are_read_or_refused_and_left_as_they_were(tmp_path_factory, data) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("fuzzsave")
    if "text" not in _BASE:
        _BASE["text"] = _save_text(folder)
    raw = data.draw(mutated_save())
    path = folder / "mutated.json"
    path.write_bytes(raw)
    try:
        restored = restore(read_save(path), TINY_SCENARIO)
    except SaveError:
        pass
    else:
        save_game(restored.game, folder, "again")  # what was read can be written back
    assert path.read_bytes() == raw


LINES = st.sampled_from(
    ["1", "2", "3", "9", "0", "-1", "u", "s", "s x", "s ../x", "s con", "l", "b", "v", "h", "q", "", " ", ":",
     "1:", "1: why", "2: " + "x" * 3000, "1 2 1", "1 9 9", "99999999999999999999", "\x1b[2J", "s " + "n" * 300]
) | st.text(max_size=20)  # fmt: skip


@FUZZ
@given(st.lists(LINES | st.binary(max_size=8).map(lambda b: b.decode("latin-1")), max_size=12), st.booleans())
def test_fuzz_terminal_input_never_crashes(tmp_path_factory, lines: list[str], table: bool) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("fuzzterm")
    source = FIXTURES / ("table.yaml" if table else "tiny.yaml")
    scenario = load_scenario(str(source))
    humans = list(scenario.actors)[:2]
    game = Game.new(scenario, None, 3, {a: ("human" if a in humans else "disposition") for a in scenario.actors})
    raw = ("\n".join(lines) + "\n").encode("utf-8", "surrogateescape")
    inp = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8")
    out = io.StringIO()
    assert TerminalPlayer(game, folder, out=out, inp=inp).run() == 0
    assert "\x1b[2J" not in out.getvalue()


def test_the_shipped_cases_folder_is_replayed(tmp_path: Path) -> None:
    """A copy of a fuzz case in a fresh folder is read the same way as in place (cases never depend
    on where they are)."""
    from tests.hostile.conftest import CASES

    for case in (CASES / "saves").glob("*.json"):
        shutil.copy(case, tmp_path / case.name)
        try:
            read_save(tmp_path / case.name)
        except SaveError:
            continue

"""Dates, citations and effects in players' words: one home (``engine.wording``) and one reading of
an effect's shape (``engine.expr.split_effect``) for the terminal, the window and the transcripts."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from game.engine import Source
from game.engine.expr import ExprError, VarType, compile_effect, split_effect
from game.engine.wording import cite, describe_effect, long_date, short_date

GAME = Path(__file__).resolve().parents[2] / "game"


def test_dates_read_the_same_everywhere() -> None:
    assert long_date(dt.date(1939, 8, 1)) == "1 August 1939"
    assert short_date(dt.date(1939, 8, 21)) == "21 Aug"


def test_a_citation_with_and_without_its_address(tiny) -> None:  # type: ignore[no-untyped-def]
    assert cite(tiny, "src") == "An invented source for tests."
    linked = dataclasses.replace(tiny, sources={"src": Source("src", "Watt, How War Came.", "https://example.org/w")})
    assert cite(linked, "src") == "Watt, How War Came. — https://example.org/w"
    assert cite(linked, "src", with_url=False) == "Watt, How War Came."
    assert cite(tiny, "nowhere") == "nowhere"  # an unknown id is shown, not dropped


def defined_functions(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}


def test_dates_and_citations_have_one_home() -> None:
    defined = {p: defined_functions(p) for p in GAME.rglob("*.py")}  # each file parsed once
    homes = {
        name: sorted(str(p.relative_to(GAME)) for p, names in defined.items() if name in names)
        for name in ("long_date", "short_date", "cite")
    }
    # The transcript's numbered notes keep a ``cite`` method of their own; its text comes from wording.cite.
    assert homes == {
        "long_date": ["engine/wording.py"],
        "short_date": ["engine/wording.py"],
        "cite": ["classroom/transcript.py", "engine/wording.py"],
    }


@pytest.mark.parametrize(
    "text, parts",
    [
        ("trust += 1", ("trust", "+=", " 1", 0, 6, 8)),
        ("  trust-=2", ("trust", "-=", "2", 2, 7, 9)),
        ("powers = 'sign'", ("powers", "=", " 'sign'", 0, 7, 8)),
        ("Trust_2 = trust + 1", ("Trust_2", "=", " trust + 1", 0, 8, 9)),
    ],
)
def test_an_effect_is_taken_apart(text: str, parts: tuple[object, ...]) -> None:
    found = split_effect(text)
    assert found is not None
    assert (found.variable, found.op, found.value, found.variable_at, found.op_at, found.value_at) == parts


@pytest.mark.parametrize("text", ["trust == 1", "trust", "+= 1", "1 = trust", ""])
def test_what_is_not_an_effect(text: str) -> None:
    assert split_effect(text) is None
    with pytest.raises(ExprError, match="an effect is"):
        compile_effect(text, {"trust": VarType("int", minimum=0, maximum=5)})


def test_the_compiler_and_the_wording_read_effects_alike(tiny) -> None:  # type: ignore[no-untyped-def]
    assert describe_effect(tiny, "trust += 1") == "Trust +1"
    assert describe_effect(tiny, "trust-=2") == "Trust −2"
    assert describe_effect(tiny, "powers = 'sign'") == "Powers: sign"
    assert describe_effect(tiny, "warned = true") is None  # hidden from players
    values = {"trust": 2}
    compile_effect("trust-=2", {"trust": VarType("int", minimum=0, maximum=5)})(values)  # type: ignore[arg-type]
    assert values == {"trust": 0}


def test_only_the_expression_module_reads_an_effects_shape() -> None:
    wording = ast.parse((GAME / "engine" / "wording.py").read_text(encoding="utf-8"))
    imported = {a.name for n in ast.walk(wording) if isinstance(n, ast.Import) for a in n.names}
    assert "re" not in imported, "wording describes effects through expr.split_effect, not a pattern of its own"

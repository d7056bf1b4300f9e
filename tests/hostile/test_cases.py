"""Every case under ``cases/`` answered clearly: each crash class the attack on Parley found, and
every crash a fuzzer ever found, kept as a file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.engine import validate_file
from game.engine.loader import load_scenario
from game.engine.saves import SaveError, read_save, restore
from tests.conftest import TINY
from tests.hostile.conftest import CASES

SAVES = sorted((CASES / "saves").glob("*.json"))
SCENARIOS = sorted((CASES / "scenarios").glob("*.yaml"))

# What each scenario case must say (a part of the first error), or '' when it is a valid scenario
# whose danger lies in playing or analysing it (see test_budgets.py).
SCENARIO_ERRORS = {
    "int-4400-digits.yaml": "too large",
    "int-tag-text.yaml": "not a whole number",
    "expr-long-chain.yaml": "more than 120 operations",
    "days-3000000.yaml": "at most 3,660",
    "initial-huge.yaml": "too large",
    "control-after-8k.yaml": "U+0007",
    "nul-after-8k.yaml": "U+0000",
}
SCENARIO_PLACES = {"control-after-8k.yaml": (97, 3), "nul-after-8k.yaml": (97, 3)}  # where the character is


@pytest.mark.parametrize("case", SCENARIOS, ids=lambda p: p.name)
def test_a_hostile_scenario_gets_findings_never_a_traceback(case: Path) -> None:
    scenario, findings = validate_file(str(case))
    errors = [f for f in findings if f.severity == "error"]
    expected = SCENARIO_ERRORS.get(case.name)
    if expected:
        assert scenario is None and expected in errors[0].message
    if case.name in SCENARIO_PLACES:
        assert (errors[0].line, errors[0].column) == SCENARIO_PLACES[case.name]


SAVE_MESSAGES = {
    "bigint.json": "4400 digits",
    "deep.json": "nested 5001 levels deep",
    "inf_seed.json": "Infinity",
    "nan_seed.json": "NaN",
    "e400_seed.json": "1e400",
    "day.json": "1e400",
    "timelimit.json": "Infinity",
    "surrogate.json": "not valid Unicode",
    "controller.json": "cannot play",
    "override.json": "starting value",
    "start.json": "no longer has",
}


@pytest.mark.parametrize("case", SAVES, ids=lambda p: p.name)
def test_a_damaged_save_is_a_clear_error_and_stays_as_it_was(case: Path, tmp_path: Path) -> None:
    copy = tmp_path / case.name
    shutil.copy(case, copy)
    before = copy.read_bytes()
    with pytest.raises(SaveError) as caught:
        restore(read_save(copy), load_scenario(str(TINY)))
    assert SAVE_MESSAGES.get(case.name, "") in str(caught.value)
    assert copy.read_bytes() == before


def test_one_damaged_save_never_aborts_a_class_report(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from game.cli import main
    from game.engine import Game
    from game.engine.saves import save_game

    folder = tmp_path / "class"
    game = Game.new(load_scenario(str(TINY)), "hopeful", 3, {"red": "human", "blue": "disposition"})
    game.choose(1, reason="first")
    save_game(game, folder, "group1")
    for case in SAVES:
        shutil.copy(case, folder / case.name)
    assert main(["report", str(folder), "--scenario", str(TINY)]) == 0
    captured = capsys.readouterr()
    assert "group1" in captured.out and "Traceback" not in captured.err
    assert all(f"skipped {folder / case.name}" in captured.err for case in SAVES)

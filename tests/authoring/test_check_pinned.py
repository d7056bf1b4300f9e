"""``check`` reports exactly what it reported before it remembered bargaining answers and learnt to
reuse its exploration: findings, paths, counterfactuals, ties and decisions, pinned per file.

The pins were made by the check as it was before (without a time limit, which on a busy machine
cut the flagship short). The scenarios are frozen copies in ``tests/fixtures/check_pins`` so that
editing a scenario never breaks this test; the test fixtures are used where they are.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from game.authoring.check import CHECK_STEPS, check_scenario
from game.authoring.recheck import Rechecker
from game.engine import validate_file
from game.engine.budget import Budget

from .conftest import FIXTURES, ROOT, TINY

PINS = ROOT / "tests" / "fixtures" / "check_pins"
EXPECTED = json.loads((PINS / "expected.json").read_text(encoding="utf-8"))
FILES = {
    "moscow-1939.yaml": PINS / "moscow-1939.yaml",
    "munich-1938.yaml": PINS / "munich-1938.yaml",
    "tutorial-negotiation.yaml": PINS / "tutorial-negotiation.yaml",
    "tiny.yaml": TINY,
    "table.yaml": ROOT / "tests" / "fixtures" / "table.yaml",
    **{name: FIXTURES / name for name in ("loop.yaml", "private.yaml", "stuck.yaml", "tables.yaml")},
}


def _pinned_form(path: Path, use_rechecker: bool) -> dict[str, object]:
    """The check of ``path`` as it was pinned: every line (timings and folders left out) and a hash
    of the whole JSON report."""
    scenario, findings = validate_file(str(path))
    assert scenario is not None
    if use_rechecker:
        report = Rechecker().check(scenario, path.read_text(encoding="utf-8"))
    else:
        report = check_scenario(scenario, budget=Budget(CHECK_STEPS))  # no time limit: the same on any machine
    assert not report.stopped
    folder = str(path.parent) + "/"
    lines = [f.format() for f in findings + report.findings] + report.summary_lines()
    lines = [re.sub(r"in [0-9.]+ s", "in _ s", line).replace(folder, "") for line in lines]
    data = report.as_dict()
    data.pop("seconds")
    encoded = json.dumps(data, sort_keys=True, ensure_ascii=False).replace(folder, "")
    return {"lines": lines, "report_sha256": hashlib.sha256(encoded.encode()).hexdigest()}


@pytest.mark.parametrize("name", sorted(FILES))
def test_check_reports_what_it_reported_before(name: str) -> None:
    assert _pinned_form(FILES[name], use_rechecker=name != "moscow-1939.yaml") == EXPECTED[name]


def test_the_pins_cover_every_file() -> None:
    assert sorted(EXPECTED) == sorted(FILES)

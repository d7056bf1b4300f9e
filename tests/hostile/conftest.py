"""The hostile-input suite: a small fixed budget in CI, a longer run on demand.

``PARLEY_FUZZ_EXAMPLES=5000 python -m pytest tests/hostile`` runs every fuzzer with 5,000 examples.
A crash a fuzzer finds is kept as a file under ``cases/`` (saves/, scenarios/, inputs/), and every file
there is replayed by ``test_cases.py`` on each run.
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, settings

CASES = Path(__file__).resolve().parent / "cases"
EXAMPLES = int(os.environ.get("PARLEY_FUZZ_EXAMPLES", "30"))

settings.register_profile(
    "hostile",
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=EXAMPLES <= 100,  # the CI budget is the same every run; a long run explores afresh
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    database=None,
)
FUZZ = settings.get_profile("hostile")

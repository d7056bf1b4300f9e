"""The format's JSON Schema for YAML editors, generated from the specs the validator walks, so the
editor and the validator cannot drift apart. ``docs/schema/scenario.schema.json`` holds a copy.
"""

from __future__ import annotations

import json

from ..engine.schema import json_schema
from ..paths import ROOT

SCHEMA_FILE = ROOT / "docs" / "schema" / "scenario.schema.json"


def schema_text() -> str:
    """The JSON Schema as the text written to ``docs/schema/scenario.schema.json``."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"

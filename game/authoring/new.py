"""``new``: start a scenario from a small, valid, commented file, so an author edits rather than
starts from a blank page. It never overwrites a file.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

NAME = re.compile(r"^[a-z][a-z0-9_-]*$")

TEMPLATE = """\
# yaml-language-server: $schema={schema}
# A new Parley scenario. Every part below is required unless marked optional; the full reference
# is docs/scenario-format.md and the tutorial is docs/authoring.md.
# Check it often:  python main.py validate {file}   then   python main.py check {file}
format: 1

meta:
  id: {ident}                      # stable id: saves record it
  title: A new negotiation
  summary: One paragraph that tells a player what this negotiation is about.
  start: {start}                # the date play begins (YYYY-MM-DD)
  end: {end}                  # the last date play can reach
  start_node: opening               # the first decision
  fallback_outcome: no_deal         # the ending when time runs out or no choice is open

# The works the scenario rests on: cite them in full.
sources:
  - id: main_source
    citation: "Author, Title of the Book (Place: Publisher, Year)."

# The parties. seat: table (at the negotiation) or offstage (acting from outside).
actors:
  - id: first_party
    name: The first delegation
    colour: "#0072B2"               # quote colours: '#' starts a YAML comment
    seat: table
    description: What everyone knows about the first delegation.
    briefing: What only the first delegation knows, and its instructions.
  - id: second_party
    name: The second delegation
    colour: "#D55E00"
    seat: table
    description: What everyone knows about the second delegation.
    briefing: What only the second delegation knows, and its instructions.

# Typed state that conditions read and effects change.
variables:
  - {{id: trust, type: int, min: 0, max: 5, initial: 2, label: Trust}}

# The decision tree. A decision has an actor and choices; each choice leads to a node or an outcome.
nodes:
  - id: opening
    date: {start}
    actor: first_party
    title: The talks open
    text: The first delegation sets out its position.
    choices:
      - id: offer
        label: Make a generous offer
        effects: ["trust += 1"]
        days: 1
        next: reply
        historical: true            # what really happened; needs a source
        source: main_source
      - id: demand
        label: Make demands
        effects: ["trust -= 1"]
        days: 1
        next: reply
  - id: reply
    date: {reply}
    actor: second_party
    title: The answer
    text: The second delegation must answer.
    choices:
      - id: accept
        label: Accept
        if: "trust >= 2"            # hidden unless this holds
        next: agreement
        historical: true
        source: main_source
      - id: refuse
        label: Refuse
        next: no_deal

# The endings. speculative: none, low, medium or high; say why in 'speculation' unless none.
outcomes:
  - id: agreement
    title: Agreement
    epilogue: What followed the agreement.
    historical: true
    speculative: none
    sources: [main_source]
  - id: no_deal
    title: No agreement
    epilogue: What might have followed a breakdown.
    speculative: high
    speculation: Nobody knows what would have happened; say what the sources do and do not support.
"""


class NewScenarioError(ValueError):
    """The scenario cannot be created: a bad name, or the file exists already."""


class BadNameError(NewScenarioError):
    """The name given is not usable as a scenario's file name (a usage error)."""


def scenario_text(
    name: str, file: str = "", schema: str = "../docs/schema/scenario.schema.json", start: dt.date = dt.date(1900, 1, 1)
) -> str:
    """The starting file for a scenario called ``name``."""
    ident = re.sub(r"[^a-z0-9_]", "_", name.lower())
    return TEMPLATE.format(
        ident=ident,
        file=file or f"scenarios/{name}.yaml",
        schema=schema,
        start=start.isoformat(),
        end=(start + dt.timedelta(days=7)).isoformat(),
        reply=(start + dt.timedelta(days=1)).isoformat(),
    )


def usable_name(name: str) -> str:
    """A usable name close to ``name``: 'Yalta 1945' -> 'yalta-1945'; 'yalta-1945' when nothing is left."""
    fixed = re.sub(r"[^a-z0-9_-]+", "-", name.lower()).strip("-_")
    fixed = re.sub(r"^[^a-z]+", "", fixed)
    return fixed if NAME.match(fixed) else "yalta-1945"


def create(name: str, folder: Path) -> Path:
    """Write ``folder/NAME.yaml``; raise ``NewScenarioError`` rather than overwrite anything."""
    if not NAME.match(name):
        raise BadNameError(
            f"{name!r} is not a usable name: use lower-case letters, digits, '-' and '_', "
            f"starting with a letter, e.g. {usable_name(name)}"
        )
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    schema = Path(__file__).resolve().parents[2] / "docs" / "schema" / "scenario.schema.json"
    try:
        rel = Path(os.path.relpath(schema, folder.resolve()))
    except ValueError:  # another drive on Windows
        rel = schema
    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write(scenario_text(name, str(path), rel.as_posix()))
    except FileExistsError:
        raise NewScenarioError(f"{path} exists already; choose another name or delete it first") from None
    return path

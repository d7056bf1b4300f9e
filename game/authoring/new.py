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


NEGOTIATION_TEMPLATE = """\
# yaml-language-server: $schema={schema}
# A new Parley scenario with a negotiation at the table (format 2). Every part below is required
# unless marked optional; the full reference is docs/scenario-format.md.
# Check it often:  python main.py validate {file}   then   python main.py check {file}
# and see how computer delegations fare:  python main.py simulate {file} --runs 1000
format: 2

meta:
  id: {ident}                      # stable id: saves record it
  title: A new negotiation at the table
  summary: Two delegations bargain over a border and when to sign, then each decides in secret whether to ratify.
  start: {start}                # the date play begins (YYYY-MM-DD)
  end: {end}                  # the last date play can reach
  start_node: opening               # the first node
  fallback_outcome: breakdown       # the ending when time runs out or nothing is open

sources:
  - id: main_source
    citation: "Author, Title of the Book (Place: Publisher, Year)."

# The parties. 'values' are confidential: points for each option of each issue (numbers, or
# expressions over the variables); 'walk_away' is what no deal is worth to them now. A computer
# delegation accepts a package worth at least its walk-away value. 'objectives' score the players
# at the ending ('if' may read 'outcome', the ending's id); 'secret' ones are shown to their own only.
actors:
  - id: first_party
    name: The first delegation
    colour: "#0072B2"               # quote colours: '#' starts a YAML comment
    seat: table
    description: What everyone knows about the first delegation.
    briefing: Its instructions. Move the border if you can; a commission is an honourable second best.
    values:
      border: {{old_line: "1 - trust", commission: 2, new_line: 4}}
      timing: {{now: 1, later: 0}}
    walk_away: "trust - 1"
    objectives:
      - {{id: treaty_signed, text: Bring home a ratified treaty, if: "outcome == 'treaty'", points: 5}}
      - {{id: border_moved, text: Move the border, if: "border == 'new_line'", points: 5, secret: true}}
  - id: second_party
    name: The second delegation
    colour: "#D55E00"
    seat: table
    description: What everyone knows about the second delegation.
    briefing: Its instructions. Keep the old line unless trust is high.
    values:
      border: {{old_line: 3, commission: 2, new_line: "trust - 3"}}
      timing: {{now: 0, later: 1}}
    walk_away: "3 - trust"
    objectives:
      - {{id: line_kept, text: Keep the border from moving, if: "border != 'new_line'", points: 5}}
      - {{id: ratified, text: A treaty both ratify, if: "outcome == 'treaty'", points: 3}}
    # disposition (optional): how a computer player behaves once play leaves history, e.g.
    # disposition: {{never: [ratify.delay_b], accept_margin: 1}}

# Typed state that conditions read and effects change. Each issue below is a variable too.
variables:
  - {{id: trust, type: int, min: 0, max: 5, initial: 2, label: Trust}}
  - {{id: ratified_a, type: bool, initial: false, label: First delegation ratifies, visible: false}}
  - {{id: ratified_b, type: bool, initial: false, label: Second delegation ratifies, visible: false}}

# What is bargained over: a package names one option of each issue. 'initial' is the status quo.
issues:
  - id: border
    title: The border
    initial: old_line
    options:
      - {{id: old_line, label: The old line}}
      - {{id: commission, label: A boundary commission}}
      - {{id: new_line, label: A new line}}
  - id: timing
    title: Signature
    options:
      - {{id: now, label: At once}}
      - {{id: later, label: After consultation}}

# Private knowledge (optional): lines shown only in the briefings of those it is known to.
knowledge:
  - id: home_front
    text: Your parliament will not ratify a new line without a commission first.
    known_to: [second_party]

nodes:
  # A decision: one actor, choices that lead on.
  - id: opening
    date: {start}
    actor: first_party
    title: The talks open
    text: The first delegation sets the tone.
    choices:
      - {{id: generous, label: Open generously, effects: ["trust += 2"], days: 1, next: talks}}
      - id: demand
        label: Open with demands
        effects: ["trust -= 1"]
        days: 1
        next: talks
        historical: true            # what really happened; needs a source
        source: main_source
  # A negotiation: the parties make offers and answer them (accept, reject, counter, walk away)
  # for up to 'rounds' rounds; 'needs' says whose acceptance a deal needs ('all' by default).
  - id: talks
    date: {talks}
    title: At the table
    text: The delegations bargain over the border and the date of signature.
    negotiation:
      parties: [first_party, second_party]
      issues: [border, timing]
      rounds: 4
      needs: all
      # rules (optional): a constraint that forbids proposing, accepting or concluding some terms, e.g.
      # rules: [{{constraint: no_powers, on: accept, actors: [second_party], terms: "timing == 'now'"}}]
      deal:
        next: ratify
        days: 1
        text: The delegations initial the terms.
        historical: true
        source: main_source
      no_deal:
        next: breakdown
        text: The delegations go home.
      history:                      # what each party really did at this table, in order
        - {{actor: first_party, move: propose, terms: {{border: old_line, timing: now}}, source: main_source}}
        - {{actor: second_party, move: accept, source: main_source}}
  # A sealed move: each seat chooses in secret; the choices are revealed together and the first
  # 'resolve' entry whose 'if' holds says where play goes.
  - id: ratify
    date: {ratify}
    title: Ratification
    text: Each government decides, without knowing the other's mind, whether to ratify.
    sealed:
      - actor: first_party
        choices:
          - {{id: ratify_a, label: Ratify, effects: ["ratified_a = true"], historical: true, source: main_source}}
          - {{id: delay_a, label: Delay}}
      - actor: second_party
        choices:
          - {{id: ratify_b, label: Ratify, effects: ["ratified_b = true"], historical: true, source: main_source}}
          - {{id: delay_b, label: Delay}}
    resolve:
      - {{if: "ratified_a and ratified_b", next: treaty, historical: true, source: main_source}}
      - {{next: breakdown, text: "One side holds back, and the treaty lapses."}}

# The endings. speculative: none, low, medium or high; say why in 'speculation' unless none.
outcomes:
  - id: treaty
    title: A ratified treaty
    epilogue:                       # text may be a list of paragraphs, each with an optional 'if'
      - Both governments ratify.
      - text: The border moves.
        if: "border == 'new_line'"
    historical: true
    speculative: none
    sources: [main_source]
  - id: breakdown
    title: No treaty
    epilogue: What might have followed a breakdown.
    speculative: high
    speculation: Nobody knows what would have happened; say what the sources do and do not support.
"""


class NewScenarioError(ValueError):
    """The scenario cannot be created: a bad name, or the file exists already."""


class BadNameError(NewScenarioError):
    """The name given is not usable as a scenario's file name (a usage error)."""


def scenario_text(
    name: str,
    file: str = "",
    schema: str = "../docs/schema/scenario.schema.json",
    start: dt.date = dt.date(1900, 1, 1),
    negotiation: bool = False,
) -> str:
    """The starting file for a scenario called ``name``: a decision tree, or (``negotiation``) a
    format-2 scenario with issues, a negotiation and a sealed move."""
    ident = re.sub(r"[^a-z0-9_]", "_", name.lower())
    template = NEGOTIATION_TEMPLATE if negotiation else TEMPLATE
    return template.format(
        ident=ident,
        file=file or f"scenarios/{name}.yaml",
        schema=schema,
        start=start.isoformat(),
        end=(start + dt.timedelta(days=7)).isoformat(),
        reply=(start + dt.timedelta(days=1)).isoformat(),
        talks=(start + dt.timedelta(days=1)).isoformat(),
        ratify=(start + dt.timedelta(days=2)).isoformat(),
    )


def usable_name(name: str) -> str:
    """A usable name close to ``name``: 'Yalta 1945' -> 'yalta-1945'; 'yalta-1945' when nothing is left."""
    fixed = re.sub(r"[^a-z0-9_-]+", "-", name.lower()).strip("-_")
    fixed = re.sub(r"^[^a-z]+", "", fixed)
    return fixed if NAME.match(fixed) else "yalta-1945"


def create(name: str, folder: Path, negotiation: bool = False) -> Path:
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
            handle.write(scenario_text(name, str(path), rel.as_posix(), negotiation=negotiation))
    except FileExistsError:
        raise NewScenarioError(f"{path} exists already; choose another name or delete it first") from None
    return path

"""Generated scenarios of any size, for benchmarks and tests of the authoring tools.

The file is plain scenario YAML: columns of decisions and chance nodes dated a day apart, a few
variables, a constraint, events and ten endings, with a historical path along the first choice of
each column's first node. The same arguments always give the same text.
"""

from __future__ import annotations

import datetime as dt
import random

START = dt.date(1900, 1, 1)
EFFECTS = ["pressure += 1", "pressure -= 1", "alarm = true", "mood = 'tense'", "mood = 'calm'"]


def synthetic_scenario(nodes: int = 5000, width: int = 50, seed: int = 0, endings: int = 10) -> str:
    """YAML text of a valid scenario with about ``nodes`` nodes in columns ``width`` tall."""
    rnd = random.Random(seed)
    end = START + dt.timedelta(days=nodes // max(width, 1) + 20)
    out = [
        "format: 1",
        "meta:",
        f"  id: synthetic_{nodes}",
        f"  title: Generated scenario of {nodes} nodes",
        "  summary: A generated scenario for measuring the authoring tools.",
        f"  start: {START.isoformat()}",
        f"  end: {end.isoformat()}",
        "  start_node: n0_0",
        "  fallback_outcome: o1",
        "sources:",
        "  - {id: gen, citation: Generated for benchmarks.}",
        "actors:",
        '  - {id: red, name: Red, colour: "#D55E00", seat: table, description: Red., briefing: Red.}',
        '  - {id: blue, name: Blue, colour: "#0072B2", seat: table, description: Blue., briefing: Blue.}',
        "variables:",
        "  - {id: pressure, type: int, min: 0, max: 3, initial: 0}",
        "  - {id: alarm, type: bool, initial: false}",
        "  - {id: mood, type: enum, values: [calm, tense], initial: calm}",
        "lenses:",
        "  - {id: mild, name: Mild, text: Calm start., source: gen}",
        "  - {id: harsh, name: Harsh, text: Tense start., source: gen, set: {pressure: 2}}",
        "constraints:",
        '  - {id: limit, title: Limit, explanation: Too much pressure., source: gen, unless: "pressure < 3"}',
        "nodes:",
    ]
    sizes: list[int] = []
    while sum(sizes) < nodes:
        sizes.append(min(width, 2 ** len(sizes), nodes - sum(sizes)))
    columns = len(sizes)
    for column, size in enumerate(sizes):
        date = START + dt.timedelta(days=column)
        last = column == columns - 1
        following = sizes[column + 1] if not last else 0
        for row in range(size):
            nid = f"n{column}_{row}"
            # The first two choices fan out so every node of the next column is reached.
            if last:
                targets = [
                    "o0" if row == 0 else f"o{rnd.randrange(endings)}",
                    f"o{rnd.randrange(endings)}",
                    f"o{rnd.randrange(endings)}",
                ]
            else:
                targets = [
                    f"n{column + 1}_{(2 * row) % following}",
                    f"n{column + 1}_{(2 * row + 1) % following}",
                    f"n{column + 1}_{rnd.randrange(following)}",
                ]
            if row % 7 == 3:
                out += [
                    f"  - id: {nid}",
                    f"    date: {date.isoformat()}",
                    f"    title: Chance {nid}",
                    "    text: Luck decides.",
                    "    chance:",
                    f'      - {{id: up, label: Up, weight: "1 + pressure", next: {targets[0]}, '
                    f'effects: ["pressure += 1"]}}',
                    f'      - {{id: down, label: Down, weight: "2", next: {targets[1]}}}',
                ]
                continue
            actor = "red" if row % 2 == 0 else "blue"
            out += [
                f"  - id: {nid}",
                f"    date: {date.isoformat()}",
                f"    actor: {actor}",
                f"    title: Decision {nid}",
                "    text: A choice.",
                "    choices:",
            ]
            for index, (sid, target) in enumerate(zip("abc", targets, strict=False)):
                parts = [f"id: {sid}", f"label: Choice {sid}", f"next: {target}"]
                effect = EFFECTS[rnd.randrange(len(EFFECTS))]
                parts.append(f'effects: ["{effect}"]')
                if index == 0 and row == 0:
                    parts += ["historical: true", "source: gen"]
                elif index == 1 and rnd.random() < 0.3:
                    parts.append("constraints: [limit]")
                elif index == 2 and rnd.random() < 0.3:
                    parts.append('if: "not alarm"')
                out.append("      - {" + ", ".join(parts) + "}")
    out += [
        "events:",
        f"  - {{id: midway, date: {(START + dt.timedelta(days=len(sizes) // 2)).isoformat()}, title: Midway, "
        'text: Half way., effects: ["alarm = false"]}',
        "  - {id: breaking, if: \"pressure == 3 and alarm and mood == 'tense'\", title: Breaking point, "
        "text: It breaks., goto: o2}",
        "outcomes:",
    ]
    for index in range(endings):
        extra = "historical: true, speculative: none" if index == 0 else "speculative: high, speculation: Invented."
        out.append(f"  - {{id: o{index}, title: Ending {index}, epilogue: Ending {index}., {extra}}}")
    return "\n".join(out) + "\n"


def synthetic_negotiation(issues: int = 6, options: int = 4, parties: int = 3) -> str:
    """A format-2 scenario with one negotiation of ``issues`` × ``options`` among ``parties``, every
    party valuing every option (with a bonus and a walk-away value), for measuring bargaining."""
    actors, issue_specs = [], []
    for i in range(issues):
        opts = ", ".join(f"{{id: o{k}, label: Option {k}}}" for k in range(options))
        issue_specs.append(f"  - {{id: i{i}, title: Issue {i}, options: [{opts}]}}")
    for p in range(parties):
        values = "\n".join(
            f"      i{i}: {{{', '.join(f'o{k}: {((k * (p + 1) + i * 3 + p) % 7) - 3}' for k in range(options))}}}"
            for i in range(issues)
        )
        actors.append(
            f"""  - id: p{p}
    name: Party {p}
    colour: "#{(p * 40) % 256:02x}7788"
    seat: table
    description: A party.
    briefing: Bargain well.
    values:
{values}
    bonuses:
      - {{text: "Issues 0 and 1 settled alike", if: "i0 == 'o1' and i1 == 'o1'", points: 3}}
    walk_away: "{p + 2}"
    objectives:
      - {{id: deal, text: A deal, if: "outcome == 'deal'", points: 5}}"""
        )
    parties_list = ", ".join(f"p{p}" for p in range(parties))
    return f"""format: 2
meta:
  id: synthetic_talks
  title: Synthetic talks
  summary: A generated negotiation for measurements.
  start: 2000-01-01
  end: 2000-01-10
  start_node: talks
  fallback_outcome: none
sources:
  - {{id: gen, citation: Generated.}}
actors:
{chr(10).join(actors)}
variables: []
issues:
{chr(10).join(issue_specs)}
nodes:
  - id: talks
    date: 2000-01-01
    title: Talks
    text: Bargain.
    negotiation:
      parties: [{parties_list}]
      issues: [{", ".join(f"i{i}" for i in range(issues))}]
      rounds: 4
      deal: {{next: deal, days: 1}}
      no_deal: {{next: none, days: 1}}
outcomes:
  - {{id: deal, title: A deal, epilogue: Agreed., speculative: none}}
  - {{id: none, title: No deal, epilogue: Nothing., speculative: none}}
"""

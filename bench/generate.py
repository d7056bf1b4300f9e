"""A generated scenario of any size, for benchmarks: a layered decision graph that validates cleanly."""

from __future__ import annotations

import datetime as dt


def generated_scenario(nodes: int = 5000, width: int = 50) -> str:
    """YAML text of a valid scenario with ``nodes`` decision nodes in layers of ``width``."""
    layers = max(1, nodes // width)
    start = dt.date(1900, 1, 1)
    end = start + dt.timedelta(days=layers + 5)
    out = [
        "format: 1",
        "meta:",
        "  id: generated",
        "  title: Generated benchmark scenario",
        "  summary: Layers of decisions, for timing the tools.",
        f"  start: {start}",
        f"  end: {end}",
        "  start_node: n0_0",
        "  fallback_outcome: timeout",
        "sources:",
        "  - {id: gen, citation: Generated for benchmarks.}",
        "actors:",
    ]
    for a in range(4):
        out.append(f"  - {{id: a{a}, name: Actor {a}, colour: '#00{a}0{a}0', seat: table, description: D, "
                   f"briefing: B, goals: [{{text: G, expr: 'v{a} + flag_score', weight: 1}}]}}")
    out.append("variables:")
    for a in range(4):
        out.append(f"  - {{id: v{a}, type: int, min: 0, max: 20, initial: 5, label: V{a}}}")
    out.append("  - {id: mood, type: enum, values: [calm, tense, hostile], initial: calm}")
    out.append("  - {id: flag, type: bool, initial: false}")
    out.append("  - {id: flag_score, type: int, min: 0, max: 1, initial: 0}")
    out.append("lenses:")
    out.append("  - {id: base, name: Base, text: Defaults., source: gen}")
    out.append("constraints:")
    out.append("  - {id: gate, title: Gate, explanation: Needs v0 >= 3., source: gen, unless: 'v0 >= 3'}")
    out.append("nodes:")
    for layer in range(layers):
        day = start + dt.timedelta(days=layer)
        for col in range(width):
            last = layer == layers - 1
            nxt = [f"n{layer + 1}_{(col + k) % width}" for k in (0, 1, 2)] if not last else ["win", "lose", "timeout"]
            actor = f"a{(layer + col) % 4}"
            out.append(f"  - id: n{layer}_{col}")
            out.append(f"    date: {day}")
            out.append(f"    actor: {actor}")
            out.append(f"    title: Decision {layer}-{col}")
            out.append("    text: A generated decision with a few words of narration.")
            out.append("    choices:")
            out.append(f"      - {{id: up, label: Raise, effects: ['v{col % 4} += 1', \"mood = 'calm'\"], "
                       f"days: 1, next: {nxt[0]}, historical: true, source: gen}}")
            out.append(f"      - {{id: down, label: Lower, effects: ['v{col % 4} -= 1', 'flag = true'], days: 1, "
                       f"next: {nxt[1]}, if: \"mood != 'hostile' or v1 > 2\"}}")
            out.append(f"      - {{id: gate, label: Gated, constraints: [gate], days: 1, next: {nxt[2]}}}")
    out.append("events:")
    out.append(f"  - {{id: midway, date: {start + dt.timedelta(days=layers // 2)}, title: Midway, text: T, "
               "effects: [\"mood = 'tense'\"]}")
    out.append("outcomes:")
    out.append("  - {id: win, title: Win, epilogue: E, speculative: high, speculation: S}")
    out.append("  - {id: lose, title: Lose, epilogue: E, speculative: high, speculation: S, historical: true}")
    out.append("  - {id: timeout, title: Timeout, epilogue: E, speculative: high, speculation: S}")
    return "\n".join(out) + "\n"

"""The flagship's balance figures against the targets of the Moscow 1939 rewrite, on fixed seeds.

Prints one table: history ending in the pact; per role, real decisions along history; the share of
games ending in the convention with Polish consent when one role departs (goal-driven, random, a
best-response search), the others being the default computer players; the 8-click British line and
the Western governments acting together; how far the lens moves the endings (total variation
distance) when one role at a time plays goal-driven; and each role's reading time in a full game.
Counts depend only on the seeds, never on the machine. Run: python bench/flagship_balance.py [SEEDS]
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.authoring.best_response import (  # noqa: E402
    Chooser,
    Option,
    Scripted,
    accept_when_allowed,
    best_response,
    ending_aim,
    play_with,
)
from game.authoring.reading import historical_reading, minutes  # noqa: E402
from game.authoring.simulate import play_range  # noqa: E402
from game.engine import load_scenario  # noqa: E402
from game.engine.autoplay import play_out  # noqa: E402
from game.engine.model import Scenario  # noqa: E402
from game.engine.policies import PolicyName  # noqa: E402
from game.engine.state import GameState  # noqa: E402
from game.engine.turns import Turn  # noqa: E402

TARGET = "convention_with_poland"
FLAGSHIP = ROOT / "scenarios" / "moscow-1939.yaml"


# London and Drax on the most pro-alliance line: figures and passage allowed at once, powers to sign by
# telegraph, Drax frank and promising papers, the offer answered and Warsaw pressed, every acceptable
# offer at the table taken. About eight clicks.
BRITISH_LINE: dict[str, Chooser] = {
    "london": Scripted(
        {
            "first_orders": ("real_answer_ready",),
            "london_cable": ("powers_to_sign",),
            "answer_offer": ("answer_and_press",),
            "consent_pressed": ("press_beck",),
            "london_21": ("sign_late",),
        }
    ),
    "britain": Scripted({"drax_answers": ("promise_papers",), "british_forces": ("frank",)}, table=accept_when_allowed),
}


def accept_once_warsaw_pressed(scenario: Scenario, state: GameState, turn: Turn, open_: list[Option]) -> Option | None:
    """At the table: bargain as usual until Warsaw has been pressed, then take any offer allowed."""
    return accept_when_allowed(scenario, state, turn, open_) if int(state.values["warsaw_pressure"]) >= 3 else None


# The two Western governments together: London's and Paris's most pro-alliance instructions (figures,
# powers, Warsaw pressed hard by both), their delegations left to the default computer players.
GOVERNMENTS_LINE: dict[str, Chooser] = {
    "london": BRITISH_LINE["london"],
    "paris": Scripted(
        {
            "first_orders": ("powers_at_once",),
            "answer_offer": ("press_hard",),
            "consent_pressed": ("press_beck",),
            "paris_21": ("authorise_doumenc",),
            "paris_22": ("ultimatum",),
        }
    ),
}
# All four Western roles: the governments' line, with Drax and Doumenc signing once Warsaw is pressed.
WESTERN_LINE: dict[str, Chooser] = {
    **GOVERNMENTS_LINE,
    "britain": Scripted(
        {"drax_answers": ("promise_papers",), "british_forces": ("frank",)}, table=accept_once_warsaw_pressed
    ),
    "france": Scripted({"beaufre": ("send_beaufre",)}, table=accept_once_warsaw_pressed),
}


def defaults(scenario: Scenario, departing: Mapping[str, PolicyName]) -> dict[str, PolicyName]:
    policies: dict[str, PolicyName] = dict.fromkeys(scenario.actors, "disposition")
    policies.update(departing)
    return policies


def tvd(one: Counter[str], two: Counter[str]) -> float:
    """Total variation distance between two distributions of endings given as counts."""
    n1, n2 = sum(one.values()) or 1, sum(two.values()) or 1
    return sum(abs(one[k] / n1 - two[k] / n2) for k in set(one) | set(two)) / 2


def main(seeds: int = 12, depth: int = 3) -> None:
    scenario = load_scenario(str(FLAGSHIP))
    lenses = list(scenario.lenses)
    began = time.perf_counter()
    print(f"Moscow 1939 balance on seeds 0..{seeds - 1} per lens ({', '.join(lenses)})\n")

    print("History (every computer player following history):")
    for lens in lenses:
        ends = Counter(play_out(scenario, lens, seed, "historical").outcome for seed in range(seeds))
        print(f"  {lens:<9} pact {ends['pact']}/{seeds}   target >= 95%")

    print("\nReal decisions per role along history (median game; target >= 4):")
    for lens in lenses:
        tally = play_range(scenario, lens, "historical", 1, 0, seeds)
        row = "  ".join(f"{a} {tally.median_decisions(a):g}" for a in scenario.actors)
        print(f"  {lens:<9} {row}")

    print(f"\nOne role departs, others default: games ending in {TARGET} (target <= 25%), lens TVD (>= 0.20)")
    print(f"  {'role':<8} {'goals':>9} {'random':>9} {'best-resp':>10} {'TVD':>5}  endings (goals, per lens)")
    for role in scenario.actors:
        by_lens: dict[str, Counter[str]] = {}
        random_hits = best_hits = 0
        for lens in lenses:
            goals = defaults(scenario, {role: "goals"})
            by_lens[lens] = Counter(play_out(scenario, lens, seed, goals).outcome for seed in range(seeds))
            randomly = defaults(scenario, {role: "random"})
            random_hits += sum(play_out(scenario, lens, seed, randomly).outcome == TARGET for seed in range(seeds))
            best_hits += sum(
                best_response(scenario, lens, seed, role, ending_aim(TARGET), defaults(scenario, {}), depth).value
                for seed in range(seeds)
            )
        total = seeds * len(lenses)
        goal_hits = sum(c[TARGET] for c in by_lens.values())
        distance = tvd(by_lens[lenses[0]], by_lens[lenses[-1]])
        shown = " | ".join(", ".join(f"{k} {v}" for k, v in c.most_common()) for c in by_lens.values())
        print(
            f"  {role:<8} {goal_hits:>4}/{total:<4} {random_hits:>4}/{total:<4} {best_hits:>5}/{total:<4}"
            f" {distance:5.2f}  {shown}"
        )

    print("\nLines of play (others default):")
    for name, line in (
        ("British line", BRITISH_LINE),
        ("Governments", GOVERNMENTS_LINE),
        ("Western line", WESTERN_LINE),
    ):
        for lens in lenses:
            ends = Counter(
                play_with(scenario, lens, seed, defaults(scenario, {}), line).outcome for seed in range(seeds)
            )
            print(f"  {name:<13} {lens:<9} {TARGET} {ends[TARGET]}/{seeds}   {dict(ends.most_common())}")

    print("\nReading time per role, a full game along history with people in every role (15-25 minutes):")
    for lens in lenses:
        words = historical_reading(scenario, lens)
        row = "  ".join(f"{a} {w} ({minutes(w):.1f} min)" for a, w in words.items())
        print(f"  {lens:<9} {row}")
    print(f"\n(took {time.perf_counter() - began:.0f} s on this machine; timings are not part of the figures)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 12, int(sys.argv[2]) if len(sys.argv) > 2 else 3)

"""Engine benchmarks: load+validate of the flagship, of a generated ~5,000-node scenario against the
bare YAML parse of the same text, and random playthroughs per second on one core.

Targets on the 2-core reference machine: flagship ≤ 50 ms; large scenario within 2× the bare parse;
≥ 10,000 random playthroughs per second. Run: python bench/engine.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.authoring.synthetic import synthetic_negotiation, synthetic_scenario  # noqa: E402
from game.engine import Game, bargain, load_scenario, load_text  # noqa: E402  # noqa: E402
from game.engine.autoplay import play_out  # noqa: E402
from game.paths import default_scenario  # noqa: E402


def best_of(runs: int, fn) -> float:  # type: ignore[no-untyped-def]
    """The fastest of several runs: the least disturbed by other work on the machine."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def median_ms(runs: int, fn) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def negotiation() -> None:
    """A computer delegation answering and countering an offer on 6 issues × 4 options, and random
    playthroughs of a negotiation scenario."""
    scenario, _ = load_text("synthetic_talks.yaml", synthetic_negotiation(6, 4, 3))
    assert scenario is not None
    node = scenario.nodes["talks"].negotiation
    assert node is not None
    game = Game.new(scenario, seed=1, controllers=dict.fromkeys(scenario.actors, "human"))
    generous, _ = bargain.best_package(scenario, game.state, node, "p1")  # an offer p1 accepts
    game.propose("p0", generous)
    state = game.state
    assert bargain.respond(scenario, state, "p1").move == "accept"
    answer = median_ms(200, lambda: bargain.respond(scenario, state, "p1"))
    print(f"negotiation 6 issues x 4 options: computer answer (accepts) median {answer:.2f} ms (target <= 5 ms)")
    game = Game.new(scenario, seed=1, controllers=dict.fromkeys(scenario.actors, "human"))
    game.propose("p0", {f"i{i}": "o0" for i in range(6)})
    state = game.state
    response = bargain.respond(scenario, state, "p1")
    counter = median_ms(20, lambda: bargain.respond(scenario, state, "p1"))
    print(f"  computer answer weighing a counter-offer ({response.move}) median {counter:.1f} ms (target <= 20 ms)")
    table = (
        load_scenario(str(ROOT / "scenarios" / "tutorial-negotiation.yaml"))
        if (ROOT / "scenarios" / "tutorial-negotiation.yaml").exists()
        else load_scenario(str(ROOT / "tests" / "fixtures" / "table.yaml"))
    )
    rates, count = [], 0
    for _ in range(6):  # the best of several short windows: the least disturbed by other work
        done, start = 0, time.perf_counter()
        while time.perf_counter() - start < 0.5:
            play_out(table, None, count, "random")
            count += 1
            done += 1
        rates.append(done / (time.perf_counter() - start))
    print(
        f"  random playthroughs of '{table.title}': {max(rates):,.0f}/s on one core "
        f"(median {statistics.median(rates):,.0f}/s; target >= 5,000/s)"
    )


def main() -> None:
    flagship = default_scenario()
    text = flagship.read_text(encoding="utf-8")
    load_text(str(flagship), text)  # warm caches and imports
    flagship_s = best_of(20, lambda: load_text(str(flagship), text))
    print(f"flagship load+validate ({flagship.name}): {flagship_s * 1000:.1f} ms (target <= 50 ms)")

    big = synthetic_scenario(5000)
    bare = best_of(3, lambda: yaml.load(big, Loader=yaml.CSafeLoader))
    ours = best_of(3, lambda: load_text("generated.yaml", big))
    print(f"generated scenario: 5,000 nodes, {len(big) / 1e6:.1f} MB")
    print(f"  bare YAML parse (CSafeLoader): {bare:.2f} s")
    print(f"  load+validate: {ours:.2f} s  ratio {ours / bare:.2f}x (target <= 2x)")

    scenario = load_scenario(str(flagship))
    lens = scenario.default_lens
    for seed in range(200):
        play_out(scenario, lens, seed)
    rates = []
    for trial in range(3):
        count, start = 0, time.perf_counter()
        while time.perf_counter() - start < 1.0:
            play_out(scenario, lens, trial * 1_000_000 + count)
            count += 1
        rates.append(count / (time.perf_counter() - start))
    print(
        f"random playthroughs, one core: {max(rates):,.0f}/s (median {statistics.median(rates):,.0f}/s; "
        "target >= 10,000/s)"
    )
    outcomes: dict[str, int] = {}
    for seed in range(2000):
        state = play_out(scenario, lens, seed)
        outcomes[state.outcome] = outcomes.get(state.outcome, 0) + 1
    print("outcomes of 2,000 random games:", ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))


if __name__ == "__main__":
    main()
    negotiation()

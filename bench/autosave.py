"""Autosave cost per move: a 10,000-move computer game against a 10-move one, each autosaved after
every move through the move journal. Target: the long game's per-move cost within 2x the short one's.
Run: python bench/autosave.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.engine import Game, load_scenario  # noqa: E402
from game.engine.saves import autosave, read_save  # noqa: E402

LOOP = ROOT / "tests" / "fixtures" / "authoring" / "loop.yaml"


def per_move_ms(moves: int, folder: Path) -> tuple[float, float, Path]:
    """Median and worst autosave time per move over the last 10 moves of a game of ``moves`` moves."""
    scenario = load_scenario(str(LOOP))
    game = Game.new(scenario, seed=1, controllers={"red": "human"})
    times: list[float] = []
    path = folder
    for number in range(moves):
        game.choose("to_pong" if game.node and game.node.id == "ping" else "to_ping", reason=f"move {number}")
        start = time.perf_counter()
        path = autosave(game, folder)
        times.append(time.perf_counter() - start)
    last = times[-10:]
    return statistics.median(last) * 1000, max(last) * 1000, path


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        short, short_worst, _ = per_move_ms(10, Path(tmp) / "short")
        long, long_worst, path = per_move_ms(10_000, Path(tmp) / "long")
        kept = read_save(path)
        size = path.stat().st_size
    print(f"autosave per move, 10-move game: median {short:.2f} ms (worst of last 10 {short_worst:.2f} ms)")
    print(f"autosave per move, 10,000-move game: median {long:.2f} ms (worst of last 10 {long_worst:.2f} ms)")
    print(f"  the long game's file: {size / 1e6:.1f} MB, {len(kept.moves):,} moves read back")
    print(f"  ratio {long / short:.2f}x (target <= 2x)")


if __name__ == "__main__":
    main()

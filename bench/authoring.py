"""Timings of the authoring tools: check and graph for the flagship and a generated 5,000-node
scenario, and simulate --runs 100000 of the flagship. Run: python bench/authoring.py [--runs N]

Targets on a 2-core machine: check of the flagship <= 1 s, of the 5,000-node scenario <= 5 s,
simulate of 100,000 flagship games <= 20 s.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

from game.authoring.check import check_scenario  # noqa: E402
from game.authoring.graph import layout, to_dot, to_svg  # noqa: E402
from game.authoring.simulate import simulate  # noqa: E402
from game.authoring.synthetic import synthetic_scenario  # noqa: E402
from game.engine import validate_file  # noqa: E402
from game.ui.render.graph_png import write_png  # noqa: E402

FLAGSHIP = ROOT / "scenarios" / "moscow-1939.yaml"


def timed(label: str, fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    began = time.perf_counter()
    result = fn(*args, **kwargs)
    print(f"  {label:<38} {time.perf_counter() - began:7.3f} s")
    return result


def measure(path: Path, folder: Path) -> None:
    print(f"{path.name}:")
    began = time.perf_counter()
    scenario, findings = timed("validate (load)", validate_file, str(path))
    assert scenario is not None, [f.format() for f in findings]
    report = timed("explore and report", check_scenario, scenario)
    print(
        f"  {'check in all (validate + explore)':<38} {time.perf_counter() - began:7.3f} s"
        f"   ({report.states} states{', cut short' if report.truncated else ''}, {len(report.findings)} findings)"
    )
    plan = timed("layout", layout, scenario)
    timed("graph .svg", lambda: (folder / "tree.svg").write_text(to_svg(scenario, plan)))
    timed("graph .dot", lambda: (folder / "tree.dot").write_text(to_dot(scenario, plan)))
    timed("graph .png", write_png, scenario, folder / "tree.png", plan)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100_000, help="games for the simulate timing")
    parser.add_argument("--nodes", type=int, default=5_000, help="size of the generated scenario")
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        big = folder / "synthetic.yaml"
        big.write_text(synthetic_scenario(args.nodes), encoding="utf-8")
        if FLAGSHIP.exists():
            measure(FLAGSHIP, folder)
        measure(big, folder)
        if FLAGSHIP.exists():
            scenario, _ = validate_file(str(FLAGSHIP))
            assert scenario is not None
            began = time.perf_counter()
            tally = simulate(scenario, args.runs, "random", seed=1)
            spent = time.perf_counter() - began
            print(
                f"simulate {FLAGSHIP.name} --runs {args.runs}: {spent:.2f} s ({args.runs / spent:,.0f} games/s, "
                f"{len(tally.outcomes)} endings seen)"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Timings of the authoring tools: check and graph for the flagship and a generated 5,000-node
scenario, simulate --runs 100000 of the flagship, and check --watch of the flagship: the time from a
save to the watch printing the file's validation and to its printing the check.
Run: python bench/authoring.py [--runs N] [--saves N] [--watch-only]

Targets on a 2-core machine: check of the flagship <= 1 s, of the 5,000-node scenario <= 5 s,
simulate of 100,000 flagship games <= 20 s; a watched re-check well under a second.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

from game.authoring.check import check_scenario  # noqa: E402
from game.authoring.graph import layout, to_dot, to_svg  # noqa: E402
from game.authoring.recheck import WatchedCheck  # noqa: E402
from game.authoring.simulate import simulate  # noqa: E402
from game.authoring.synthetic import synthetic_scenario  # noqa: E402
from game.authoring.watch import watch  # noqa: E402
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


class _Heads(io.StringIO):
    """The watch's output, noting when each block's heading ('--- HH:MM:SS verdict') was printed, by
    the clock and by the processor time this process had used (less noisy on a busy machine), with
    the stage it heads: 'validation', 'first look' or 'check'."""

    def __init__(self) -> None:
        super().__init__()
        self.heads: list[tuple[str, float, float]] = []

    def write(self, text: str) -> int:
        if text.startswith("--- "):
            verdict = text.split(" ", 2)[2]
            stage = "first look" if verdict.startswith("check, first look") else verdict.split(":", 1)[0]
            self.heads.append((stage, time.perf_counter(), time.process_time()))
        return super().write(text)


Times = tuple[float, float, float, tuple[float, float] | None]


def _save_and_wait(path: Path, text: str, out: _Heads, number: int) -> Times:
    """Save ``text`` and wait for the watch's check: the seconds from the save to the validation and
    to the check printed, the processor seconds from the save to the check, and the seconds and
    processor seconds to the check's first look (None when there was none: a prose-only save)."""
    seen = len(out.heads)
    began, cpu = time.perf_counter(), time.process_time()
    path.write_text(text, encoding="utf-8")
    stamp = time.time() + number  # a new modification time even on a coarse clock
    os.utime(path, (stamp, stamp))
    while not any(stage == "check" for stage, _, _ in out.heads[seen:]):
        time.sleep(0.005)
    heads = {stage: (at, used) for stage, at, used in out.heads[seen:]}
    look = (heads["first look"][0] - began, heads["first look"][1] - cpu) if "first look" in heads else None
    return heads["validation"][0] - began, heads["check"][0] - began, heads["check"][1] - cpu, look


def measure_watch(folder: Path, saves: int) -> None:
    """check --watch of a copy of the flagship: saves that change only narration, then saves that
    change a rule (an effect of a choice in the first session, outside the negotiations), then saves
    that change a chance weight near the end."""
    path = folder / FLAGSHIP.name
    text = FLAGSHIP.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    watched = WatchedCheck(str(path))
    out = _Heads()
    done = threading.Event()
    thread = threading.Thread(target=watch, args=([str(path)], watched.stages(), out), kwargs={"stop": done.is_set})
    began = time.perf_counter()
    thread.start()
    while len(out.heads) < 2:
        time.sleep(0.01)
    print(f"check --watch {FLAGSHIP.name}: first check printed after {out.heads[1][1] - began:.2f} s")
    sentence = "The figures come quickly, as a list"
    assert sentence in text, "the bench edits a sentence of the flagship's narration; pick another"
    prose = [_save_and_wait(path, text.replace(sentence, sentence + "," * (n + 1)), out, n + 1) for n in range(saves)]
    rule = 'effects: ["soviet_patience -= 1"]\n        next: drax_answers'
    assert rule in text, "the bench edits an effect of the flagship's first session; pick another"
    changed = [f'effects: ["soviet_patience -= {n}"]\n        next: drax_answers' for n in (2, 3, 1)]
    rules = [_save_and_wait(path, text.replace(rule, new, 1), out, saves + n + 1) for n, new in enumerate(changed)]
    late = 'weight: "3 + 4 * romania_consents"'
    assert late in text, "the bench edits a chance weight near the flagship's end; pick another"
    weights = [late.replace("3 + 4", f"{n} + 4") for n in (2, 4, 3)]
    lates = [_save_and_wait(path, text.replace(late, new, 1), out, saves + n + 4) for n, new in enumerate(weights)]
    done.set()
    thread.join()
    groups = (("prose-only saves", prose), ("saves changing a rule", rules), ("saves changing a late rule", lates))
    for label, times in groups:
        valid = statistics.median(t[0] for t in times)
        checked = statistics.median(t[1] for t in times)
        cpu = statistics.median(t[2] for t in times)
        looks = [t[3] for t in times if t[3] is not None]
        look = (
            f", to its first look {statistics.median(t[0] for t in looks):.3f} s "
            f"({statistics.median(t[1] for t in looks):.3f} s of processor time)"
            if looks
            else ""
        )
        print(
            f"  {label} ({len(times)}): save to validation printed {valid:.3f} s{look}, save to check printed "
            f"{checked:.3f} s ({cpu:.3f} s of processor time) (medians)"
        )
    print(f"  explorations: {watched.rechecker.explored} of {1 + len(prose) + len(rules) + len(lates)} checks")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100_000, help="games for the simulate timing")
    parser.add_argument("--nodes", type=int, default=5_000, help="size of the generated scenario")
    parser.add_argument("--saves", type=int, default=7, help="prose-only saves for the watch timing")
    parser.add_argument("--watch-only", action="store_true", help="time check --watch alone")
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if FLAGSHIP.exists():
            measure_watch(folder, args.saves)
        if args.watch_only:
            return 0
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

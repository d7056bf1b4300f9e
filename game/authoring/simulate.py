"""``simulate``: many games between computer players, to see how often each ending comes, and
the numbers balance is judged by: per role, its real decisions per game (turns with two or more open
options, ``counting``), the open options those offered, and its score on its objectives.

Game ``i`` of a run with seed ``S`` always uses the seed ``derive_seed(S, i)``, so the counts depend
only on (scenario, lens, policy, S, N): the work is cut into ranges of game numbers and spread over
processes, and the sum is the same for any number of processes. Games run on the engine's rule
functions with ``log=None``, the fastest path through the rules.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TextIO

from ..engine.budget import Budget
from ..engine.loader import load_scenario
from ..engine.model import Scenario
from ..engine.scoring import scores
from ..engine.state import derive_seed
from .counting import play_counted

CHUNK = 2_000  # games per task: big enough to hide process overhead, small enough for a smooth bar
SERIAL_BELOW = 4_000  # fewer games than this run in this process
SIMULATE_STEPS = 100_000_000  # options weighed, per process: far above 100,000 games of the flagship
SIMULATE_SECONDS = 120.0


@dataclass(frozen=True)
class Tally:
    """What a range of games produced: endings counted, the total turns and days they took and,
    per role, how many games had each number of real decisions, the open options of those
    decisions in all, and the score in all (roles with objectives). Only whole numbers, so a sum
    is the same in any order and for any number of processes."""

    outcomes: Counter[str]
    turns: int
    days: int
    games: int
    decisions: Mapping[str, Counter[int]] = field(default_factory=dict)  # role -> decisions -> games
    options: Counter[str] = field(default_factory=Counter)
    scores: Counter[str] = field(default_factory=Counter)
    stopped: str = ""  # why games were left unplayed: the step or time budget ran out

    def __add__(self, other: Tally) -> Tally:
        decisions = {a: Counter(c) for a, c in self.decisions.items()}
        for actor, counts in other.decisions.items():
            decisions.setdefault(actor, Counter()).update(counts)
        return Tally(
            self.outcomes + other.outcomes,
            self.turns + other.turns,
            self.days + other.days,
            self.games + other.games,
            decisions,
            _added(self.options, other.options),
            _added(self.scores, other.scores),
            self.stopped or other.stopped,
        )

    def median_decisions(self, actor: str) -> float:
        """The median number of real decisions ``actor`` had in a game."""
        return median(self.decisions.get(actor, Counter()))

    def mean_options(self, actor: str) -> float:
        """The mean number of open options of ``actor``'s real decisions (0 with none)."""
        made = sum(n * games for n, games in self.decisions.get(actor, Counter()).items())
        return self.options.get(actor, 0) / made if made else 0.0

    def mean_score(self, actor: str) -> float:
        return self.scores.get(actor, 0) / max(self.games, 1)


def _added(one: Counter[str], two: Counter[str]) -> Counter[str]:
    out = Counter(one)
    out.update(two)  # unlike '+', keeps zero and negative totals (scores can be negative)
    return out


def median(histogram: Mapping[int, int]) -> float:
    """The median of values given as value -> how often (0 for none)."""
    total = sum(histogram.values())
    if not total:
        return 0.0

    def nth(wanted: int) -> int:  # the value at 0-based position ``wanted`` in sorted order
        seen = 0
        for value in sorted(histogram):
            seen += histogram[value]
            if seen > wanted:
                return value
        raise AssertionError("unreachable: wanted < total")  # pragma: no cover

    return (nth((total - 1) // 2) + nth(total // 2)) / 2


def play_range(
    scenario: Scenario, lens: str | None, policy: str, seed: int, first: int, stop: int, budget: Budget | None = None
) -> Tally:
    """Games ``first`` to ``stop - 1`` of a run seeded ``seed``; when ``budget`` runs out, the games
    finished by then (a game cut short is not counted)."""
    budget = budget or Budget(SIMULATE_STEPS, SIMULATE_SECONDS)
    played = 0
    counts: Counter[str] = Counter()
    decisions: dict[str, Counter[int]] = {a: Counter() for a in scenario.actors}
    options: Counter[str] = Counter(dict.fromkeys(scenario.actors, 0))
    points: Counter[str] = Counter()
    turns = days = 0
    for number in range(first, stop):
        game = play_counted(scenario, lens, policy, derive_seed(seed, number), budget=budget)
        if budget.exhausted:
            break
        played += 1
        state = game.state
        counts[state.outcome] += 1
        turns += state.turn
        days += state.day
        for actor, made in game.decisions.items():
            decisions[actor][made] += 1
            options[actor] += game.options[actor]
        for actor, score in scores(scenario, state).items():
            points[actor] += score.total
    return Tally(counts, turns, days, played, decisions, options, points, budget.stopped)


@dataclass(frozen=True)
class _Job:
    """What every game of a worker shares: the scenario (loaded once per process, since compiled
    expressions cannot be pickled), the lens, the policy and the run's seed."""

    scenario: Scenario
    lens: str | None
    policy: str
    seed: int


_WORKER: list[_Job] = []  # the worker process's job, set by its initialiser


def _init_worker(path: str, lens: str | None, policy: str, seed: int) -> None:
    _WORKER[:] = [_Job(load_scenario(path), lens, policy, seed)]


def _work(bounds: tuple[int, int]) -> Tally:
    job = _WORKER[0]
    return play_range(job.scenario, job.lens, job.policy, job.seed, *bounds)


def ranges(runs: int, chunk: int = CHUNK) -> list[tuple[int, int]]:
    return [(first, min(first + chunk, runs)) for first in range(0, runs, chunk)]


def simulate(
    scenario: Scenario,
    runs: int,
    policy: str = "random",
    lens: str | None = None,
    seed: int = 1,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Tally:
    """Play ``runs`` games and add up their endings. ``workers`` defaults to every core. Games in this
    process share one budget of steps and time; each worker process has its own."""
    lens = lens or scenario.default_lens or None
    budget = Budget(SIMULATE_STEPS, SIMULATE_SECONDS)
    workers = workers or os.cpu_count() or 1
    parts = ranges(runs)
    total = Tally(Counter(), 0, 0, 0)
    if workers == 1 or runs < SERIAL_BELOW or not scenario.path:
        for first, stop in parts:
            total += play_range(scenario, lens, policy, seed, first, stop, budget)
            if budget.exhausted:
                break
            if progress:
                progress(total.games, runs)
        return total
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    with context.Pool(min(workers, len(parts)), _init_worker, (scenario.path, lens, policy, seed)) as pool:
        for tally in pool.imap_unordered(_work, parts):
            total += tally
            if progress:
                progress(total.games, runs)
    return total


class ProgressBar:
    """A one-line bar on a terminal stream, redrawn at most ten times a second."""

    def __init__(self, stream: TextIO, width: int = 30) -> None:
        self.stream = stream
        self.width = width
        self.began = time.perf_counter()
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.perf_counter()
        if done < total and now - self.last < 0.1:
            return
        self.last = now
        filled = self.width * done // max(total, 1)
        rate = done / max(now - self.began, 1e-9)
        self.stream.write(f"\r[{'#' * filled}{'.' * (self.width - filled)}] {done}/{total} games, {rate:,.0f}/s")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


def table(scenario: Scenario, tally: Tally) -> Iterator[str]:
    """The distribution of endings, most frequent first, with the historical ending marked."""
    width = max((len(o) for o in scenario.outcomes), default=7)
    yield f"{'ending':<{width}}  {'games':>9}  {'share':>6}  title"
    order = sorted(scenario.outcomes, key=lambda o: (-tally.outcomes.get(o, 0), list(scenario.outcomes).index(o)))
    for oid in order:
        count = tally.outcomes.get(oid, 0)
        share = 100 * count / max(tally.games, 1)
        mark = "  (historical)" if scenario.outcomes[oid].historical else ""
        yield f"{oid:<{width}}  {count:>9}  {share:>5.1f}%  {scenario.outcomes[oid].title}{mark}"
    if tally.games:
        steps, days = tally.turns / tally.games, tally.days / tally.games
        yield f"{tally.games} games; on average {steps:.1f} steps and {days:.1f} days"


def role_table(scenario: Scenario, tally: Tally) -> Iterator[str]:
    """Per role: median real decisions per game, mean open options per decision, mean score."""
    names = {a: f"{a} ({actor.name})" for a, actor in scenario.actors.items()}
    width = max((len(n) for n in names.values()), default=4)
    yield f"{'role':<{width}}  {'decisions':>9}  {'options':>7}  {'score':>6}"
    for actor, name in names.items():
        score = f"{tally.mean_score(actor):6.1f}" if scenario.actors[actor].objectives else f"{'-':>6}"
        yield (f"{name:<{width}}  {tally.median_decisions(actor):9.1f}  {tally.mean_options(actor):7.1f}  {score}")
    yield (
        "decisions: median per game of turns with two or more open options; options: mean open options "
        "of those; score: mean points from objectives"
    )


def as_dict(scenario: Scenario, tally: Tally, policy: str, lens: str | None, seed: int) -> dict[str, object]:
    return {
        "scenario": scenario.id,
        "file": scenario.path,
        "runs": tally.games,
        "policy": policy,
        "lens": lens or scenario.default_lens,
        "seed": seed,
        "outcomes": {oid: tally.outcomes.get(oid, 0) for oid in scenario.outcomes},
        "mean_steps": tally.turns / max(tally.games, 1),
        "mean_days": tally.days / max(tally.games, 1),
        "actors": {
            actor: {
                "median_decisions": tally.median_decisions(actor),
                "mean_open_choices": round(tally.mean_options(actor), 3),
                "mean_score": round(tally.mean_score(actor), 3) if scenario.actors[actor].objectives else None,
            }
            for actor in scenario.actors
        },
    }


def show_progress(runs: int, forced: bool | None, stream: TextIO | None = None) -> ProgressBar | None:
    """A bar for long runs on a terminal, or when asked for (``forced`` True), never when refused."""
    stream = stream or sys.stderr
    if forced is False:
        return None
    if forced or (runs >= 20_000 and stream.isatty()):
        return ProgressBar(stream)
    return None

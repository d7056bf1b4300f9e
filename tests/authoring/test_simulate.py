"""``simulate``: deterministic for a seed, whatever the number of processes."""

from __future__ import annotations

import json

from game.authoring import simulate as sim
from game.engine import load_scenario

from .conftest import MUNICH, TINY, run


def test_same_counts_for_one_or_two_processes(monkeypatch) -> None:
    scenario = load_scenario(str(MUNICH))
    monkeypatch.setattr(sim, "SERIAL_BELOW", 0)
    monkeypatch.setattr(sim, "CHUNK", 300)
    one = sim.simulate(scenario, 1500, "random", seed=7, workers=1)
    two = sim.simulate(scenario, 1500, "random", seed=7, workers=2)
    assert one == two and one.games == 1500
    assert sim.simulate(scenario, 1500, "random", seed=8, workers=1) != one


def test_historical_policy_reaches_the_historical_ending_mostly() -> None:
    scenario = load_scenario(str(MUNICH))
    tally = sim.simulate(scenario, 300, "historical", seed=1, workers=1)
    assert tally.outcomes.most_common(1)[0][0] == "munich_agreement"


def test_table_and_json_output() -> None:
    code, out, _ = run("simulate", str(TINY), "--runs", "500", "--seed", "3")
    assert code == 0
    assert "stalemate" in out and "(historical)" in out and "500 games" in out
    code, out, _ = run("simulate", str(TINY), "--runs", "500", "--seed", "3", "--json", "--policy", "goals")
    data = json.loads(out)
    assert code == 0 and sum(data["outcomes"].values()) == 500 and data["policy"] == "goals"


def test_progress_bar_goes_to_stderr() -> None:
    code, out, err = run("simulate", str(TINY), "--runs", "2000", "--progress")
    assert code == 0 and "2000/2000 games" in err and "games" not in out.splitlines()[0][:5]


def test_usage_errors() -> None:
    assert run("simulate", str(TINY), "--runs", "0")[0] == 2
    assert run("simulate", str(TINY), "--policy", "clever")[0] == 2
    assert run("simulate", str(TINY), "--lens", "nope")[0] == 2

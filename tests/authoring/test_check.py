"""``check``: what exploring every state finds, where it says so, and its exit codes."""

from __future__ import annotations

import json

import pytest

from game.authoring.absint import possible
from game.authoring.check import CheckReport, check_scenario
from game.authoring.explore import explore, smallest_counterfactuals
from game.authoring.synthetic import synthetic_scenario
from game.engine import load_scenario, load_text

from .conftest import FIXTURES, MUNICH, TINY, TUTORIAL, run


def codes(report) -> list[tuple[str, int]]:
    return [(f.code, f.line) for f in report.findings]


def test_tiny_always_blocked_choice_is_reported_at_its_line() -> None:
    report = check_scenario(load_scenario(str(TINY)))
    assert codes(report) == [("never-open", 61)]
    assert "always blocked" in report.findings[0].message and "no_powers" in report.findings[0].hint
    assert not report.truncated and report.lenses == ["hopeful", "gloomy"]


def test_tiny_paths_and_counterfactuals() -> None:
    tiny = load_scenario(str(TINY))
    report = check_scenario(tiny)
    assert [p.step for p in report.shortest["walkout"]] == ["leave"]
    assert [p.step for p in report.shortest["treaty"]] == ["warm", "ask_powers", "arrives", "sign"]
    smallest = smallest_counterfactuals(tiny, "hopeful")
    assert smallest["stalemate"] == []
    assert [(d.node, d.step, d.instead_of) for d in smallest["treaty"]] == [("final", "sign", "refuse")]
    assert [(d.node, d.step) for d in smallest["walkout"]] == [("open", "leave")]
    # Under the gloomy lens being cold already empties trust, and an event then ends the talks.
    assert [(d.node, d.step) for d in smallest_counterfactuals(tiny, "gloomy")["walkout"]] in (
        [("open", "leave")],
        [("open", "cold")],
    )


def test_stuck_decision_is_found_with_the_way_there() -> None:
    report = check_scenario(load_scenario(str(FIXTURES / "stuck.yaml")))
    stuck = [f for f in report.findings if f.code == "stuck"]
    assert len(stuck) == 1 and stuck[0].line == 16
    assert "after first:shout" in stuck[0].message
    never = [f for f in report.findings if f.code == "never-open"]
    assert [f.line for f in never] == [23] and "anger > 5" in never[0].hint


def test_loop_and_toothless_constraint() -> None:
    report = check_scenario(load_scenario(str(FIXTURES / "loop.yaml")))
    found = {f.code: f for f in report.findings}
    assert "ping -> pong" in found["loop"].message
    assert found["never-bites"].line == 8


def test_munich_checks_clean_with_every_ending_reachable(munich, munich_check: CheckReport) -> None:
    report = munich_check
    assert report.findings == []
    assert set(report.shortest) == set(munich.outcomes)
    assert sum(1 for o in munich.outcomes if o in report.counterfactual) >= 4


@pytest.mark.parametrize("path", [TINY, MUNICH, *TUTORIAL, FIXTURES / "stuck.yaml"], ids=lambda p: p.name)
def test_the_over_approximation_allows_everything_play_does(path) -> None:
    scenario = load_scenario(str(path))
    space = explore(scenario)
    maybe = possible(scenario)
    assert space.open_steps <= maybe.open_steps
    assert space.reached_outcomes <= maybe.outcomes
    assert space.reached_nodes <= set(maybe.at)
    assert set().union(*space.blocked_by.values(), set()) <= maybe.bites


def test_a_cut_short_exploration_claims_nothing_false() -> None:
    """With a tiny state budget, every 'never' the checker still dares to say is true in full."""
    text = synthetic_scenario(300, width=12, seed=3)
    scenario, _ = load_text("synthetic.yaml", text)
    assert scenario is not None
    full = check_scenario(scenario, text=text)
    assert not full.truncated
    partial = check_scenario(scenario, text=text, max_states=200)
    assert partial.truncated
    claims = {(f.code, f.line) for f in partial.findings if f.code.startswith("never")}
    assert claims <= {(f.code, f.line) for f in full.findings}


def test_cli_exit_codes_and_json(tmp_path) -> None:
    code, out, _ = run("check", str(TINY), "--json")
    data = json.loads(out)
    assert code == 0 and data["outcomes"]["stalemate"]["departures"] == 0
    assert run("check", str(TINY), "--strict")[0] == 1
    broken = tmp_path / "broken.yaml"
    broken.write_text(TINY.read_text().replace("next: walkout", "next: walkot"))
    code, out, _ = run("check", str(broken))
    assert code == 1 and "'walkot'" in out and "walkout" in out  # the bad id, and a suggestion
    assert run("check", str(TINY), "--lens", "nope")[0] == 2
    assert run("check")[0] == 2


def test_text_report_names_endings_and_departures() -> None:
    code, out, err = run("check", str(MUNICH))
    assert code == 0 and "no errors" in err
    assert "munich_agreement: The Munich Agreement (historical)" in out
    assert "history itself leads here" in out and "instead of" in out


def test_debrief_counterfactuals_agree_with_the_full_check(munich, munich_check: CheckReport) -> None:
    report = munich_check
    for lens in munich.lenses:
        smallest = smallest_counterfactuals(munich, lens)
        full = check_scenario(munich, lens).counterfactual
        assert {o: len(d) for o, d in smallest.items()} == {
            o: sum(p.departure for p in path) for o, path in full.items()
        }
    assert report.counterfactual["munich_agreement"] and not any(
        p.departure for p in report.counterfactual["munich_agreement"]
    )


def test_check_output_says_what_a_departure_counts() -> None:
    """The legend under the endings, so 'N departure(s)' is not read as every change from history."""
    code, out, _ = run("check", str(TINY))
    assert code == 0
    lines = out.splitlines()
    heading = next(i for i, line in enumerate(lines) if line.startswith("Endings"))
    assert "steps at places history never reached are not counted" in lines[heading + 1]
    assert "smallest counterfactual: 1 departure(s):" in out

"""The authoring tools on format 2: check, validate, simulate, new and graph understand negotiations,
sealed moves, private values, objectives and dated events."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from game.authoring import simulate as sim
from game.authoring.absint import possible
from game.authoring.check import check_scenario
from game.authoring.explore import explore, smallest_counterfactuals
from game.authoring.graph import layout, to_dot, to_svg
from game.authoring.new import scenario_text
from game.authoring.tables import MAX_COMBINATIONS, combinations
from game.engine import load_scenario, load_text, validate_file
from game.engine.autoplay import play_out
from game.engine.model import Step
from game.engine.policies import POLICIES

from .conftest import FIXTURES, ROOT, run

TABLE = ROOT / "tests" / "fixtures" / "table.yaml"
TABLES = FIXTURES / "tables.yaml"
PRIVATE = FIXTURES / "private.yaml"


def found(report, code: str) -> list[tuple[int, str]]:
    return [(f.line, f.message) for f in report.findings if f.code == code]


# -- check ----------------------------------------------------------------------------------------


def test_check_finds_terms_no_deal_contains_and_deals_nobody_accepts() -> None:
    report = check_scenario(load_scenario(str(TABLES)))
    never = found(report, "never-agreed")
    assert [line for line, _ in never] == [51, 55]
    assert "'open' of 'port'" in never[0][1] and "'none' of 'toll'" in never[1][1]
    # The strait's own options are not listed one by one: no deal there is acceptable at all.
    assert [line for line, _ in found(report, "no-acceptable-deal")] == [92]
    assert "2 of north, south" in found(report, "no-acceptable-deal")[0][1]


def test_check_flags_a_blocked_choice_unless_it_is_meant_to_stay_blocked() -> None:
    report = check_scenario(load_scenario(str(TABLES)))
    blocked = found(report, "never-open")
    assert [line for line, _ in blocked] == [88]  # south's 'sail_s'; north's 'sail' stays blocked on purpose
    assert "'south.sail_s' at 'night' is always blocked" in blocked[0][1]
    assert "stays_blocked" in next(f.hint for f in report.findings if f.code == "never-open")


def test_check_warns_where_a_jump_skips_a_dated_historical_event_for_good() -> None:
    report = check_scenario(load_scenario(str(TABLES)))
    skips = found(report, "skips-event")
    assert skips == [
        (
            108,
            "'linger' at 'late' can move the clock from 1900-01-02 to 1900-01-12, past the historical event "
            "'envoy' (1900-01-05), whose 'if' (day <= 6) then never holds: the event is skipped for good",
        )
    ]


def test_check_warns_about_the_flagship_windows_that_a_jump_closes() -> None:
    report = check_scenario(load_scenario(str(ROOT / "scenarios" / "archive" / "moscow-1939-v1.yaml")))
    events = {message.split("historical event ")[1].split(" ")[0] for _, message in found(report, "skips-event")}
    assert "'ribbentrop_flight'" in events
    assert all(f.code == "skips-event" for f in report.findings)


def test_check_on_the_table_fixture_paths_departures_and_decisions() -> None:
    table = load_scenario(str(TABLE))
    report = check_scenario(table)
    assert not report.truncated
    assert found(report, "no-acceptable-deal") == []  # a narrow corridor, signed later, suits Red and Blue
    assert [p.step for p in report.shortest["rival_deal"]] == ["no_deal", "red.rival+blue.cable"]
    assert report.shortest["treaty"][0].step.startswith("deal[")
    smallest = smallest_counterfactuals(table, "trusting")
    assert smallest["rival_deal"] == []
    (departure,) = smallest["treaty"]
    assert (departure.node, departure.instead_of, departure.instead_label) == ("talks", "no_deal", "No deal")
    # Along history: Red proposes and seals; Blue rejects, walks out and seals; Green rejects.
    assert {a: d.historical for a, d in report.decisions.items()} == {"red": 2, "blue": 3, "green": 1}
    assert report.sampled == 200 and all(d.sampled_median >= 1 for d in report.decisions.values())


def test_check_json_and_text_report_each_roles_real_decisions() -> None:
    code, out, _ = run("check", str(TABLES), "--json")
    data = json.loads(out)
    assert code == 0 and data["decisions"]["north"]["historical"] == 4
    # North walks out of the strait (no package beats going without for it), so South answers nothing there.
    assert data["decisions"]["south"] == {"historical": 1, "sampled_median": 1.0, "sampled_games": 200}
    code, out, _ = run("check", str(TABLES))
    assert "Real decisions per role (two or more open options)" in out
    assert "north    4 along history, 4 sampled  (North)" in out


@pytest.mark.parametrize("path", [TABLE, TABLES], ids=lambda p: p.name)
def test_the_over_approximation_allows_everything_format2_play_does(path) -> None:
    scenario = load_scenario(str(path))
    space = explore(scenario)
    maybe = possible(scenario)
    assert space.open_steps <= maybe.open_steps
    assert space.reached_outcomes <= maybe.outcomes
    assert space.reached_nodes <= set(maybe.at)


def test_a_cut_short_format2_exploration_claims_nothing_false() -> None:
    scenario = load_scenario(str(TABLES))
    full = {(f.code, f.line) for f in check_scenario(scenario).findings}
    partial = check_scenario(scenario, max_states=2)
    assert partial.truncated
    assert {(f.code, f.line) for f in partial.findings if f.code != "partial"} <= full


def test_sealed_combinations_are_bounded_but_take_every_choice() -> None:
    seats = [(f"s{n}", [Step(f"c{n}_{i}", "x", "", historical=i == 1) for i in range(4)]) for n in range(4)]
    combos = combinations(seats)
    assert len(combos) == MAX_COMBINATIONS < 4**4
    for n in range(4):
        assert {c[n].id for c in combos} == {f"c{n}_{i}" for i in range(4)}
    assert tuple(s.id for s in combos[0]) == ("c0_1", "c1_1", "c2_1", "c3_1")  # history's first
    assert len(combinations(seats[:2])) == 16


# -- validate -------------------------------------------------------------------------------------


def test_validate_warns_where_a_condition_shows_a_private_value_to_others() -> None:
    scenario, findings = validate_file(str(PRIVATE))
    assert scenario is not None
    leaks = [f for f in findings if f.code == "reveals-private"]
    assert [f.line for f in leaks] == [34, 43, 50, 57] and len(findings) == 4
    assert "shown to everyone by a condition on 'gold', known only to north" in leaks[0].message
    assert "the choice 'boast'" in leaks[1].message
    assert "the knowledge 'rumour' is shown to north, south" in leaks[2].message
    assert leaks[0].hint.startswith("add 'known_to: [north]'")
    code, out, err = run("validate", str(PRIVATE))
    assert code == 0 and out.count("reveals-private") == 0 and "4 warning(s)" in err


def test_format1_scenarios_have_no_private_values_to_leak() -> None:
    _, findings = validate_file(str(ROOT / "scenarios" / "archive" / "moscow-1939-v1.yaml"))
    assert not [f for f in findings if f.code == "reveals-private"]


# -- simulate -------------------------------------------------------------------------------------


def test_simulate_reports_per_role_decisions_options_and_scores() -> None:
    table = load_scenario(str(TABLE))
    tally = sim.simulate(table, 60, "historical", seed=2, workers=1)
    assert tally.outcomes == {"rival_deal": 60}
    # History: no deal, Red opens the rival talks, Blue cables home. Red scores its secret objective,
    # Blue keeps the passage from opening wide, Green gets no treaty.
    assert (tally.mean_score("red"), tally.mean_score("blue"), tally.mean_score("green")) == (5.0, 8.0, 0.0)
    assert (tally.median_decisions("red"), tally.median_decisions("blue"), tally.median_decisions("green")) == (
        2.0,
        3.0,
        1.0,
    )
    assert tally.mean_options("red") == pytest.approx((3 + 2) / 2)  # propose, pass or walk; rival or wait


def test_simulate_per_role_numbers_are_the_same_for_one_or_two_processes(monkeypatch) -> None:
    table = load_scenario(str(TABLE))
    monkeypatch.setattr(sim, "SERIAL_BELOW", 0)
    monkeypatch.setattr(sim, "CHUNK", 40)
    one = sim.simulate(table, 200, "random", seed=5, workers=1)
    two = sim.simulate(table, 200, "random", seed=5, workers=2)
    assert one == two
    assert sim.as_dict(table, one, "random", None, 5) == sim.as_dict(table, two, "random", None, 5)


def test_simulate_json_and_text_show_the_roles() -> None:
    code, out, _ = run("simulate", str(TABLE), "--runs", "50", "--json", "--policy", "historical")
    data = json.loads(out)
    assert code == 0
    assert data["actors"]["red"] == {"median_decisions": 2.0, "mean_open_choices": 2.5, "mean_score": 5.0}
    code, out, _ = run("simulate", str(ROOT / "tests" / "fixtures" / "tiny.yaml"), "--runs", "50", "--json")
    assert all(entry["mean_score"] is None for entry in json.loads(out)["actors"].values())  # no objectives
    code, out, _ = run("simulate", str(TABLE), "--runs", "50")
    assert code == 0 and "role" in out and "decisions" in out
    assert any(line.startswith("red (Red delegation)") for line in out.splitlines())


@pytest.mark.parametrize(
    ("histogram", "middle"), [({}, 0.0), ({2: 3}, 2.0), ({1: 1, 3: 1}, 2.0), ({0: 1, 5: 2}, 5.0), ({1: 2, 9: 2}, 5.0)]
)
def test_median_of_a_histogram(histogram, middle) -> None:
    assert sim.median(histogram) == middle


# -- new ------------------------------------------------------------------------------------------


def test_new_negotiation_writes_a_format2_scenario_that_validates_checks_and_plays(tmp_path) -> None:
    code, out, _ = run("new", "border-1900", "--dir", str(tmp_path), "--negotiation")
    path = tmp_path / "border-1900.yaml"
    assert code == 0 and str(path) in out
    scenario, findings = validate_file(str(path))
    assert scenario is not None and findings == [], [f.format() for f in findings]
    assert scenario.format == 2 and len(scenario.issues) == 2
    assert {n.kind for n in scenario.nodes.values()} == {"decision", "negotiation", "sealed"}
    assert all(a.valuation.points and a.objectives for a in scenario.actors.values())
    assert check_scenario(scenario).findings == []
    for policy in POLICIES:
        for seed in range(5):
            state = play_out(scenario, None, seed, policy)
            assert state.outcome in scenario.outcomes
    assert play_out(scenario, None, 0, "historical", follow_history=True).outcome == "treaty"


def test_new_without_negotiation_is_still_format1() -> None:
    scenario, findings = load_text("x.yaml", scenario_text("plain"))
    assert scenario is not None and scenario.format == 1 and findings == []


# -- graph ----------------------------------------------------------------------------------------


def test_graph_draws_negotiation_exits_and_sealed_resolutions() -> None:
    table = load_scenario(str(TABLE))
    plan = layout(table)
    assert (plan.boxes["talks"].kind, plan.boxes["evening"].kind) == ("negotiation", "sealed")
    out_of = {(a.source, a.label, a.target, a.kind, a.historical) for a in plan.arrows if a.source != "final"}
    assert out_of == {
        ("talks", "deal", "evening", "deal", False),
        ("talks", "no deal", "evening", "no_deal", True),
        ("evening", "if rival_talks and not treaty_signed", "rival_deal", "resolve", True),
        ("evening", "otherwise", "final", "resolve", False),
    }
    assert plan.path == ("talks", "evening", "rival_deal")
    svg = to_svg(table, plan)
    ET.fromstring(svg)
    assert ">no deal</text>" in svg and ">deal</text>" in svg and ">otherwise</text>" in svg
    dot = to_dot(table, plan)
    assert "talks [label" in dot and "shape=hexagon" in dot and "shape=octagon" in dot
    assert 'talks -> evening [label="no deal"' in dot


@pytest.mark.parametrize("suffix", [".svg", ".dot"])
def test_graph_command_writes_format2_files(tmp_path, suffix) -> None:
    output = tmp_path / f"table{suffix}"
    code, _, err = run("graph", str(TABLE), "-o", str(output))
    assert code == 0 and output.read_text(encoding="utf-8") and "3 nodes, 3 endings" in err

"""``check`` says what an author needs: ties among smallest counterfactuals, every non-historical step
a counterfactual needs, and narration weekdays the node's date contradicts."""

from __future__ import annotations

from game.authoring.check import CheckReport, check_scenario
from game.authoring.weekdays import contradictions
from game.engine import load_scenario
from game.engine.loader import load_text
from game.engine.model import Scenario

from .conftest import TINY


def _tiny(**changes: str) -> Scenario:
    text = TINY.read_text(encoding="utf-8")
    for old, new in changes.items():
        text = text.replace(old, new, 1)
    scenario, findings = load_text(str(TINY), text)
    assert scenario is not None, findings
    return scenario


def _outcome(report: CheckReport, oid: str) -> dict[str, object]:
    outcomes = report.as_dict()["outcomes"]
    assert isinstance(outcomes, dict)
    entry = outcomes[oid]
    assert isinstance(entry, dict)
    return entry


def test_ties_among_smallest_counterfactuals_are_shown() -> None:
    report = check_scenario(load_scenario(str(TINY)))
    ties = report.ties["walkout"]
    chosen = {(p.node, p.step) for p in report.counterfactual["walkout"] if p.departure}
    other = {(p.node, p.step) for p in ties[0] if p.departure}
    assert len(other) == len(chosen) == 1 and other != chosen
    text = "\n".join(report.summary_lines())
    assert "smallest counterfactual (one of 2 that tie): 1 departure(s)" in text and "tie 2: open:" in text
    assert _outcome(report, "walkout")["ties"]


def test_steps_off_historys_path_are_counted_and_listed(munich_check: CheckReport) -> None:
    report = munich_check
    counted = {oid: report.off_history(path) for oid, path in report.counterfactual.items()}
    oid, further = max(counted.items(), key=lambda item: len(item[1]))
    assert further, "some ending of Munich needs steps at places history never reached"
    text = "\n".join(report.summary_lines())
    assert f"then {len(further)} further non-historical step(s) off history's path" in text
    assert _outcome(report, oid)["further_steps"] == len(further)


def test_a_weekday_the_date_contradicts_is_warned_about() -> None:
    scenario = _tiny(**{"text: Red opens the talks.": "text: Red opens the talks on Sunday."})
    (found,) = contradictions(scenario, {})
    assert found[0] == "open" and "says Sunday" in found[1] and "is a Monday" in found[1]
    report = check_scenario(scenario)
    assert any(f.code == "weekday" and "Sunday" in f.message for f in report.findings)


def test_a_weekday_that_extra_days_shift_is_warned_about() -> None:
    scenario = _tiny(**{"text: Everything is on the table.": "text: Friday. Everything is on the table."})
    assert not contradictions(scenario, {})  # 5 January 1900 is a Friday
    (found,) = contradictions(scenario, {"final": [4, 5]})
    assert "on some paths" in found[1] and "Saturday 06 January 1900" in found[1]
    assert any(f.code == "weekday" for f in check_scenario(scenario).findings)


def test_narration_naming_several_weekdays_or_a_habit_is_left_alone() -> None:
    several = _tiny(**{"text: Red opens the talks.": "text: Sunday's note arrived; on Saturdays nobody works."})
    assert not contradictions(several, {})
    two = _tiny(**{"text: Red opens the talks.": "text: Sunday came; Tuesday will come."})
    assert not contradictions(two, {})
    newspaper = _tiny(**{"text: Red opens the talks.": "text: The Sunday Telegraph tells it later."})
    assert not contradictions(newspaper, {})

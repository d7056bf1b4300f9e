"""Debrief questions on endings (format 2): read into the model, checked, refused in format 1."""

from __future__ import annotations

from pathlib import Path

from game.engine import load_text

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TABLE = (FIXTURES / "table.yaml").read_text(encoding="utf-8")
DRIFT = "  - {id: drift, title: Drift, epilogue: Nothing comes of it., speculative: low, speculation: Invented.}"


def _with_questions(questions: str) -> str:
    assert DRIFT in TABLE
    return TABLE.replace(DRIFT, DRIFT[:-1] + f", debrief_questions: {questions}}}")


def test_questions_are_read_in_order() -> None:
    scenario, findings = load_text("t.yaml", _with_questions('["Who stalled, and why?", "What did Blue  expect?"]'))
    assert scenario is not None, [f.format() for f in findings]
    assert scenario.outcomes["drift"].debrief_questions == ("Who stalled, and why?", "What did Blue expect?")
    assert scenario.outcomes["treaty"].debrief_questions == ()


def test_a_question_asked_twice_is_warned_about_and_kept_once() -> None:
    scenario, findings = load_text("t.yaml", _with_questions('["Why?", "Why?"]'))
    assert scenario is not None and scenario.outcomes["drift"].debrief_questions == ("Why?",)
    assert [f.code for f in findings if f.code == "duplicate-question"] == ["duplicate-question"]


def test_questions_must_be_texts() -> None:
    scenario, findings = load_text("t.yaml", _with_questions('["", [1]]'))
    assert scenario is None
    assert {"empty-text", "wrong-type"} & {f.code for f in findings}


def test_questions_are_format_2() -> None:
    text = _with_questions('["Why?"]').replace("format: 2", "format: 1", 1)
    scenario, findings = load_text("old.yaml", text)
    assert scenario is None
    assert any(f.code == "needs-format-2" and "debrief_questions" in f.message for f in findings)

"""Authors' feedback: one finding per root cause, first; suggestions that point the right way."""

from __future__ import annotations

import re

import pytest

from game.engine import validate_file
from game.engine.build_base import plural
from game.engine.loader import load_text
from game.engine.similar import did_you_mean, edit_distance, listing, ranked
from tests.conftest import FIXTURES, FLAGSHIP, FLAGSHIP_V1

from .conftest import TINY


def _three_mistakes() -> str:
    """The format-1 flagship with one duplicate node id, one int variable without 'max' and one decimal weight."""
    text = FLAGSHIP_V1.read_text(encoding="utf-8")
    text = text.replace(
        "  - id: soviet_trust\n    type: int\n    min: 0\n    max: 10\n",
        "  - id: soviet_trust\n    type: int\n    min: 0\n",
        1,
    )
    text = text.replace("  - id: opening_session\n", "  - id: arrival\n", 1)
    return text.replace('weight: "6"', 'weight: "0.9"', 1)


# Before the folding, the same file gave 44 errors: 39 'unknown variable' uses of soviet_trust, 2
# references to the node whose id was duplicated, the duplicate itself (listed after them), the
# missing bound and the weight ("unexpected character '.'").
BEFORE_FOLDING = 44


def test_three_mistakes_give_exactly_three_root_findings() -> None:
    _, findings = load_text("three.yaml", _three_mistakes())
    assert len(findings) == 3 < BEFORE_FOLDING
    codes = [f.code for f in findings]
    assert sorted(codes) == ["duplicate-id", "missing-key", "wrong-type"]
    missing = next(f for f in findings if f.code == "missing-key")
    assert "soviet_trust" in missing.message and "it has no 'max'" in missing.message
    assert re.search(r"and \d+ uses of it", missing.message) and missing.folded > 17
    duplicate = next(f for f in findings if f.code == "duplicate-id")
    assert "'opening_session', named by 2 references" in duplicate.message
    weight = next(f for f in findings if f.code == "wrong-type")
    assert "weights are whole numbers, not 0.9" in weight.message and "write 9" in weight.hint


def _errors(text: str) -> list:
    return [f for f in load_text("s.yaml", text)[1] if f.severity == "error"]


def _uses(text: str, declaration: str, renamed: str) -> int:
    """How many uses a variable has: the errors once its declaration is renamed away (no root to fold under)."""
    return len(_errors(text.replace(declaration, renamed, 1)))


def test_every_use_of_a_variable_without_a_bound_folds_under_it() -> None:
    """Uses in a lens's draws, an event's effect, objectives, a walk-away value and a chance branch."""
    text = FLAGSHIP.read_text(encoding="utf-8")
    declaration = "  - id: soviet_resolve\n    type: int\n    min: 0\n    max: 10\n"
    assert declaration in text
    uses = _uses(text, "  - id: soviet_resolve\n", "  - id: resolve_renamed\n")
    assert uses >= 9  # draws in two lenses, an effect, objectives, a walk-away value, a branch's 'if'
    errors = _errors(text.replace(declaration, "  - id: soviet_resolve\n    type: int\n    min: 0\n", 1))
    assert len(errors) == 1, [f.format() for f in errors]
    assert errors[0].folded == uses and f"and {uses} uses of it" in errors[0].message


TABLE = FIXTURES / "table.yaml"
RESOLVE = "  - {id: resolve, type: int, min: 0, max: 10, initial: 5,"
SIGNING = "  - id: signing\n    title: Signing\n    options:\n      - {id: later, label: Later}\n"
ONE_OPTION = SIGNING.replace("      - {id: later, label: Later}\n", "")


@pytest.mark.parametrize(
    ("broken", "replacement", "declaration", "renamed", "still_checked"),
    [
        (RESOLVE, RESOLVE.replace("type: int", "type: integer"), "{id: resolve,", "{id: resolve_renamed,", 0),
        (RESOLVE, RESOLVE.replace("type: int, ", ""), "{id: resolve,", "{id: resolve_renamed,", 0),
        # Its type is known, so the narration's 'resolve >= 6' is still checked: only the two draws fold.
        (RESOLVE, RESOLVE.replace("initial: 5", "initial: 50"), "{id: resolve,", "{id: resolve_renamed,", 1),
        (SIGNING, ONE_OPTION, "- id: signing\n", "- id: signing_x\n", 0),
    ],
    ids=["misspelt-type", "no-type", "initial-out-of-bounds", "issue-with-one-option"],
)
def test_a_variable_or_issue_that_fails_to_build_folds_its_uses(
    broken: str, replacement: str, declaration: str, renamed: str, still_checked: int
) -> None:
    text = TABLE.read_text(encoding="utf-8")
    assert broken in text and declaration in text
    uses = _uses(text, declaration, renamed) - still_checked
    assert uses >= 2
    errors = _errors(text.replace(broken, replacement, 1))
    assert len(errors) == 1, [f.format() for f in errors]
    assert errors[0].folded == uses and re.search(rf"and {uses} uses? of it", errors[0].message)


def test_an_issue_that_is_also_a_variable_folds_the_references_to_it() -> None:
    text = TABLE.read_text(encoding="utf-8")
    clash = "  - {id: signing, type: enum, values: [later, now], initial: later, label: Signing}\n"
    errors = _errors(text.replace("variables:\n", "variables:\n" + clash, 1))
    assert [f.code for f in errors] == ["duplicate-id"] and errors[0].folded >= 3  # values and the table's issues


def test_a_list_of_things_is_named_in_the_plural() -> None:
    assert plural("issue at this table") == "issues at this table"
    assert plural("option of passage") == "options of passage"
    assert plural("node or outcome") == "nodes and outcomes" and plural("party") == "parties"


def test_roots_come_before_knock_ons_and_file_order() -> None:
    """A duplicate id late in the file is reported before an unrelated error earlier on."""
    text = TINY.read_text(encoding="utf-8")
    text = text.replace("  - id: blue_turn\n", "  - id: open\n", 1).replace('unless: "powers', 'unless: "powerz', 1)
    _, findings = load_text("t.yaml", text)
    assert findings[0].code == "duplicate-id"
    assert any(f.line < findings[0].line for f in findings[1:])  # not file order: the root first


def test_a_bad_id_folds_the_references_to_it() -> None:
    text = (
        TINY.read_text(encoding="utf-8")
        .replace("  - id: luck\n", "  - id: Luck\n", 1)
        .replace("next: luck", "next: Luck")
    )
    _, findings = load_text("t.yaml", text)
    errors = [f for f in findings if f.severity == "error"]
    assert errors[0].code == "bad-id" and "reference" in errors[0].message
    assert sum(1 for f in errors if "'Luck'" in f.message) == 1


def test_the_flagship_is_still_clean() -> None:
    scenario, findings = validate_file(str(FLAGSHIP))
    assert scenario is not None and not [f for f in findings if f.severity == "error"]


def test_suggestions_rank_meaning_then_spelling() -> None:
    keys = ["id", "label", "text", "next", "effects", "days", "historical", "source", "if", "constraints"]
    assert did_you_mean("condition", keys) == "did you mean 'if'?"
    assert did_you_mean("nxet", keys) == "did you mean 'next'?"
    assert ranked("opening", ["arrival", "adjournment", "opening_session"])[0] == "opening_session"
    assert did_you_mean("nosuch", ["arrival", "adjournment"]) == ""
    assert edit_distance("ab", "ba") == 1 and edit_distance("kitten", "sitting") == 3


def test_an_unknown_key_condition_suggests_if() -> None:
    text = TINY.read_text(encoding="utf-8").replace('if: "warned"', 'condition: "warned"', 1)
    _, findings = load_text("t.yaml", text)
    unknown = next(f for f in findings if f.code == "unknown-key")
    assert unknown.hint == "did you mean 'if'?"


def test_long_lists_say_how_many_more() -> None:
    assert listing([str(i) for i in range(15)]) == "0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 3 more"
    assert listing(["a", "b"]) == "a, b"


def test_type_errors_name_the_expected_type() -> None:
    text = TINY.read_text(encoding="utf-8").replace("initial: 2, label: Trust", "initial: '2.5', label: Trust", 1)
    _, findings = load_text("t.yaml", text)
    assert any("whole number" in f.message for f in findings if f.code == "wrong-type")


def test_from_an_unknown_node_suggests_similar_ids(munich) -> None:
    from game.engine.game import Game, GameError

    node = list(munich.nodes)[-1]
    try:
        Game.new(munich, None, 1, {}, start=node[:-1] + "x")
    except GameError as exc:
        assert repr(node) in str(exc) and str(exc).index(repr(node)) < 60
    else:
        raise AssertionError("an unknown start node must be refused")

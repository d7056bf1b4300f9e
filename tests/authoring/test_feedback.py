"""Authors' feedback: one finding per root cause, first; suggestions that point the right way."""

from __future__ import annotations

import re

from game.engine import validate_file
from game.engine.loader import load_text
from game.engine.similar import did_you_mean, edit_distance, listing, ranked
from tests.conftest import FLAGSHIP, FLAGSHIP_V1

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

"""The expression language: precedence, types checked at load time, errors with columns."""

from __future__ import annotations

import pytest

from game.engine.expr import ExprError, VarType, compile_effect, compile_expr

VARS = {
    "trust": VarType("int", minimum=0, maximum=10),
    "transit": VarType("enum", ("refused", "limited", "granted")),
    "signed": VarType("bool"),
}
VALUES = {"trust": 4, "transit": "limited", "signed": False, "day": 3, "days_left": 7}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("trust >= 4", True),
        ("trust > 4 or not signed", True),
        ("trust + 2 * 3 == 10", True),
        ("(trust + 2) * 3 == 18", True),
        ("trust / 3 == 1 and trust % 3 == 1", True),
        ("transit in ['limited', 'granted']", True),
        ("transit not in ['limited', 'granted']", False),
        ("-trust < 0", True),
        ("min(trust, 2) == 2 and max(trust, 9, 1) == 9 and abs(0 - trust) == 4", True),
        ("day < days_left", True),
        ("not signed and trust == 4 or false", True),
        ("true", True),
        ("trust / 0 == 0", True),  # division by zero is defined as 0, never a crash
    ],
)
def test_conditions_evaluate(text: str, expected: bool) -> None:
    assert compile_expr(text, VARS, "bool")(VALUES) is expected


def test_integer_expression() -> None:
    assert compile_expr("max(1, 10 - trust * 2)", VARS, "int")(VALUES) == 2


@pytest.mark.parametrize(
    "text, column, fragment",
    [
        ("trust >= ", 9, "ends too early"),
        ("trust >= 4 and trsut < 9", 15, "unknown variable 'trsut'"),
        ("transit == 'granted' or transit == 'grnted'", 35, "'grnted' is not one of"),
        ("trust == 'high'", 6, "cannot compare"),
        ("transit + 1 > 0", 0, "needs numbers"),
        ("trust = 4", 6, "unexpected '='"),
        ("trust >= 4 && signed", 11, "unexpected character '&'"),
        ("'open", 0, "text is not closed"),
        ("transit < 'granted'", 8, "compares numbers"),
        ("foo(trust)", 0, "unknown function"),
        ("trust in [1, 'a']", 9, "one type"),
    ],
)
def test_errors_point_inside_the_expression(text: str, column: int, fragment: str) -> None:
    with pytest.raises(ExprError) as caught:
        compile_expr(text, VARS, "bool")
    assert fragment in caught.value.message
    assert caught.value.column == column


def test_hints() -> None:
    with pytest.raises(ExprError) as caught:
        compile_expr("trsut > 1", VARS, "bool")
    assert caught.value.hint == "did you mean 'trust'?"
    with pytest.raises(ExprError) as caught:
        compile_expr("transit == granted", VARS, "bool")
    assert "quotes" in caught.value.hint


def test_condition_must_be_boolean() -> None:
    with pytest.raises(ExprError, match="must be a condition"):
        compile_expr("trust + 1", VARS, "bool")


def test_nesting_is_bounded() -> None:
    with pytest.raises(ExprError, match="nested"):
        compile_expr("(" * 100 + "true" + ")" * 100, VARS, "bool")
    with pytest.raises(ExprError, match="limit"):
        compile_expr("true or " * 400 + "true", VARS, "bool")


def test_effects_clamp_and_assign() -> None:
    values = dict(VALUES)
    compile_effect("trust += 20", VARS)(values)
    assert values["trust"] == 10
    compile_effect("trust -= 3 * 5", VARS)(values)
    assert values["trust"] == 0
    compile_effect("transit = 'granted'", VARS)(values)
    compile_effect("signed = trust == 0", VARS)(values)
    assert values["transit"] == "granted" and values["signed"] is True


@pytest.mark.parametrize(
    "text, column, fragment",
    [
        ("trust == 3", 0, "an effect is"),
        ("trsut += 1", 0, "unknown variable"),
        ("transit += 1", 8, "changes a number"),
        ("transit = 'open'", 10, "not one of transit's values"),
        ("signed = 3", 9, "takes true or false"),
        ("trust += 'a'", 9, "needs a number"),
        ("day = 3", 0, "kept by the engine"),
    ],
)
def test_effect_errors(text: str, column: int, fragment: str) -> None:
    with pytest.raises(ExprError) as caught:
        compile_effect(text, VARS)
    assert fragment in (caught.value.message + caught.value.hint)
    assert caught.value.column == column


# ---------------------------------------------------------------- format 2: conditionals, bools as numbers

TYPES2 = {
    "n": VarType("int", minimum=0, maximum=10),
    "flag": VarType("bool"),
    "mode": VarType("enum", ("talk", "sign")),
}
VALUES2 = {"n": 3, "flag": True, "mode": "talk", "day": 0, "days_left": 5}


@pytest.mark.parametrize(
    ("text", "want", "expected"),
    [
        ("2 if flag else 5", "int", 2),
        ("2 if not flag else 5", "int", 5),
        ("n + flag", "int", 4),
        ("flag * 10 - 1", "int", 9),
        ("max(flag, 0)", "int", 1),
        ("(1 if n > 2 else 0) + (1 if mode == 'talk' else 0)", "int", 2),
        ("mode == ('talk' if flag else 'sign')", "bool", True),
        ("1 if n == 0 else 2 if n == 3 else 3", "int", 2),
    ],
)
def test_conditional_expressions_and_bools_as_numbers(text: str, want: str, expected: object) -> None:
    result = compile_expr(text, TYPES2, want)(VALUES2)
    assert result == expected and type(result) is type(expected)


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        ("1 if flag", "'if' needs an 'else'", 9),
        ("1 if n else 2", "'if' needs a condition", 5),
        ("1 if flag else 'x'", "both sides of 'if ... else' must be of one kind", 2),
        ("'shout' if flag else mode", "'shout' is not one of this variable's values", 0),
    ],
)
def test_conditional_mistakes_point_at_the_cause(text: str, message: str, column: int) -> None:
    with pytest.raises(ExprError) as err:
        compile_expr(text, TYPES2, "any")
    assert message in err.value.message and err.value.column == column


def test_an_effect_can_add_a_bool_and_set_by_condition() -> None:
    values = dict(VALUES2)
    compile_effect("n += flag", TYPES2)(values)
    compile_effect("mode = 'sign' if n >= 4 else 'talk'", TYPES2)(values)
    assert values["n"] == 4 and values["mode"] == "sign"

"""The scenario expression language: tokenise, parse, type-check and compile to closures.

Scenario conditions and effects are data, so they are parsed here by a small recursive-descent
parser and compiled into plain Python closures over a ``values`` mapping. Nothing is ever passed to
``eval``; every error carries the column inside the expression so the loader can point at it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Union, cast

from . import similar

Value = Union[int, bool, str]  # noqa: UP007 - a runtime alias, valid on Python 3.10
Values = Mapping[str, Value]
Compiled = Callable[[Values], Value]
IntFn = Callable[[Values], int]
ListFn = Callable[[Values], frozenset[Value]]

MAX_EXPR_LENGTH = 2000
MAX_DEPTH = 40
MAX_TREE_DEPTH = 120  # operations chained one inside another, brackets or not
MAX_NUMBER = 1_000_000_000

# Built-in names the engine supplies in every ``values`` mapping. ``follows_history`` is true while every
# step so far is what really happened, so narration can give a dated gloss only on the historical path;
# a mapping without it (values before play starts) reads as following history.
BUILTINS = ("day", "days_left", "follows_history")
FOLLOWS_HISTORY = "follows_history"


class ExprError(ValueError):
    """An expression that cannot be parsed or does not type-check."""

    def __init__(self, message: str, column: int, hint: str = "", unknown: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.column = column  # 0-based offset inside the expression text
        self.hint = hint
        self.unknown = unknown  # the unknown variable's name, so a broken declaration can fold its uses


# ---------------------------------------------------------------- types


@dataclass(frozen=True)
class VarType:
    """The static type of a variable: ``bool``, ``int`` (bounded) or ``enum`` (named values)."""

    kind: str
    values: tuple[str, ...] = ()
    minimum: int = 0
    maximum: int = 0


@dataclass(frozen=True)
class _T:
    """A type during checking: bool, int, text (with the enum it belongs to, if known), list."""

    kind: str  # "bool" | "int" | "text" | "list"
    enum: tuple[str, ...] | None = None  # for text: the allowed values when it is an enum var
    item: _T | None = None  # for list

    def describe(self) -> str:
        if self.kind == "text" and self.enum is not None:
            return "an enum value"
        if self.kind == "list":
            return "a list"
        return {"bool": "true/false", "int": "a whole number", "text": "text"}[self.kind]


BOOL = _T("bool")
INT = _T("int")
TEXT = _T("text")


# ---------------------------------------------------------------- tokens

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<int>\d+)
  | (?P<str>'[^'\\]*'|"[^"\\]*")
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>==|!=|<=|>=|\+=|-=|[-+*/%<>=()\[\],])
    """,
    re.VERBOSE,
)
_KEYWORDS = {"and", "or", "not", "in", "true", "false", "if", "else"}


@dataclass
class _Tok:
    kind: str
    text: str
    col: int


def tokenize(text: str) -> list[_Tok]:
    """Split expression text into tokens, or raise ExprError at the first bad character."""
    if len(text) > MAX_EXPR_LENGTH:
        raise ExprError(f"expression is {len(text)} characters long; the limit is {MAX_EXPR_LENGTH}", 0)
    toks: list[_Tok] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            ch = text[pos]
            if ch in "'\"":
                raise ExprError("text is not closed", pos, f"end the text with {ch}")
            hint = ""
            if ch == "&":
                hint = "write 'and'"
            elif ch == "|":
                hint = "write 'or'"
            elif ch == "!":
                hint = "write 'not' or '!='"
            raise ExprError(f"unexpected character {ch!r}", pos, hint)
        kind = m.lastgroup or ""
        if kind != "space":
            word = m.group()
            if kind == "name" and word in _KEYWORDS:
                kind = "kw"
            toks.append(_Tok(kind, word, pos))
        pos = m.end()
    toks.append(_Tok("end", "", len(text)))
    return toks


# ---------------------------------------------------------------- syntax tree


@dataclass
class Node:
    """A parsed expression: ``op`` names the construct, ``args`` its parts, ``col`` its place."""

    op: str  # "int" "str" "bool" "var" "list" "call" "neg" "not" "and" "or" "cmp" "arith" "in"
    col: int
    value: object = None
    args: list[Node] = field(default_factory=list)


class _Parser:
    def __init__(self, text: str) -> None:
        self.toks = tokenize(text)
        self.i = 0
        self.depth = 0

    def peek(self) -> _Tok:
        return self.toks[self.i]

    def take(self) -> _Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def expect(self, text: str) -> _Tok:
        tok = self.peek()
        if tok.text != text:
            found = f"{tok.text!r}" if tok.kind != "end" else "the end"
            raise ExprError(f"expected {text!r} but found {found}", tok.col)
        return self.take()

    def _enter(self, col: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExprError(f"expression is nested more than {MAX_DEPTH} levels deep", col)

    def parse_all(self) -> Node:
        node = self.conditional()
        tok = self.peek()
        if tok.kind != "end":
            hint = "use '==' to compare" if tok.text == "=" else ""
            raise ExprError(f"unexpected {tok.text!r}", tok.col, hint)
        return node

    def conditional(self) -> Node:
        """``a if condition else b``, loosest of all, as in Python."""
        then = self.or_()
        if self.peek().text != "if":
            return then
        tok = self.take()
        self._enter(tok.col)
        condition = self.or_()
        if self.peek().text != "else":
            found = self.peek()
            raise ExprError(
                f"expected 'else' but found {found.text!r}" if found.kind != "end" else "'if' needs an 'else'",
                found.col,
                "write: value if condition else other value",
            )
        self.take()
        otherwise = self.conditional()
        self.depth -= 1
        return Node("cond", tok.col, args=[then, condition, otherwise])

    def or_(self) -> Node:
        left = self.and_()
        while self.peek().text == "or":
            tok = self.take()
            left = Node("or", tok.col, args=[left, self.and_()])
        return left

    def and_(self) -> Node:
        left = self.not_()
        while self.peek().text == "and":
            tok = self.take()
            left = Node("and", tok.col, args=[left, self.not_()])
        return left

    def not_(self) -> Node:
        if self.peek().text == "not":
            tok = self.take()
            self._enter(tok.col)
            inner = self.not_()
            self.depth -= 1
            return Node("not", tok.col, args=[inner])
        return self.cmp()

    def cmp(self) -> Node:
        left = self.add()
        tok = self.peek()
        if tok.text in ("==", "!=", "<", "<=", ">", ">="):
            self.take()
            return Node("cmp", tok.col, tok.text, [left, self.add()])
        if tok.text == "in":
            self.take()
            return Node("in", tok.col, False, [left, self.add()])
        if tok.text == "not" and self.toks[self.i + 1].text == "in":
            self.take()
            self.take()
            return Node("in", tok.col, True, [left, self.add()])
        return left

    def add(self) -> Node:
        left = self.mul()
        while self.peek().text in ("+", "-"):
            tok = self.take()
            left = Node("arith", tok.col, tok.text, [left, self.mul()])
        return left

    def mul(self) -> Node:
        left = self.unary()
        while self.peek().text in ("*", "/", "%"):
            tok = self.take()
            left = Node("arith", tok.col, tok.text, [left, self.unary()])
        return left

    def unary(self) -> Node:
        if self.peek().text == "-":
            tok = self.take()
            self._enter(tok.col)
            inner = self.unary()
            self.depth -= 1
            return Node("neg", tok.col, args=[inner])
        return self.atom()

    def atom(self) -> Node:
        tok = self.take()
        if tok.kind == "int":
            if len(tok.text) > 10 or int(tok.text) > MAX_NUMBER:
                raise ExprError(f"{tok.text[:12]}… is too large: numbers go up to {MAX_NUMBER:,}", tok.col)
            return Node("int", tok.col, int(tok.text))
        if tok.kind == "str":
            return Node("str", tok.col, tok.text[1:-1])
        if tok.text in ("true", "false"):
            return Node("bool", tok.col, tok.text == "true")
        if tok.kind == "name":
            if self.peek().text == "(":
                self.take()
                args = self._items(")", tok.col)
                return Node("call", tok.col, tok.text, args)
            return Node("var", tok.col, tok.text)
        if tok.text == "(":
            self._enter(tok.col)
            inner = self.conditional()
            self.depth -= 1
            self.expect(")")
            return inner
        if tok.text == "[":
            return Node("list", tok.col, args=self._items("]", tok.col))
        if tok.kind == "end":
            raise ExprError("expression ends too early", tok.col, "something is missing at the end")
        raise ExprError(f"unexpected {tok.text!r}", tok.col)

    def _items(self, close: str, col: int) -> list[Node]:
        self._enter(col)
        items: list[Node] = []
        if self.peek().text != close:
            items.append(self.conditional())
            while self.peek().text == ",":
                self.take()
                items.append(self.conditional())
        self.expect(close)
        self.depth -= 1
        return items


def parse(text: str) -> Node:
    """Parse an expression into a syntax tree (no names are checked yet). A tree deeper than
    ``MAX_TREE_DEPTH`` (a long chain such as ``1+1+1+…``) is refused: checking and running it
    would go as deep."""
    tree = _Parser(text).parse_all()
    stack = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_TREE_DEPTH:
            raise ExprError(
                f"the expression chains more than {MAX_TREE_DEPTH} operations", node.col, "split it into simpler parts"
            )
        stack.extend((arg, depth + 1) for arg in node.args)
    return tree


# ---------------------------------------------------------------- checking and compiling

_EQUALITY: dict[str, Callable[[Value, Value], bool]] = {
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
}
_ORDER: dict[str, Callable[[int, int], bool]] = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


def _ints(fn: Compiled) -> IntFn:
    """The closure of an expression the checker has proved to be a number, typed as one."""
    return cast(IntFn, fn)


def _literal(node: Node) -> Value:
    """The value of an ``int``, ``str`` or ``bool`` node (the parser makes them so)."""
    value = node.value
    if not isinstance(value, (int, str)):  # bool is an int
        raise ExprError(f"a literal {node.op} without a value", node.col)  # pragma: no cover - parser never makes it
    return value


def _not_a_value(values: Values) -> Value:
    """A list's place in ``compile``: only ``in`` reads a list, through ``_compile_list``."""
    raise ExprError("a list is not a value", 0)  # pragma: no cover - the checker refuses lists elsewhere


def _div(a: int, b: int) -> int:
    return a // b if b else 0


def _mod(a: int, b: int) -> int:
    return a % b if b else 0


_ARITH: dict[str, Callable[[int, int], int]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": _div,
    "%": _mod,
}
_FUNCS: dict[str, Callable[..., int]] = {"min": min, "max": max, "abs": abs}


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """A 'did you mean' hint for a misspelt name, or '' when nothing is close."""
    return similar.did_you_mean(word, options)


class Checker:
    """Type-checks a syntax tree against the scenario's variables and compiles it to a closure."""

    def __init__(self, variables: Mapping[str, VarType]) -> None:
        self.variables = variables

    def _var_type(self, name: str) -> _T:
        vt = self.variables[name]
        if vt.kind == "enum":
            return _T("text", vt.values)
        return BOOL if vt.kind == "bool" else INT

    def compile(self, node: Node) -> tuple[_T, Compiled]:
        """Return the node's type and a closure computing it from a values mapping."""
        op = node.op
        if op in ("int", "str", "bool"):
            value = _literal(node)
            return {"int": INT, "str": TEXT, "bool": BOOL}[op], lambda v: value
        if op == "var":
            return self._compile_var(node)
        if op == "list":
            return self._compile_list(node)[0], _not_a_value
        if op == "call":
            return self._compile_call(node)
        if op == "neg":
            number = _ints(self._number(node.args[0], "'-' needs a number"))
            return INT, lambda v: -number(v)
        if op == "not":
            inner = self._want(node.args[0], BOOL, "'not' needs a condition")
            return BOOL, lambda v: not inner(v)
        if op in ("and", "or"):
            a = self._want(node.args[0], BOOL, f"'{op}' joins conditions")
            b = self._want(node.args[1], BOOL, f"'{op}' joins conditions")
            if op == "and":
                return BOOL, lambda v: bool(a(v)) and bool(b(v))
            return BOOL, lambda v: bool(a(v)) or bool(b(v))
        if op == "arith":
            fn = _ARITH[str(node.value)]
            x = _ints(self._number(node.args[0], f"'{node.value}' needs numbers"))
            y = _ints(self._number(node.args[1], f"'{node.value}' needs numbers"))
            return INT, lambda v: fn(x(v), y(v))
        if op == "cmp":
            return self._compile_cmp(node)
        if op == "cond":
            return self._compile_cond(node)
        if op == "in":
            return self._compile_in(node)
        raise ExprError(f"unknown construct {op}", node.col)  # pragma: no cover - parser never makes it

    def _number(self, node: Node, why: str) -> Compiled:
        """A number, or a condition counted as 1 (true) or 0 (false)."""
        typ, fn = self.compile(node)
        if typ.kind not in ("int", "bool"):
            raise ExprError(f"{why}, but this is {typ.describe()}", node.col)
        return (lambda v: int(fn(v))) if typ.kind == "bool" else fn

    def _compile_cond(self, node: Node) -> tuple[_T, Compiled]:
        (ta, a), (tb, b) = self.compile(node.args[0]), self.compile(node.args[2])
        test = self._want(node.args[1], BOOL, "'if' needs a condition")
        if ta.kind != tb.kind or ta.kind == "list":
            raise ExprError(
                f"both sides of 'if ... else' must be of one kind, not {ta.describe()} and {tb.describe()}", node.col
            )
        self._check_enum_literal(ta, node.args[2])
        self._check_enum_literal(tb, node.args[0])
        kind = ta if ta.enum is not None else tb
        return kind, lambda v: a(v) if test(v) else b(v)

    def _want(self, node: Node, want: _T, why: str) -> Compiled:
        typ, fn = self.compile(node)
        if typ.kind != want.kind:
            raise ExprError(f"{why}, but this is {typ.describe()}", node.col)
        return fn

    def _compile_var(self, node: Node) -> tuple[_T, Compiled]:
        name = str(node.value)
        if name == FOLLOWS_HISTORY:
            return BOOL, lambda v: bool(v.get(name, True))
        if name in BUILTINS:
            return INT, lambda v: v[name]
        if name not in self.variables:
            hint = did_you_mean(name, list(self.variables) + list(BUILTINS))
            if any(name in vt.values for vt in self.variables.values()):
                hint = f"enum values are text: write '{name}' in quotes"
            raise ExprError(f"unknown variable {name!r}", node.col, hint, name)
        return self._var_type(name), lambda v: v[name]

    def _compile_list(self, node: Node) -> tuple[_T, ListFn]:
        if not node.args:
            raise ExprError("a list needs at least one item", node.col)
        compiled = [self.compile(item) for item in node.args]
        kinds = {t.kind for t, _ in compiled}
        if len(kinds) > 1 or "list" in kinds:
            raise ExprError("all items of a list must be of one type (numbers, or text)", node.col)
        if any(item.op not in ("int", "str", "bool") for item in node.args):
            fns = [fn for _, fn in compiled]
            return _T("list", item=compiled[0][0]), lambda v: frozenset(f(v) for f in fns)
        items = frozenset(_literal(item) for item in node.args)
        return _T("list", item=compiled[0][0]), lambda v: items

    def _compile_call(self, node: Node) -> tuple[_T, Compiled]:
        name = str(node.value)
        if name not in _FUNCS:
            raise ExprError(
                f"unknown function {name!r}",
                node.col,
                did_you_mean(name, _FUNCS) or "the functions are min, max and abs",
            )
        if name == "abs" and len(node.args) != 1:
            raise ExprError("abs takes one number", node.col)
        if name != "abs" and len(node.args) < 2:
            raise ExprError(f"{name} takes two or more numbers", node.col)
        fns = [_ints(self._number(arg, f"{name} needs numbers")) for arg in node.args]
        fn = _FUNCS[name]
        if name == "abs":
            only = fns[0]
            return INT, lambda v: abs(only(v))
        return INT, lambda v: fn(f(v) for f in fns)

    def _compile_cmp(self, node: Node) -> tuple[_T, Compiled]:
        sym = str(node.value)
        (ta, a), (tb, b) = self.compile(node.args[0]), self.compile(node.args[1])
        if ta.kind != tb.kind or ta.kind == "list":
            raise ExprError(f"cannot compare {ta.describe()} with {tb.describe()}", node.col)
        if ta.kind in ("bool", "text") and sym not in ("==", "!="):
            raise ExprError(f"'{sym}' compares numbers; use '==' or '!=' here", node.col)
        self._check_enum_literal(ta, node.args[1])
        self._check_enum_literal(tb, node.args[0])
        literal = node.args[1].op in ("int", "str", "bool")  # the common shape: var OP literal
        if sym in _ORDER:
            order, x, y = _ORDER[sym], _ints(a), _ints(b)
            if literal:
                bound = int(_literal(node.args[1]))
                return BOOL, lambda v: order(x(v), bound)
            return BOOL, lambda v: order(x(v), y(v))
        same = _EQUALITY[sym]
        if literal:
            const = _literal(node.args[1])
            return BOOL, lambda v: same(a(v), const)
        return BOOL, lambda v: same(a(v), b(v))

    def _compile_in(self, node: Node) -> tuple[_T, Compiled]:
        negate = bool(node.value)
        ta, a = self.compile(node.args[0])
        if node.args[1].op != "list":
            self.compile(node.args[1])  # reports any error on the right first
            raise ExprError("'in' needs a list on its right, like ['a', 'b']", node.args[1].col)
        tb, b = self._compile_list(node.args[1])
        assert tb.item is not None
        if tb.item.kind != ta.kind:
            raise ExprError(f"cannot look for {ta.describe()} in a list of {tb.item.describe()}", node.col)
        if node.args[1].op == "list":
            for item in node.args[1].args:
                self._check_enum_literal(ta, item)
        if negate:
            return BOOL, lambda v: a(v) not in b(v)
        return BOOL, lambda v: a(v) in b(v)

    @staticmethod
    def _check_enum_literal(t: _T, other: Node) -> None:
        if t.enum is not None and other.op == "str" and other.value not in t.enum:
            raise ExprError(
                f"{other.value!r} is not one of this variable's values ({', '.join(t.enum)})",
                other.col,
                did_you_mean(str(other.value), t.enum),
            )


def compile_expr(text: str, variables: Mapping[str, VarType], want: str) -> Compiled:
    """Parse and check ``text`` as a ``want`` ("bool", "int" or "any"); return its closure."""
    typ, fn = Checker(variables).compile(parse(text))
    if want == "any":
        if typ.kind not in ("bool", "int"):
            raise ExprError(f"this must be a condition or a number, but it is {typ.describe()}", 0)
        return fn
    if typ.kind != want:
        target = "a condition (true or false)" if want == "bool" else "a whole number"
        raise ExprError(f"this must be {target}, but it is {typ.describe()}", 0)
    return fn


# ---------------------------------------------------------------- effects

_EFFECT = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(\+=|-=|=(?!=))")

Effect = Callable[[dict[str, Value]], None]


@dataclass(frozen=True)
class EffectParts:
    """An effect's text taken apart: ``variable op value``, with the column where each part starts.

    The one reading of an effect's shape: the compiler checks and compiles it, and the players'
    wording (``wording.describe_effect``) describes it, so the two can never read it differently."""

    variable: str
    op: str  # "=", "+=" or "-="
    value: str  # the expression after the operator, as written
    variable_at: int
    op_at: int
    value_at: int


def split_effect(text: str) -> EffectParts | None:
    """``trust += 1`` as ``EffectParts("trust", "+=", " 1", ...)``; None when it is not shaped like an effect."""
    m = _EFFECT.match(text)
    if not m:
        return None
    return EffectParts(m.group(1), m.group(2), text[m.end() :], m.start(1), m.start(2), m.end())


def compile_effect(text: str, variables: Mapping[str, VarType]) -> Effect:
    """Compile ``var = expr``, ``var += expr`` or ``var -= expr`` into a function updating values."""
    parts = split_effect(text)
    if parts is None:
        raise ExprError(
            "an effect is 'variable = value', 'variable += number' or 'variable -= number'",
            0,
            "for example: trust += 1",
        )
    name, op = parts.variable, parts.op
    if name not in variables:
        hint = did_you_mean(name, variables)
        if name in BUILTINS:
            hint = f"{name} is kept by the engine and cannot be set"
        raise ExprError(f"unknown variable {name!r}", parts.variable_at, hint, name)
    offset = parts.value_at
    try:
        typ, fn = Checker(variables).compile(parse(text[offset:]))
    except ExprError as err:
        raise ExprError(err.message, err.column + offset, err.hint, err.unknown) from None
    vt = variables[name]
    col = offset + (len(text[offset:]) - len(text[offset:].lstrip()))
    if op != "=":
        if vt.kind != "int":
            raise ExprError(
                f"'{op}' changes a number, but {name} is {vt.kind}", parts.op_at, f"write {name} = ... instead"
            )
        if typ.kind not in ("int", "bool"):
            raise ExprError(f"'{op}' needs a number, but this is {typ.describe()}", col)
    elif vt.kind == "enum":
        if typ.kind != "text":
            raise ExprError(f"{name} takes one of {', '.join(vt.values)}", col)
        if typ.enum is None:
            tree = parse(text[offset:])
            if tree.op == "str" and tree.value not in vt.values:
                raise ExprError(
                    f"{tree.value!r} is not one of {name}'s values ({', '.join(vt.values)})",
                    col,
                    did_you_mean(str(tree.value), vt.values),
                )
        elif set(typ.enum) - set(vt.values):
            raise ExprError(f"the value may not be one of {name}'s values", col)
    elif vt.kind != typ.kind:
        want = "true or false" if vt.kind == "bool" else "a whole number"
        raise ExprError(f"{name} takes {want}, but this is {typ.describe()}", col)

    if vt.kind == "int":
        lo, hi = vt.minimum, vt.maximum
        number = _ints(fn)
        if op == "=":

            def effect(v: dict[str, Value]) -> None:
                v[name] = min(hi, max(lo, number(v)))
        elif op == "+=":

            def effect(v: dict[str, Value]) -> None:
                v[name] = min(hi, max(lo, cast(int, v[name]) + number(v)))
        else:

            def effect(v: dict[str, Value]) -> None:
                v[name] = min(hi, max(lo, cast(int, v[name]) - number(v)))

        return effect

    def assign(v: dict[str, Value]) -> None:
        v[name] = fn(v)

    return assign

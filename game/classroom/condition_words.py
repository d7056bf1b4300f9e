"""A scenario's conditions in a reader's words, for printed pages: plain sentences, not formulas.

A variable reads as its label, an option or an ending as its title: ``outcome == 'x'`` is "the game
ends in «X»", ``outcome in [a, b, c]`` is "the game ends in «A», «B» or «C»", a yes-or-no value
standing alone is "«Label» holds", ``a != 'x' or b`` is "«A» is not «x», unless «B» holds", and a
number compared is "4 or less". An option of a measure reads as the measure's description names it
when the description lists one phrase per option ("No written powers, … or powers to sign").

Nothing is lost and nothing is invented: each name becomes its label and each operator a word; a
form this module cannot put in a sentence is read word for word. Only used where the reader may
know every name the condition reads.
"""

from __future__ import annotations

import re

from ..engine.expr import ExprError, Node, parse, tokenize
from ..engine.model import Scenario
from ..engine.wording import show_value

OUTCOME = "outcome"  # the name objectives read for the ending reached
_COMPARE = {">=": "{} or more", "<=": "{} or less", ">": "more than {}", "<": "less than {}"}
_WORDS = {
    "==": "is",
    "!=": "is not",
    ">=": "≥",
    "<=": "≤",
    "in": "is one of",
    "true": "yes",
    "false": "no",
    "-": "−",
}


def condition_words(scenario: Scenario, text: str) -> str:
    """``text`` as a plain sentence (word for word when it cannot be put in one; the text itself
    when it cannot be read)."""
    try:
        tree = parse(text)
    except ExprError:
        return text
    sentence = _Sentence(scenario).say(tree)
    return sentence if sentence is not None else _word_for_word(scenario, text)


def listing(items: list[str], last: str = "or") -> str:
    """'«A»', '«A» or «B»', '«A», «B» or «C»' (or another joining word for the last)."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {last} {items[-1]}"


def role_in_sentence(name: str) -> str:
    """A role's name inside a sentence: 'the Polish government' (for 'The Polish government'), 'the
    Kremlin', 'the Soviet delegation' (for 'Soviet delegation')."""
    return "the " + name[4:] if name.startswith("The ") else f"the {name}"


class _Sentence:
    """Puts a parsed condition in words; ``say`` gives None for a form it cannot put in a sentence."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario

    def say(self, node: Node) -> str | None:
        if node.op == "and":
            parts = [self.say(a) for a in node.args]
            return None if None in parts else f"{parts[0]}, and {parts[1]}"
        if node.op == "or":
            first, second = (self.say(a) for a in node.args)
            if first is None or second is None:
                return None
            # "not A, or B" is "not A, unless B": the plain way to say an exception
            return f"{first}, unless {second}" if _negative(node.args[0]) else f"{first}, or {second}"
        if node.op == "not":
            inner = node.args[0]
            if inner.op == "var" and self._flag(inner):
                return f"«{self._label(inner.value)}» does not hold"
            said = self.say(inner)
            return None if said is None else f"it is not so that {said}"
        if node.op == "var" and self._flag(node):
            return f"«{self._label(node.value)}» holds"
        if node.op == "cmp":
            return self._compare(node)
        if node.op == "in":
            return self._among(node)
        return None

    def _flag(self, node: Node) -> bool:
        variable = self.scenario.variables.get(str(node.value))
        return variable is not None and variable.type.kind == "bool"

    def _label(self, name: object) -> str:
        name = str(name)
        if name in self.scenario.issues:
            return self.scenario.issues[name].title
        variable = self.scenario.variables.get(name)
        return (variable.label or name) if variable else name.replace("_", " ")

    def _compare(self, node: Node) -> str | None:
        left, right = node.args
        if left.op != "var" or right.op not in ("str", "int", "bool", "neg"):
            return None
        name, op = str(left.value), str(node.value)
        if right.op == "str":
            value = str(right.value)
            if name == OUTCOME and op in ("==", "!="):
                ending = self._value(name, value)
                return f"the game ends in {ending}" if op == "==" else f"the game does not end in {ending}"
            if op in ("==", "!="):
                return self._is(name, [self._value(name, value)], op == "!=")
            return None
        number = _number(right)
        if number is None:
            return None
        if right.op == "bool" and op in ("==", "!="):
            holds = (op == "==") == bool(right.value)
            return f"«{self._label(name)}» {'holds' if holds else 'does not hold'}"
        if op in _COMPARE:
            return f"«{self._label(name)}» is {_COMPARE[op].format(number)}"
        if op == "==":
            return f"«{self._label(name)}» is {number}"
        if op == "!=":
            return f"«{self._label(name)}» is not {number}"
        return None

    def _among(self, node: Node) -> str | None:
        left, listed = node.args
        if left.op != "var" or listed.op != "list" or any(a.op != "str" for a in listed.args) or not listed.args:
            return None
        name, negated = str(left.value), bool(node.value)
        values = [self._value(name, str(a.value)) for a in listed.args]
        if name == OUTCOME:
            return f"the game {'does not end' if negated else 'ends'} in {listing(values)}"
        return self._is(name, values, negated)

    def _is(self, name: str, values: list[str], negated: bool) -> str:
        """A measure or a negotiated issue that is (or is not) one of ``values``."""
        if name in self.scenario.issues:
            title = self.scenario.issues[name].title
            verb = "does not settle" if negated else "settles"
            return f"the deal {verb} «{title}» as {listing(values)}"
        label = f"«{self._label(name)}»"
        if not negated:
            return f"{label} is {listing(values)}"
        if len(values) == 1:
            return f"{label} is anything but {values[0]}"
        if len(values) == 2:
            return f"{label} is neither {listing(values, 'nor')}"
        return f"{label} is none of {listing(values, 'and')}"

    def _value(self, name: str, value: str) -> str:
        """An ending's or an option's title; a measure's option as its description names it."""
        if name == OUTCOME and value in self.scenario.outcomes:
            return f"«{self.scenario.outcomes[value].title}»"
        issue = self.scenario.issues.get(name)
        option = issue.option(value) if issue is not None else None
        if option is not None:
            return f"«{option.label}»"
        variable = self.scenario.variables.get(name)
        if variable is not None and variable.type.kind == "enum" and value in variable.type.values:
            phrases = _phrases(variable.description, len(variable.type.values))
            if phrases:
                return f"«{phrases[variable.type.values.index(value)]}»"
        return f"«{show_value(value)}»"


def _negative(node: Node) -> bool:
    """Whether a condition says that something is not so (``!=``, ``not in``, ``not x``)."""
    return node.op == "not" or (node.op == "cmp" and node.value == "!=") or (node.op == "in" and bool(node.value))


def _number(node: Node) -> str | None:
    if node.op == "int":
        return str(node.value)
    if node.op == "neg" and node.args and node.args[0].op == "int":
        return f"−{node.args[0].value}"
    if node.op == "bool":
        return "yes" if node.value else "no"
    return None


def _phrases(description: str, count: int) -> list[str]:
    """One phrase per option when a description lists them in order ("None yet, asked, or granted.";
    a lead-in before a colon is dropped); [] when it does not."""
    text = description.strip().rstrip(".")
    if ":" in text:
        text = text.split(":", 1)[1]
    parts = [p.strip() for p in re.split(r",\s*or\s+|,\s*|\s+or\s+", text) if p.strip()]
    if len(parts) != count or text.lower().startswith(("whether", "what", "who", "how", "which")):
        return []
    return [parts[0][0].lower() + parts[0][1:]] + parts[1:]


def _word_for_word(scenario: Scenario, text: str) -> str:
    """``text`` with every name as its label and every operator as a word: for forms no sentence fits."""
    try:
        tokens = tokenize(text)
    except ExprError:
        return text
    out: list[str] = []
    for token in tokens:
        if token.kind == "end":
            break
        if token.kind == "name":
            out.append(_name(scenario, token.text))
        elif token.kind == "str":
            out.append(_plain_value(scenario, token.text[1:-1]))
        elif token.text in ("[", "]", "(", ")", ","):
            out.append(token.text)
        else:
            out.append(_WORDS.get(token.text, token.text))
    return _tidy(" ".join(out))


def _name(scenario: Scenario, name: str) -> str:
    if name == OUTCOME:
        return "the ending"
    if name in scenario.issues:
        return f"«{scenario.issues[name].title}»"
    variable = scenario.variables.get(name)
    return f"«{variable.label or name}»" if variable else name.replace("_", " ")


def _plain_value(scenario: Scenario, value: str) -> str:
    outcome = scenario.outcomes.get(value)
    if outcome is not None:
        return f"«{outcome.title}»"
    for issue in scenario.issues.values():
        option = issue.option(value)
        if option is not None:
            return f"«{option.label}»"
    return f"«{show_value(value)}»"


def _tidy(text: str) -> str:
    for before, after in (("[ ", ""), (" ]", ""), (" ,", ","), ("( ", "("), (" )", ")")):
        text = text.replace(before, after)
    return text

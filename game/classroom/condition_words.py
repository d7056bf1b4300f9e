"""A scenario's conditions in a reader's words, for printed pages: a variable reads as its label, an
option or an ending as its title, ``==`` as "is", ``in [...]`` as "is one of", a yes-or-no value
standing alone as "… is yes".

Word for word, not a paraphrase: each name becomes its label and each operator a word, so nothing
is lost and nothing is invented. Only used where the reader may know every name the condition reads.
"""

from __future__ import annotations

from ..engine.expr import ExprError, tokenize
from ..engine.model import Scenario
from ..engine.wording import show_value

OUTCOME = "outcome"  # the name objectives read for the ending reached
_WORDS = {
    "==": "is",
    "!=": "is not",
    ">=": "≥",
    "<=": "≤",
    "<": "<",
    ">": ">",
    "in": "is one of",
    "not": "not",
    "and": "and",
    "or": "or",
    "true": "yes",
    "false": "no",
    "if": "if",
    "else": "else",
    "-": "−",
}


def condition_words(scenario: Scenario, text: str) -> str:
    """``text`` with every variable named by its label and every operator as a word (the text itself
    when it cannot be read)."""
    try:
        tokens = tokenize(text)
    except ExprError:
        return text
    out: list[str] = []
    for index, token in enumerate(tokens):
        following = tokens[index + 1].text if index + 1 < len(tokens) else ""
        before = tokens[index - 1].text if index else ""
        if token.kind == "end":
            break
        if token.kind == "name" and _alone(scenario, token.text, before, following):
            negated = bool(out) and out[-1] == "not"
            if negated:
                out.pop()
            out.append(f"{_name(scenario, token.text)} is {'no' if negated else 'yes'}")
        elif token.kind == "name":
            out.append(_name(scenario, token.text))
        elif token.kind == "str":
            out.append(_value(scenario, token.text[1:-1]))
        elif token.text == "not" and following == "in":
            out.append("is not")
        elif token.text == "in" and out and out[-1] == "is not":
            out[-1] = "is none of"
        elif token.text in ("[", "]", "(", ")", ","):
            out.append(token.text)
        else:
            out.append(_WORDS.get(token.text, token.text))
    return _tidy(" ".join(out))


def _alone(scenario: Scenario, name: str, before: str, following: str) -> bool:
    """Whether ``name`` is a yes-or-no value standing alone ('rival_talks', 'not powers'), not compared."""
    variable = scenario.variables.get(name)
    joins = {"", "and", "or", "(", ")", "if", "else"}
    return variable is not None and variable.type.kind == "bool" and before in joins | {"not"} and following in joins


def _name(scenario: Scenario, name: str) -> str:
    if name == OUTCOME:
        return "the ending"
    if name in scenario.issues:
        return f"«{scenario.issues[name].title}»"
    variable = scenario.variables.get(name)
    return f"«{variable.label or name}»" if variable else name.replace("_", " ")


def _value(scenario: Scenario, value: str) -> str:
    outcome = scenario.outcomes.get(value)
    if outcome is not None:
        return f"«{outcome.title}»"
    for issue in scenario.issues.values():
        option = issue.option(value)
        if option is not None:
            return f"«{option.label}»"
    return show_value(value)


def _tidy(text: str) -> str:
    for before, after in (("[ ", ""), (" ]", ""), (" ,", ","), ("( ", "("), (" )", ")")):
        text = text.replace(before, after)
    return text

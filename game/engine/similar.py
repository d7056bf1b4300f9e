"""Ranked suggestions for a mistyped or misremembered word: by meaning first, then by edit distance.

A hint that points the wrong way costs an author more than no hint, so a word is only suggested when
it is close in spelling (a few edits for its length) or is a known synonym of what the format calls
it (``condition`` is written ``if``).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

# Words authors reach for, and what the format calls them. Only suggested when the option exists.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "condition": ("if",),
    "conditions": ("if",),
    "cond": ("if",),
    "when": ("if",),
    "requires": ("if", "needs"),
    "require": ("if", "needs"),
    "only_if": ("if",),
    "guard": ("if",),
    "goto": ("next", "goto"),
    "to": ("next",),
    "then": ("next",),
    "target": ("next",),
    "options": ("choices", "options"),
    "branches": ("chance",),
    "outcomes": ("chance", "outcomes"),
    "effect": ("effects",),
    "set": ("effects", "set"),
    "probability": ("weight",),
    "chance": ("weight", "chance"),
    "odds": ("weight",),
    "who": ("actor",),
    "player": ("actor",),
    "name": ("label", "name", "title"),
    "description": ("text", "description"),
    "body": ("text",),
    "narration": ("text",),
    "cite": ("source",),
    "citation": ("source", "citation"),
    "ref": ("source",),
    "default": ("initial",),
    "value": ("initial", "value"),
    "start_value": ("initial",),
    "minimum": ("min",),
    "maximum": ("max",),
    "kind": ("type",),
    "ending": ("outcome",),
    "end": ("outcome", "end"),
}


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance, with a swap of two neighbouring letters counted as one edit."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], previous2[j - 2] + 1)
        previous2, previous = previous, row
    return previous[-1]


def ranked(word: str, options: Iterable[object], limit: int = 3) -> list[str]:
    """The options nearest ``word``, best first: synonyms, then by edit distance and shared letters."""
    choices = list(dict.fromkeys(str(o) for o in options))
    lowered = word.lower()
    meant = [c for c in SYNONYMS.get(lowered, ()) if c in choices and c != word]
    scored = []
    for choice in choices:
        if choice in meant or choice == word:
            continue
        distance = edit_distance(lowered, choice.lower())
        ratio = difflib.SequenceMatcher(None, lowered, choice.lower()).ratio()
        allowed = max(1, min(len(lowered), len(choice)) // 3)
        prefix = len(lowered) >= 3 and (choice.lower().startswith(lowered) or lowered.startswith(choice.lower()))
        if distance <= allowed or ratio >= 0.75 or prefix:
            scored.append((distance, -ratio, choice))
    return (meant + [c for _, _, c in sorted(scored)])[:limit]


def did_you_mean(word: str, options: Iterable[object]) -> str:
    """A 'did you mean' hint naming the nearest option, or '' when nothing is near enough."""
    best = ranked(word, options, 1)
    return f"did you mean {best[0]!r}?" if best else ""


def listing(names: list[str], limit: int = 12) -> str:
    """Names joined with commas, cut at ``limit`` with how many more there are."""
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")

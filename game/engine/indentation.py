"""Finding the line whose indentation stops a YAML file from being read, and the depth it belongs at.

The YAML parser says what it expected where it stopped ("mapping values are not allowed here", "did
not find expected '-'"), often a line after the one that was indented wrongly and in words that do
not mention indentation. Moving each nearby line to the depths the lines around it use, and parsing
again, finds the one move that makes the file readable (or lets the parser read much further): the
author is told which line, how many spaces to add or remove, and which line it should line up with.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

MAX_TEXT = 1024 * 1024  # beyond this, parsing the file again for each guess would take too long
_LINES_TRIED = 5  # the line the parser stopped at and the four lines before it
_DEPTHS_TRIED = 6  # for each line, the depths nearest its own
_LOOK_BACK = 60  # lines read back to learn the depths in use

# A parser of whole texts: None when the text reads, else the 1-based line where reading stopped.
Parse = Callable[[str], int | None]


@dataclass(frozen=True)
class Reindent:
    """Line ``line`` (1-based) starts with ``have`` but belongs ``want`` spaces deep, like line ``like``."""

    line: int
    have: str  # the line's leading spaces and tabs, as written
    want: int
    like: int  # a line already at that depth (0: none nearby)
    like_text: str  # the start of that line, to recognise it by

    def described(self) -> str:
        """The indentation as written, in words: '5 spaces', 'with a tab', 'with 2 spaces and a tab'."""
        spaces, tabs = self.have.count(" "), self.have.count("\t")
        counted = f"{spaces} space{'s' if spaces != 1 else ''}"
        if not tabs:
            return counted
        tabbed = "a tab" if tabs == 1 else f"{tabs} tabs"
        return f"with {counted} and {tabbed}" if spaces else f"with {tabbed}"

    def fix(self) -> str:
        """What to do to the line, in words."""
        if "\t" in self.have:
            return f"YAML indents with spaces only: start line {self.line} with {self.want} spaces instead"
        change = self.want - len(self.have)
        verb = "add" if change > 0 else "remove"
        return f"{verb} {abs(change)} space{'s' if abs(change) != 1 else ''} at the start of line {self.line}"


def _content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def _depths(line: str) -> list[tuple[int, str]]:
    """The depths a line opens, with the text found at each: its own indent, and for a list item
    ('- key: value') the depth of the item's contents as well."""
    width = len(_indent(line))
    rest = line[width:]
    out = [(width, rest)]
    while rest.startswith("- ") or rest == "-":
        width += 2
        rest = rest[2:].lstrip(" ")
        if rest:
            out.append((width, rest))
    return out


def _candidates(lines: list[str], index: int) -> list[int]:
    """Depths worth trying for line ``index``: those of the lines before it and just after it, and one
    step deeper than the line before (the start of a nested block), nearest the line's own first."""
    found: set[int] = set()
    before = [i for i in range(max(0, index - _LOOK_BACK), index) if _content(lines[i])]
    for i in before:
        found.update(width for width, _ in _depths(lines[i]))
    if before:
        found.add(len(_indent(lines[before[-1]])) + 2)
    after = [i for i in range(index + 1, min(len(lines), index + 20)) if _content(lines[i])][:3]
    found.update(len(_indent(lines[i])) for i in after)
    have = _indent(lines[index])
    if "\t" not in have:
        found.discard(len(have))
    width = len(have.expandtabs(8))
    return sorted(found, key=lambda d: (abs(d - width), d))[:_DEPTHS_TRIED]


def _like(lines: list[str], index: int, want: int) -> tuple[int, str]:
    """The nearest line in the same block as line ``index`` with something at depth ``want``: looking
    back and ahead, each way only until a line shallower than ``want`` closes the block."""
    found: list[tuple[int, int, str]] = []  # (distance, line number, text)
    for step in (-1, 1):
        i = index + step
        while 0 <= i < len(lines) and abs(i - index) <= _LOOK_BACK:
            if _content(lines[i]):
                depths = _depths(lines[i])
                match = next((text for width, text in depths if width == want), None)
                if match is not None:
                    shown = match.strip()
                    found.append((abs(i - index), i + 1, shown if len(shown) <= 30 else shown[:29] + "…"))
                    break
                if depths[0][0] < want:
                    break
            i += step
    if not found:
        return 0, ""
    _, line, text = min(found)
    return line, text


def find_reindent(text: str, stopped_at: int, parse: Parse) -> Reindent | None:
    """The one change of indentation, at or just before line ``stopped_at`` (where the parser stopped),
    that makes ``text`` readable or lets the parser read furthest past that line; None when no such
    change helps (the mistake is not one of indentation) or the file is too large to try."""
    if len(text) > MAX_TEXT:
        return None
    lines = text.splitlines()
    last = min(max(stopped_at, 1), len(lines)) - 1
    tried = [i for i in range(last, max(-1, last - 40), -1) if _content(lines[i])][:_LINES_TRIED]
    best: tuple[float, int, int] | None = None  # (how far the parser reads, -distance from the stop, depth)
    for index in tried:
        for want in _candidates(lines, index):
            moved = list(lines)
            moved[index] = " " * want + lines[index].lstrip(" \t")
            reached = parse("\n".join(moved) + "\n")
            far = float("inf") if reached is None else reached
            if far <= stopped_at:
                continue
            score = (far, index - last, want)
            if best is None or score[:2] > best[:2]:
                best = score
    if best is None:
        return None
    index, want = last + best[1], best[2]
    like, like_text = _like(lines, index, want)
    return Reindent(index + 1, _indent(lines[index]), want, like, like_text)

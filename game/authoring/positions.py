"""Where things are in a scenario file, for findings made after loading. The model keeps the lines of
nodes and steps; this finds the items of the other top-level lists (constraints, outcomes, ...) by a
quick scan of the text, which costs far less than parsing the YAML a second time.
"""

from __future__ import annotations

import re

Place = tuple[int, int]  # 1-based line and column

_SECTION = re.compile(r"^([a-z_]+)\s*:")
_ITEM = re.compile(r"^(\s*)-\s+")
_ID = re.compile(r"(?:^|[{,\s])id\s*:\s*['\"]?([a-z][a-z0-9_]*)")


def column_of(line_text: str) -> int:
    """The 1-based column where a list item's content starts (after '- '), or of the first character."""
    match = _ITEM.match(line_text)
    if match:
        return match.end() + 1
    return len(line_text) - len(line_text.lstrip()) + 1


SECTIONS = ("constraints", "outcomes", "lenses", "events", "sources", "actors", "variables")


def item_places(text: str, sections: tuple[str, ...] = SECTIONS) -> dict[tuple[str, str], Place]:
    """``(section, id)`` -> place of the item, for the items of top-level lists in ``sections``."""
    out: dict[tuple[str, str], Place] = {}
    section = ""
    indent = -1
    pending: tuple[int, int] | None = None  # an item whose id has not been seen yet
    for number, line in enumerate(text.splitlines(), 1):
        header = _SECTION.match(line)
        if header:
            section, indent, pending = header.group(1), -1, None
            continue
        if section not in sections:
            continue
        item = _ITEM.match(line)
        if item and (indent < 0 or len(item.group(1)) == indent):
            indent = len(item.group(1))
            pending = (number, item.end() + 1)
        if pending is not None:
            found = _ID.search(line[pending[1] - 1 :] if number == pending[0] else line)
            if found:
                out.setdefault((section, found.group(1)), pending)
                pending = None
    return out

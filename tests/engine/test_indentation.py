"""A line indented wrongly is reported at that line, with how many spaces to add or remove and the
line it should line up with, rather than only the YAML reader's words about where it stopped."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine import ERROR, validate_file
from game.engine.indentation import find_reindent
from tests.conftest import FLAGSHIP, TINY

FLAGSHIP_LINES = FLAGSHIP.read_text(encoding="utf-8").splitlines()
DECLARATION = FLAGSHIP_LINES.index("  - id: soviet_resolve")  # 0-based; its keys follow, 4 spaces deep


def _line(fragment: str, after: int = DECLARATION) -> int:
    """The 0-based index of the first line from ``after`` that is ``fragment`` once stripped."""
    return next(i for i in range(after, len(FLAGSHIP_LINES)) if FLAGSHIP_LINES[i].strip() == fragment)


MIN = _line("min: 0")
DESCRIPTION_TEXT = _line("description: >-") + 1
NEXT_ITEM = _line("- id: signal_noise")

# (how the line is written instead, its 0-based index, the depth it belongs at, the fix, what it lines up with)
CASES = {
    "one space too many": ("     min: 0", MIN, 4, "remove 1 space at the start", "'type: int'"),
    "two spaces too many": ("      min: 0", MIN, 4, "remove 2 spaces at the start", "'type: int'"),
    "one space too few": ("   min: 0", MIN, 4, "add 1 space at the start", "'type: int'"),
    "two spaces too few": ("  min: 0", MIN, 4, "add 2 spaces at the start", "'type: int'"),
    "a tab": ("\tmin: 0", MIN, 4, "YAML indents with spaces only", "'type: int'"),
    "spaces and a tab": ("  \tmin: 0", MIN, 4, "YAML indents with spaces only", "'type: int'"),
    "a list item too deep": ("   - id: soviet_resolve", DECLARATION, 2, "remove 1 space", "'- id: signal_noise'"),
    "a list item too shallow": (" - id: soviet_resolve", DECLARATION, 2, "add 1 space", "'- id: signal_noise'"),
    "folded text too shallow": (
        FLAGSHIP_LINES[DESCRIPTION_TEXT].strip(),
        DESCRIPTION_TEXT,
        6,
        "add 6 spaces",
        f"on line {DESCRIPTION_TEXT + 2}",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_a_wrongly_indented_line_is_named_with_its_fix(tmp_path: Path, name: str) -> None:
    written, index, want, fix, like = CASES[name]
    lines = list(FLAGSHIP_LINES)
    lines[index] = written
    path = tmp_path / "broken.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    scenario, findings = validate_file(str(path))
    assert scenario is None and len(findings) == 1
    found = findings[0]
    assert found.severity == ERROR and found.code == "yaml-syntax"
    assert found.line == index + 1, found.format()
    assert "YAML indentation" in found.message and f"belongs {want} spaces deep" in found.message
    assert like in found.message and "the YAML reader says" in found.message
    assert fix in found.hint and f"line {index + 1}" in found.hint
    # Doing what the hint says makes the file valid again.
    lines[index] = " " * want + written.lstrip(" \t")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert validate_file(str(path))[0] is not None


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('label: "How serious Moscow is"', "label: How serious: Moscow is"),
        ('label: "How serious Moscow is"', 'label: "How serious" Moscow is'),
        ('label: "How serious Moscow is"', "label: @How serious Moscow is"),
        ("draws: {soviet_resolve: [6, 10]}", "draws: {soviet_resolve: [6, 10}"),
    ],
    ids=["colon-in-text", "text-after-quotes", "reserved-character", "unclosed-bracket"],
)
def test_other_syntax_mistakes_are_not_called_indentation(old: str, new: str) -> None:
    from game.engine.loader import load_text

    text = FLAGSHIP.read_text(encoding="utf-8")
    assert old in text
    _, findings = load_text("broken.yaml", text.replace(old, new, 1))
    assert findings[0].code == "yaml-syntax" and "indentation:" not in findings[0].message


def test_a_tab_in_a_small_file_gets_the_depth_of_a_nested_key(tmp_path: Path) -> None:
    path = tmp_path / "tabs.yaml"
    path.write_text("meta:\n\tid: x\n", encoding="utf-8")
    _, findings = validate_file(str(path))
    assert findings[0].line == 2 and "belongs 2 spaces deep" in findings[0].message


def test_no_guess_when_no_indentation_helps() -> None:
    text = TINY.read_text(encoding="utf-8") + "extra: [unclosed\n"

    def never_reads(_: str) -> int:
        return 1

    assert find_reindent(text, text.count("\n"), never_reads) is None

"""docs/authoring.md's "Common mistakes" is generated from real validator runs and kept current."""

from __future__ import annotations

import pytest

from game.authoring.mistakes import MISTAKES, PAGE, Mistake, example, page_with_section, section


def test_the_page_shows_what_the_validator_says_now() -> None:
    page = PAGE.read_text(encoding="utf-8")
    assert section() in page, "regenerate: python -m game.authoring.mistakes"
    assert page_with_section(page) == page


@pytest.mark.parametrize("mistake", MISTAKES, ids=lambda m: m.title)
def test_each_mistake_gets_one_finding_per_place_it_was_made(mistake: Mistake) -> None:
    wrote, said = example(mistake)
    assert said and all(": error: " in line for line in said)
    places = sum(1 for line in wrote.splitlines() if "weight: 0." in line) or 1
    assert len(said) == places, said


def test_the_section_is_added_to_a_page_without_one() -> None:
    assert page_with_section("# Title\n").endswith(section() + "\n")

"""The smallest counterfactual is a search of the scenario's states: it runs once per scenario
content and lens, and asking again (even with a fresh copy of the same file) costs nothing."""

from __future__ import annotations

import pytest

from game.authoring import explore as explore_module
from game.engine import load_scenario
from tests.conftest import TINY


def test_the_search_runs_once_per_scenario_and_lens(tiny, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    searches: list[str] = []
    real = explore_module.explore

    def counting(scenario, lenses, *args, **kwargs):  # type: ignore[no-untyped-def]
        searches.append(lenses[0])
        return real(scenario, lenses, *args, **kwargs)

    monkeypatch.setattr(explore_module, "_CACHE", {})
    monkeypatch.setattr(explore_module, "explore", counting)
    first = explore_module.smallest_counterfactuals(tiny, "hopeful")
    assert explore_module.smallest_counterfactuals(tiny, "hopeful") == first
    copy = load_scenario(str(TINY))  # another object, the same content
    assert copy is not tiny and copy.content_hash == tiny.content_hash
    assert explore_module.smallest_counterfactuals(copy, "hopeful") == first
    assert searches == ["hopeful"]
    explore_module.smallest_counterfactuals(tiny, "gloomy")
    assert searches == ["hopeful", "gloomy"]


def test_the_kept_answer_cannot_be_changed_by_a_caller(tiny, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(explore_module, "_CACHE", {})
    found = explore_module.smallest_counterfactuals(tiny, "hopeful")
    found["walkout"].clear()
    assert explore_module.smallest_counterfactuals(tiny, "hopeful")["walkout"]

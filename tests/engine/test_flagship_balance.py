"""Balance of the flagship, pinned on fixed seeds as counts (measured with `simulate --json`).

Figures measured when the format-2 flagship was written: with every computer player following
history, 100% of games end in the pact under both lenses; with one role at a time played by the
goal-driven policy and the others by the default (disposition) players, no role reached the
convention with Polish consent in 30 games per lens."""

from __future__ import annotations

from collections import Counter

import pytest

from game.engine.autoplay import play_out


@pytest.mark.parametrize("lens", ["serious", "stalling"])
def test_computer_players_following_history_end_in_the_pact(flagship, lens: str) -> None:  # type: ignore[no-untyped-def]
    ends = Counter(play_out(flagship, lens, seed, "historical").outcome for seed in range(20))
    assert ends["pact"] >= 19, ends  # target: at least 95%


def test_no_single_role_reaches_the_convention_with_poland_alone(flagship) -> None:  # type: ignore[no-untyped-def]
    for role in flagship.actors:
        policies = {a: ("goals" if a == role else "disposition") for a in flagship.actors}
        ends = Counter(
            play_out(flagship, lens, seed, policies).outcome for lens in flagship.lenses for seed in range(6)
        )
        assert ends["convention_with_poland"] <= 3, (role, ends)  # target: at most 25% of 12 games


def test_random_play_reaches_most_endings(flagship) -> None:  # type: ignore[no-untyped-def]
    ends = Counter(play_out(flagship, "serious", seed, "random").outcome for seed in range(120))
    assert {"pact", "soviet_walkout", "western_recall", "talks_drag_on"} <= set(ends), ends

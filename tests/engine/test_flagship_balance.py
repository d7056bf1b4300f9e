"""Balance of the flagship, pinned on fixed seeds as counts (never timings).

Targets (issue 10): history ends in the pact in at least 95% of games; every role has at least 4 real
decisions along history; no single role reaches the convention with Polish consent in more than 25%
of games, against the default computer players, by goal-driven play, random play, the 8-click
British line or a best-response search over its choices, while the two Western governments acting
together can reach it; the lens moves the endings by at least 20 points of total variation distance
when one role at a time plays goal-driven; a full game reads in 15 to 25 minutes for every role; and
every ending stays reachable. ``python bench/flagship_balance.py`` prints the full table."""

from __future__ import annotations

from collections import Counter

import pytest

from bench.flagship_balance import BRITISH_LINE, GOVERNMENTS_LINE, TARGET, defaults, tvd
from game.authoring.best_response import best_response, ending_aim, play_with
from game.authoring.counting import play_counted
from game.authoring.reading import historical_reading, minutes
from game.engine.autoplay import play_out
from game.engine.model import Scenario

SEEDS = range(6)  # per lens: 12 games per role and policy
AT_MOST = 3  # 25% of 12 games


@pytest.fixture(scope="module")
def goal_driven(flagship: Scenario) -> dict[str, dict[str, Counter[str]]]:
    """Endings per role and lens when that role plays goal-driven and the others are the defaults."""
    return {
        role: {
            lens: Counter(play_out(flagship, lens, seed, defaults(flagship, {role: "goals"})).outcome for seed in SEEDS)
            for lens in flagship.lenses
        }
        for role in flagship.actors
    }


@pytest.mark.parametrize("lens", ["serious", "stalling"])
def test_computer_players_following_history_end_in_the_pact(flagship: Scenario, lens: str) -> None:
    ends = Counter(play_out(flagship, lens, seed, "historical").outcome for seed in range(20))
    assert ends["pact"] >= 19, ends  # target: at least 95%


@pytest.mark.parametrize("lens", ["serious", "stalling"])
def test_every_role_has_four_real_decisions_along_history(flagship: Scenario, lens: str) -> None:
    for seed in range(3):
        made = play_counted(flagship, lens, "historical", seed).decisions
        assert all(made[role] >= 4 for role in flagship.actors), made
        assert made["paris"] == 4 and made["germany"] == 4, made  # the two added: 22 and 19 August


def test_no_single_goal_driven_role_reaches_the_convention_with_poland(
    goal_driven: dict[str, dict[str, Counter[str]]],
) -> None:
    for role, by_lens in goal_driven.items():
        assert sum(ends[TARGET] for ends in by_lens.values()) <= AT_MOST, (role, by_lens)


def test_the_lens_moves_the_endings_when_one_role_departs(goal_driven: dict[str, dict[str, Counter[str]]]) -> None:
    """How serious Moscow is (drawn 6-10 or 0-4) changes what the Kremlin and Voroshilov do."""
    for role, by_lens in goal_driven.items():
        assert tvd(by_lens["serious"], by_lens["stalling"]) >= 0.20, (role, by_lens)
    serious = sum((c["serious"] for c in goal_driven.values()), Counter())
    stalling = sum((c["stalling"] for c in goal_driven.values()), Counter())
    assert serious["convention_on_paper"] > stalling["convention_on_paper"], (serious, stalling)
    assert stalling["pact"] + stalling["double_game"] > serious["pact"] + serious["double_game"], (serious, stalling)


def test_no_single_random_role_reaches_the_convention_with_poland(flagship: Scenario) -> None:
    for role in flagship.actors:
        policies = defaults(flagship, {role: "random"})
        ends = Counter(play_out(flagship, lens, seed, policies).outcome for lens in flagship.lenses for seed in SEEDS)
        assert ends[TARGET] <= AT_MOST, (role, ends)


def test_the_british_line_alone_does_not_reach_it(flagship: Scenario) -> None:
    ends = Counter(
        play_with(flagship, lens, seed, defaults(flagship, {}), BRITISH_LINE).outcome
        for lens in flagship.lenses
        for seed in SEEDS
    )
    assert ends[TARGET] <= AT_MOST, ends
    assert ends["pact"] < 12, ends  # the line does change the game


def test_the_two_western_governments_together_can_reach_it(flagship: Scenario) -> None:
    """Reachable by plausible play: London and Paris both pressing Warsaw, with a serious Moscow."""
    ends = {
        lens: Counter(
            play_with(flagship, lens, seed, defaults(flagship, {}), GOVERNMENTS_LINE).outcome for seed in SEEDS
        )
        for lens in flagship.lenses
    }
    assert ends["serious"][TARGET] >= 3, ends
    assert ends["stalling"][TARGET] == 0, ends  # a Moscow that was not serious never signs it


def test_a_best_response_search_cannot_force_it_for_any_role(flagship: Scenario) -> None:
    aim = ending_aim(TARGET)
    for role in flagship.actors:
        found = [
            best_response(flagship, lens, seed, role, aim, defaults(flagship, {}), 2)
            for lens in flagship.lenses
            for seed in range(2)
        ]
        assert all(not f.stopped for f in found), role
        assert sum(f.value for f in found) <= 1, role  # at most 25% of 4 games


@pytest.mark.parametrize("lens", ["serious", "stalling"])
def test_a_full_game_reads_in_15_to_25_minutes_for_every_role(flagship: Scenario, lens: str) -> None:
    for role, words in historical_reading(flagship, lens).items():
        assert 15 <= minutes(words) <= 25, (role, words)


def test_every_ending_is_reached_in_play(flagship: Scenario, goal_driven: dict[str, dict[str, Counter[str]]]) -> None:
    """Random games, goal-driven departures and the Western lines between them reach every ending."""
    reached = {ends for by_lens in goal_driven.values() for c in by_lens.values() for ends in c}
    reached |= {play_out(flagship, lens, seed, "random").outcome for lens in flagship.lenses for seed in range(60)}
    for line in (BRITISH_LINE, GOVERNMENTS_LINE):
        reached |= {play_with(flagship, "serious", seed, defaults(flagship, {}), line).outcome for seed in range(2)}
    assert reached == set(flagship.outcomes), set(flagship.outcomes) - reached

"""Views: what each seat, the projector and the teacher may see. A property test plays random games
with people in random seats, typing secrets as reasons, and checks at every step that no view shows
another delegation's private data."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import Game
from game.engine.expr import split_effect
from game.engine.loader import load_scenario
from game.engine.model import Scenario
from game.engine.narrate import PUBLIC, TEACHER, may_know
from game.engine.table import Action, Table
from game.engine.views import View

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "table.yaml"


@pytest.fixture(scope="module")
def table() -> Scenario:
    return load_scenario(str(FIXTURE))


def secrets_hidden_from(scenario: Scenario, viewer: str, ended: bool) -> set[str]:
    """Every private text that ``viewer`` must not see."""
    out: set[str] = set()
    for actor in scenario.actors.values():
        if actor.id == viewer:
            continue
        out.add(actor.briefing) if actor.briefing else None
        out.update(p.text for p in actor.briefing_parts)
        if not ended:
            out.update(o.text for o in actor.objectives if o.secret)
        out.update(f"secret reason of {actor.id}" for _ in [0])
    out.update(k.text for k in scenario.knowledge if viewer not in k.known_to)
    for node in scenario.nodes.values():
        out.update(p.text for p in node.text_parts if p.known_to and viewer not in p.known_to)
    return {s for s in out if s}


def private_meters(scenario: Scenario, viewer: str, ended: bool) -> set[str]:
    return {
        v.id for v in scenario.variables.values() if v.known_to and viewer not in v.known_to and not (ended and v.drawn)
    }


def text_of(view: View) -> str:
    return repr(dataclasses.asdict(view))


def check(game: Game, viewers: list[str]) -> None:
    for viewer in viewers:
        seen = Table(game).view(viewer)
        shown = text_of(seen)
        for secret in secrets_hidden_from(game.scenario, viewer, game.ended):
            assert secret not in shown, f"{viewer} sees {secret!r}"
        assert not {m.id for m in seen.meters} & private_meters(game.scenario, viewer, game.ended)
        effects = [e for line in seen.log for e in line.effects]
        effects += [e for c in (seen.turn.choices if seen.turn else ()) for e in c.effects]
        for effect in effects:
            parts = split_effect(effect)
            assert parts is not None, effect
            variable = game.scenario.variables[parts.variable]
            assert variable.visible and may_know(variable.known_to, viewer), f"{viewer} sees the effect {effect!r}"
        if viewer in game.scenario.actors:
            assert not seen.values or seen.values == Table(game).view(viewer).values


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    seed=st.integers(0, 10_000), seated=st.sets(st.sampled_from(["red", "blue", "green"]), min_size=1), data=st.data()
)
def test_no_view_leaks_another_delegations_private_data(
    table: Scenario, seed: int, seated: set[str], data: st.DataObject
) -> None:
    controllers = {a: ("human" if a in seated else "random") for a in table.actors}
    game = Game.new(table, seed=seed, controllers=controllers)
    seats = Table(game)
    viewers = [*table.actors, PUBLIC]
    for _ in range(40):
        seats.advance()
        check(game, viewers)
        if game.ended:
            break
        turn = next(t for t in game.turns if t.actor in seated)
        reason = f"secret reason of {turn.actor}"
        if turn.kind in ("choose", "seal"):
            decision = game.decision_for(turn.actor)
            assert decision is not None
            options = [c.step.id for c in decision.open_choices]
            seats.act(turn.actor, Action(turn.kind, choice=data.draw(st.sampled_from(options)), reason=reason))
            continue
        package = {
            i: data.draw(st.sampled_from([o.id for o in table.issues[i].options])) for i in ("passage", "signing")
        }
        kinds = ["propose"] if turn.kind == "propose" else ["reject", "counter", "walk", "accept"]
        kind = data.draw(st.sampled_from(kinds))
        try:
            if kind == "propose":
                seats.act(turn.actor, Action("propose", package=package, reason=reason))
            else:
                seats.act(
                    turn.actor,
                    Action("answer", answer=kind, package=package if kind == "counter" else {}, reason=reason),
                )
        except Exception as err:  # a forbidden term: answer plainly instead
            assert "may talk" in str(err), err
            seats.act(
                turn.actor,
                Action(
                    "answer" if turn.kind == "answer" else "propose",
                    answer="reject",
                    package={"passage": "closed", "signing": "later"},
                ),
            )
    check(game, viewers)


def test_a_seat_sees_its_own_briefing_values_and_private_meters(table: Scenario) -> None:
    game = Game.new(table, "trusting", seed=2, controllers=dict.fromkeys(table.actors, "human"))
    red = Table(game).view("red")
    assert "Red needs passage" in red.briefing and "cannot sign anything binding" in red.briefing
    assert red.values == {"passage": {"closed": -4, "narrow": 2, "wide": 5}, "signing": {"later": 0, "now": 2}}
    assert red.walk_away == 2
    assert {m.id for m in red.meters} >= {"rival_offer", "resolve"}
    assert "A rival power has made Red a quiet offer." in red.knowledge
    blue = Table(game).view("blue")
    assert blue.values and "passage" in blue.values and blue.values != red.values
    assert not {m.id for m in blue.meters} & {"rival_offer", "resolve"}
    assert blue.knowledge == ()
    assert [o.id for o in blue.objectives if o.actor == "red"] == ["open_passage"]  # the secret one is hidden
    teacher = Table(game).view(TEACHER)
    assert {m.id for m in teacher.meters} >= {"rival_offer", "resolve", "rival_talks"}
    assert "Blue may talk" in teacher.briefing and "Green wants" in teacher.briefing
    public = Table(game).view(PUBLIC)
    assert public.briefing == "" and public.values == {} and public.walk_away is None


def test_the_ending_reveals_draws_and_scores_to_everyone(table: Scenario) -> None:
    game = Game.new(table, seed=4, controllers=dict.fromkeys(table.actors, "historical"))
    game.play_until_human()
    public = Table(game).view(PUBLIC)
    assert public.ended and public.revealed == {"resolve": game.value("resolve")}
    assert public.scores is not None and set(public.scores) == {"red", "blue", "green"}
    assert any(o.secret for o in public.objectives)


def test_reasons_levels_control_what_computer_reasons_show(table: Scenario) -> None:
    game = Game.new(table, seed=3, controllers={"red": "human", "blue": "goals", "green": "goals"})
    game.propose("red", {"passage": "wide", "signing": "now"})
    game.play_until_human()

    def blue_line(level: str) -> str:
        log = Table(game, reasons=level).view("red").log
        return next(line.text for line in log if line.actor == "blue" and line.kind == "answer")

    # Blue's numbers are its confidential values: another seat reads its verdict at most. Without their
    # points, the terms it weighed would only repeat the offer, so they are left out too.
    for level in ("numbers", "reasons"):
        assert "Worth" not in blue_line(level) and "Refused" in blue_line(level)
        assert "Passage: Wide open" not in blue_line(level)
    assert "Worth" not in blue_line("nothing") and "Refused" not in blue_line("nothing")  # the terms alone
    with pytest.raises(ValueError, match="one of numbers, reasons, nothing"):
        Table(game, reasons="all")


POINTS = re.compile(r"Worth [−-]?\d+ to us|: [+−-]\d+\.")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    seed=st.integers(0, 10_000),
    policies=st.lists(st.sampled_from(["goals", "disposition", "historical"]), min_size=3, max_size=3),
    level=st.sampled_from(["numbers", "reasons", "nothing"]),
)
def test_a_computers_numbers_reach_only_its_own_seat_and_the_teacher(
    table: Scenario, seed: int, policies: list[str], level: str
) -> None:
    game = Game.new(table, seed=seed, controllers=dict(zip(table.actors, policies, strict=True)))
    game.play_until_human()
    seats = Table(game, reasons=level)
    numbered = {i.actor for i in game.log if i.kind in ("offer", "answer") and POINTS.search(i.text)}
    for viewer in [*table.actors, PUBLIC]:
        for line in seats.view(viewer).log:
            if line.actor != viewer:
                assert not POINTS.search(line.text), f"{viewer} reads {line.actor}'s numbers: {line.text!r}"
    for actor in numbered:  # the actor's own seat and the teacher still read them
        assert any(POINTS.search(line.text) for line in seats.view(actor).log if line.actor == actor)
        assert any(POINTS.search(line.text) for line in seats.view(TEACHER).log if line.actor == actor)


def test_the_teacher_reads_a_computers_numbers(table: Scenario) -> None:
    game = Game.new(table, seed=3, controllers={"red": "human", "blue": "goals", "green": "goals"})
    game.propose("red", {"passage": "wide", "signing": "now"})
    game.play_until_human()
    blue = next(line.text for line in Table(game).view(TEACHER).log if line.actor == "blue" and line.kind == "answer")
    assert "Worth" in blue and "−3" in blue


def test_the_last_round_is_said_to_be_the_last(table: Scenario) -> None:
    """A counter-offer made in the last round is never put on the table: every seat is told before
    it answers, in the same words on every front end."""
    game = Game.new(table, seed=3, controllers=dict.fromkeys(table.actors, "human"))
    seen = []
    while game.state.talks is not None and len(seen) < 12:
        words = Table(game).view("red").table.round_words  # type: ignore[union-attr]
        seen.append(words)
        turn = game.turns[0]
        if turn.kind == "propose":
            game.propose(turn.actor, {"passage": "wide", "signing": "now"})
        else:
            game.answer(turn.actor, "reject")
    assert "Round 1 of 3" in seen and "Round 2 of 3" in seen
    assert "Round 3 of 3, the last: the talks end if it brings no deal" in seen


def test_the_hidden_draws_are_revealed_in_words_with_their_range(table: Scenario) -> None:
    game = Game.new(table, seed=4, controllers=dict.fromkeys(table.actors, "historical"))
    assert Table(game).view("red").revealed_words == ()  # nothing before the end
    game.play_until_human()
    words = Table(game).view("red").revealed_words
    variable = table.variables["resolve"]
    assert len(words) == 1 and words[0].startswith(f"{variable.label}: {game.value('resolve')} (drawn from ")


def test_a_revealed_sealed_choice_is_read_only_by_those_it_concerns(flagship: Scenario) -> None:
    """London's instructions of 10 August reach its allies and their envoys, not Moscow; Berlin's
    courtship is read in Moscow, not in the West; the projector reads none; the game's end shows all."""
    from game.engine.history import historical_game
    from game.engine.views import view

    game = historical_game(flagship)
    while not any(h.kind == "decision" and h.actor == "germany" for h in game.log):
        game.play_computer()

    def lines(viewer: str, actor: str) -> list[str]:
        return [line.title for line in view(game, viewer).log if line.kind == "decision" and line.actor == actor]

    assert lines("britain", "london") and lines("france", "london") and not lines("ussr", "london")
    assert lines("kremlin", "germany") and lines("ussr", "germany") and not lines("britain", "germany")
    assert lines("germany", "germany") and not lines(PUBLIC, "germany") and lines(TEACHER, "germany")
    # Nor do the measures such a choice moves tell it: the Kremlin's line, the pressure on Warsaw.
    meters = {viewer: {m.id for m in view(game, viewer).meters} for viewer in ("britain", "ussr", "poland", PUBLIC)}
    assert "kremlin_line" in meters["ussr"] and not {"kremlin_line"} & (meters["britain"] | meters[PUBLIC])
    assert "warsaw_pressure" in meters["poland"] and "warsaw_pressure" not in meters["ussr"] | meters[PUBLIC]
    chosen = [line.title for line in view(game, "britain").log if line.kind == "sealed"]
    assert any("German government" in title for title in chosen)  # that Berlin chose is no secret
    game.play_until_human()
    assert game.ended and lines("britain", "germany") and lines(PUBLIC, "kremlin")

"""The Munich crisis on format 2: the corrections the historian asked for, the Soviet actor and the
treaty question, the historical path and its figure, and every ending reachable.

The dated facts of the historical path are pinned one test each, with the source the scenario cites."""

from __future__ import annotations

import functools
import subprocess
import sys
from collections import Counter

import pytest

from game.authoring.check import CheckReport
from game.engine import Game, Scenario, load_scenario
from game.engine.autoplay import play_out
from game.engine.game import GameError, Move
from game.engine.history import historical_game
from game.engine.views import view
from tests.conftest import ROOT

MUNICH = ROOT / "scenarios" / "munich-1938.yaml"
ROLES = {"london", "paris", "berlin", "rome", "prague", "moscow"}
LENSES = ["parker", "guilty_men", "bought_time"]


@pytest.fixture(scope="module")
def munich() -> Scenario:
    return load_scenario(str(MUNICH))


@pytest.fixture(scope="module")
def history(munich: Scenario) -> Game:
    game = historical_game(munich, "parker")
    game.play_until_human()
    return game


def _move(game: Game, node: str, actor: str = "") -> Move:
    found = [m for m in game.moves if m.node == node and (not actor or m.actor == actor)]
    assert found, f"no move at {node} by {actor or 'anyone'}"
    return found[0]


def _on(munich: Scenario, game: Game, node: str, actor: str = "") -> str:
    return munich.date_of(_move(game, node, actor).day).isoformat()


# -- the roles -------------------------------------------------------------------------------------


def test_six_roles_with_moscow_and_prague_offstage(munich: Scenario) -> None:
    assert munich.format == 2 and munich.id == "munich_1938"
    assert set(munich.actors) == ROLES
    assert {a.id for a in munich.actors.values() if a.seat == "offstage"} == {"prague", "moscow"}
    for actor in munich.actors.values():
        assert [o for o in actor.objectives if not o.secret], f"{actor.id} needs a public objective"
        assert [o for o in actor.objectives if o.secret], f"{actor.id} needs a secret objective"
    for party in ("london", "paris", "berlin", "rome"):
        assert munich.actors[party].valuation.points and munich.actors[party].valuation.walk_away is not None
    assert {"parker1993", "ragsdale2004", "haslam1984", "cato1940", "charmley1989", "designer"} <= set(munich.sources)


def test_every_role_makes_real_decisions_on_the_historical_path(munich_check: CheckReport) -> None:
    report = munich_check
    assert all(report.decisions[a].historical >= 3 for a in ROLES), report.decisions


def test_hitlers_resolve_and_moscows_will_are_hidden(munich: Scenario, history: Game) -> None:
    assert munich.variables["war_drive"].known_to == ("berlin",)
    assert munich.variables["soviet_will"].known_to == ("moscow",) and munich.variables["soviet_will"].drawn
    game = Game.new(munich, "parker", 1, {a: "human" for a in munich.actors})
    seen = {a: {m.id for m in view(game, a).meters} for a in ROLES}
    assert "war_drive" in seen["berlin"] and not any("war_drive" in seen[a] for a in ROLES - {"berlin"})
    assert "soviet_will" in seen["moscow"] and not any("soviet_will" in seen[a] for a in ROLES - {"moscow"})
    ended = view(history, "london")
    assert ended.ended and ended.revealed is not None and "soviet_will" in ended.revealed  # the debrief shows it


# -- sources and wording ---------------------------------------------------------------------------


def test_every_historical_step_cites_a_source(munich: Scenario) -> None:
    for node in munich.nodes.values():
        steps = list(node.steps) + [s for seat in node.sealed for s in seat.choices]
        for step in steps:
            if step.historical:
                assert step.source in munich.sources, (node.id, step.id)
        if node.negotiation is not None:
            for move in node.negotiation.history:
                assert move.source in munich.sources, (node.id, move.actor, move.move)
        outlets = list(node.resolve) + ([node.negotiation.deal, node.negotiation.no_deal] if node.negotiation else [])
        for outlet in outlets:
            if outlet.historical:
                assert outlet.source in munich.sources, (node.id, outlet.next)
    for event in munich.events:
        if event.historical:
            assert event.source in munich.sources, event.id


def test_designers_rules_say_they_are_the_designers(munich: Scenario) -> None:
    assert all(c.source == "designer" for c in munich.constraints.values())
    for constraint in munich.constraints.values():
        assert "designer's rule" in constraint.title and "designer's rule" in constraint.explanation


def test_counterfactual_endings_say_how_speculative_and_why(munich: Scenario) -> None:
    for outcome in munich.outcomes.values():
        if not outcome.historical:
            assert outcome.speculative != "none" and outcome.speculation, outcome.id
            assert "speculative" in " ".join([outcome.epilogue, *(p.text for p in outcome.epilogue_parts)])


def test_chance_is_worded_as_chance(munich: Scenario) -> None:
    branches = [b for n in munich.nodes.values() if n.is_chance for b in n.steps]
    assert branches and all(b.label.startswith("By chance") for b in branches)


def test_guilty_men_is_described_fairly_beside_a_revisionist_lens(munich: Scenario) -> None:
    """cato1940: the charge was unreadiness and misjudgement, not merely that Hitler was bluffing."""
    cato = munich.lenses["guilty_men"]
    assert cato.source == "cato1940"
    assert "unprepared" in cato.text and "misjudged Hitler" in cato.text and "polemic" in cato.text
    assert "counterfactual" in cato.text
    revisionist = munich.lenses["bought_time"]
    assert revisionist.source == "charmley1989" and "not ready" in revisionist.text
    assert "Parker (1993)" in revisionist.text  # the answer to the revisionists is named too
    assert munich.lenses["parker"].source == "parker1993"


def test_charmleys_case_is_a_rational_policy_and_the_lost_year_is_murrays(munich: Scenario) -> None:
    """charmley1989 argues for a rational policy aimed at lasting peace, not for a year bought;
    murray1984 is the one who answers that Germany gained more from the year."""
    revisionist = munich.lenses["bought_time"]
    assert revisionist.name == "A rational policy for an overstretched power (Charmley)"
    assert "lasting peace" in revisionist.text and "rational" not in revisionist.text.split("Others")[1]
    assert "Murray (1984) answered that Germany gained more from that year" in revisionist.text


def test_lens_numbers_are_said_to_be_the_designers_reading(munich: Scenario) -> None:
    """The resolve each lens sets is the designers' reading; Cato and Charmley give no such figure."""
    assert munich.lenses["guilty_men"].values == {"british_resolve": 3}
    assert munich.lenses["bought_time"].values == {"british_resolve": 1, "french_resolve": 1}
    for lens in ("guilty_men", "bought_time"):
        assert "designers' reading" in munich.lenses[lens].text, lens


def test_the_designers_rules_of_chance_and_the_soviet_scale_cite_the_designers(munich: Scenario) -> None:
    """The chance weights of transit and last_call, and the 0-4 scale of Soviet will, are design rules."""
    for node in ("transit", "last_call"):
        assert "designer" in munich.nodes[node].sources, node
    assert munich.variables["soviet_will"].source == "designer"
    assert "designers' own" in munich.variables["soviet_will"].description


def test_only_berlin_knows_the_army_is_to_be_ready_by_1_october(munich: Scenario) -> None:
    """weinberg1980: the date came from the secret Case Green directive of 30 May, not a public speech."""
    assert "1 October" not in munich.actors["berlin"].description
    line = next(k for k in munich.knowledge if k.id == "case_green")
    assert line.known_to == ("berlin",) and "1 October" in line.text and line.source == "weinberg1980"


# -- the historical path, dated ----------------------------------------------------------------------


@pytest.mark.parametrize("lens", LENSES)
def test_history_ends_in_the_munich_agreement_of_30_september(munich: Scenario, lens: str) -> None:
    game = historical_game(munich, lens)
    game.play_until_human()
    assert game.outcome is not None and game.outcome.id == "munich_agreement" and game.outcome.historical
    assert game.date.isoformat() == "1938-09-30" and not game.state.off_history


def test_the_sportpalast_speech_is_dated_26_september(munich: Scenario, history: Game) -> None:
    """kershaw2000: the speech was given on the evening of 26 September, not the 27th."""
    speech = [h for h in history.log if h.kind == "event" and h.title == "The Sportpalast speech"]
    assert speech and munich.date_of(speech[0].day).isoformat() == "1938-09-26"
    assert next(e for e in munich.events if e.id == "sportpalast").source == "kershaw2000"


def test_berchtesgaden_on_15_september(munich: Scenario, history: Game) -> None:
    assert _on(munich, history, "berchtesgaden", "london") == "1938-09-15"
    assert _move(history, "berchtesgaden").step == "accept_principle"


def test_benes_asks_moscow_on_19_september_and_moscow_answers_yes_on_the_20th(munich: Scenario, history: Game) -> None:
    """ragsdale2004: Beneš's two questions, and the Soviet yes to both."""
    assert _move(history, "benes_asks", "prague").step == "two_questions"
    assert _on(munich, history, "benes_asks") == "1938-09-19"
    assert _move(history, "moscow_20", "moscow").step == "yes_to_both"
    assert _on(munich, history, "moscow_20") == "1938-09-20"
    assert history.value("soviet_pledge") == "with_france"


def test_britain_disclaims_responsibility_to_benes_on_21_september(munich: Scenario, history: Game) -> None:
    """dbfp1949: Newton's instructions say Britain would take no responsibility if Prague refused;
    lukes1996: the warning against the Soviet treaty is the Czech account only."""
    warning = _move(history, "demarche", "london")
    assert warning.step == "press" and _on(munich, history, "demarche", "london") == "1938-09-21"
    chosen = next(s for seat in munich.nodes["demarche"].sealed if seat.actor == "london" for s in seat.choices)
    assert "no responsibility" in chosen.label and chosen.source == "dbfp1949"
    assert "In the Czech account (Lukes" in chosen.text and "treaty with Moscow" in chosen.text
    assert {"dbfp1949", "lukes1996"} <= set(munich.nodes["demarche"].sources)
    assert "telegraph2008" not in munich.sources
    assert _move(history, "demarche", "paris").step == "press"
    assert _move(history, "demarche", "moscow").step == "geneva"  # Litvinov at the League the same day


def test_prague_decides_not_to_call_on_moscow(munich: Scenario) -> None:
    """The real decision: calling on Moscow is open to Beneš on 21 and 30 September; history declines it."""
    controllers = {a: "historical" for a in munich.actors}
    controllers["prague"] = "human"
    game = Game.new(munich, "parker", 1, controllers, follow_history=True)
    game.play_until_human()
    seen = {}
    while not game.ended:
        decision = game.decision_for("prague")
        assert decision is not None
        open_ids = {c.step.id for c in decision.open_choices}
        seen[game.node.id if game.node else ""] = open_ids
        history_step = next(c.step.id for c in decision.choices if c.step.historical)
        if game.node and game.node.sealed:
            game.seal("prague", history_step)
        else:
            game.choose(history_step)
        game.play_until_human()
    assert "call_moscow" in seen["prague_21"] and "call_moscow" in seen["prague_answer"]
    assert game.outcome is not None and game.outcome.id == "munich_agreement"


def test_the_treaty_binds_moscow_only_if_france_acts(munich: Scenario) -> None:
    """haslam1984: Soviet help under the treaty of 1935 was due only if France helped first."""
    game = Game.new(munich, "parker", 1, {a: "human" for a in munich.actors}, start="moscow_called")
    game.play_until_human()
    assert game.value("french_resolve") < 3
    with pytest.raises(GameError, match="only if France acts"):
        game.choose("help_with_france")
    opened = Game.new(
        munich, "parker", 1, {a: "human" for a in munich.actors}, start="moscow_called", overrides={"french_resolve": 3}
    )
    opened.choose("help_with_france")
    assert opened.value("soviet_pledge") == "with_france"


def test_moscow_warns_warsaw_on_23_september(munich: Scenario, history: Game) -> None:
    """haslam1984: the Soviet note to Poland of 23 September."""
    assert _move(history, "mobilisation", "moscow").step == "warn_warsaw"
    assert _on(munich, history, "mobilisation", "moscow") == "1938-09-23" and history.value("poland_warned")
    assert _move(history, "mobilisation", "prague").step == "mobilise"


def test_the_godesberg_memorandum_and_the_1_october_concession(munich: Scenario, history: Game) -> None:
    """dbfp1949, taylor1979: out by the 28th, then 1 October; Chamberlain only passes it on."""
    offers = [m for m in history.moves if m.node == "godesberg_23" and m.step == "propose"]
    assert [o.terms["timetable"] for o in offers] == ["by_28_sep", "by_1_oct"]
    assert all(o.terms["territory"] == "godesberg_map" for o in offers)
    assert all(munich.date_of(o.day).isoformat() == "1938-09-23" for o in offers)
    answers = [m.step for m in history.moves if m.node == "godesberg_23" and m.actor == "london"]
    assert "accept" not in answers


def test_mussolini_mediates_on_28_september(munich: Scenario, history: Game) -> None:
    assert _move(history, "morning_28", "rome").step == "mediate"
    assert _on(munich, history, "morning_28", "rome") == "1938-09-28"
    assert _move(history, "hitler_invites", "berlin").step == "invite"


def test_the_munich_terms_are_agreed_at_the_table(munich: Scenario, history: Game) -> None:
    """ciano1953, taylor1979: the Berlin draft tabled by Mussolini on 29 September, signed on the 30th."""
    offer = _move(history, "munich_table", "rome")
    assert offer.step == "propose" and _on(munich, history, "munich_table", "rome") == "1938-09-29"
    assert dict(offer.terms) == {
        "territory": "four_zones",
        "timetable": "stages_to_10_oct",
        "plebiscite": "disputed_areas",
        "guarantee": "two_now_two_later",
    }
    assert {m.actor for m in history.moves if m.node == "munich_table" and m.step == "accept"} == {
        "london",
        "paris",
        "berlin",
    }
    assert history.value("timetable") == "stages_to_10_oct" and history.value("declaration_signed")
    assert _on(munich, history, "prague_answer", "prague") == "1938-09-30"


@functools.cache
def _replay() -> str:
    done = subprocess.run(
        [sys.executable, "main.py", "replay", str(MUNICH)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_replay_prints_the_dated_sourced_path_to_the_agreement() -> None:
    out = _replay()
    assert "[26 Sep] EVENT — The Sportpalast speech" in out and "27 Sep] EVENT — The Sportpalast" not in out
    assert "[15 Sep] The British government: Accept the principle" in out
    assert "[21 Sep] The British government: Tell Beneš that Britain will take no responsibility" in out
    assert "not to invoke" not in out
    assert "[20 Sep] The Soviet government: Yes to both" in out and "[29 Sep] Agreement:" in out
    headers = [line for line in out.splitlines() if line.startswith("=== ")]
    assert headers[-1] == "=== The Munich Agreement (30 September 1938) ==="
    assert "Source: Hugh Ragsdale" in out and "Source: Ian Kershaw" in out


def test_replay_dates_the_fleet_mobilisation_late_on_27_september() -> None:
    """duffcooper1953: the fleet's mobilisation was ordered and announced late on the 27th, not the 28th."""
    words = " ".join(_replay().split())  # the replay wraps long lines
    assert "[27 Sep] EVENT — The fleet mobilises Late in the evening of 27 September" in words
    assert "[28 Sep] EVENT — The fleet" not in words


def test_replay_puts_hitlers_1_october_concession_in_the_small_hours_of_24_september() -> None:
    """dbfp1949, taylor1979: the concession came after midnight at Godesberg, not late on the 23rd."""
    words = " ".join(_replay().split())  # the replay wraps long lines
    concession = words[words.index("Timetable of evacuation: Out by 1 October") :]
    concession = concession[: concession.index("---")]  # up to the next heading
    assert "In the small hours of 24 September" in concession and "moves the date to 1 October" in concession
    assert "late on 23 September" not in words


# -- computer players --------------------------------------------------------------------------------


@pytest.mark.parametrize("lens", LENSES)
def test_computer_players_following_history_end_in_the_agreement(munich: Scenario, lens: str) -> None:
    ends = Counter(play_out(munich, lens, seed, "historical").outcome for seed in range(20))
    assert ends["munich_agreement"] >= 19, ends  # target: at least 95%


def test_computer_players_bargain_once_history_is_left(munich: Scenario) -> None:
    """Rome tables a harsher text than history's; the others weigh it by their own values."""
    controllers = {a: "disposition" for a in munich.actors}
    controllers["rome"] = "human"
    game = Game.new(munich, "parker", 3, controllers)
    game.play_until_human()
    while game.node is not None and game.node.id != "munich_table":
        decision = game.decision_for("rome")
        assert decision is not None
        step = next(c.step.id for c in decision.choices if c.step.historical)
        if game.node.sealed:
            game.seal("rome", step)
        else:
            game.choose(step)
        game.play_until_human()
    harsh = {"territory": "godesberg_map", "timetable": "by_1_oct", "plebiscite": "none", "guarantee": "none"}
    game.propose("rome", harsh)
    game.play_until_human()
    answers = [m for m in game.moves if m.node == "munich_table" and m.actor in ("london", "paris")]
    assert answers and all(m.step in ("reject", "counter", "walk") for m in answers[:2])
    assert all("Worth" in m.reason for m in answers[:2])


# -- every ending ------------------------------------------------------------------------------------


def test_every_ending_is_reachable_and_check_is_clean(munich: Scenario, munich_check: CheckReport) -> None:
    report = munich_check
    assert report.findings == [] and not report.truncated
    assert set(report.shortest) == set(munich.outcomes)
    assert report.counterfactual["munich_agreement"] and not any(
        p.departure for p in report.counterfactual["munich_agreement"]
    )


def test_random_play_reaches_the_soviet_and_czech_endings(munich: Scenario) -> None:
    ends = Counter(play_out(munich, "parker", seed, "random").outcome for seed in range(120))
    assert {"soviet_czech_war", "czechs_fight_alone", "war_1938", "godesberg_dictate"} <= set(ends), ends

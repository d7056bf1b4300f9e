"""The setup screen in a newcomer's words: a delegation becomes a Person in one click or key (the
computer's kind is a setting of its own), the lens, the game number, the computer's kinds and the
private briefings are explained in tips (on hover and on keyboard focus), and the title's count of
roles agrees with a summary that speaks of 'eight roles'."""

from __future__ import annotations

import pygame

from game.ui.scenes.title import roles_words

from .conftest import CURRENT_FLAGSHIP


def test_one_click_or_key_makes_a_delegation_a_person_and_back(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(CURRENT_FLAGSHIP)
    app = pilot.app
    pilot.press(pygame.K_n)
    scene = app.scene
    assert scene.name == "setup" and scene.players["britain"] == "disposition"
    assert pilot.element("player_britain").text == "Computer" and pilot.element("kind_britain").text == "in character"
    pilot.click("player_britain")
    assert scene.players["britain"] == "human" and pilot.element("player_britain").text == "Person"
    assert "kind_britain" not in scene.buttons  # a person has no computer kind to choose
    pilot.click("player_britain")
    assert scene.players["britain"] == "disposition"
    pilot.click("kind_britain")
    assert scene.players["britain"] == "goals" and pilot.element("kind_britain").text == "own goals"
    pilot.click("kind_britain")
    assert scene.players["britain"] == "random" and pilot.element("kind_britain").text == "at random"
    pilot.click("player_britain")  # a person now; back to the computer keeps its kind
    assert scene.players["britain"] == "human"
    pilot.click("player_britain")
    assert scene.players["britain"] == "random"
    while scene.focus_key != "player_france":  # and by keyboard: one key
        pilot.press(pygame.K_TAB)
    pilot.press(pygame.K_RETURN)
    assert scene.players["france"] == "human"
    pilot.click("start")
    assert app.game is not None
    assert app.game.controller("france") == "human" and app.game.controller("britain") == "random"


def test_the_setup_words_are_explained(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(CURRENT_FLAGSHIP)
    app = pilot.app
    pilot.press(pygame.K_n)
    scene = app.scene
    pilot.hover("about_lens")
    assert "historians read the evidence differently" in pilot.tooltip_text()
    pilot.hover("about_seed")
    assert "every roll of chance" in pilot.tooltip_text()
    pilot.hover("kind_france")
    tip = pilot.tooltip_text()
    assert "In character:" in tip and "Own goals:" in tip and "At random:" in tip
    pilot.hover("projector")
    assert "Private, with a hand-over" in pilot.tooltip_text()
    pilot.move((2, 2))  # the keyboard reads the same tips: rest on 'Another'
    while scene.focus_key != "new_seed":
        pilot.press(pygame.K_TAB)
    pilot.wait(0.5)
    assert "every roll of chance" in app.focus_tip.text()


def test_the_title_counts_roles_without_contradicting_the_summary(make_pilot) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(CURRENT_FLAGSHIP)
    scenario = pilot.app.scenario
    assert "Eight roles" in scenario.summary and len(scenario.actors) == 8
    words = roles_words(scenario)
    assert words.startswith("8 roles; ") and "delegations sit at the table" in words
    assert words in pilot.all_text()
    tutorial = make_pilot(CURRENT_FLAGSHIP.parent / "tutorial-negotiation.yaml")
    assert roles_words(tutorial.app.scenario) == "3 delegations at the table"


def test_the_setup_screen_offers_the_delegation_played_last_time(make_pilot) -> None:  # type: ignore[no-untyped-def]
    """Item 5 of the second play-test: the setup screen forgot which delegation the person played.
    It is remembered per scenario in the settings (like the text size), across a restart."""
    from game.ui.settings import UISettings

    from .conftest import ROOT

    first = make_pilot(CURRENT_FLAGSHIP, settings=UISettings.load(), persist=True)
    first.press(pygame.K_n)
    scene = first.app.scene
    default = [a for a, p in scene.players.items() if p == "human"]
    assert default and "france" not in default
    for actor in default:
        first.click(f"player_{actor}")  # the one offered first goes to the computer
    first.click("player_france")
    first.click("start")
    assert first.app.game is not None and first.app.game.controller("france") == "human"
    first.app.running = False
    second = make_pilot(CURRENT_FLAGSHIP, settings=UISettings.load(), persist=True)  # the window started again
    second.press(pygame.K_n)
    again = second.app.scene
    assert again.name == "setup"
    assert [a for a, p in again.players.items() if p == "human"] == ["france"]
    assert second.element("player_france").text == "Person"
    second.snapshot("/tmp/setup-remembered.png")
    other = make_pilot(ROOT / "scenarios" / "tutorial-negotiation.yaml", settings=UISettings.load())
    other.press(pygame.K_n)  # another scenario: its own default
    players = other.app.scene.players
    assert [a for a, p in players.items() if p == "human"] == [other.app.scenario.first_at_table]


def test_a_hand_edited_memory_of_roles_never_stops_the_game(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json
    import os
    from pathlib import Path

    from game.ui.settings import UISettings

    Path(os.environ["PARLEY_SETTINGS"]).write_text(
        json.dumps({"text_size": 2, "last_scenario": 7, "last_roles": {"moscow": ["france", 3], "x": "y"}})
    )
    loaded = UISettings.load()
    assert loaded.text_size == 2 and loaded.last_scenario == "" and loaded.last_roles == {"moscow": ["france"]}

"""Every screen renders, at the sizes a classroom meets. Each screen the tour reaches is checked
as drawn: its controls inside the window and clear of each other, its labels' glyphs tall enough
for the text size, and the theme's colours where they belong (background, card fills, the focus
outline). A PNG of each goes to screenshots/ for a person to look at.

The tours reach a state (an ending, a blocked choice) by playing the engine directly and then
showing the game: the play-through by keys and mouse is the business of test_flow, and rebuilding
the screen after every move at projector size was most of these tests' time."""

from __future__ import annotations

import time
from pathlib import Path

import pygame
import pytest

from game.classroom.settings import ClassroomSettings
from game.engine import Game, Scenario
from game.ui.pilot import Pilot
from game.ui.settings import UISettings

from .checks import check_colours, check_drawn_text, check_layout, check_text_sizes
from .conftest import ROOT, TINY, MakePilot


class Tour:
    """Records each screen visited: checks it as drawn, then writes it to ``folder`` as a PNG."""

    def __init__(self, pilot: Pilot, folder: Path, prefix: str) -> None:
        self.pilot = pilot
        self.folder = folder
        self.prefix = prefix
        self.seen: list[str] = []

    def __call__(self, name: str, screen: str) -> None:
        app = self.pilot.app
        what = f"{self.prefix}{name}"
        assert app.top.name == screen, f"{what}: the {app.top.name} screen is showing, not {screen}"
        self.pilot.wait()  # one frame, so the interface has drawn its new elements' text
        app.draw()  # (the frame may have been skipped as unchanged: draw it to be sure)
        check_layout(app, what)
        assert check_text_sizes(app, what), f"{what}: no button label was measured"
        check_colours(app, what)
        if app.top.name == "play":
            check_drawn_text(app, what, "date", app.type.heading)
        if app.top.name == "setup":
            check_drawn_text(app, what, "summary", app.type.body)
        pygame.image.save(app.screen, str(self.folder / f"{what}.png"))  # the frame just checked
        self.seen.append(name)


def open_choice(game: Game, pick: int) -> int:
    """The number of the ``pick``-th open choice of the decision waiting (0 first, -1 last)."""
    decision = game.decision
    assert decision is not None, "no decision is waiting"
    return decision.open_choices[pick].number


def play_out(game: Game, pick: int, limit: int = 200) -> None:
    """Play ``game`` in the engine: the ``pick``-th open choice at every decision (0 first, -1 last),
    the computer's move where it plays, until the game ends."""
    for _ in range(limit):
        if game.ended:
            return
        if game.computer_to_move:
            game.play_computer()
        else:
            game.choose(open_choice(game, pick))
    raise AssertionError("the game did not end")


EVERY_SCREEN = [
    "01-title",
    "02-scenarios",
    "03-settings",
    "04-setup",
    "05-opening-briefing",
    "05-play-computer-deciding",
    "06-play-your-decision",
    "07-play-blocked-tooltip",
    "08-pause",
    "09-help",
    "10-save",
    "11-briefing",
    "12-debrief",
    "13-load",
    "14-replay-history",
]


def visit_every_screen(pilot: Pilot, tour: Tour, scenario: Scenario) -> None:
    """Every screen once. The games that reach a debrief are of ``scenario``: the tests share one
    loaded flagship, so the debrief's search of its states (seconds) is made once, not per window."""
    app = pilot.app
    tour("01-title", "title")
    pilot.press(pygame.K_s)
    tour("02-scenarios", "scenarios")
    pilot.press(pygame.K_ESCAPE)
    pilot.press(pygame.K_o)
    tour("03-settings", "settings")
    pilot.press(pygame.K_ESCAPE)
    pilot.press(pygame.K_n)
    tour("04-setup", "setup")
    pilot.press(pygame.K_RETURN)
    tour("05-opening-briefing", "message")  # one person plays: their briefing first
    pilot.press(pygame.K_RETURN)
    tour("05-play-computer-deciding", "play")
    for _ in range(30):
        if not app.scene.game.computer_to_move:
            break
        pilot.press(pygame.K_SPACE)
    tour("06-play-your-decision", "play")
    game = Game.new(scenario, seed=7, controllers={a: "human" for a in scenario.actors})
    ClassroomSettings(projector=True).store(game)  # every delegation at one screen, no hand-overs
    for _ in range(40):
        assert game.decision is not None
        blocked = [v for v in game.decision.choices if not v.available]
        if blocked:
            break
        game.choose(open_choice(game, 0))
    app.play(game)
    pilot.hover(f"choice_{blocked[0].number}")
    assert blocked[0].blocked_by[0].title in pilot.tooltip_text()
    tour("07-play-blocked-tooltip", "play")
    pilot.press(pygame.K_ESCAPE)
    tour("08-pause", "pause")
    pilot.press(pygame.K_F1)
    tour("09-help", "help")
    pilot.press(pygame.K_ESCAPE)
    pilot.press(pygame.K_s, mod=pygame.KMOD_CTRL)
    tour("10-save", "saves")
    pilot.press(pygame.K_RETURN)  # saves under the suggested name
    assert app.scene.name == "play"
    pilot.press(pygame.K_b)
    tour("11-briefing", "message")
    pilot.press(pygame.K_ESCAPE)
    play_out(game, -1)
    app.play(game)
    tour("12-debrief", "debrief")
    pilot.press(pygame.K_ESCAPE)
    pilot.press(pygame.K_l)
    tour("13-load", "saves")
    pilot.press(pygame.K_ESCAPE)
    pilot.press(pygame.K_r)
    pilot.press(pygame.K_RIGHT)
    pilot.press(pygame.K_RIGHT)
    tour("14-replay-history", "play")


def test_every_screen_renders_and_is_saved_as_png(make_pilot: MakePilot, shots: Path, flagship: Scenario) -> None:
    started = time.time()
    pilot = make_pilot()
    tour = Tour(pilot, shots, "")
    visit_every_screen(pilot, tour, flagship)
    assert tour.seen == EVERY_SCREEN
    written = {name: (shots / f"{name}.png").stat().st_mtime for name in EVERY_SCREEN}
    assert all(when >= started - 1 for when in written.values()), "a screenshot was not written by this run"


@pytest.mark.parametrize(
    ("size", "text", "palette"),
    [((1024, 600), 1, "standard"), ((1920, 1080), 3, "safe")],
    ids=["1024x600-normal", "1920x1080-projector-safe"],
)
def test_screens_at_the_extremes(
    make_pilot: MakePilot, shots: Path, flagship: Scenario, size: tuple[int, int], text: int, palette: str
) -> None:
    pilot = make_pilot(size=size, settings=UISettings(text_size=text, palette=palette, computer_pause=0.2))
    tour = Tour(pilot, shots, f"{size[0]}x{size[1]}-")
    visit_every_screen(pilot, tour, flagship)
    assert tour.seen == EVERY_SCREEN


def test_damaged_scenario_and_save_are_listed(make_pilot, shots, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    saves = tmp_path / "saves"
    saves.mkdir()
    (saves / "broken.json").write_text("{ not json", encoding="utf-8")
    (saves / "other.json").write_text('{"parley_save": 1, "moves": 3}', encoding="utf-8")
    pilot = make_pilot(TINY)
    app = pilot.app
    pilot.press(pygame.K_l)
    scene = app.scene
    assert scene.name == "saves"
    damaged = [info for info in scene.saves if info.damaged]
    assert len(damaged) == 2
    pilot.snapshot(shots / "15-load-damaged.png")
    pilot.click("slot_0")
    assert app.overlay is not None and "damaged" in app.overlay.title
    pilot.press(pygame.K_RETURN)
    assert app.overlay is None


def test_scenario_chooser_lists_invalid_files_with_their_first_error(make_pilot, shots, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import game.paths

    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "a-tiny.yaml").write_text(TINY.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b-broken.yaml").write_text("format: 1\nmeta:\n  id: broken\n  title: [unclosed\n", encoding="utf-8")
    monkeypatch.setattr(game.paths, "SCENARIOS", folder)
    pilot = make_pilot(folder / "a-tiny.yaml")
    app = pilot.app
    pilot.press(pygame.K_s)
    scene = app.scene
    assert [e.valid for e in scene.entries] == [True, False]
    assert "b-broken.yaml:" in scene.entries[1].first_error
    pilot.snapshot(shots / "16-scenarios-with-an-invalid-file.png")
    pilot.hover("scenario_1")
    assert "First error" in pilot.tooltip_text()
    pilot.click("scenario_1")
    assert app.overlay is not None
    pilot.press(pygame.K_ESCAPE)
    pilot.click("scenario_0")
    assert app.scene.name == "title" and app.scenario is not None and app.scenario.id == "tiny"


CLASS_SCREENS = [
    "20-setup-class-play",
    "21-hand-over",
    "22-briefing-after-hand-over",
    "23-play-clock-and-why",
    "24-tree",
    "25-tree-where-we-are",
    "26-debrief-smallest-change",
    "27-transcript-exported",
    "28-debrief-briefings",
]


def visit_class_screens(pilot: Pilot, tour: Tour, scenario: Scenario) -> None:
    """The class-play and authoring screens: setup with class options, hand-over, the briefing
    after it, the clock and "Why?", the decision tree, and the debrief's new parts (the game that
    ends is of ``scenario``, as in ``visit_every_screen``)."""
    app = pilot.app
    pilot.press(pygame.K_n)
    for _ in range(3):
        pilot.click("player_britain")
    for _ in range(4):  # 45 seconds, 1 minute, 90 seconds, 2 minutes
        pilot.click("time_limit")
    tour("20-setup-class-play", "setup")
    pilot.click("start")
    tour("21-hand-over", "handover")
    pilot.press(pygame.K_RETURN)
    tour("22-briefing-after-hand-over", "message")
    pilot.press(pygame.K_ESCAPE)
    pilot.click("reason")
    pilot.type("Drax has no powers: stall for London")
    pilot.press(pygame.K_RETURN)
    pilot.wait(100, step=5.0)
    assert app.scene.clock_face.warning
    tour("23-play-clock-and-why", "play")
    game = Game.new(scenario, seed=7, controllers={a: "human" for a in scenario.actors})
    ClassroomSettings(projector=True).store(game)
    for _ in range(9):
        game.choose(open_choice(game, -1))
    app.play(game)
    pilot.press(pygame.K_t)
    tour("24-tree", "tree")
    pilot.press(pygame.K_c)
    tour("25-tree-where-we-are", "tree")
    pilot.press(pygame.K_ESCAPE)
    play_out(game, -1)
    app.play(game)
    pilot.wait()  # the smallest change is worked out off the frame
    assert app.scene.change is not None
    tour("26-debrief-smallest-change", "debrief")
    pilot.press(pygame.K_e)
    tour("27-transcript-exported", "message")
    pilot.press(pygame.K_RETURN)
    pilot.press(pygame.K_b)
    tour("28-debrief-briefings", "message")


@pytest.mark.parametrize(
    ("size", "text", "palette"),
    [((1280, 720), 1, "standard"), ((1024, 600), 1, "standard"), ((1920, 1080), 3, "safe")],
    ids=["1280x720", "1024x600-normal", "1920x1080-projector-safe"],
)
def test_class_screens_render(
    make_pilot: MakePilot, shots: Path, flagship: Scenario, size: tuple[int, int], text: int, palette: str
) -> None:
    pilot = make_pilot(size=size, settings=UISettings(text_size=text, palette=palette, computer_pause=0.2))
    tour = Tour(pilot, shots, "" if size == (1280, 720) else f"{size[0]}x{size[1]}-")
    visit_class_screens(pilot, tour, flagship)
    assert tour.seen == CLASS_SCREENS


def test_the_setup_footer_names_delegations_as_the_game_does(make_pilot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The summary under the setup says "Soviet delegation", as the rows above it and the game do,
    never the short "USSR"; with two delegations at Projector size on a small window it is cut,
    and its whole text is on hover."""
    from game.ui.scenes.setup import PLAYERS
    from game.ui.settings import TEXT_SIZES, UISettings
    from game.ui.widgets import draw

    from .conftest import CURRENT_FLAGSHIP

    drawn: list[str] = []
    real = draw.text

    def spy(surface, words, pos, px, colour, style="regular", anchor="topleft", halo=None):  # type: ignore[no-untyped-def]
        drawn.append(words)
        return real(surface, words, pos, px, colour, style, anchor, halo)

    monkeypatch.setattr(draw, "text", spy)
    pilot = make_pilot(CURRENT_FLAGSHIP)
    app = pilot.app
    pilot.press(pygame.K_n)
    assert app.scene.name == "setup" and app.scene.players["ussr"] == "human"
    assert "You play: Soviet delegation" in drawn
    assert not any("USSR" in words for words in drawn)
    big = make_pilot(CURRENT_FLAGSHIP, size=(1024, 600), settings=UISettings(text_size=len(TEXT_SIZES) - 1))
    big.press(pygame.K_n)
    for _ in range(len(PLAYERS)):  # the British mission's player goes round to Person
        if big.app.scene.players["britain"] != "human":
            big.click("player_britain")
    assert big.app.scene.players["britain"] == "human"
    whole = "Hot seat: Soviet delegation, British military mission take turns"
    if "summary" not in big.app.scene.drawn:  # cut to fit: the whole line on hover
        big.hover("whole_summary")
        assert whole in big.tooltip_text()
    else:
        assert whole in drawn


def test_scenario_chooser_shows_titles_and_a_file_only_to_tell_two_apart(make_pilot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Item 7 of the third play-test: the scenario list showed each file's name ('munich-1938.yaml').
    Players know scenarios by title: a card shows the title, the dates and the summary, and a file
    name only where two files bear the same title (a player's own copy beside the shipped one)."""
    import game.paths
    from game.engine.wording import long_date
    from game.ui.layout import ChoiceSpec, card_geometry
    from game.ui.theme import colour
    from game.ui.widgets.cards import draw_card

    shipped = ROOT / "scenarios"
    folder = tmp_path / "scenarios"
    folder.mkdir()
    for name in ("munich-1938.yaml", "tutorial-negotiation.yaml", "moscow-1939.yaml"):
        (folder / name).write_text((shipped / name).read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "my-weir.yaml").write_text((shipped / "tutorial-negotiation.yaml").read_text(encoding="utf-8"), "utf-8")
    monkeypatch.setattr(game.paths, "SCENARIOS", folder)
    pilot = make_pilot(folder / "moscow-1939.yaml")
    app = pilot.app
    pilot.press(pygame.K_s)
    scene = app.scene
    assert scene.name == "scenarios"
    titles = [e.scenario.title for e in scene.entries if e.scenario is not None]
    assert titles == sorted(titles, key=str.casefold)  # in the order of their titles, not their files
    for index, entry in enumerate(scene.entries):
        spec = scene.specs[f"scenario_{index}"]
        assert entry.scenario is not None and spec.label == entry.scenario.title
        twin = entry.path.name in ("my-weir.yaml", "tutorial-negotiation.yaml")
        assert (entry.path.name in spec.detail) == twin, spec.detail
        assert ".yaml" not in spec.label and (".yaml" in spec.detail) == twin
    app.draw()
    sp, palette = scene.sp, app.settings.palette
    for index, entry in enumerate(scene.entries):  # the cards drawn are those words, not the file names
        s = entry.scenario
        assert s is not None
        if entry.path.name in ("my-weir.yaml", "tutorial-negotiation.yaml"):
            continue
        card = scene.buttons[f"scenario_{index}"].rect
        words = ChoiceSpec(s.title, f"{long_date(s.start)} – {long_date(s.end)} · {s.summary}")
        geo = card_geometry(pygame.Rect(card.x, card.y, card.w, 0), words, sp)
        geo.detail_lines = geo.detail_lines[:2]
        geo.rect.h = card.h
        expected = pygame.Surface(app.size)
        expected.fill(colour(palette, "bg"))
        draw_card(expected, geo, sp, palette, chosen=entry.path.resolve() == app.slot.path.resolve())
        inner = card.inflate(-16, -12)
        differ = sum(
            expected.get_at((x, y))[:3] != app.screen.get_at((x, y))[:3]
            for x in range(inner.x, inner.right, 3)
            for y in range(inner.y, inner.bottom, 3)
        )
        assert differ == 0, f"{entry.path.name}: {differ} points of its card differ from its title and summary"
    pilot.click("scenario_0")
    assert app.scene.name == "title" and app.scenario is not None and app.scenario.title == titles[0]

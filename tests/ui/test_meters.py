"""The measures give each name and value the room they need (the newcomer's play-test at Normal
size read "London makes the alliance depen…" and "When to sign Refer home and keep…", and with
a "new" or "+2" tag the value itself was clipped): a measure whose name and value do not share a
line takes two, its value whole on its own line; a name longer than the whole cell is cut, and
hovering the measure shows it whole."""

from __future__ import annotations

import pytest

from game.ui import fonts
from game.ui.layout import meter_row_height
from game.ui.settings import UISettings
from game.ui.widgets.meters import meter_words

from .conftest import CURRENT_FLAGSHIP
from .seating import sit_down


@pytest.mark.parametrize("size", [(1264, 720), (1280, 720), (1024, 600)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_measure_shows_its_value_whole_beside_or_under_its_name(make_pilot, size) -> None:  # type: ignore[no-untyped-def]
    pilot = make_pilot(CURRENT_FLAGSHIP, size=size, settings=UISettings(computer_pause=30.0, text_size=1))
    app = pilot.app
    game = sit_down(pilot, {"britain": "human"}, start="consent_pressed")
    scene = app.top
    if not scene.layout.meters.h:
        pilot.click("tab_measures")
        scene = app.top
    assert scene.layout.meters.h, "no measures shown"
    variables = scene.visible_variables()
    # every measure as if it had just changed: the tags take room from the same line
    tags = {v.id: "new" if v.type.kind not in ("int", "bool") else "+2" for v in variables}
    words = meter_words(variables, scene._meter_values(), tags, game.scenario.issues)
    small = app.type.small
    two_lines = 0
    for variable, (label, value, tag) in zip(variables, words, strict=True):
        cell = scene.buttons[f"meter_{variable.id}"].rect
        value_w = fonts.font(small, "bold").size(f"{tag} {value}")[0]
        assert value_w <= cell.w, f"{label}: the value {tag} {value!r} is wider than its cell"
        one_line = fonts.font(small, "semibold").size(label)[0] + 8 + value_w <= cell.w
        if not one_line:
            two_lines += 1
            untagged = fonts.font(small, "semibold").size(label)[0] + 8 + fonts.font(small, "bold").size(value)[0]
            if untagged > cell.w:  # (laid out without the tags the screen does not show now)
                assert cell.h >= meter_row_height(app.spacing) + app.spacing.small_line - 2, f"{label}: no second line"
    assert two_lines, "this flagship has names too long to share a line with their values"
    long = max(variables, key=lambda v: fonts.font(small, "semibold").size(v.label or v.id)[0])
    pilot.hover(f"meter_{long.id}")
    assert (long.label or long.id) in pilot.tooltip_text()  # a name, cut to its cell or not, shows whole on hover


def test_a_decision_shows_the_measures_under_its_choices_where_there_is_room(make_pilot) -> None:  # type: ignore[no-untyped-def]
    """The third play-test: on the flagship's decisions the column under Briefing stood empty at
    1280×720, the measures being too many to fit there whole. The first of them show there, as
    many whole rows as the room holds, each explaining itself on hover, over a line that says how
    many show and opens them all on the Measures tab."""
    from game.ui.theme import colour

    from .checks import check_layout, ink

    pilot = make_pilot(CURRENT_FLAGSHIP, size=(1280, 720), settings=UISettings(computer_pause=30.0, text_size=1))
    app = pilot.app
    game = sit_down(pilot, {"britain": "human"}, start="drax_answers")
    scene = app.top
    assert game.decision is not None and scene.tab == "story" and scene.persons_turn()
    lay = scene.layout
    variables = scene.visible_variables()
    assert lay.meters.h > 0 and 4 <= lay.meters_count < len(variables), "some measures should show under the choices"
    assert lay.meters.top > scene.buttons["briefing"].rect.bottom and lay.meters.x == lay.choices.x
    shown = [k for k in scene.buttons if k.startswith("meter_")]
    assert shown == [f"meter_{v.id}" for v in variables[: lay.meters_count]]  # the first ones, in their order
    assert all(lay.meters.contains(scene.buttons[k].rect) for k in shown)  # whole rows: none cut
    check_layout(app, "a flagship decision")
    app.draw()
    drawn = ink(app.screen, lay.meters, colour(app.settings.palette, "bg"))
    assert drawn.h > lay.meters.h * 3 // 4, "the measures' place is empty"
    more = scene.buttons["more_measures"]
    assert f"{lay.meters_count} of {len(variables)} measures" in more.text
    pilot.hover(shown[-1])
    variable = game.scenario.variables[shown[-1].removeprefix("meter_")]
    assert (variable.label or variable.id) in pilot.tooltip_text()
    pilot.click("more_measures")
    assert app.top.tab == "measures" and all(f"meter_{v.id}" in app.top.buttons for v in variables)


@pytest.mark.parametrize(("text_size", "size"), [(1, (1280, 720)), (3, (1280, 720))], ids=["normal", "projector"])
def test_a_changed_measures_ring_never_covers_its_words(make_pilot, shots, text_size, size) -> None:  # type: ignore[no-untyped-def]
    """The glow round a changed measure was drawn on its cell's edge and over it, cutting the letters
    there ('negotiat|e', '3 of 6', the D of 'Drax'): between the frame with the glow and the same
    frame once it has faded, no pixel of the changed measure's cell differs, nor any pixel of another
    measure's words or bar; and the glow is there, round its measure, where the measures scroll too
    (at Projector size: they hid the glow drawn beneath them)."""
    import pygame

    pilot = make_pilot(CURRENT_FLAGSHIP, size=size, settings=UISettings(computer_pause=30.0, text_size=text_size))
    app = pilot.app
    sit_down(pilot, {"london": "human"}, start="london_cable")
    pilot.press(pygame.K_3)  # "Send nothing": Soviet patience 5 -> 4
    scene = app.top
    if "meter_soviet_patience" not in scene.buttons:
        pilot.click("tab_measures")
        scene = app.top
    assert scene.flashing(app.now) and "soviet_patience" in scene.changes
    area = scene.layout.meters
    assert bool(scene.layout.meters_scroll_h) == (text_size == 3)
    if scene.layout.meters_scroll_h:  # scroll the changed measure into view, by the wheel
        pilot.move(scene.layout.meters.center)
        for _ in range(10):
            if area.contains(scene.buttons["meter_soviet_patience"].rect):
                break
            pygame.event.post(
                pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False, precise_x=0.0, precise_y=-1.0)
            )
            pilot.wait()
        assert area.contains(scene.buttons["meter_soviet_patience"].rect)
        pilot.move((2, area.centery))  # off the measures: no tool tip comes between the two frames
        pilot.wait(0.6)  # the scrolling comes to rest
        assert scene.flashing(app.now)
    app.draw()
    glowing = app.screen.subsurface(area).copy()
    pilot.snapshot(shots / f"meters-ring-{text_size}.png")
    pilot.wait(3.0)
    assert not app.top.flashing(app.now) and app.top is scene
    app.draw()
    faded = app.screen.subsurface(area).copy()
    cells = [b.rect.move(-area.x, -area.y) for k, b in scene.buttons.items() if k.startswith("meter_")]
    changed = scene.buttons["meter_soviet_patience"].rect.move(-area.x, -area.y)
    differ = [(x, y) for x in range(area.w) for y in range(area.h) if glowing.get_at((x, y)) != faded.get_at((x, y))]
    assert len(differ) > 2 * changed.w, "the changed measure did not glow"
    assert all(changed.inflate(12, 12).collidepoint(p) for p in differ), "the glow strayed from its measure"
    assert not [p for p in differ if changed.collidepoint(p)], "the glow drew over the changed measure"
    blank = scene.c("panel")
    covered = [p for p in differ if any(c.collidepoint(p) for c in cells) and faded.get_at(p) != blank]
    assert not covered, f"the glow drew over another measure's words or bar at {covered[:5]}"

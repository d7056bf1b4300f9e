"""Before the class: the teacher's choices in two columns, who plays each delegation below, Start and
Back. When the delegations are too many for a button each, one is chosen and then set."""

from __future__ import annotations

import pygame

from ..hosting_setup import ClassSetup
from ..layout import fit_line
from ..scenes.base import Scene
from ..widgets import draw
from .buttons import GridItem, button_grid, button_row


def build_setup(
    scene: Scene, backdrop: pygame.Surface, area: pygame.Rect, setup: ClassSetup | None, seat_index: int
) -> None:
    """Lay out the setup in ``area``; with no playable scenario, only Back works."""
    sp, t = scene.sp, scene.app.type
    footer_y = area.bottom - sp.button_h
    button_row(
        scene,
        pygame.Rect(area.x, footer_y, area.w, sp.button_h),
        [
            ("start", "Start hosting", "@primary", ""),
            ("back", "Back", "", ""),
        ],
    )
    if setup is None:
        scene.buttons["start"].disable()
        scene.order.remove("start")
        return
    choices = [
        ("scenario", f"Scenario: {setup.scenario.title}"),
        ("lens", setup.lens_label()),
        ("tables", setup.tables_label()),
        ("same_game", setup.game_label()),
        ("minutes", setup.minutes_label()),
        ("rule", setup.rule_label()),
    ]
    seats = [(f"seat_{a}", setup.seat_label(a)) for a in setup.scenario.actors]
    step = sp.button_h + sp.gap
    head_h = sp.line + sp.gap
    seat_rows = (len(seats) + 1) // 2
    free = footer_y - sp.gap - area.y - ((len(choices) + 1) // 2) * step - head_h
    one_by_one = seat_rows * step > free  # too many delegations for a button each: choose one, then set it
    room = free - (step + sp.line if one_by_one else seat_rows * step)
    y = area.y
    if room >= sp.line * 3:
        intro = (
            "Students join from their own browsers on this computer's network: nothing is installed on "
            "their devices. Every move is stored here before it is acknowledged."
        )
        scene.add_text("intro", pygame.Rect(area.x, y, area.w, min(room, sp.line * 3)), intro, "@plain")
        y += min(room, sp.line * 3)
    y = button_grid(scene, area.x, y, area.w, _items(choices, setup)) + sp.gap
    words = "Who plays each delegation (the computer plays the rest)"
    heading = draw.text(backdrop, fit_line(words, area.w, t.body, "bold"), (area.x, y), t.body, scene.c("muted"))
    scene.mark("seats_head", heading)
    if not one_by_one:
        button_grid(scene, area.x, y + head_h, area.w, _items(seats, setup))
        return
    actors = list(setup.scenario.actors)
    actor = actors[seat_index % len(actors)]
    pair = [
        (
            "seat_pick",
            f"Delegation {seat_index % len(actors) + 1} of {len(actors)}: " + setup.scenario.actors[actor].name,
        ),
        (f"seat_{actor}", setup.seat_label(actor)),
    ]
    bottom = button_grid(scene, area.x, y + head_h, area.w, _items(pair, setup))
    computer = [setup.scenario.actors[a].name for a in actors if a in setup.computer]
    summary = "The computer plays: " + ", ".join(computer) if computer else "Students play every delegation."
    scene.mark(
        "seats_summary",
        draw.text(backdrop, fit_line(summary, area.w, t.body), (area.x, bottom + sp.gap // 2), t.body, scene.c("text")),
    )


def _items(pairs: list[tuple[str, str]], setup: ClassSetup) -> list[GridItem]:
    """Each choice with its tool tip (the ``host`` option it stands for); the lens only when there is a choice."""
    return [(key, label, setup.tip(key), key != "lens" or len(setup.scenario.lenses) > 1) for key, label in pairs]

"""Checks of a drawn screen, shared by the screen tests: where things are laid out (inside the
window, clear of each other) and what the pixels show (text big enough, the theme's colours at
known places)."""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIScrollingContainer

from game.ui import fonts
from game.ui.app import App
from game.ui.layout import overlaps
from game.ui.theme import colour

# Which of the theme's type sizes each button style uses (assets/ui/theme.json); others use body.
STYLE_SIZE = {
    "@primary": "large",
    "@menu": "large",
    "@small": "small",
    "@small_primary": "small",
    "@small_chosen": "small",
}
# The ink of a line with a capital letter or a digit is at least this share of its type size
# (Source Sans Pro's capitals are about 0.66 em tall; the bundled fallback font's are taller).
CAP_SHARE = 0.6
CARDS = ("choice_", "lens_", "slot_", "scenario_")  # buttons laid over a card drawn beneath them


def scrolled(app: App) -> tuple[dict[str, pygame.Rect], dict[str, pygame.Rect]]:
    """The screen's scrolling areas (by object id) and the controls inside them, which may lie
    outside the window until scrolled to: they are checked against each other and their area."""
    scene = app.top
    areas = {}
    inner = {}
    for element in scene.elements:
        if isinstance(element, UIScrollingContainer):
            name = element.most_specific_combined_id
            areas[name] = element.rect
            inner[id(element.get_container())] = element
    inside = {}
    for key, button in scene.buttons.items():
        box = inner.get(id(getattr(button, "ui_container", None)))
        if box is not None:
            inside[key] = button.rect
    return areas, inside


def check_layout(app: App, what: str) -> None:
    """Nothing outside the window, no two controls overlapping, nothing drawn under a control."""
    scene = app.top
    window = pygame.Rect((0, 0), app.size)
    areas, inside = scrolled(app)
    assert not overlaps(list(inside.values())), f"{what}: controls overlap in a scrolling area"
    controls = {key: element.rect for key, element in scene.buttons.items() if key not in inside}
    controls.update(areas)
    boxes = {key: element.rect for key, element in scene.texts.items()}
    drawn = dict(scene.drawn)
    for name, rect in {**controls, **boxes, **drawn}.items():
        assert window.contains(rect), f"{what}: {name} {rect} leaves the {app.size} window"
    keys = [k for k in controls if not k.startswith("event_")]  # the timeline's hover spots may touch
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            assert not controls[a].colliderect(controls[b]), f"{what}: {a} overlaps {b}"
    for name, rect in drawn.items():
        for key, other in {**controls, **boxes}.items():
            assert not rect.colliderect(other), f"{what}: drawn {name} {rect} is under {key} {other}"
    names = list(drawn)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            assert not drawn[a].colliderect(drawn[b]), f"{what}: {a} overlaps {b}"
    if scene.overlay:
        box = scene.elements[1].rect  # the centred box inside the dimming layer
        for key, rect in controls.items():
            assert box.contains(rect), f"{what}: {key} sticks out of the box"


def ink(surface: pygame.Surface, rect: pygame.Rect, background: pygame.Color, tolerance: int = 40) -> pygame.Rect:
    """The bounding box (in window coordinates) of the pixels in ``rect`` that differ from
    ``background``: the rendered glyphs of a label, say. An empty rectangle when there are none."""
    area = rect.clip(surface.get_rect())
    sub = surface.subsurface(area)
    same = pygame.mask.from_threshold(sub, background, (tolerance, tolerance, tolerance, 255))
    same.invert()
    boxes = same.get_bounding_rects()
    if not boxes:
        return pygame.Rect(area.x, area.y, 0, 0)
    return boxes[0].unionall(boxes[1:]).move(area.topleft)


def near(a: pygame.Color, b: pygame.Color, tolerance: int = 3) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a[:3], b[:3], strict=True))


def check_text_sizes(app: App, what: str) -> list[int]:
    """Every button label with a capital or a digit renders at least ``CAP_SHARE`` of its style's
    type size tall, and never under ``CAP_SHARE`` of the smallest size (so the minimum grows with
    the text-size setting). Returns the measured heights."""
    scene = app.top
    screen = app.screen
    smallest = app.type.small
    heights = []
    areas, inside = scrolled(app)
    tips = [tip.rect for tip in (getattr(b, "tool_tip", None) for b in scene.buttons.values()) if tip is not None]
    for key, button in scene.buttons.items():
        if key in inside and not any(area.contains(button.rect) for area in areas.values()):
            continue  # scrolled out of sight
        if button.rect.collidelist(tips) >= 0:
            continue  # a tool tip lies over its label
        words = getattr(button, "text", "")
        if not isinstance(words, str) or not any(c.isupper() or c.isdigit() for c in words) or not button.visible:
            continue
        if key.startswith(CARDS) or button.__class__.__name__ != "UIButton":
            continue
        rect = button.rect
        inner = rect.inflate(-8, -6)  # inside the border and the rounded corners
        fill = screen.get_at((rect.x + 3, rect.centery))  # between the border and the label
        height = ink(screen, inner, fill).h
        style = (button.class_ids or [None])[-1] or ""
        size = getattr(app.type, STYLE_SIZE.get(style, "body"))
        least = CAP_SHARE * max(size, smallest)
        assert height >= least, f"{what}: {key} {words!r} is drawn {height} px tall; at {size} px it needs {least:.0f}"
        heights.append(height)
    return heights


def check_drawn_text(app: App, what: str, name: str, size: int) -> None:
    """A line ``build`` drew on the backdrop (noted with ``Scene.mark``) is at least ``CAP_SHARE``
    of its type size tall."""
    rect = app.top.drawn[name]
    background = app.screen.get_at(rect.topleft)  # a text image's corner is its background
    height = ink(app.screen, rect, background).h
    assert height >= CAP_SHARE * size, f"{what}: {name} is drawn {height} px tall at {size} px type"


def check_colours(app: App, what: str) -> None:
    """The theme's colours where they must be: the background in the bottom-left corner (dimmed
    under an overlay); each card's fill under its button; the focus outline on the focused card."""
    palette = app.settings.palette
    screen = app.screen
    h = app.size[1]
    scene = app.top
    corner = screen.get_at((1, h - 2))
    bg = colour(palette, "bg")
    if app.overlay is not None:
        dim = colour(palette, "dim")
        expected = bg.lerp(pygame.Color(dim.r, dim.g, dim.b), dim.a / 255)
        assert near(corner, expected), f"{what}: corner {corner} is not the dimmed background {expected}"
    elif scene.name != "title":  # the title screen lies over the map
        assert near(corner, bg, 0), f"{what}: corner {corner} is not the background {bg}"
    if app.overlay is not None:
        return
    mouse = pygame.mouse.get_pos()
    tips = [tip.rect for tip in (getattr(b, "tool_tip", None) for b in scene.buttons.values()) if tip is not None]
    card, focus = colour(palette, "card"), colour(palette, "focus")
    for key, button in scene.buttons.items():
        if not key.startswith(CARDS) or not button.is_enabled:
            continue
        rect = button.rect
        if key == scene.focus_key:
            edge = screen.get_at((rect.x + 1, rect.centery))
            assert near(edge, focus, 12), f"{what}: focused {key} has edge {edge}, not the focus colour {focus}"
        elif not rect.collidepoint(mouse) and "@card" in button.class_ids and rect.collidelist(tips) < 0:
            sp = app.spacing
            fill = screen.get_at((rect.right - sp.pad, rect.y + 4))  # right of the text, above it
            assert near(fill, card, 0), f"{what}: {key} shows {fill} under its button, not the card colour {card}"


def check_labels_whole(app: App, what: str, keys: tuple[str, ...] = ()) -> None:
    """Each button's label (of ``keys``, or every labelled button) fits inside the button in its
    style's type: pygame_gui would clip it at the button's edges, unmarked."""
    scene = app.top
    for key, button in scene.buttons.items():
        words = getattr(button, "text", "")
        if keys and key not in keys:
            continue
        if not isinstance(words, str) or not words or button.__class__.__name__ != "UIButton":
            continue
        style = (button.class_ids or [None])[-1] or ""
        size = getattr(app.type, STYLE_SIZE.get(style, "body"))
        need = fonts.font(size, "bold").size(words)[0]
        assert need <= button.rect.w - 4, f"{what}: {key} {words!r} needs {need} px; its button is {button.rect.w}"

"""A headless driver for tests and benchmarks, in the spirit of Textual's ``Pilot``.

It acts only through the pygame event queue, as a person would: key presses, mouse moves and
clicks are posted as events, and the app's own loop (``App.step``) handles them. Time is advanced
explicitly, so a tool tip's delay or a computer's pause takes no real time in a test; and work a
screen runs in the background (``background``) is let finish before a test looks, as a person
would see its answer a moment later.
"""

from __future__ import annotations

from pathlib import Path

import pygame
from pygame_gui.core import UIElement

from . import background
from .app import App


class Pilot:
    def __init__(self, app: App) -> None:
        self.app = app
        self.app.step(0.02)

    # -- looking ------------------------------------------------------------------------------

    @property
    def scene(self):  # type: ignore[no-untyped-def]
        return self.app.top

    def element(self, key: str) -> UIElement:
        """A button, entry or text box of the top screen, by its key."""
        scene = self.app.top
        found = scene.buttons.get(key) or scene.texts.get(key)
        if found is None:
            known = ", ".join(sorted([*scene.buttons, *scene.texts]))
            raise KeyError(f"no element {key!r} on the {scene.name} screen; it has: {known}")
        return found

    def all_text(self) -> str:
        """Every word any interface element holds now (labels, text boxes, entries, tool tips), for
        tests that must prove something is not on screen."""
        parts = []
        for element in self.app.manager.get_sprite_group().sprites():
            for name in ("text", "html_text", "tool_tip_text", "placeholder_text"):
                value = getattr(element, name, None)
                if isinstance(value, str):
                    parts.append(value)
        return "\n".join(parts)

    def tooltip_text(self) -> str:
        """The text of the tool tip on screen, or ''."""
        for key in self.app.top.buttons:
            tip = getattr(self.app.top.buttons[key], "tool_tip", None)
            if tip is not None:
                return tip.text_block.html_text if hasattr(tip, "text_block") else str(getattr(tip, "text", ""))
        return ""

    # -- acting -------------------------------------------------------------------------------

    def wait(self, seconds: float = 0.0, step: float = 1 / 30) -> None:
        """Let ``seconds`` of game time pass (at least one frame)."""
        self.app.step(step)
        if background.settle():  # the answer shows on a frame that takes no game time
            self.app.step(0.0)
        elapsed = step
        while elapsed < seconds - 1e-9:
            self.app.step(step)
            elapsed += step

    def press(self, key: int, mod: int = 0, text: str = "") -> None:
        """A key press and release (and the text it types, for text entries)."""
        unicode = text or (chr(key) if 32 <= key < 127 else "")
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode, scancode=0))
        if unicode and not mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
            pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=unicode))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode=unicode, scancode=0))
        self.wait()

    def type(self, words: str) -> None:
        for char in words:
            self.press(ord(char.lower()) if char.isalpha() else ord(char), text=char)

    def move(self, pos: tuple[int, int]) -> None:
        pygame.mouse.set_pos(pos)
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
        self.wait()

    def hover(self, key: str, seconds: float = 0.8) -> None:
        """Move the mouse onto an element and rest it there long enough for its tool tip. A hand comes
        onto it from elsewhere: a mouse already resting on it moves off first (what merely lies under
        the resting mouse when a screen is built shows no tip: ``App._hold_resting_tips``)."""
        rect = self.element(key).rect
        if rect.collidepoint(self.app.manager.get_mouse_position()):
            self.move((0, 0) if not rect.collidepoint(0, 0) else (self.app.size[0] - 1, self.app.size[1] - 1))
        self.move(rect.center)
        self.wait(seconds)

    def click_at(self, pos: tuple[int, int]) -> None:
        self.move(pos)
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1, touch=False))
        self.wait()
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1, touch=False))
        self.wait()

    def quick_click(self, pos: tuple[int, int]) -> None:
        """Move and press in the same frame, as a quick hand does (nothing redraws in between)."""
        pygame.mouse.set_pos(pos)
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1, touch=False))
        self.wait()
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1, touch=False))
        self.wait()

    def click(self, key: str) -> None:
        """Click the middle of an element of the top screen."""
        self.click_at(self.element(key).rect.center)

    def resize(self, size: tuple[int, int]) -> None:
        pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1]))
        self.wait()

    def snapshot(self, path: str | Path) -> Path:
        """Draw the current frame and write it as a PNG."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.app.draw()
        pygame.image.save(self.app.screen, str(path))
        return path

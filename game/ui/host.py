"""What a screen may ask of the window that shows it.

Screens are written against ``SceneHost``, not against ``App``, so no screen imports the app and
the app imports the screens in one place only (``scenes.registry``). A screen reaches another one
by name, ``host.open("saves", saving=True)``, never by importing it. This module imports nothing
of the screens.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import pygame
import pygame_gui

from ..engine import Game, Scenario
from .layout import Spacing
from .settings import UISettings
from .theme import Type


@dataclass
class ScenarioSlot:
    """The scenario the title screen offers: loaded, or the reason it cannot be."""

    path: Path
    scenario: Scenario | None = None
    error: str = ""
    known: dict[str, Scenario] = field(default_factory=dict)


class HostedScene(Protocol):
    """What one screen may ask of another that the host shows (by capability, not by class)."""

    @property
    def name(self) -> str: ...

    @property
    def holds_game(self) -> bool:
        """True for the screen of a game being played: Esc pauses it, quitting autosaves it, and
        the pause menu offers its decision tree."""
        ...

    def on_button(self, key: str) -> None: ...

    def show_notice(self, text: str) -> bool:
        """Show a short notice (such as 'Saved as …'); False when the screen has no place for one."""
        ...


class SceneHost(Protocol):
    """The window, as the screens see it."""

    manager: pygame_gui.UIManager
    settings: UISettings
    spacing: Spacing
    type: Type
    scale: float
    now: float
    dirty: bool
    game: Game | None
    slot: ScenarioSlot

    @property
    def size(self) -> tuple[int, int]: ...

    @property
    def scenario(self) -> Scenario | None: ...

    @property
    def scene(self) -> HostedScene:
        """The screen at the top of the stack (under any overlay)."""
        ...

    @property
    def top(self) -> HostedScene:
        """The screen that takes the keys: the overlay when one is open, else ``scene``."""
        ...

    def open(self, name: str, *args: Any, **kwargs: Any) -> None:
        """Show the screen registered under ``name`` (an overlay over the current screen, any
        other on top of the stack), made with these arguments."""
        ...

    def pop(self) -> None: ...

    def to_title(self) -> None: ...

    def close_overlay(self, rebuild: bool = True) -> None: ...

    def rebuild(self) -> None: ...

    def message(self, title: str, html: str, wide: bool = False) -> None: ...

    def play(self, game: Game, notice: str = "", history: bool = False, opening: bool = False) -> None: ...

    def autosave(self) -> str: ...

    def replaying_history(self) -> bool: ...

    def autosave_path(self) -> Path | None: ...

    def restore_save(self, path: Path) -> tuple[Game | None, str]: ...

    def use_scenario(self, path: Path, scenario: Scenario | None = None) -> None: ...

    def map_surface(self, key: tuple[Any, ...], make: Callable[[], pygame.Surface]) -> pygame.Surface: ...

    def focus(self, key: str) -> None: ...

    def typing(self) -> bool: ...

    def apply_settings(self) -> None: ...

    def save_settings(self) -> None: ...

    def toggle_fullscreen(self) -> None: ...

    def quit(self) -> None: ...

    def request_quit(self) -> None:
        """Quit, after asking while a game is in progress."""
        ...

    def confirm(self, title: str, html: str, yes: str, no: str, on_yes: Callable[[], None]) -> None:
        """Ask before something that cannot be taken back; ``on_yes`` runs only on the yes answer."""
        ...

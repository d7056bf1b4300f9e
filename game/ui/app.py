"""The window: pygame setup, the pygame_gui manager, the screen stack and the main loop.

The loop draws only when something may have changed: after input (for a moment, so hover effects
and tool tips appear), while a screen has a timer running, or while text is being typed. The rest
of the time it sleeps in ``pygame.event.wait``, so an idle game uses almost no processor.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame
import pygame_gui
from pygame_gui.elements import UITextEntryLine

from ..classroom.settings import ClassroomSettings
from ..engine import Game, Scenario
from ..engine.saves import SaveError, autosave, latest_autosave, read_save, restore
from ..paths import default_scenario, saves_folder
from ..savefiles import find_scenario as scenario_of_save
from . import story
from .focus_tip import FocusTip
from .host import ScenarioSlot, SceneHost
from .layout import Spacing, fit_window
from .scenes.base import Scene
from .scenes.registry import SCENES, SceneFactory
from .settings import UISettings
from .theme import Type, colour, effective_scale, gui_font_name, theme_dict

ACTIVE_AFTER_INPUT = 1.6  # seconds of full-rate drawing after input (hover fades, tool tips)
CLICK_GUARD = 0.4  # seconds a click where a closed dialog's button was is ignored (a double click's second)
CLICK_GUARD_MARGIN = 12  # pixels around that button the guard covers (a hand shakes)
FPS = 60
MIN_SIZE = (800, 500)


@dataclass
class Frame:
    """Timing of one loop iteration, for the benchmark."""

    seconds: float
    drew: bool


class App:
    """One Parley window (the ``SceneHost`` its screens are written against)."""

    def __init__(
        self,
        scenario: str | Path | None = None,
        size: tuple[int, int] | None = None,
        settings: UISettings | None = None,
        persist: bool = True,
        scenes: Mapping[str, SceneFactory] = SCENES,
    ) -> None:
        started = time.perf_counter()
        self.settings = settings or UISettings.load()
        self.persist = persist
        self.scenes = scenes
        pygame.display.init()
        pygame.font.init()
        pygame.key.set_repeat(400, 40)
        # A size asked for is opened as asked (tests, the benchmark); the remembered one is fitted
        # to the desktop, title bar and borders included.
        self.windowed = size or fit_window((self.settings.width, self.settings.height), self._desktop())
        self.screen = self._open_window(self.windowed, self.settings.fullscreen)
        pygame.display.set_caption("Parley")
        self.clock = pygame.time.Clock()
        self.now = 0.0
        self.last_input = -ACTIVE_AFTER_INPUT
        self.running = True
        self.dirty = True
        self._swallow_text = False  # drop the text of the key that just focused an entry
        self._woken: list[pygame.event.Event] = []  # the event that ended an idle wait, handled first
        self._pressed_at: tuple[float, pygame.Rect] | None = None  # the last click's time and place
        self._guard: tuple[float, pygame.Rect] | None = None  # until when, and where, clicks are ignored
        self._swallow_release = False  # the button-up of an ignored click is ignored too
        self.focus_tip = FocusTip()  # the keyboard highlight's tool tip (pygame_gui's are the mouse's)
        # Where the mouse rested when the screen last changed: what lies under it there shows no tool
        # tip until the mouse has left it (a tip over setup's first choices, just after New game).
        self._tips_rest: tuple[int, int] | None = None
        self.frames: list[Frame] = []
        self.record_frames = False
        self.scale = 0.0
        self.manager: pygame_gui.UIManager = None  # type: ignore[assignment]
        self._configure()
        self.slot = self._load_slot(Path(scenario)) if scenario else self._starting_slot()
        self.game: Game | None = None
        self.stack: list[Scene] = []
        self.overlay: Scene | None = None
        self._map_cache: dict[tuple[Any, ...], pygame.Surface] = {}
        self.push(self.make("title"))
        self.startup_seconds = time.perf_counter() - started

    # -- window and theme ---------------------------------------------------------------------

    @property
    def size(self) -> tuple[int, int]:
        return self.screen.get_size()

    @staticmethod
    def _desktop() -> tuple[int, int] | None:
        try:
            sizes = pygame.display.get_desktop_sizes()
        except pygame.error:
            return None
        return sizes[0] if sizes else None

    def _open_window(self, size: tuple[int, int], fullscreen: bool) -> pygame.Surface:
        if fullscreen:
            try:
                return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
            except pygame.error:
                self.settings.fullscreen = False
        size = (max(MIN_SIZE[0], size[0]), max(MIN_SIZE[1], size[1]))
        return pygame.display.set_mode(size, pygame.RESIZABLE)

    def _configure(self) -> None:
        """Make (or remake) the pygame_gui manager when the text scale or palette changes."""
        scale = effective_scale(self.size, self.settings.text_scale)
        key = (scale, self.settings.palette)
        if self.manager is not None and key == getattr(self, "_theme_key", None):
            self.manager.set_window_resolution(self.size)
            return
        self._theme_key = key
        self.scale = scale
        self.type = Type.at(scale)
        self.spacing = Spacing.at(scale)
        self.manager = pygame_gui.UIManager(
            self.size, theme_dict(scale, self.settings.palette), enable_live_theme_updates=False
        )
        self._preload_fonts()

    def _preload_fonts(self) -> None:
        """Load every font size and style the screens use now, so nothing loads mid-frame (and
        pygame_gui does not warn)."""
        fonts = self.manager.get_theme().get_font_dictionary()
        name = gui_font_name()
        loaded: dict[str, object] = getattr(fonts, "loaded_fonts", {})  # pygame_gui keeps it on the class
        wanted: list[dict[str, str | int | float]] = []
        for size in self.type.all:
            for bold, italic in ((False, False), (True, False), (False, True), (True, True)):
                font_id = fonts.create_font_id(size, name, bold, italic)
                if font_id not in loaded:
                    wanted.append(
                        {
                            "name": name,
                            "point_size": size,
                            "style": "bold_italic"
                            if bold and italic
                            else "bold"
                            if bold
                            else "italic"
                            if italic
                            else "regular",
                        }
                    )
        if wanted:
            self.manager.preload_fonts(wanted)

    def resize(self, size: tuple[int, int]) -> None:
        if not self.settings.fullscreen:
            self.windowed = size
            self.screen = pygame.display.set_mode(
                (max(MIN_SIZE[0], size[0]), max(MIN_SIZE[1], size[1])), pygame.RESIZABLE
            )
        self._window_changed()

    def _window_changed(self) -> None:
        surface = pygame.display.get_surface()
        if surface is not None:
            self.screen = surface
        self._configure()
        self.rebuild()

    def toggle_fullscreen(self) -> None:
        self.settings.fullscreen = not self.settings.fullscreen
        self.screen = self._open_window(self.windowed, self.settings.fullscreen)
        self.save_settings()
        self._window_changed()

    def apply_settings(self) -> None:
        """After the settings screen changed something: rebuild the theme and every screen."""
        self._configure()
        self.save_settings()
        self.rebuild()

    def save_settings(self) -> None:
        if not self.persist:
            return
        if not self.settings.fullscreen:
            self.settings.width, self.settings.height = self.windowed
        self.settings.save()

    # -- scenarios and games ------------------------------------------------------------------

    def _load_slot(self, path: Path) -> ScenarioSlot:
        entry = story.check_file(path)
        slot = ScenarioSlot(path, entry.scenario, entry.first_error)
        if entry.scenario:
            slot.known[entry.scenario.id] = entry.scenario
        return slot

    def _starting_slot(self) -> ScenarioSlot:
        """With no scenario named: the one played last (remembered in the settings), so Continue
        resumes the game the person left; the default when there is none or it no longer loads."""
        remembered = self.settings.last_scenario
        if remembered and Path(remembered).is_file():
            slot = self._load_slot(Path(remembered))
            if slot.scenario is not None:
                return slot
        return self._load_slot(default_scenario())

    def _remember_scenario(self) -> None:
        """Note the chosen scenario in the settings (written at once: a window closed any way keeps it)."""
        if self.slot.scenario is None:
            return
        chosen = str(self.slot.path.resolve())
        if chosen != self.settings.last_scenario:
            self.settings.last_scenario = chosen
            self.save_settings()

    @property
    def scenario(self) -> Scenario | None:
        return self.slot.scenario

    def use_scenario(self, path: Path, scenario: Scenario | None = None) -> None:
        known = self.slot.known
        self.slot = ScenarioSlot(path, scenario) if scenario else self._load_slot(path)
        self.slot.known.update({k: v for k, v in known.items() if k not in self.slot.known})
        if self.slot.scenario:
            self.slot.known[self.slot.scenario.id] = self.slot.scenario
        self._remember_scenario()

    def find_scenario(self, scenario_id: str) -> Scenario | None:
        """A scenario by id: the current one, one seen before, or one in ``scenarios/``."""
        if scenario_id in self.slot.known:
            return self.slot.known[scenario_id]
        for entry in story.catalogue():
            if entry.scenario is not None:
                self.slot.known.setdefault(entry.scenario.id, entry.scenario)
        return self.slot.known.get(scenario_id)

    def autosave(self) -> str:
        """Autosave the current game; '' or a message saying why it failed."""
        if self.game is None or self.replaying_history():
            return ""
        try:
            autosave(self.game, saves_folder())
        except SaveError as exc:
            return f"Autosave failed: {exc}"
        return ""

    def replaying_history(self) -> bool:
        """True while the screen shows history replaying (such a game is not the player's: never
        autosaved over theirs)."""
        return any(scene.replays_history for scene in self.stack)

    def restore_save(self, path: Path) -> tuple[Game | None, str]:
        """Read and replay a save: the game and a notice, or None and the reason."""
        try:
            data = read_save(path)
        except SaveError as exc:
            return None, str(exc)
        scenario = self.find_scenario(data.scenario_id) or scenario_of_save(data.scenario_id, data.scenario_path)
        if scenario is None:
            return None, (
                f"This save is of the scenario '{data.scenario_title}' ({data.scenario_id}), "
                "which is not in the scenarios folder."
            )
        try:
            restored = restore(data, scenario)
            ClassroomSettings.of(restored.game)  # a class's settings are checked before play relies on them
        except SaveError as exc:
            return None, str(exc)
        except ValueError as exc:
            return None, f"{path.name} is damaged: {exc}; the file was left as it is"
        return restored.game, restored.notice()

    def autosave_path(self) -> Path | None:
        """The newest autosave of a game of the chosen scenario (never another scenario's), if any."""
        scenario = self.scenario
        return latest_autosave(saves_folder(), scenario.id) if scenario else None

    def play(self, game: Game, notice: str = "", history: bool = False, opening: bool = False) -> None:
        """Show a game: the play screen, or the debrief when it is already over. ``opening``: a game
        just set up (not a save), which opens on the person's briefing and the introduction."""
        self.game = game
        scenario = game.scenario
        if scenario.path and (self.scenario is None or self.scenario.id != scenario.id):
            self.use_scenario(Path(scenario.path), scenario)  # the title behind the game is the game's
        self.slot.known[scenario.id] = scenario
        self._remember_scenario()
        if game.ended:
            self.replace_all(self.make("debrief", game))
        else:
            self.replace_all(self.make("play", game, history=history, notice=notice, opening=opening))

    # -- screens ------------------------------------------------------------------------------

    def make(self, name: str, *args: Any, **kwargs: Any) -> Scene:
        """The screen registered under ``name``, made with these arguments."""
        factory = self.scenes.get(name)
        if factory is None:
            raise KeyError(f"no screen is registered as {name!r}; known: {', '.join(sorted(self.scenes))}")
        host: SceneHost = self  # the screens are written against SceneHost: the app must be one
        return factory(host, *args, **kwargs)

    def open(self, name: str, *args: Any, **kwargs: Any) -> None:
        """Show the screen registered under ``name``: an overlay over the current screen, any other
        pushed on top of the stack."""
        scene = self.make(name, *args, **kwargs)
        if scene.overlay:
            self.open_overlay(scene)
        else:
            self.push(scene)

    @property
    def scene(self) -> Scene:
        return self.stack[-1]

    @property
    def top(self) -> Scene:
        return self.overlay or self.stack[-1]

    def push(self, scene: Scene) -> None:
        self._new_screen()
        self._rest_tips()
        self.close_overlay(rebuild=False)
        if self.stack:
            self.scene.covered()
        self.stack.append(scene)
        self.rebuild()
        scene.shown()

    def pop(self) -> None:
        if len(self.stack) > 1:
            self.close_overlay(rebuild=False)
            self._guard_clicks()
            self._rest_tips()
            self.stack.pop()
            self.rebuild()
            self.scene.shown()

    def replace_all(self, scene: Scene) -> None:
        """Go to ``scene`` with the title screen underneath (Esc and 'back' lead to the title)."""
        self._new_screen()
        self._rest_tips()
        self.close_overlay(rebuild=False)
        title = self.stack[0] if self.stack and self.stack[0].name == "title" else self.make("title")
        self.stack = [title, scene] if scene.name != "title" else [scene]
        self.rebuild()
        scene.shown()

    def to_title(self) -> None:
        self._rest_tips()
        self.close_overlay(rebuild=False)
        self.stack = [self.make("title")]
        self.rebuild()

    def open_overlay(self, overlay: Scene) -> None:
        self._new_screen()
        self._rest_tips()
        if self.overlay is not None:
            self.overlay.teardown()
        elif self.stack:
            self.scene.covered()
        self.focus_tip.hide()
        self.overlay = overlay
        overlay.build()
        self._refocus(overlay)
        self.dirty = True

    def close_overlay(self, rebuild: bool = True) -> None:
        if self.overlay is None:
            return
        self.focus_tip.hide()
        self._guard_clicks()
        self._rest_tips()
        self.overlay.teardown()
        self.overlay = None
        self._refocus(self.scene)
        self.scene.uncovered()
        self.dirty = True

    def _rest_tips(self) -> None:
        """A screen changes under the mouse: remember where it rests (see ``_hold_resting_tips``)."""
        x, y = self.manager.get_mouse_position()
        self._tips_rest = (int(x), int(y))

    def _hold_resting_tips(self) -> None:
        """No tool tip for what merely lies under the resting mouse on a screen just built: a tip
        comes only once the mouse has moved onto an element. While the mouse stays on what lay
        under it, that element's hover time is kept from reaching the tip's delay."""
        if self._tips_rest is None:
            return
        here = self.manager.get_mouse_position()
        held = [
            e
            for e in self.top.buttons.values()
            if getattr(e, "tool_tip_text", None) and e.rect.collidepoint(self._tips_rest) and e.rect.collidepoint(here)
        ]
        if not held:
            self._tips_rest = None  # the mouse has left it: tips as usual
            return
        for element in held:
            tip = getattr(element, "tool_tip", None)
            if tip is not None:
                tip.kill()
                setattr(element, "tool_tip", None)  # noqa: B010 - only buttons carry tool tips
                self.dirty = True
            setattr(element, "hover_time", 0.0)  # noqa: B010

    def _new_screen(self) -> None:
        """A screen or dialog opens later than the closing that set the guard (a key, not the same
        click): what it shows is new, and its buttons take clicks at once."""
        if self._guard is not None and self.now > self._guard[0] - CLICK_GUARD:
            self._guard = None

    def _guard_clicks(self) -> None:
        """A dialog or screen closes: when a click closed it, a second click on the same place in the
        next moment (a double click, a press repeated while the screen changes) is ignored, so it
        never lands on the button that lay under the closing one (OK over Walk away)."""
        if self._pressed_at is not None and self._pressed_at[0] == self.now:  # a click of this frame closed it
            self._guard = (self.now + CLICK_GUARD, self._pressed_at[1])

    def _guarded(self, event: pygame.event.Event) -> bool:
        """True for a click (and its release) the guard drops."""
        if event.type == pygame.MOUSEBUTTONUP and self._swallow_release:
            self._swallow_release = False
            return True
        if event.type != pygame.MOUSEBUTTONDOWN or self._guard is None:
            return False
        until, place = self._guard
        if self.now > until:
            self._guard = None
            return False
        if not place.collidepoint(event.pos):
            return False
        self._swallow_release = True
        return True

    def rebuild(self) -> None:
        """Rebuild the top screen (and any overlay) from scratch."""
        self.manager.clear_and_reset()
        self.focus_tip.forget()
        for scene in self.stack:
            scene.elements.clear()
            scene.buttons.clear()
            scene.texts.clear()
            scene.order.clear()
            scene.drawn.clear()
        if self.stack:
            self.scene.build()
            self._refocus(self.scene)
        if self.overlay is not None:
            self.overlay.elements.clear()
            self.overlay.buttons.clear()
            self.overlay.texts.clear()
            self.overlay.order.clear()
            self.overlay.drawn.clear()
            self.overlay.build()
            self._refocus(self.overlay)
        self.dirty = True

    def message(self, title: str, html: str, wide: bool = False) -> None:
        self.open("message", title, html, wide)

    def map_surface(self, key: tuple[Any, ...], make: Callable[[], pygame.Surface]) -> pygame.Surface:
        """A cached rendering of the map (drawing it takes a few milliseconds)."""
        if key not in self._map_cache:
            if len(self._map_cache) > 24:
                self._map_cache.clear()
            self._map_cache[key] = make()
        return self._map_cache[key]

    # -- focus ----------------------------------------------------------------------------------

    def _refocus(self, scene: Scene) -> None:
        if scene.focus_key not in scene.order:
            default = scene.default_focus
            scene.focus_key = default if default in scene.order else (scene.order[0] if scene.order else None)
        self._show_focus(scene)

    def _show_focus(self, scene: Scene) -> None:
        for key, element in scene.buttons.items():
            if isinstance(element, UITextEntryLine):
                if key == scene.focus_key:
                    self.manager.set_focus_set(element)
                elif element in (self.manager.get_focus_set() or ()):
                    self.manager.set_focus_set(None)  # unfocus it, and stop typing into it
                elif element.is_focused:
                    element.unfocus()
            elif key == scene.focus_key:
                element.select()
            elif element.is_selected:
                element.unselect()

    def move_focus(self, step: int) -> None:
        scene = self.top
        if not scene.order:
            return
        if scene.focus_key in scene.order:
            index = (scene.order.index(scene.focus_key) + step) % len(scene.order)
        else:
            index = 0 if step > 0 else len(scene.order) - 1
        scene.focus_key = scene.order[index]
        self._show_focus(scene)
        self.focus_tip.follow(scene.buttons.get(scene.focus_key), self.now)
        self.dirty = True

    def focus(self, key: str) -> None:
        self.top.focus_key = key
        self._show_focus(self.top)

    def hide_tooltips(self) -> None:
        """Close every tool tip on screen (it comes back after the usual delay if the mouse rests)."""
        self.focus_tip.hide()
        for element in self.manager.get_sprite_group().sprites():
            tip = getattr(element, "tool_tip", None)
            if tip is not None:
                tip.kill()
                setattr(element, "tool_tip", None)  # noqa: B010 - only buttons carry tool tips
                setattr(element, "hover_time", 0.0)  # noqa: B010
                self.dirty = True

    def _follow_typing_focus(self) -> None:
        """A click put the typing focus in an entry: the highlight moves there too (no button stays
        highlighted while the keys go to the entry)."""
        scene = self.top
        for element in self.manager.get_focus_set() or ():
            key = scene.key_of(element)
            if key is not None and isinstance(element, UITextEntryLine):
                scene.focus_key = key
                self._show_focus(scene)
                return

    def typing(self) -> bool:
        focused = self.manager.get_focus_set()
        return any(isinstance(e, UITextEntryLine) for e in (focused or ()))

    # -- events ---------------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.request_quit()
            return
        if event.type == pygame.VIDEORESIZE:
            if not self.settings.fullscreen:
                self.resize((event.w, event.h))
            return
        if event.type in (pygame.WINDOWSIZECHANGED, pygame.WINDOWEXPOSED, pygame.WINDOWRESTORED):
            surface = pygame.display.get_surface()
            if event.type == pygame.WINDOWSIZECHANGED and surface is not None and surface.get_size() != self.size:
                self._window_changed()
            self.dirty = True
            return
        if event.type in (
            pygame.KEYDOWN,
            pygame.MOUSEBUTTONDOWN,
            pygame.MOUSEBUTTONUP,
            pygame.MOUSEMOTION,
            pygame.MOUSEWHEEL,
            pygame.TEXTINPUT,
        ):
            self.last_input = self.now
            self.dirty = True
        if event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN, pygame.MOUSEMOTION, pygame.MOUSEWHEEL):
            self.focus_tip.hide()  # the keyboard highlight's tip stays until the next key or the mouse
        if event.type == pygame.TEXTINPUT and self._swallow_text:
            # The key that opened a screen with a text entry (S: save) types nothing into it.
            self._swallow_text = False
            return
        if event.type == pygame.KEYDOWN:
            self._swallow_text = False
        if self._guarded(event):
            return
        if event.type == pygame.MOUSEBUTTONDOWN:
            self.hide_tooltips()  # a tool tip never takes a click meant for a button under it
        typing = self.typing()
        consumed = self.manager.process_events(event)
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            self._pressed(event.ui_element)
        elif event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED:
            key = self.top.key_of(event.ui_element)
            if key:
                self.top.on_text(key, event.text)
        elif event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED:
            key = self.top.key_of(event.ui_element)
            if key:
                self.top.on_edit(key, event.text)
        elif event.type in (pygame.MOUSEWHEEL, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION):
            if event.type == pygame.MOUSEBUTTONDOWN and self.typing() and not typing:
                self._follow_typing_focus()
            if not consumed and self.top.on_mouse(event):
                self.dirty = True
        elif event.type == pygame.KEYDOWN:
            if (
                consumed
                and typing
                and event.key
                not in (pygame.K_ESCAPE, pygame.K_TAB, pygame.K_F1, pygame.K_F11, pygame.K_UP, pygame.K_DOWN)
            ):
                return
            self.key(event, typing)
            if not typing and self.typing() and event.unicode:
                self._swallow_text = True

    def _pressed(self, element: object) -> None:
        scene = self.top
        key = scene.key_of(element)
        face = getattr(element, "rect", None)
        if isinstance(face, pygame.Rect):  # the button clicked: a dialog it closes guards its place
            self._pressed_at = (self.now, face.inflate(CLICK_GUARD_MARGIN * 2, CLICK_GUARD_MARGIN * 2))
        if key is not None:
            scene.on_button(key)

    def key(self, event: pygame.event.Event, typing: bool = False) -> None:
        """Keys for every screen first (F1, F11, Esc, Tab...), then the screen's own."""
        k, mods = event.key, event.mod
        ctrl = bool(mods & (pygame.KMOD_CTRL | pygame.KMOD_META))
        if k == pygame.K_F11:
            self.toggle_fullscreen()
            return
        if k == pygame.K_F1:
            if self.overlay is not None and self.overlay.name == "help":
                self.close_overlay()
            else:
                self.open("help")
            return
        if k == pygame.K_ESCAPE:
            if self.overlay is not None:
                if not self.overlay.on_escape():
                    self.close_overlay()
            elif not self.scene.on_escape():
                if self.scene.holds_game:
                    self.open("pause")
                else:
                    self.pop()
            return
        if k == pygame.K_TAB and self.top.on_tab(bool(mods & pygame.KMOD_SHIFT)):
            self.focus_tip.follow(self.top.buttons.get(self.top.focus_key or ""), self.now)
            self.dirty = True
            return
        if not typing and self.top.on_key(event):
            return
        if k == pygame.K_TAB:
            self.move_focus(-1 if mods & pygame.KMOD_SHIFT else 1)
        elif (k == pygame.K_DOWN or (k == pygame.K_RIGHT and not typing)) and not ctrl:
            self.move_focus(1)
        elif (k == pygame.K_UP or (k == pygame.K_LEFT and not typing)) and not ctrl:
            self.move_focus(-1)
        elif k in (pygame.K_RETURN, pygame.K_KP_ENTER) and not typing:  # never Space: it skips a pause,
            # and pressed a few times to hurry the computers it took choices, accepted offers and
            # answered hand-overs for the person
            scene = self.top
            if scene.focus_key and scene.focus_key in scene.buttons:
                scene.on_button(scene.focus_key)

    # -- the loop -------------------------------------------------------------------------------

    def busy(self) -> bool:
        """True while the app must keep drawing at full rate."""
        return self.now - self.last_input < ACTIVE_AFTER_INPUT or self.typing()

    def step(self, dt: float | None = None) -> bool:
        """One loop iteration: events, timers, interface update, and a draw if anything changed.
        ``dt`` overrides the measured time step (tests advance time without sleeping). Returns
        whether it drew."""
        start = time.perf_counter()
        if dt is None:
            dt = min(self.clock.tick(FPS) / 1000.0, 0.25)
        self.now += dt
        for _ in range(3):  # events posted while handling (a button's "pressed") are handled this frame
            events = self._woken + pygame.event.get()
            self._woken = []
            if not events:
                break
            for event in events:
                self.handle(event)
                if not self.running:
                    return False
        if self.overlay is None:
            if self.scene.update(self.now):
                self.dirty = True
        else:
            self.overlay.update(self.now)
        if self.focus_tip.update(self.manager, self.now, pygame.Rect((0, 0), self.size)):
            self.dirty = True
        self.manager.update(dt)
        self._hold_resting_tips()
        drew = False
        if self.dirty or self.now - self.last_input < ACTIVE_AFTER_INPUT or self.typing():
            self.draw()
            drew = True
            self.dirty = False
        if self.record_frames:
            self.frames.append(Frame(time.perf_counter() - start, drew))
        return drew

    def draw(self) -> None:
        self.screen.fill(colour(self.settings.palette, "bg"))
        self.scene.draw(self.screen)
        if self.overlay is not None:
            self.overlay.draw(self.screen)
        self.manager.draw_ui(self.screen)
        if self.overlay is None:
            self.scene.draw_over(self.screen)
        pygame.display.flip()

    def run(self) -> int:
        """The main loop, until the window is closed or Quit is chosen."""
        while self.running:
            if not self.busy() and not self.dirty:
                self.idle()
            self.step()
        return 0

    def idle(self) -> None:
        """Sleep until an event or the top screen's next timer. The event that wakes it is kept to be
        handled first: posting it back would queue it behind those that came with it, and a click's
        button-up would be handled before its button-down (the click lost, the button left held)."""
        wake = self.top.wake_at()
        timeout = 1000 if wake is None else max(1, min(1000, int((wake - self.now) * 1000)))
        slept = time.perf_counter()
        event = pygame.event.wait(timeout)
        if event.type != pygame.NOEVENT:
            self._woken.append(event)
        self.clock.tick()  # the sleep is not a frame
        self.now += time.perf_counter() - slept

    def game_in_progress(self) -> bool:
        """A game is being played: its screen is open, perhaps under another (a hot seat's hand-over)."""
        return self.game is not None and not self.game.ended and any(s.holds_game for s in self.stack)

    def confirm(self, title: str, html: str, yes: str, no: str, on_yes: Callable[[], None]) -> None:
        self.open("confirm", title, html, yes, no, on_yes)

    def request_quit(self) -> None:
        """Quit, asking first while a game is in progress; a second close while asking quits."""
        if not self.game_in_progress() or (self.overlay is not None and self.overlay.name == "confirm"):
            self.quit()
            return
        self.confirm(
            "Quit Parley?",
            "Your game is saved automatically: <b>Continue</b> on the title screen takes it up where you left it.",
            "Quit",
            "Keep playing",
            self.quit,
        )

    def quit(self) -> None:
        if self.game_in_progress():
            self.autosave()
        self.save_settings()
        self.running = False

"""Every screen by name: the one place that imports them all.

The app imports this table and makes screens from it (``App.open("tree", game)``); the screens
import none of each other, so adding a screen means one line here and no import circle anywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from .base import Scene
from .debrief import DebriefScene
from .handover import HandoverScene
from .hosting import HostingScene
from .overlays import ConfirmOverlay, HelpOverlay, MessageOverlay, PauseOverlay
from .play import PlayScene
from .saves import SavesScene
from .scenarios import ScenarioScene
from .settings import SettingsScene
from .setup import SetupScene
from .title import TitleScene
from .tree import TreeScene

SceneFactory = Callable[..., Scene]

SCENES: Mapping[str, SceneFactory] = {
    scene.name: scene
    for scene in (
        TitleScene,
        ScenarioScene,
        SettingsScene,
        SetupScene,
        PlayScene,
        HandoverScene,
        TreeScene,
        DebriefScene,
        SavesScene,
        HostingScene,
        HelpOverlay,
        MessageOverlay,
        ConfirmOverlay,
        PauseOverlay,
    )
}

"""The host's process is tuned for serving once the class is loaded."""

from __future__ import annotations

import gc
import sys

from game.net.hosting import SWITCH_INTERVAL, tune_for_serving


def test_serving_hands_the_interpreter_over_sooner_and_freezes_what_is_loaded_only_when_asked() -> None:
    before = sys.getswitchinterval()
    sys.setswitchinterval(0.005)
    try:
        tune_for_serving(freeze=False)  # the window: its scenes stay collectable
        assert sys.getswitchinterval() == SWITCH_INTERVAL < 0.005  # Python starts with 5 ms
        assert gc.get_freeze_count() == 0
        tune_for_serving()  # the headless host
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        sys.setswitchinterval(before)

"""Host a class from the window: the same hosting as ``python main.py host --headless``, served from a
background thread, with this window as the room's screen until the teacher stops it.

One job a module: ``scene`` (the screen's states — setting up, then the projector's view or the
teacher's dashboard — and what each button does), ``setup_view``, ``projector_view`` and
``dashboard_view`` (what each state shows), ``buttons`` (rows and grids of buttons they share).
"""

from __future__ import annotations

from .scene import HostingScene

__all__ = ["HostingScene"]

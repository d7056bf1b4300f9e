"""The window front end: pygame-ce and pygame_gui over the engine's public API.

This package is the only one that imports pygame. It holds no game rules: every question about
what may be chosen, what happens next or how the game ends is asked of ``game.engine``.
"""

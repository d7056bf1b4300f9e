"""What the window's hosting screen shows (``game.ui.scenes.hosting``): ``setup_view``, ``projector_view`` and
``dashboard_view`` for its three states, ``buttons`` for the rows and grids of buttons they share."""

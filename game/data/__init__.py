"""Data shipped with the game. In a built wheel this package holds ``scenarios`` and ``assets``,
mapped from the repository's top-level folders of those names (see pyproject.toml); a checkout
reads those folders directly (``game.paths``)."""

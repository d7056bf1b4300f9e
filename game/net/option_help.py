"""The words for each choice of a hosted class, shared by the ``host`` command's help and the
window's hosting screen, so a teacher reads the same option names and explanations in both."""

from __future__ import annotations

from typing import Final

PORT: Final = 8765  # the port a class is hosted on unless told otherwise
TABLES: Final = "how many tables (games) the class plays at once"
STUDENTS: Final = (
    "deal a class of this many students out evenly: as many tables as there are full sets of "
    "delegations (extra students join as second members of a delegation); instead of --tables"
)
PEOPLE: Final = "comma-separated delegations played by students (default: all; the computer plays the rest)"
SEED: Final = "the first table's seed (each next table adds one)"
SAME_GAME: Final = "every table plays the same game (the same seed), so the tables can be compared move by move"
LENS: Final = "the lens every table plays"
MINUTES: Final = "minutes for each turn, e.g. 1, or 0.75 for 45 seconds and 1.5 for 90 (default: no clock)"
RULE: Final = (
    "at a decision, who decides when a turn's time runs out (at the table an answer lapses, "
    "a proposer passes and a sealed seat keeps the status quo)"
)
SCENARIO: Final = "the scenario every table plays (any playable file in scenarios/)"

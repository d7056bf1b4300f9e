"""The engine: scenario format, loader and validator, expressions, rules, players and saves.

Pure Python: nothing here imports pygame, prints or reads the keyboard. Front ends use this API.
"""

from .findings import ERROR, WARNING, Finding, ScenarioError
from .game import ChoiceView, Decision, Game, GameError, Move, ReplayReport, Settings
from .loader import load_scenario, load_text, validate_file
from .model import Actor, Constraint, Lens, Node, Outcome, Scenario, Source, Step, Variable
from .rules import Happening

__all__ = [
    "ERROR",
    "WARNING",
    "Actor",
    "ChoiceView",
    "Constraint",
    "Decision",
    "Finding",
    "Game",
    "GameError",
    "Happening",
    "Lens",
    "Move",
    "Node",
    "Outcome",
    "ReplayReport",
    "Scenario",
    "ScenarioError",
    "Settings",
    "Source",
    "Step",
    "Variable",
    "load_scenario",
    "load_text",
    "validate_file",
]

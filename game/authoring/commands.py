"""Commands for scenario authors."""

from __future__ import annotations

import argparse

from .validate import register_validate


def register(sub: argparse._SubParsersAction) -> None:
    register_validate(sub)

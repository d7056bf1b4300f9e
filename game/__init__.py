"""Parley: a diplomatic negotiation game played from YAML scenarios."""

__version__ = "0.1.0"

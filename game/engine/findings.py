"""Findings: what the validator and checker say about a scenario, with places and fixes.

Findings are data rather than exceptions, so one mistake does not hide the rest: every problem in
a file is collected and reported together, each with a stable code, a position and a hint.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Final, Literal

Severity = Literal["error", "warning"]
ERROR: Final = "error"
WARNING: Final = "warning"


@dataclass(frozen=True)
class Finding:
    """One problem at one place in one file. ``line`` and ``column`` are 1-based (0: unknown)."""

    severity: Severity
    code: str
    message: str
    file: str = ""
    line: int = 0
    column: int = 0
    hint: str = ""

    def format(self) -> str:
        """The one-line form ``file:line:col: severity: message (hint)``."""
        text = f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


class ScenarioError(ValueError):
    """A scenario that cannot be played: carries every finding, errors first."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        errors = [f for f in findings if f.severity == ERROR]
        first = errors[0].format() if errors else "invalid scenario"
        more = f" (and {len(errors) - 1} more errors)" if len(errors) > 1 else ""
        super().__init__(first + more)


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == ERROR for f in findings)


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """File order, so a reader can fix from the top down."""
    return sorted(findings, key=lambda f: (f.file, f.line, f.column, f.severity != ERROR))

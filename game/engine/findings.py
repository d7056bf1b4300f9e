"""Findings: what the validator and checker say about a scenario, with places and fixes.

Findings are data rather than exceptions, so one mistake does not hide the rest: every problem in
a file is collected and reported together, each with a stable code, a position and a hint.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, replace
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
    folded: int = 0  # knock-on findings folded under this one (it is their root cause)

    def format(self) -> str:
        """The one-line form ``file:line:col: severity: message (hint)``."""
        text = f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text

    def as_dict(self) -> dict[str, object]:
        out = asdict(self)
        if not self.folded:
            del out["folded"]
        return out


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


# Mistakes that make other parts of a file look wrong: shown first, whatever their line.
ROOT_CODES: Final = frozenset({"duplicate-id", "bad-id", "duplicate-key", "format-version"})

USES: Final = "and {n} use{s} of it, not checked until this is fixed"


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Root causes first, then file order, so a reader can fix from the top down."""
    return sorted(
        findings,
        key=lambda f: (not (f.code in ROOT_CODES or f.folded), f.file, f.line, f.column, f.severity != ERROR),
    )


class Folds:
    """Knock-on findings that follow from one root mistake, to be folded under it.

    Findings are registered by their index in the list being built: a root under a key (e.g. the
    variable whose declaration is broken) and knock-ons under the keys they depend on. Folding waits
    until the whole file is read, since a use may come before the declaration it depends on.
    """

    def __init__(self) -> None:
        self.roots: dict[tuple[str, str], tuple[int, str]] = {}
        self.knock_ons: list[tuple[tuple[str, str], int]] = []

    def root(self, key: tuple[str, str], index: int, note: str = USES) -> None:
        """Finding ``index`` explains every knock-on under ``key``; ``note`` words the count ({n}, {s})."""
        self.roots.setdefault(key, (index, note))

    def knock_on(self, key: tuple[str, str], index: int) -> None:
        self.knock_ons.append((key, index))

    def pending(self, kind: str) -> list[str]:
        """The names of knock-ons of ``kind`` that no root explains yet, in the order first seen."""
        return list(dict.fromkeys(name for (k, name), _ in self.knock_ons if k == kind and (k, name) not in self.roots))

    def apply(self, findings: list[Finding]) -> list[Finding]:
        """The findings with knock-ons removed and counted on their roots, roots first."""
        counts: Counter[tuple[int, str]] = Counter()
        dropped: set[int] = set()
        for key, index in self.knock_ons:
            if key not in self.roots or index in dropped or index >= len(findings):
                continue
            root, note = self.roots[key]
            if root != index and findings[index].severity == ERROR:
                dropped.add(index)
                counts[root, note] += 1
        out = list(findings)
        for (root, note), n in counts.items():
            found = out[root]
            said = note.format(n=n, s="" if n == 1 else "s")
            out[root] = replace(found, message=f"{found.message}; {said}", folded=found.folded + n)
        return sort_findings([f for i, f in enumerate(out) if i not in dropped])

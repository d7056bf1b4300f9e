"""``validate``: load and check scenario files, one finding per line (or JSON)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from ..commandline import fail
from ..engine import ERROR, Finding, validate_file
from ..paths import resolve_scenario, scenario_files
from ..scenario_names import find_scenario_file, unknown_scenario
from .watch import Line, watch


def report(findings: list[Finding], as_json: bool, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    if as_json:
        print(json.dumps([f.as_dict() for f in findings], indent=1, ensure_ascii=False), file=out)
        return
    for finding in findings:
        print(finding.format(), file=out)


def finding_lines(findings: list[Finding]) -> list[Line]:
    """Findings as watch lines: keyed without their position, so a finding that only moved is not new."""
    return [((f.file, f.severity, f.code, f.message, f.hint), f.format()) for f in findings]


def verdict(findings: list[Finding]) -> str:
    errors = sum(1 for f in findings if f.severity == ERROR)
    warnings = len(findings) - errors
    return ("valid" if not errors else f"{errors} error(s)") + (f", {warnings} warning(s)" if warnings else "")


def validate_lines(paths: list[str]) -> tuple[list[Line], str]:
    """One validation of every path, as watch lines and a verdict."""
    every: list[Finding] = []
    for path in paths:
        every.extend(validate_file(path)[1])
    return finding_lines(every), verdict(every)


def run_validate(args: argparse.Namespace) -> int:
    if args.watch:
        if not args.paths:
            return fail("--watch needs the scenario files to watch: name them after 'validate'")
        watched = [str(resolve_scenario(p)) for p in args.paths]
        return watch(watched, lambda: validate_lines(watched), sys.stdout)
    every: list[Finding] = []
    paths = [str(p) for p in scenario_files()]
    if args.paths:  # a name may be a path, a file name in a scenario folder, or a scenario's id
        found = {name: find_scenario_file(name) for name in args.paths}
        missing = [name for name, path in found.items() if path is None]
        if missing and not args.json:  # in words, not as a finding at line 0 of a file that is not there
            for name in missing:
                print(f"parley: error: {unknown_scenario(name)}", file=sys.stderr)
            if len(missing) == len(found):
                return 1
        paths = [str(path or resolve_scenario(name)) for name, path in found.items() if path or args.json]
    for path in paths:
        _, findings = validate_file(path)
        every.extend(findings)
        if not args.json and not args.quiet:
            report(findings, False)
            print(f"{path}: {verdict(findings)}", file=sys.stderr)
    if args.json:
        report(every, True)
    elif args.quiet:
        report([f for f in every if f.severity == ERROR], False)
    unknown = args.paths and any(find_scenario_file(name) is None for name in args.paths)
    return 1 if unknown or any(f.severity == ERROR for f in every) else 0


def register_validate(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "validate",
        help="check scenario files for errors",
        description="Load and check scenarios. Each problem is one line 'file:line:col: error|warning: message "
        "(hint)'. Exit status: 0 valid, 1 errors found, 2 usage error.",
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="scenario files or names (default: every scenario Parley knows)"
    )
    parser.add_argument("--json", action="store_true", help="print the findings as JSON")
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    parser.add_argument(
        "--watch", action="store_true", help="check again on every save and print what changed (Ctrl+C stops)"
    )
    parser.set_defaults(run=run_validate)

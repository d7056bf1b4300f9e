"""Commands for scenario authors: validate, check, graph, simulate, new and schema.

Each command's work lives in its own module, imported when the command runs, so ``--help`` stays
quick. Exit codes follow ``validate``: 0 fine, 1 problems found, 2 usage errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..commandline import fail
from ..engine import ERROR, Scenario, validate_file
from ..engine.policies import POLICIES
from ..engine.safefile import FileProblem, write_atomic
from ..paths import new_scenarios_folder, resolve_scenario
from ..scenario_names import find_scenario_file, unknown_scenario
from .validate import register_validate, report
from .watch import watch

SCENARIO_HELP = "a scenario: a file, or the file name or id of one in a scenario folder"


def register(sub: argparse._SubParsersAction) -> None:
    register_validate(sub)

    check = sub.add_parser(
        "check",
        help="explore every state of a scenario and report deeper problems",
        description="Validate a scenario, then play out every state it can reach and report unreachable "
        "nodes, endings and choices, constraints that never bite, places play gets stuck or loops, "
        "the shortest path to each ending and the fewest departures from history that reach it. "
        "Exit status: 0 no errors, 1 errors (or warnings, with --strict), 2 usage error.",
    )
    check.add_argument("path", metavar="PATH", help=SCENARIO_HELP)
    check.add_argument("--lens", metavar="L", help="measure counterfactuals under this lens (default: the scenario's)")
    check.add_argument("--json", action="store_true", help="print the report as JSON")
    check.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    check.add_argument(
        "--watch", action="store_true", help="check again on every save and print what changed (Ctrl+C stops)"
    )
    check.set_defaults(run=run_check)

    graph = sub.add_parser(
        "graph",
        help="draw the decision tree as PNG, SVG or Graphviz DOT",
        description="Draw the scenario's decision tree: nodes coloured by actor, chance nodes grey, endings white, "
        "the historical path in gold. The format follows FILE's extension: .png, .svg or .dot.",
    )
    graph.add_argument("path", metavar="PATH", help=SCENARIO_HELP)
    graph.add_argument("-o", "--output", required=True, metavar="FILE", help="where to write: .png, .svg or .dot")
    graph.set_defaults(run=run_graph)

    simulate = sub.add_parser(
        "simulate",
        help="play many computer games and count the endings",
        description="Play N games with every actor played by the computer and print how often each ending "
        "comes and, per role, the median number of real decisions per game (turns with two or more open "
        "options), the mean open options of those decisions and the mean score on its objectives. The "
        "numbers are the same for a given seed whatever the number of processes.",
    )
    simulate.add_argument("path", metavar="PATH", help=SCENARIO_HELP)
    simulate.add_argument("--runs", type=_positive, default=1000, metavar="N", help="games to play (default 1000)")
    simulate.add_argument(
        "--policy",
        default="random",
        choices=tuple(POLICIES),
        help="how the computer plays every actor (default: random)",
    )
    simulate.add_argument("--lens", metavar="L", help="the reading to play under (default: the scenario's)")
    simulate.add_argument("--seed", type=int, default=1, metavar="S", help="seed of the run (default 1)")
    simulate.add_argument(
        "--workers", type=_positive, default=None, metavar="K", help="processes to use (default: every core)"
    )
    simulate.add_argument("--json", action="store_true", help="print the counts as JSON")
    bar = simulate.add_mutually_exclusive_group()
    bar.add_argument(
        "--progress", dest="progress", action="store_true", default=None, help="always show a progress bar on stderr"
    )
    bar.add_argument("--no-progress", dest="progress", action="store_false", help="never show one")
    simulate.set_defaults(run=run_simulate)

    new = sub.add_parser(
        "new",
        help="start a new scenario from a commented template",
        description="Write a small valid scenario, with a comment on each part, to scenarios/NAME.yaml. "
        "An existing file is never overwritten. NAME is lower-case letters, digits, '-' and '_', "
        "starting with a letter. Exit status: 0 written, 1 the file exists already or cannot be "
        "written, 2 usage error (such as a NAME that is not usable).",
    )
    new.add_argument("name", metavar="NAME", help="the file name without .yaml, e.g. yalta-1945")
    new.add_argument(
        "--dir",
        type=Path,
        default=new_scenarios_folder(),
        metavar="FOLDER",
        help="where to write it (default: your scenarios folder)",
    )
    new.add_argument(
        "--negotiation",
        action="store_true",
        help="start from a negotiation at the table (format 2): issues, values, objectives, a sealed move",
    )
    new.set_defaults(run=run_new)

    schema = sub.add_parser(
        "schema",
        help="print the JSON Schema of the scenario format (for editors)",
        description="Print the JSON Schema of the scenario format, generated from the validator's own "
        "definitions. docs/authoring.md shows how to attach it to a YAML editor.",
    )
    schema.add_argument("-o", "--output", type=Path, metavar="FILE", help="write it to FILE instead")
    schema.set_defaults(run=run_schema)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"it must be at least 1, not {value}")
    return value


def cannot_write(path: Path, exc: OSError) -> str:
    """One line saying why ``path`` could not be written, the same whatever the file's format."""
    if isinstance(exc, FileProblem):
        return str(exc)
    if isinstance(exc, FileNotFoundError) and not path.parent.is_dir():
        reason = "no such folder"
    elif isinstance(exc, IsADirectoryError):
        reason = "it is a folder"
    else:
        reason = (exc.strerror or str(exc)).lower()
    return f"cannot write {path}: {reason}"


def _load(path: str, quiet: bool = False) -> Scenario | None:
    """The scenario, or None after printing its errors (the validator's own lines) to stderr."""
    found = find_scenario_file(path)
    if found is None:
        print(f"parley: error: {unknown_scenario(path)}", file=sys.stderr)
        return None
    scenario, findings = validate_file(str(found))
    if scenario is None:
        for finding in findings:
            if finding.severity == ERROR:
                print(finding.format(), file=sys.stderr)
        if not quiet:
            print(f"parley: {path} has errors; fix them first ('python main.py validate {path}').", file=sys.stderr)
    return scenario


def run_check(args: argparse.Namespace) -> int:
    from .check import check_scenario

    if args.watch:
        from .recheck import WatchedCheck

        watched = WatchedCheck(str(resolve_scenario(args.path)), args.lens)
        return watch([watched.path], watched.stages(), sys.stdout)
    found = find_scenario_file(args.path)
    if found is None and not args.json:
        return fail(unknown_scenario(args.path), 1)
    scenario, findings = validate_file(str(found or resolve_scenario(args.path)))
    if scenario is None:
        report(findings, args.json, sys.stdout)
        return 1
    if args.lens and args.lens not in scenario.lenses:
        return fail(f"no lens {args.lens!r}; this scenario has: {', '.join(scenario.lenses) or 'none'}")
    result = check_scenario(scenario, args.lens)
    every = findings + result.findings
    if args.json:
        data = result.as_dict()
        data["findings"] = [f.as_dict() for f in every]
        print(json.dumps(data, indent=1, ensure_ascii=False))
    else:
        report(every, False, sys.stdout)
        print("\n".join(result.summary_lines()))
        warnings = len(every)
        print(f"{scenario.path}: no errors" + (f", {warnings} warning(s)" if warnings else ""), file=sys.stderr)
    return 1 if args.strict and every else 0


def run_graph(args: argparse.Namespace) -> int:
    from .graph import layout, to_dot, to_svg

    output = Path(args.output)
    kind = output.suffix.lower()
    if kind not in (".png", ".svg", ".dot", ".gv"):
        return fail(f"cannot tell the format from {output.name!r}: end the file name in .png, .svg or .dot")
    if not output.parent.is_dir():  # say so before the work of drawing
        return fail(cannot_write(output, FileNotFoundError()), 1)
    scenario = _load(args.path)
    if scenario is None:
        return 1
    plan = layout(scenario)
    try:
        if kind == ".png":
            from ..ui.render.graph_png import write_png

            write_png(scenario, output, plan)
        else:
            text = to_svg(scenario, plan) if kind == ".svg" else to_dot(scenario, plan)
            write_atomic(output, text)
    except OSError as exc:
        return fail(cannot_write(output, exc), 1)
    print(
        f"{output}: {len(scenario.nodes)} nodes, {len(scenario.outcomes)} endings, "
        f"{plan.layers} layers in {plan.bands} band(s)",
        file=sys.stderr,
    )
    if plan.stopped:
        print(f"note: the rows were left less tidy than usual: {plan.stopped}", file=sys.stderr)
    return 0


def run_simulate(args: argparse.Namespace) -> int:
    from .simulate import as_dict, role_table, show_progress, simulate, table

    scenario = _load(args.path)
    if scenario is None:
        return 1
    if args.lens and args.lens not in scenario.lenses:
        return fail(f"no lens {args.lens!r}; this scenario has: {', '.join(scenario.lenses) or 'none'}")
    bar = show_progress(args.runs, args.progress)
    tally = simulate(scenario, args.runs, args.policy, args.lens, args.seed, args.workers, bar)
    if args.json:
        print(json.dumps(as_dict(scenario, tally, args.policy, args.lens, args.seed), indent=1))
    else:
        lens = args.lens or scenario.default_lens
        if tally.stopped:
            print(f"simulate did not finish: {tally.stopped}; {tally.games} of {args.runs} games were played")
        print(
            f"{scenario.title}: {tally.games} games, every actor played by '{args.policy}'"
            + (f", lens '{lens}'" if lens else "")
            + f", seed {args.seed}"
        )
        print("\n".join(table(scenario, tally)))
        print()
        print("\n".join(role_table(scenario, tally)))
    return 0


def run_new(args: argparse.Namespace) -> int:
    from .new import BadNameError, NewScenarioError, create

    try:
        path = create(args.name, args.dir, args.negotiation)
    except BadNameError as exc:  # a mistake on the command line, like argparse's own: exit 2
        return fail(str(exc), 2)
    except NewScenarioError as exc:  # a problem found (the file exists already): exit 1
        return fail(str(exc), 1)
    except OSError as exc:
        return fail(f"cannot write in {args.dir}: {exc.strerror or exc}", 1)
    print(f"Wrote {path}. Next: edit it, then 'python main.py check {path}'.")
    return 0


def run_schema(args: argparse.Namespace) -> int:
    from .jsonschema_export import schema_text

    if args.output:
        try:
            write_atomic(args.output, schema_text())
        except OSError as exc:
            return fail(cannot_write(args.output, exc), 1)
        return 0
    sys.stdout.write(schema_text())
    return 0

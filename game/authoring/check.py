"""``check``: validate, then explore every state and report what only play can show.

The validator looks at the file and the graph; this looks at the game. It finds nodes, endings and
choices that conditions make unreachable, constraints that never forbid anything, decisions where
play can get stuck, loops, history that the scenario's own rules would not allow, the shortest way
to each ending and the smallest counterfactual for each.
"""

from __future__ import annotations

import re
import statistics
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..engine import rules, talks, turns
from ..engine.budget import Budget
from ..engine.findings import WARNING, Finding, sort_findings
from ..engine.graphcheck import reachable
from ..engine.model import Scenario, Step
from ..engine.similar import listing
from ..engine.state import GameState
from . import tables
from .absint import Possible, possible
from .counting import play_counted
from .explore import (
    STUCK,
    Edge,
    PathStep,
    Skip,
    StateSpace,
    bfs_parents,
    collector_paused,
    explore,
    loops,
    outcome_states,
    path_to,
)
from .playouts import playouts
from .positions import SECTIONS, Place, column_of, item_places
from .ties import counterfactuals
from .weekdays import contradictions

# One line under the endings' heading, so a reader does not take a count of departures for every change.
DEPARTURES_LEGEND = (
    "a departure is a step other than history's, where history's was open; "
    "steps at places history never reached are not counted"
)


Subject = tuple[str, ...]


@dataclass(frozen=True)
class Decisions:
    """A role's real decisions (two or more open options): along history, and the median of sampled games."""

    historical: int
    sampled_median: float


@dataclass
class CheckReport:
    """Everything ``check`` found: findings (warnings) and, per ending, two telling paths."""

    scenario: Scenario
    findings: list[Finding]
    states: int
    seconds: float
    lenses: list[str]
    lens: str  # the lens the counterfactuals are measured under
    shortest: dict[str, list[PathStep]] = field(default_factory=dict)
    counterfactual: dict[str, list[PathStep]] = field(default_factory=dict)
    truncated: bool = False
    stopped: str = ""  # why exploring stopped before its state limit: the step or time budget ran out
    decisions: dict[str, Decisions] = field(default_factory=dict)  # role -> its real decisions
    sampled: int = 0  # games sampled for the decisions' medians
    ties: dict[str, list[list[PathStep]]] = field(default_factory=dict)  # other smallest counterfactuals
    # What each finding that says something never happens is about: ("node", id), ("outcome", id),
    # ("step", node, step), ("shown", node, choice) for a choice never shown, ("constraint", id). A
    # game that sees it happen shows the finding is gone (``firstlook``).
    about: dict[Finding, Subject] = field(default_factory=dict)

    def off_history(self, path: list[PathStep]) -> list[PathStep]:
        """Steps other than history's where they are not counted as departures: at places history
        never reached, or where history's step was closed. A counterfactual needs them too."""
        out = []
        for p in path:
            if p.departure or p.step == STUCK:
                continue
            history = tables.history_step(self.scenario, self.scenario.nodes[p.node])
            if history is None or history.id != p.step:
                out.append(p)
        return out

    def as_dict(self) -> dict[str, object]:
        def steps(path: list[PathStep]) -> list[dict[str, object]]:
            return [
                {
                    "node": p.node,
                    "step": p.step,
                    "label": p.label,
                    "actor": p.actor,
                    "date": self.scenario.date_of(p.day).isoformat(),
                    "departure": p.departure,
                    **({"instead_of": p.instead_of} if p.departure else {}),
                }
                for p in path
            ]

        outcomes = {}
        for oid, outcome in self.scenario.outcomes.items():
            entry: dict[str, object] = {
                "title": outcome.title,
                "historical": outcome.historical,
                "reachable": oid in self.shortest,
            }
            if oid in self.shortest:
                entry["shortest"] = steps(self.shortest[oid])
            if oid in self.counterfactual:
                path = self.counterfactual[oid]
                entry["departures"] = sum(p.departure for p in path)
                entry["further_steps"] = len(self.off_history(path))
                entry["counterfactual"] = steps(path)
                entry["ties"] = [steps(tie) for tie in self.ties.get(oid, [])]
            outcomes[oid] = entry
        return {
            "file": self.scenario.path,
            "scenario": self.scenario.id,
            "states": self.states,
            "seconds": round(self.seconds, 3),
            "lenses": self.lenses,
            "counterfactual_lens": self.lens,
            "complete": not self.truncated,
            "stopped": self.stopped,
            "findings": [f.as_dict() for f in self.findings],
            "outcomes": outcomes,
            "decisions": {
                actor: {"historical": d.historical, "sampled_median": d.sampled_median, "sampled_games": self.sampled}
                for actor, d in self.decisions.items()
            },
        }

    def summary_lines(self) -> list[str]:
        scenario = self.scenario
        lenses = (
            f" under lens{'es' if len(self.lenses) > 1 else ''} {', '.join(self.lenses)}" if any(self.lenses) else ""
        )
        lines = [
            f"{scenario.path}: {self.states} states explored in {self.seconds:.2f} s{lenses}"
            + (" (the states nearest to history: there are more)" if self.truncated else "")
        ]
        if self.stopped:
            lines.append(f"check did not finish: {self.stopped}; what it found by then follows")
        under = f" under lens '{self.lens}'" if self.lens else ""
        lines.append(f"Endings — shortest path, and fewest departures from history{under}:")
        lines.append(f"  ({DEPARTURES_LEGEND})")
        for oid, outcome in scenario.outcomes.items():
            mark = " (historical)" if outcome.historical else ""
            if oid not in self.shortest:
                lines.append(f"  {oid}: {outcome.title}{mark} — never reached")
                continue
            path = self.shortest[oid]
            lines.append(f"  {oid}: {outcome.title}{mark}")
            found = "shortest found" if self.truncated else "shortest"
            lines.append(f"    {found}: {len(path)} step(s): {describe_path(path)}")
            if oid in self.counterfactual:
                lines += self._counterfactual_lines(oid)
            else:
                lines.append(f"    not reachable{under}")
        if self.decisions:
            lines.append(
                f"Real decisions per role (two or more open options): along history{under}, and the median of "
                f"{self.sampled} sampled games:"
            )
            width = max(len(a) for a in self.decisions)
            for actor, counted in self.decisions.items():
                name = scenario.actors[actor].name
                lines.append(
                    f"  {actor:<{width}}  {counted.historical:>3} along history, {counted.sampled_median:g} "
                    f"sampled  ({name})"
                )
        return lines

    def _counterfactual_lines(self, oid: str) -> list[str]:
        path = self.counterfactual[oid]
        moves = [p for p in path if p.departure]
        further = self.off_history(path)
        if not moves and not further:
            return ["    history itself leads here"]
        ties = self.ties.get(oid, [])
        tied = f" (one of {len(ties) + 1} that tie)" if ties else ""
        more = f", then {len(further)} further non-historical step(s) off history's path" if further else ""
        lines = [f"    smallest counterfactual{tied}: {len(moves)} departure(s){more}:"]
        lines += [f"      - {describe_departure(self.scenario, p)}" for p in moves]
        lines += [f"      + {describe_step(self.scenario, p)}" for p in further]
        for number, tie in enumerate(ties, 2):
            extra = len(self.off_history(tie))
            listed = "; ".join(f"{p.node}:{p.step}" for p in tie if p.departure)
            lines.append(f"    tie {number}: {listed}" + (f" (+{extra} further step(s))" if extra else ""))
        return lines


def describe_step(scenario: Scenario, step: PathStep) -> str:
    """A step off history's path: where, who, and what they do."""
    node = scenario.nodes[step.node]
    who = scenario.actors[step.actor].name if step.actor in scenario.actors else "Chance"
    when = scenario.date_of(step.day).strftime("%d %b %Y").lstrip("0")
    return f"{when}, {node.title} [{step.node}]: {who} — '{step.label}'"


def describe_path(path: list[PathStep], limit: int = 12) -> str:
    """``node:step > node:step ...``, with the middle of a long path left out."""
    names = [f"{p.node}:{p.step}" for p in path]
    if len(names) > limit:
        head, tail = limit // 3, limit - limit // 3
        names = [*names[:head], f"... {len(names) - limit} more ...", *names[-tail:]]
    return " > ".join(names) or "(at once)"


def describe_departure(scenario: Scenario, step: PathStep) -> str:
    node = scenario.nodes[step.node]
    who = scenario.actors[step.actor].name if step.actor in scenario.actors else "Chance"
    when = scenario.date_of(step.day).strftime("%d %b %Y").lstrip("0")
    return f"{when}, {node.title} [{step.node}]: {who} — '{step.label}' instead of '{step.instead_of}'"


class Findings:
    """Builds findings placed at the line (and column) of the thing they are about."""

    def __init__(self, scenario: Scenario, text: str) -> None:
        self.scenario = scenario
        self.lines = text.splitlines()
        self.places = item_places(text, (*SECTIONS, "issues"))
        self.out: list[Finding] = []
        self.about: dict[Finding, Subject] = {}

    def add(self, code: str, place: Place, message: str, hint: str = "", about: Subject = ()) -> None:
        """A warning at ``place``; ``about`` names what it says never happens, if it says so."""
        found = Finding(WARNING, code, message, self.scenario.path, place[0], place[1], hint)
        self.out.append(found)
        if about:
            self.about[found] = about

    def at_line(self, line: int) -> Place:
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        return line, column_of(text) if text else 0

    def node(self, nid: str) -> Place:
        return self.at_line(self.scenario.nodes[nid].line)

    def step(self, nid: str, sid: str) -> Place:
        step = self.scenario.nodes[nid].step(sid)
        return self.at_line(step.line if step else 0)

    def item(self, section: str, ident: str) -> Place:
        return self.places.get((section, ident), (0, 0))

    def option(self, issue: str, option: str) -> Place:
        """The line of an issue's option (the issue's own line when it cannot be found)."""
        place = self.item("issues", issue)
        pattern = re.compile(rf"\bid\s*:\s*['\"]?{re.escape(option)}\b")
        for number in range(place[0], min(place[0] + 200, len(self.lines)) + 1):
            if number > place[0] and pattern.search(self.lines[number - 1]):
                return self.at_line(number)
        return place

    def exit(self, nid: str, step: Step) -> Place:
        """Where a step out of a node is: its own line, or the node's for a table's stand-in step."""
        return self.at_line(step.line) if step.line else self.node(nid)


MAX_STATES = 40_000  # under half a second of exploration; beyond it, proofs and examples take over
STATES_PER_NODE = 20  # a bigger scenario gets a proportionally bigger budget
CHECK_STEPS = 5_000_000  # edges followed and options weighed, exploring and sampling together
CHECK_SECONDS = 30.0
PLAYOUTS = 2_000
SAMPLED = 200  # random games played when the exploration was complete, for the roles' decisions


@dataclass
class Evidence:
    """What play was seen to do (exactly, or by exploration plus random games) and, when the state
    space was too big to explore in full, what it might do (``maybe``); only what it cannot do is
    reported as 'never'."""

    open_steps: set[tuple[str, str]]
    visible_steps: set[tuple[str, str]]
    blocked_by: dict[tuple[str, str], set[str]]
    nodes: set[str]
    outcomes: set[str]
    maybe: Possible | None = None
    unsettled: list[str] = field(default_factory=list)
    deal_terms: set[tuple[str, str]] = field(default_factory=set)
    acceptable: dict[str, bool | None] = field(default_factory=dict)  # negotiation -> some deal acceptable
    skipped: dict[tuple[str, str, str], Skip] = field(default_factory=dict)
    decisions: dict[str, list[int]] = field(default_factory=dict)  # role -> real decisions per sampled game

    def never(self, what: str, seen: bool, possible: bool) -> bool:
        """True when it is certain that something was never done; note it as unsettled if unknown."""
        if seen:
            return False
        if self.maybe is None or not possible:
            return True
        self.unsettled.append(what)
        return False


def _evidence(
    scenario: Scenario, space: StateSpace, budget: Budget | None = None, memo: tables.Memo | None = None
) -> tuple[Evidence, dict[str, list[tuple[str, str]]]]:
    """What exploration saw and, always, what random games saw: when the exploration was complete
    they add nothing but a sample of the roles' decisions (and deals bargained out step by step)."""
    evidence = Evidence(
        set(space.open_steps),
        set(space.visible_steps),
        {k: set(v) for k, v in space.blocked_by.items()},
        space.reached_nodes,
        space.reached_outcomes,
        deal_terms=set(space.deal_terms),
        acceptable=dict(space.acceptable),
        skipped=dict(space.skipped),
    )
    seen = playouts(scenario, PLAYOUTS if space.truncated else SAMPLED, budget=budget, memo=memo)
    evidence.decisions = seen.decisions
    evidence.deal_terms |= seen.deal_terms
    evidence.acceptable.update(dict.fromkeys(seen.acceptable, True))
    for where, skip in seen.skipped.items():
        evidence.skipped.setdefault(where, skip)
    if not space.truncated:
        return evidence, {}
    evidence.open_steps |= seen.open_steps
    evidence.visible_steps |= seen.visible_steps
    for key, names in seen.blocked_by.items():
        evidence.blocked_by.setdefault(key, set()).update(names)
    evidence.nodes |= seen.nodes
    evidence.outcomes |= seen.outcomes
    evidence.maybe = possible(scenario, budget=budget)
    return evidence, seen.stuck


@dataclass
class Play:
    """What play can do, as exploring and random games found it: the costly part of a check, which
    reads the scenario's rules but none of its prose, so a save that changed only prose can reuse it
    (``recheck``). Places in the file and the narration are read afresh by ``report``."""

    space: StateSpace
    evidence: Evidence
    stuck_elsewhere: dict[str, list[tuple[str, str]]]
    parent: dict[int, tuple[int, Edge]]
    shortest: dict[str, list[PathStep]]
    counterfactual: dict[str, list[PathStep]]
    ties: dict[str, list[list[PathStep]]]
    decisions: dict[str, Decisions]
    lens: str
    max_states: int
    stopped: str
    seconds: float
    memo: tables.Memo


def explore_play(
    scenario: Scenario,
    lens: str | None = None,
    max_states: int | None = None,
    budget: Budget | None = None,
    memo: tables.Memo | None = None,
) -> Play:
    """Explore ``scenario`` under every lens (counterfactuals measured under ``lens``) and play random
    games. Exploring and sampling share ``budget`` (by default CHECK_STEPS steps and CHECK_SECONDS
    seconds): when it runs out, the report says so and gives what was found. ``memo`` may bring what
    bargaining gave in an earlier check (see ``tables.Memo``)."""
    with collector_paused():  # the explored graph stays alive while paths are read and games played
        return _explore_play(scenario, lens, max_states, budget, memo)


def _explore_play(
    scenario: Scenario,
    lens: str | None,
    max_states: int | None,
    budget: Budget | None,
    memo: tables.Memo | None,
) -> Play:
    began = time.perf_counter()
    budget = budget or Budget(CHECK_STEPS, CHECK_SECONDS)
    if max_states is None:
        max_states = max(MAX_STATES, STATES_PER_NODE * len(scenario.nodes))
    chosen = lens if lens is not None else scenario.default_lens
    order = exploration_order(scenario, lens)
    memo = memo or tables.Memo(scenario)
    space = explore(scenario, order, max_states, budget=budget, memo=memo)
    evidence, stuck_elsewhere = _evidence(scenario, space, budget, memo)
    parent = bfs_parents(space)
    ends = outcome_states(space)
    roots = set(space.roots.values())
    shortest = {oid: path_to(space, parent, i) for oid, i in ends.items() if i in parent or i in roots}
    counterfactual, ties = counterfactuals(space, space.roots[chosen]) if chosen in space.roots else ({}, {})
    decisions = _decisions(scenario, chosen, evidence)
    return Play(
        space,
        evidence,
        stuck_elsewhere,
        parent,
        shortest,
        counterfactual,
        ties,
        decisions,
        chosen,
        max_states,
        budget.stopped,
        time.perf_counter() - began,
        memo,
    )


def exploration_order(scenario: Scenario, lens: str | None) -> list[str]:
    """The lenses in the order they are explored: ``lens`` (by default the default lens) first."""
    chosen = lens if lens is not None else scenario.default_lens
    return [chosen] + [name for name in scenario.lenses if name != chosen] if scenario.lenses else [""]


def check_scenario(
    scenario: Scenario,
    lens: str | None = None,
    text: str | None = None,
    max_states: int | None = None,
    budget: Budget | None = None,
) -> CheckReport:
    """Explore ``scenario`` under every lens and report; counterfactuals are measured under ``lens``.
    Exploring and sampling share ``budget`` (by default CHECK_STEPS steps and CHECK_SECONDS seconds):
    when it runs out, the report says so and gives what was found."""
    return report(scenario, explore_play(scenario, lens, max_states, budget), text)


def report(scenario: Scenario, play: Play, text: str | None = None) -> CheckReport:
    """The findings and paths of ``play`` for ``scenario``, placed in ``text`` (by default the file as
    it is now). ``play`` may come from an earlier version of the file that differed only in prose."""
    if text is None:
        try:
            text = Path(scenario.path).read_text(encoding="utf-8")
        except OSError:
            text = ""
    space = play.space
    evidence = replace(play.evidence, unsettled=[])  # filled afresh by the findings below
    out = Findings(scenario, text)
    reach_findings(scenario, evidence, out)
    step_findings(scenario, evidence, out)
    constraint_findings(scenario, evidence, out)
    _stuck_and_loop_findings(space, play.parent, play.stuck_elsewhere, out)
    history_findings(scenario, out)
    _deal_findings(scenario, evidence, out)
    _skip_findings(scenario, evidence, out)
    _weekday_findings(scenario, space, out)
    if evidence.unsettled:
        listed = listing(evidence.unsettled, 8)
        out.add(
            "partial",
            (1, 1),
            f"the game has more than {play.max_states} states, so check explored those nearest to history, played "
            f"{PLAYOUTS} random games and bounded the rest; it could not settle whether these ever happen: "
            f"{listed}",
            "try 'python main.py play --text --from NODE --set VAR=VALUE' to test them by hand",
        )
    return CheckReport(
        scenario,
        sort_findings(out.out),
        len(space),
        play.seconds,
        list(space.roots),
        play.lens,
        play.shortest,
        play.counterfactual,
        space.truncated,
        play.stopped,
        play.decisions,
        len(next(iter(evidence.decisions.values()), [])),
        play.ties,
        out.about,
    )


def _decisions(scenario: Scenario, lens: str, evidence: Evidence) -> dict[str, Decisions]:
    """Each role's real decisions along history (computer players following it, where they can) and
    the median over the sampled games."""
    history = play_counted(scenario, lens or None, "historical", 0, rules.historical_branch)
    return {
        actor: Decisions(
            history.decisions.get(actor, 0), float(statistics.median(evidence.decisions.get(actor) or [0]))
        )
        for actor in scenario.actors
    }


def reach_findings(scenario: Scenario, evidence: Evidence, out: Findings) -> None:
    in_graph = reachable(scenario)  # what the graph cannot reach, the validator has reported already
    maybe = evidence.maybe
    for nid in scenario.nodes:
        if nid in in_graph and evidence.never(
            f"node {nid}", nid in evidence.nodes, maybe is not None and nid in maybe.at
        ):
            out.add(
                "never-reached",
                out.node(nid),
                f"node {nid!r} is never reached in play",
                "the choices and branches that lead to it are never open; see the findings above it",
                ("node", nid),
            )
    for oid in scenario.outcomes:
        if oid in in_graph and evidence.never(
            f"outcome {oid}", oid in evidence.outcomes, maybe is not None and oid in maybe.outcomes
        ):
            out.add(
                "never-reached",
                out.item("outcomes", oid),
                f"outcome {oid!r} is never reached in play",
                "the choices that lead to it are never open under any lens",
                ("outcome", oid),
            )


def step_findings(scenario: Scenario, evidence: Evidence, out: Findings) -> None:
    maybe = evidence.maybe
    for nid, node in scenario.nodes.items():
        if nid not in evidence.nodes:
            continue
        steps = [(step.id, step) for step in node.steps]
        steps += [(tables.seat_key(seat.actor, step), step) for seat in node.sealed for step in seat.choices]
        for sid, step in steps:
            key = (nid, sid)
            if step.deliberate_block or not evidence.never(
                f"{nid}:{sid}", key in evidence.open_steps, maybe is not None and key in maybe.open_steps
            ):
                continue
            place = out.exit(nid, step)
            if node.is_chance:
                out.add(
                    "never-drawn",
                    place,
                    f"the branch {step.id!r} of {nid!r} can never be drawn",
                    f"its weight '{step.weight_text}' is never above 0 when play reaches it",
                    ("step", nid, sid),
                )
            elif key not in evidence.visible_steps and (maybe is None or key not in maybe.visible_steps):
                out.add(
                    "never-open",
                    place,
                    f"the choice {sid!r} at {nid!r} is never shown",
                    f"its 'if' ({step.condition_text}) never holds when play reaches {nid!r}",
                    ("shown", nid, sid),
                )
            else:
                names = ", ".join(sorted(evidence.blocked_by.get(key, ()))) or ", ".join(step.constraints)
                out.add(
                    "never-open",
                    place,
                    f"the choice {sid!r} at {nid!r} is always blocked",
                    f"by {names}: the 'unless' never holds there; if that is meant, say 'stays_blocked: true'",
                    ("step", nid, sid),
                )


def naming_choices(scenario: Scenario) -> dict[str, list[tuple[str, str]]]:
    """Each constraint's choices (and sealed seats' choices), as (node, step) keys."""
    naming: dict[str, list[tuple[str, str]]] = {}
    for nid, node in scenario.nodes.items():
        named = [(step.id, step) for step in node.choices]
        named += [(tables.seat_key(seat.actor, step), step) for seat in node.sealed for step in seat.choices]
        for sid, step in named:
            for cid in step.constraints:
                naming.setdefault(cid, []).append((nid, sid))
    return naming


def constraint_findings(scenario: Scenario, evidence: Evidence, out: Findings) -> None:
    naming = naming_choices(scenario)
    bit = set().union(*evidence.blocked_by.values()) if evidence.blocked_by else set()
    maybe = evidence.maybe
    for cid, constraint in scenario.constraints.items():
        if cid not in naming or not evidence.never(
            f"constraint {cid} biting", cid in bit, maybe is not None and cid in maybe.bites
        ):
            continue
        shown = [k for k in naming[cid] if k in evidence.visible_steps]
        if shown:
            out.add(
                "never-bites",
                out.item("constraints", cid),
                f"the constraint {cid!r} never forbids anything",
                f"'{constraint.unless_text}' already holds whenever a choice naming it is shown",
                ("constraint", cid),
            )
        else:
            out.add(
                "never-bites",
                out.item("constraints", cid),
                f"the constraint {cid!r} never forbids anything: no choice naming it is ever shown",
                about=("constraint", cid),
            )


def _stuck_and_loop_findings(
    space: StateSpace, parent: dict[int, tuple[int, Edge]], elsewhere: dict[str, list[tuple[str, str]]], out: Findings
) -> None:
    scenario = space.scenario
    fallback = scenario.fallback_outcome
    stuck = {nid: describe_path(path_to(space, parent, state)) for nid, state in space.stuck.items()}
    for nid, steps in elsewhere.items():
        stuck.setdefault(nid, " > ".join(f"{n}:{s}" for n, s in steps) or "(at once)")
    for nid, route in stuck.items():
        out.add(
            "stuck",
            out.node(nid),
            f"play can get stuck at {nid!r}: no choice is open there (after {route}); the game then ends "
            f"in {fallback!r}",
            "add a choice without 'if' or constraints, or loosen a condition",
        )
    for group in loops(space):
        members = set(group)
        names = list(dict.fromkeys(space.node_of[i] for i in group))
        leaves = any(e.target not in members for i in group for e in space.edges[i])
        route = describe_path(path_to(space, parent, group[0]))
        when = "from the start" if route == "(at once)" else f"after {route}"
        tail = "" if leaves else "; nothing leads out, so the game is stopped after 10,000 turns"
        out.add(
            "loop",
            out.node(names[0]),
            f"play really can go round {' -> '.join(names)} forever: neither the date nor any value changes "
            f"({when}){tail}",
            "give a step of the loop 'days: 1' or an effect that ends it",
        )


def history_findings(scenario: Scenario, out: Findings) -> None:
    """Follow history under each lens: a historical choice that the rules keep closed is a contradiction."""
    for lens in list(scenario.lenses) or [""]:
        state = rules.initial_state(scenario, lens or None, 0)
        rules.move(scenario, state, scenario.start_node, None)
        under = f" under lens {lens!r}" if lens else ""
        for _ in range(rules.MAX_TURNS):
            if state.outcome:
                break
            node = scenario.nodes[state.node]
            if node.negotiation is not None or node.sealed:
                if not _follow_table(scenario, state, out, under):
                    break
                continue
            if node.is_chance:
                step, _forced = rules.historical_branch(node, state)
            else:
                history = scenario.historical_step(node)
                if history is None:
                    break  # the validator reports a historical path that breaks off
                if history not in rules.open_steps(scenario, node, state):
                    why = (
                        "hidden by its 'if'"
                        if not rules.visible(history, state)
                        else "blocked by " + ", ".join(c.id for c in rules.blockers(scenario, history, state))
                    )
                    out.add(
                        "history-closed",
                        out.step(node.id, history.id),
                        f"the historical choice {history.id!r} at {node.id!r} is not open when play follows "
                        f"history{under}: it is {why}",
                        "history must be playable: loosen the condition",
                    )
                    break
                step = history
            rules.take(scenario, state, step, None)


def _weekday_findings(scenario: Scenario, space: StateSpace, out: Findings) -> None:
    days: dict[str, set[int]] = {}
    for node, day in zip(space.node_of, space.day_of, strict=True):
        if node:
            days.setdefault(node, set()).add(day)
    for nid, message, hint in contradictions(scenario, days):
        out.add("weekday", out.node(nid), message, hint)


def _follow_table(scenario: Scenario, state: GameState, out: Findings, under: str) -> bool:
    """Take history's way out of a negotiation or sealed move; False (with a finding where the rules
    forbid history) when history cannot be followed further."""
    node = scenario.nodes[state.node]
    negotiation = node.negotiation
    if negotiation is not None:
        if negotiation.no_deal.historical:
            talks.conclude(scenario, state, None, None)
            return True
        package = tables.historical_package(negotiation)
        if not negotiation.deal.historical or package is None:
            return False
        if not tables.concludable(scenario, state, negotiation, package):
            out.add(
                "history-closed",
                out.node(node.id),
                f"the historical deal at {node.id!r} ({talks.describe(scenario, package)}) cannot be concluded "
                f"when play follows history{under}: a term rule forbids it",
                "history must be playable: loosen the term rule's constraint",
            )
            return False
        talks.conclude(scenario, state, package, None)
        return True
    picks = []
    for seat in node.sealed:
        history = next((s for s in seat.choices if s.historical), None)
        if history is None:
            return False
        if history not in turns.seal_options(scenario, node, state, seat.actor):
            out.add(
                "history-closed",
                out.exit(node.id, history),
                f"the historical choice {history.id!r} of {seat.actor!r} at {node.id!r} is not open when play "
                f"follows history{under}",
                "history must be playable: loosen the condition",
            )
            return False
        picks.append((seat.actor, history))
    for actor, step in picks:
        talks.seal(scenario, state, actor, step, None)
    return True


def _deal_findings(scenario: Scenario, evidence: Evidence, out: Findings) -> None:
    """Negotiations where no package is ever acceptable, and options no deal reached ever contains
    (on tables where some deal is acceptable: elsewhere the first finding says more)."""
    tabled: set[str] = set()
    for nid, node in scenario.nodes.items():
        negotiation = node.negotiation
        if negotiation is None or nid not in evidence.nodes:
            continue
        status = evidence.acceptable.get(nid)
        if status is not False:
            tabled.update(negotiation.issues)
        elif evidence.never(f"an acceptable deal at {nid}", False, True):
            needed = ", ".join(negotiation.needs)
            out.add(
                "no-acceptable-deal",
                out.node(nid),
                f"no deal at {nid!r} is acceptable: wherever play reaches it, no package has {negotiation.needs_count} "
                f"of {needed} at or above their walk-away values (with the term rules that bite there)",
                "raise the values of options the parties could share, or lower a walk-away value",
            )
    agreed = {issue for issue, _ in evidence.deal_terms}
    for iid in tabled & agreed:
        for option in scenario.issues[iid].options:
            if (iid, option.id) in evidence.deal_terms or not evidence.never(f"{iid}: {option.id}", False, True):
                continue
            out.add(
                "never-agreed",
                out.option(iid, option.id),
                f"the option {option.id!r} of {iid!r} is never part of a deal reached in play",
                "no package with it is acceptable to enough parties where it is on the table, or a term rule "
                "forbids it; give some party a reason to accept it, or remove it",
            )


def _skip_findings(scenario: Scenario, evidence: Evidence, out: Findings) -> None:
    """Jumps of the clock past a dated historical event whose 'if' then never holds."""
    for skip in evidence.skipped.values():
        event = next(e for e in scenario.events if e.id == skip.event)
        assert event.date is not None
        when = [scenario.date_of(d).isoformat() for d in (skip.before, skip.after)]
        step = scenario.nodes[skip.node].step(skip.step.id) or skip.step  # its line in the file as it is now
        out.add(
            "skips-event",
            out.exit(skip.node, step),
            f"{skip.step.id!r} at {skip.node!r} can move the clock from {when[0]} to {when[1]}, past the historical "
            f"event {event.id!r} ({event.date.isoformat()}), whose 'if' ({event.condition_text}) then never holds: "
            "the event is skipped for good",
            "unless the window is meant to close, shorten the jump or widen the event's 'if'",
        )

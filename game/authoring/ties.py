"""Smallest counterfactuals that tie: other ways to reach an ending with as few departures from history.

``explore.fewest_departures`` finds one path per ending; an author weighing what an ending depends on
needs to see the others that are just as small. A departure edge lies on some smallest path exactly
when (departures before it) + 1 + (departures after it) equals the ending's smallest count: the first
term comes from a forward search from the start, the last from a search backwards from the ending.
"""

from __future__ import annotations

from collections import deque

from .explore import Edge, PathStep, StateSpace, cheapest_paths, outcome_states, path_step, path_to

MAX_TIES = 5  # alternatives shown per ending


def _backward(
    incoming: dict[int, list[tuple[int, Edge]]], end: int, best: dict[int, tuple[int, int]], smallest: int
) -> tuple[dict[int, int], dict[int, Edge]]:
    """Fewest departures to ``end`` from every state that could lie on a smallest path (those whose
    departures from the start plus to the end do not pass ``smallest``), and the first edge of each."""
    distance = {end: 0}
    onward: dict[int, Edge] = {}
    queue = deque([end])
    while queue:
        state = queue.popleft()
        for source, edge in incoming.get(state, ()):
            candidate = distance[state] + edge.departure
            if best[source][0] + candidate <= smallest and candidate < distance.get(source, 1 << 60):
                distance[source] = candidate
                onward[source] = edge
                if edge.departure:
                    queue.append(source)
                else:
                    queue.appendleft(source)
    return distance, onward


def _departures(path: list[PathStep]) -> frozenset[tuple[str, str]]:
    return frozenset((p.node, p.step) for p in path if p.departure)


def _on_smallest_paths(
    departing: dict[int, list[tuple[int, Edge]]],
    distance: dict[int, int],
    best: dict[int, tuple[int, int]],
    smallest: int,
) -> list[tuple[int, Edge]]:
    """The departures that lie on some path to the ending with ``smallest`` departures, in state order."""
    out = [
        (source, edge)
        for target, rest in distance.items()
        for source, edge in departing.get(target, ())
        if best[source][0] + 1 + rest == smallest
    ]
    return sorted(out, key=lambda item: (item[0], item[1].target))


def counterfactuals(space: StateSpace, root: int) -> tuple[dict[str, list[PathStep]], dict[str, list[list[PathStep]]]]:
    """For each ending, a smallest counterfactual (as ``explore.fewest_departures`` finds it) and up
    to ``MAX_TIES`` others as small, each with a different set of departures: one forward search
    serves both."""
    best, parent = cheapest_paths(space, root)
    ends = {oid: end for oid, end in outcome_states(space).items() if end in best}
    chosen = {oid: path_to(space, parent, end) for oid, end in ends.items()}
    largest = max((best[end][0] for end in ends.values()), default=0)
    incoming: dict[int, list[tuple[int, Edge]]] = {}
    departing: dict[int, list[tuple[int, Edge]]] = {}  # departures, by the state they lead to
    for source, (cost, _) in best.items():
        if cost > largest:
            continue  # too far from history to lie on any ending's smallest path
        for edge in space.edges[source]:
            incoming.setdefault(edge.target, []).append((source, edge))
            if edge.departure and edge.step is not None:
                departing.setdefault(edge.target, []).append((source, edge))
    ties: dict[str, list[list[PathStep]]] = {}
    for oid, end in ends.items():
        smallest = best[end][0]
        if smallest == 0:
            continue
        seen = {_departures(chosen[oid])}
        distance, onward = _backward(incoming, end, best, smallest)
        found: list[list[PathStep]] = []
        for source, edge in _on_smallest_paths(departing, distance, best, smallest):
            path = path_to(space, parent, source) + [path_step(space.scenario, space, source, edge)]
            state = edge.target
            while state != end:
                step = onward[state]
                path.append(path_step(space.scenario, space, state, step))
                state = step.target
            key = _departures(path)
            if key not in seen:
                seen.add(key)
                found.append(path)
                if len(found) == MAX_TIES:
                    break
        if found:
            ties[oid] = found
    return chosen, ties

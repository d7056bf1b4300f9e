"""Smallest counterfactuals that tie: other ways to reach an ending with as few departures from history.

``explore.fewest_departures`` finds one path per ending; an author weighing what an ending depends on
needs to see the others that are just as small. A departure edge lies on some smallest path exactly
when (departures before it) + 1 + (departures after it) equals the ending's smallest count: the first
term comes from a forward search from the start, the last from a search backwards from the ending.
"""

from __future__ import annotations

import heapq
from collections import deque

from .explore import Edge, PathStep, StateSpace, outcome_states, path_step, path_to

MAX_TIES = 5  # alternatives shown per ending


def _forward(space: StateSpace, root: int) -> tuple[dict[int, tuple[int, int]], dict[int, tuple[int, Edge]]]:
    """Fewest departures (then steps) from ``root`` to every state, and the tree of best paths."""
    best: dict[int, tuple[int, int]] = {root: (0, 0)}
    parent: dict[int, tuple[int, Edge]] = {}
    heap = [(0, 0, root)]
    while heap:
        cost, steps, current = heapq.heappop(heap)
        if best.get(current, (cost, steps)) < (cost, steps):
            continue
        for edge in space.edges[current]:
            candidate = (cost + edge.departure, steps + 1)
            if candidate < best.get(edge.target, (1 << 60, 0)):
                best[edge.target] = candidate
                parent[edge.target] = (current, edge)
                heapq.heappush(heap, (*candidate, edge.target))
    return best, parent


def _backward(incoming: dict[int, list[tuple[int, Edge]]], end: int) -> tuple[dict[int, int], dict[int, Edge]]:
    """Fewest departures from every state to ``end``, and the first edge of such a path."""
    distance = {end: 0}
    onward: dict[int, Edge] = {}
    queue = deque([end])
    while queue:
        state = queue.popleft()
        for source, edge in incoming.get(state, ()):
            candidate = distance[state] + edge.departure
            if candidate < distance.get(source, 1 << 60):
                distance[source] = candidate
                onward[source] = edge
                if edge.departure:
                    queue.append(source)
                else:
                    queue.appendleft(source)
    return distance, onward


def _departures(path: list[PathStep]) -> frozenset[tuple[str, str]]:
    return frozenset((p.node, p.step) for p in path if p.departure)


def tied_counterfactuals(
    space: StateSpace, root: int, chosen: dict[str, list[PathStep]]
) -> dict[str, list[list[PathStep]]]:
    """For each ending, up to ``MAX_TIES`` smallest counterfactuals other than ``chosen``'s, each
    with a different set of departures, in the order the search meets them."""
    best, parent = _forward(space, root)
    incoming: dict[int, list[tuple[int, Edge]]] = {}
    leaving: list[tuple[int, Edge]] = []
    for source in best:
        for edge in space.edges[source]:
            incoming.setdefault(edge.target, []).append((source, edge))
            if edge.departure and edge.step is not None:
                leaving.append((source, edge))
    out: dict[str, list[list[PathStep]]] = {}
    for oid, end in outcome_states(space).items():
        if oid not in chosen or end not in best or best[end][0] == 0:
            continue
        smallest = best[end][0]
        seen = {_departures(chosen[oid])}
        distance, onward = _backward(incoming, end)
        found: list[list[PathStep]] = []
        for source, edge in leaving:
            if best[source][0] + 1 + distance.get(edge.target, 1 << 60) != smallest:
                continue
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
            out[oid] = found
    return out

"""Cycles in a directed graph: the strongly connected groups that let play go round forever.

Used by the validator (loops of nodes that take no time) and the checker (loops of states), so
both find loops the same way. Iterative, so a long chain cannot exhaust Python's recursion.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import TypeVar

T = TypeVar("T", bound=Hashable)


def cycles(vertices: Iterable[T], edges: Mapping[T, Sequence[T]]) -> list[list[T]]:
    """Every group of vertices that can reach each other (Tarjan), with the one-vertex groups that
    have an edge to themselves; ``edges[v]`` lists v's successors."""
    index: dict[T, int] = {}
    low: dict[T, int] = {}
    on_stack: set[T] = set()
    stack: list[T] = []
    found: list[list[T]] = []
    counter = 0
    for root in vertices:
        if root in index:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(edges[root]))]
        while work:
            current, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges[child])))
                    advanced = True
                    break
                if child in on_stack:
                    low[current] = min(low[current], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[current])
            if low[current] == index[current]:
                group: list[T] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == current:
                        break
                if len(group) > 1 or current in edges[current]:
                    found.append(group)
    return found

"""Evaluation order: depth-first topological sort of named computations."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from model.engine.compiled.errors import UnsupportedConstruct


def topological(roots: Iterable[str], deps: Mapping[str, frozenset], describe: Callable[[str], str]) -> list[str]:
    """Names reachable from ``roots``, each after everything it depends on.

    Parameters
    ----------
    roots : iterable of str
        Names to compute, in the order wanted where there is a choice.
    deps : Mapping[str, frozenset]
        Name -> names it reads. Names not in ``deps`` (constants, markers
        starting with ``@`` that are not keys) are taken as given.
    describe : callable
        Name -> model variable, for the error message.

    Raises
    ------
    UnsupportedConstruct
        If a name depends on itself (a simultaneous equation).

    """
    done: set[str] = set()
    order: list[str] = []
    for root in roots:
        if root in done:
            continue
        stack = [(root, iter(sorted(deps.get(root, ()))))]
        visiting = {root}
        while stack:
            name, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                visiting.discard(name)
                done.add(name)
                order.append(name)
            elif child in deps and child not in done:
                if child in visiting:
                    raise UnsupportedConstruct("a simultaneous equation (circular definition)", describe(child))
                visiting.add(child)
                stack.append((child, iter(sorted(deps[child]))))
    return order


def closure(roots: Iterable[str], deps: Mapping[str, frozenset]) -> set[str]:
    """``roots`` and every name they depend on, directly or not."""
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo.extend(deps.get(name, ()))
    return seen

"""Choosing goals and levers by name on the command line and in the app."""

from __future__ import annotations

from model.base.names import did_you_mean
from model.catalogue.levers import levers_by_id
from model.catalogue.targets import GOAL_SETS, SETS, Target, load_targets

#: Named goal selections: each goal set that has a selection name (the resolution's 2025 targets, the 2030
#: goals), then all goals.
TARGET_GROUPS = {**{s.selection: (s.id,) for s in GOAL_SETS if s.selection}, "all": SETS}


class SelectionError(ValueError):
    """A goal or lever name is unknown; the message names it and the closest match."""


def select_targets(spec: str) -> tuple[Target, ...]:
    """Goals named by ``spec``.

    Parameters
    ----------
    spec : str
        ``"2025"`` (the resolution's 2025 targets), ``"2030"`` (the 2030 goals),
        ``"all"``, or comma-separated goal ids or goal-set names.

    Raises
    ------
    SelectionError
        For an unknown name or an empty selection.

    """
    targets = load_targets()
    if spec in TARGET_GROUPS:
        return tuple(t for t in targets if t.set in TARGET_GROUPS[spec])
    by_id = {t.id: t for t in targets}
    chosen: list[Target] = []
    for name in (part.strip() for part in spec.split(",") if part.strip()):
        if name in SETS:
            chosen += [t for t in targets if t.set == name and t not in chosen]
        elif name in by_id:
            chosen += [] if by_id[name] in chosen else [by_id[name]]
        else:
            hint = did_you_mean(name, [*TARGET_GROUPS, *SETS, *by_id], list_as="valid")
            raise SelectionError(f"unknown goal '{name}'{hint}")
    if not chosen:
        raise SelectionError(f"no goal chosen; give {', '.join(TARGET_GROUPS)} or goal ids")
    return tuple(chosen)


def select_levers(spec: str | None) -> list[str]:
    """Policy lever ids named by a comma-separated ``spec`` (all policy levers if empty).

    Raises
    ------
    SelectionError
        For an unknown id or an external assumption.

    """
    catalogue = levers_by_id()
    policy = [lev.id for lev in catalogue.values() if lev.kind == "lever"]
    if not spec:
        return policy
    chosen = []
    for name in (part.strip() for part in spec.split(",") if part.strip()):
        if name not in policy:
            kind = " (an external assumption, not a policy lever)" if name in catalogue else ""
            raise SelectionError(f"unknown lever '{name}'{kind}{did_you_mean(name, policy, list_as='valid')}")
        chosen += [] if name in chosen else [name]
    if not chosen:
        raise SelectionError("no lever chosen")
    return chosen

"""The goal search's problem: searched levers on their grids, goals, objective, penalty.

See :mod:`model.analysis.optimise.search` for the search itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from model.catalogue.calendar import POLICY_START
from model.catalogue.levers import Lever, levers_by_id
from model.catalogue.targets import Target
from model.run.scenario import Scenario

#: Weight of the goal penalty against the cost (in units of the envelope over the horizon).
WEIGHT = 100.0
#: Objective name -> cumulative cost indicator.
OBJECTIVES = {"cost": "provincial_cost_cum", "public": "public_cost_cum"}


@dataclass(frozen=True)
class LeverRange:
    """One searched lever on its slider grid: value = lever.min + k * lever.step.

    Attributes
    ----------
    lever : Lever
        The lever.
    k_low, k_high : int
        Step indices of the searched range (inclusive).

    """

    lever: Lever
    k_low: int
    k_high: int

    def value(self, k: float) -> float:
        """Lever value at step index ``k`` (clipped, rounded to the step's decimals)."""
        return self.lever.grid_value(min(max(round(float(k)), self.k_low), self.k_high))  # scalars: no np.clip

    def index(self, value: float) -> int:
        """Step index nearest to ``value``, within the range."""
        return int(min(max(self.lever.grid_index(value), self.k_low), self.k_high))


def search_ranges(lever_ids: Sequence[str], directions: dict[str, str], full_range: bool = False) -> list[LeverRange]:
    """Grid ranges of the levers to search.

    Parameters
    ----------
    lever_ids : sequence of str
        Policy levers to search.
    directions : dict
        Lever id -> the resolution's direction ("up" or "down", data/costs.toml).
    full_range : bool
        Search each lever's whole range instead of the resolution's side of its
        2020 stance.

    Returns
    -------
    list of LeverRange
        Only levers with at least two grid values.

    """
    out = []
    for lever_id in lever_ids:
        lever = levers_by_id()[lever_id]
        top, stance = lever.steps, lever.grid_index(lever.default)
        low, high = (0, top) if full_range else ((stance, top) if directions[lever_id] == "up" else (0, stance))
        if high > low:
            out.append(LeverRange(lever, low, high))
    return out


@dataclass(frozen=True)
class Problem:
    """What to search: base scenario, levers, goals and objective.

    Attributes
    ----------
    base : Scenario
        Settings of everything not searched (assumptions included).
    ranges : tuple of LeverRange
        Searched levers.
    targets : tuple of Target
        Goals to meet.
    objective : str
        ``"cost"`` (provincial budget) or ``"public"`` (provincial + central).
    horizon : int
        Last year of the cost sum (the last goal year).
    within_budget : bool
        Keep the provincial cost within the budget envelope in every year
        2021-2030 (a constraint: any mix within it scores better than any mix
        over it).

    """

    base: Scenario
    ranges: tuple[LeverRange, ...]
    targets: tuple[Target, ...]
    objective: str = "cost"
    horizon: int = field(default=0)
    within_budget: bool = False

    @property
    def cost_scale(self) -> float:
        """The budget envelope summed over 2021..horizon, bn VND (normalises the cost)."""
        envelope = self.base.assumptions["budget_envelope"]
        return max(envelope * (self.horizon - POLICY_START + 1), 1.0)


def make_problem(base: Scenario, ranges: Sequence[LeverRange], targets: Sequence[Target],
                 objective: str = "cost", within_budget: bool = False) -> Problem:
    """A :class:`Problem` whose horizon is the last goal year."""
    return Problem(base, tuple(ranges), tuple(targets), objective, max(t.year for t in targets), within_budget)


def budget_penalty(excess: np.ndarray, problem: Problem) -> np.ndarray:
    """Per sample: 0 within the envelope; above it, more than any goal penalty can be, growing with the excess.

    ``excess`` is the provincial cost above the envelope summed over the
    checked years, bn VND. A mix over the envelope scores worse than every
    mix within it (which at most misses all goals: penalty below goals + 1).
    """
    over = excess > 0
    return over * (len(problem.targets) + 1.0 + excess / problem.cost_scale)


def shortfall_penalty(distances: np.ndarray, targets: Sequence[Target]) -> np.ndarray:
    """Per sample: goals missed, plus a guide below 1 that shrinks as the shortfalls do.

    ``missed + mean over goals of s / (1 + s)`` with ``s`` a missed goal's
    shortfall in units of its ``near`` margin: meeting one more goal always
    outweighs any change in the shortfalls of the others.
    """
    if not len(targets):
        return np.zeros(distances.shape[0])
    near = np.array([t.near for t in targets])
    short = np.nan_to_num(np.maximum(-distances, 0.0), nan=1e6, posinf=1e6) / near
    missed = distances < 0
    return missed.sum(axis=1) + (missed * short / (1.0 + short)).sum(axis=1) / len(targets)

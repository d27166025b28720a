"""Goals applied to runs: each goal's rule on indicator arrays, and its outcome.

A goal (:mod:`model.catalogue.targets`) reads one indicator and applies its
rule: the average annual growth from a base year to the target year, or the
level in the target year. The rule works on the annual indicator arrays
(indicator id -> values by year from :data:`model.catalogue.calendar.FIRST_YEAR`)
of any leading shape: one run, or many samples, so single runs, batches and
uncertainty analyses judge goals the same way.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from model.catalogue.calendar import FIRST_YEAR
from model.catalogue.targets import Target, load_targets

STATUSES = ("met", "near", "missed")


def target_values(target: Target, arrays: Mapping[str, np.ndarray], first_year: int = FIRST_YEAR) -> np.ndarray:
    """The value a goal compares, for one run or many.

    Parameters
    ----------
    target : Target
        The goal.
    arrays : Mapping[str, numpy.ndarray]
        Indicator id -> values by year from ``first_year``, shape (..., Y)
        (see :func:`model.catalogue.indicators.annual_arrays`).
    first_year : int
        Calendar year of the first value.

    Returns
    -------
    numpy.ndarray
        Shape (...): the average growth (%/yr) or the level, in the goal's unit.

    """
    series = np.asarray(arrays[target.indicator], dtype=float)
    if target.rule == "avg_growth":
        ratio = series[..., target.year - first_year] / series[..., target.start - first_year]
        return 100.0 * (ratio ** (1.0 / (target.year - target.start)) - 1.0)
    return series[..., target.year - first_year]


def distances(target: Target, values):
    """Signed distance to the binding bound (>= 0 when met), scalar or array, in the goal's unit."""
    return values - target.lower if target.direction == "at_least" else target.upper - values


def met(target: Target, values: np.ndarray) -> np.ndarray:
    """Whether each value meets the goal (NaN never does)."""
    with np.errstate(invalid="ignore"):
        return np.asarray(distances(target, np.asarray(values, dtype=float)) >= 0)


def judge(target: Target, value: float) -> tuple[str, float]:
    """Status (``"met"``, ``"near"`` or ``"missed"``) and signed distance of ``value`` against ``target``."""
    if not math.isfinite(value):
        return "missed", math.nan
    distance = distances(target, value)
    if distance >= 0:
        return "met", distance
    return ("near" if -distance <= target.near else "missed"), distance


@dataclass(frozen=True)
class TargetResult:
    """A goal's outcome in one run.

    Attributes
    ----------
    target : Target
        The goal.
    value : float
        Simulated value, in the goal's unit.
    status : str
        ``"met"``, ``"near"`` or ``"missed"``.
    distance : float
        Signed distance to the binding bound, in the goal's unit: >= 0 when met,
        negative when short.

    """

    target: Target
    value: float
    status: str
    distance: float

    def as_dict(self) -> dict:
        """JSON-ready record: id, year or period, value, lower, upper, status, distance."""
        record = {"id": self.target.id}
        if self.target.rule == "avg_growth":
            record["period"] = self.target.period
        else:
            record["year"] = self.target.year
        record.update(value=self.value, lower=self.target.lower, upper=self.target.upper,
                      status=self.status, distance=self.distance, unit=self.target.unit,
                      set=self.target.set)
        return record


def judged(target: Target, value: float) -> TargetResult:
    """The outcome of ``target`` for a simulated ``value``."""
    status, distance = judge(target, value)
    return TargetResult(target, value, status, distance)


def evaluate(arrays: Mapping[str, np.ndarray], targets: Iterable[Target] | None = None) -> tuple[TargetResult, ...]:
    """Evaluate every goal on one run's annual indicators.

    Parameters
    ----------
    arrays : Mapping[str, numpy.ndarray]
        Indicator id -> values by year, shape (Y,)
        (:func:`model.catalogue.indicators.annual_arrays`).
    targets : iterable of Target, optional
        Goals to evaluate; all goals if omitted.

    """
    return tuple(judged(target, float(target_values(target, arrays))) for target in targets or load_targets())


def count_met(results: Iterable[TargetResult], goal_set: str) -> tuple[int, int]:
    """(met, total) for one goal set."""
    chosen = [r for r in results if r.target.set == goal_set]
    return sum(r.status == "met" for r in chosen), len(chosen)

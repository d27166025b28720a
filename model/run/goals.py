"""Goal outcomes of a run: each goal's value, status and distance.

Goals are judged on the run's annual indicator arrays (indicator id -> values
by year from :data:`model.catalogue.calendar.FIRST_YEAR`), with the rules of
:mod:`model.catalogue.targets`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from model.catalogue.targets import Target, judge, load_targets, target_values

STATUSES = ("met", "near", "missed")


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

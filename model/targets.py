"""Goals as data (data/targets.toml) and their evaluation on a run."""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from model.base.paths import TARGETS_PATH
from model.indicators import FIRST_YEAR

STATUSES = ("met", "near", "missed")
SETS = ("resolution_2025", "related_2025", "goal_2030")


@dataclass(frozen=True)
class Target:
    """One goal: an indicator, a rule and a bound.

    Attributes
    ----------
    id, set, indicator, rule : str
        Identity, goal set, the indicator it reads and ``"avg_growth"`` or ``"level"``.
    start, year : int
        Base year of a growth rule (0 for a level) and the target year.
    lower, upper : float or None
        Bounds in ``unit``; ``None`` where the source gives none.
    direction : str
        ``"at_least"`` or ``"at_most"``.
    near : float
        Margin (in ``unit``) within which a missed goal counts as near.
    unit, name_vi, name_en, source : str
        Unit, labels and where the goal comes from.

    """

    id: str
    set: str
    indicator: str
    rule: str
    start: int
    year: int
    lower: float | None
    upper: float | None
    direction: str
    near: float
    unit: str
    name_vi: str
    name_en: str
    source: str

    @property
    def period(self) -> str:
        """``"2021-2025"`` for a growth rule or a cumulative level, else the year."""
        if self.rule == "avg_growth":
            return f"{self.start + 1}-{self.year}"
        return str(self.year)

    def name(self, lang: str) -> str:
        """Label in ``lang``."""
        return self.name_vi if lang == "vi" else self.name_en


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


@lru_cache(maxsize=2)
def load_targets(path: Path = TARGETS_PATH) -> tuple[Target, ...]:
    """Read the goal definitions."""
    with open(path, "rb") as handle:
        entries = tomllib.load(handle)["target"]
    return tuple(
        Target(
            id=e["id"], set=e["set"], indicator=e["indicator"], rule=e["rule"],
            start=int(e.get("start", 0)), year=int(e["year"]),
            lower=e.get("lower"), upper=e.get("upper"), direction=e["direction"],
            near=float(e["near"]), unit=e["unit"], name_vi=e["name_vi"],
            name_en=e["name_en"], source=e["source"],
        )
        for e in entries
    )


def target_values(target: Target, arrays, first_year: int = FIRST_YEAR) -> np.ndarray:
    """The value a goal compares, for one run or many.

    Parameters
    ----------
    target : Target
        The goal.
    arrays : Mapping[str, numpy.ndarray]
        Indicator id -> values by year from ``first_year``, shape (..., Y)
        (see :func:`model.indicators.annual_arrays`).
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


def target_value(target: Target, table: pd.DataFrame) -> float:
    """The simulated value a goal compares (see :func:`evaluate`)."""
    first_year = int(table["year"].iloc[0])
    return float(target_values(target, {target.indicator: table[target.indicator].to_numpy()}, first_year))


def distances(target: Target, values):
    """Signed distance to the binding bound (>= 0 when met), scalar or array."""
    return values - target.lower if target.direction == "at_least" else target.upper - values


def met(target: Target, values: np.ndarray) -> np.ndarray:
    """Whether each value meets the goal (NaN never does)."""
    with np.errstate(invalid="ignore"):
        return np.asarray(distances(target, np.asarray(values, dtype=float)) >= 0)


def judge(target: Target, value: float) -> tuple[str, float]:
    """Status and signed distance of ``value`` against ``target``."""
    if not math.isfinite(value):
        return "missed", math.nan
    distance = distances(target, value)
    if distance >= 0:
        return "met", distance
    return ("near" if -distance <= target.near else "missed"), distance


def evaluate(table: pd.DataFrame, targets: tuple[Target, ...] | None = None) -> list[TargetResult]:
    """Evaluate every goal on an annual indicator table.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`model.indicators.annual_table`.
    targets : tuple of Target, optional
        Goals to evaluate; all goals if omitted.

    """
    results = []
    for target in targets or load_targets():
        value = float(target_value(target, table))
        status, distance = judge(target, value)
        results.append(TargetResult(target, value, status, distance))
    return results


def count_met(results: list[TargetResult], goal_set: str) -> tuple[int, int]:
    """(met, total) for one goal set."""
    chosen = [r for r in results if r.target.set == goal_set]
    return sum(r.status == "met" for r in chosen), len(chosen)

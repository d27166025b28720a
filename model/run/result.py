"""The one result type of a run: annual indicators and goal outcomes.

Single runs (:func:`model.run.runner.simulate`), the app's run pool and the
workshop all hand results on as a :class:`RunResult`. Indicators stay numpy
arrays; the annual table (a DataFrame, as ``run --out`` writes it) is built
only when asked for.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from model.run.goals import TargetResult
from model.run.scenario import Scenario


@dataclass(frozen=True, eq=False)
class RunResult:
    """Annual indicators and goal outcomes of one run.

    Attributes
    ----------
    scenario : Scenario or None
        What was run (``None`` for a result read back from storage).
    years : numpy.ndarray
        Calendar years, shape (Y,).
    arrays : Mapping[str, numpy.ndarray]
        Indicator id -> values by year, shape (Y,), in the indicator's unit
        (see :mod:`model.catalogue.indicators`).
    targets : tuple of TargetResult
        Every goal's value, status and distance.

    """

    scenario: Scenario | None
    years: np.ndarray
    arrays: Mapping[str, np.ndarray]
    targets: tuple[TargetResult, ...]

    def __eq__(self, other: object) -> bool:
        """Same scenario, years, goal outcomes and indicator values (NaN equal to NaN)."""
        if not isinstance(other, RunResult):
            return NotImplemented
        return (self.scenario == other.scenario and self.targets == other.targets
                and np.array_equal(self.years, other.years) and list(self.arrays) == list(other.arrays)
                and all(np.array_equal(v, other.arrays[k], equal_nan=True) for k, v in self.arrays.items()))

    __hash__ = None

    @cached_property
    def table(self) -> pd.DataFrame:
        """Annual indicator table: ``year`` then one column per indicator, one row per year."""
        return pd.DataFrame({"year": self.years, **self.arrays})

    @cached_property
    def _by_id(self) -> dict[str, TargetResult]:
        return {r.target.id: r for r in self.targets}

    def target(self, target_id: str) -> TargetResult:
        """The outcome of one goal."""
        return self._by_id[target_id]

    def value(self, target_id: str) -> float:
        """Simulated value of a goal, in the goal's unit."""
        return float(self.target(target_id).value)

    def status(self, target_id: str) -> str:
        """``"met"``, ``"near"`` or ``"missed"``."""
        return self.target(target_id).status

    def met(self, target_id: str) -> bool:
        """Whether the goal is met."""
        return self.status(target_id) == "met"

    def goals_met(self, target_ids: tuple[str, ...]) -> int:
        """How many of the given goals are met."""
        return sum(self.met(goal) for goal in target_ids)

    def line(self, indicator: str) -> tuple[float, ...]:
        """Annual values of one indicator (NaN where undefined)."""
        return tuple(math.nan if v is None else float(v) for v in self.arrays[indicator])

    def at(self, indicator: str, year: int) -> float:
        """One indicator's value in one calendar year."""
        return float(self.arrays[indicator][list(self.years).index(year)])

"""Many runs at once: lever settings in, annual indicators and goal distances out.

The goal search, the contribution breakdown and the latest-start sweep need
hundreds of runs that differ only in a few constants. They go through
:func:`model.run.batch.run_samples` (one batch simulation when the model allows it,
parallel single runs otherwise), which reads the annual indicators as
:mod:`model.catalogue.indicators` does for one run; goal values and distances come from
:mod:`model.catalogue.targets`. Tests check that this path and :func:`model.run.runner.simulate`
agree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from model.catalogue.calendar import FIRST_YEAR
from model.catalogue.levers import levers_by_id
from model.catalogue.targets import Target
from model.run.batch import run_samples
from model.run.goals import distances
from model.run.goals import target_values as goal_values
from model.run.scenario import Scenario


def lever_params(settings: Mapping[str, object]) -> dict[str, np.ndarray]:
    """Lever or assumption id -> values, turned into model constant name -> values."""
    catalogue = levers_by_id()
    return {catalogue[key].variable: np.asarray(value, dtype=float) for key, value in settings.items()}


class BatchEvaluator:
    """Runs a base scenario with some model constants varied across samples.

    Parameters
    ----------
    base : Scenario
        Settings of every lever and assumption not varied.

    Attributes
    ----------
    runs : int
        Samples simulated so far.
    mode : str
        How the last samples ran (``"batch"`` or ``"parallel single runs"``).

    """

    def __init__(self, base: Scenario):
        self.base_params = base.model_params()
        self.runs = 0
        self.mode = "batch"

    def run(self, params: Mapping[str, object]) -> dict[str, np.ndarray]:
        """Simulate every sample.

        Parameters
        ----------
        params : Mapping[str, array-like]
            Model constant name -> one value per sample (shape (N,)) or one
            value for all; the base scenario's values elsewhere.

        Returns
        -------
        dict
            Indicator id -> annual values, shape (N, years), years from
            :data:`model.catalogue.indicators.FIRST_YEAR`.

        """
        arrays = {k: np.atleast_1d(np.asarray(v, dtype=float)) for k, v in params.items()}
        size = max((a.size for a in arrays.values()), default=1)
        arrays = {k: np.broadcast_to(a, (size,)).copy() for k, a in arrays.items()}
        result = run_samples({**self.base_params, **arrays})
        self.runs += size
        self.mode = result.mode
        return {k: np.atleast_2d(v) for k, v in result.arrays.items()}


def at_year(annual: Mapping[str, np.ndarray], indicator: str, year: int) -> np.ndarray:
    """One indicator's values in one year, shape (N,)."""
    return annual[indicator][:, year - FIRST_YEAR]


def target_values(annual: Mapping[str, np.ndarray], targets: Sequence[Target]) -> np.ndarray:
    """Each sample's value of each goal, shape (N, K)."""
    if not targets:
        return np.zeros((next(iter(annual.values())).shape[0], 0))
    return np.column_stack([goal_values(t, annual) for t in targets])


def target_distances(values: np.ndarray, targets: Sequence[Target]) -> np.ndarray:
    """Signed distances to the binding bounds, shape (N, K): >= 0 when met, -inf when undefined."""
    out = np.column_stack([distances(t, values[:, k]) for k, t in enumerate(targets)]) if targets else values
    return np.where(np.isfinite(out), out, -np.inf)

"""How sure: probabilities of meeting each goal and percentile fans under uncertainty.

The scenario's levers stay fixed (they are the policy); external assumptions
and uncertain model constants are drawn by Latin hypercube sampling from
data/uncertainty.toml (:mod:`model.analysis.sampling`). Every sample is simulated
(:mod:`model.run.batch`), reduced to annual indicators and evaluated against the
goals with the same definitions as single runs (:mod:`model.catalogue.indicators`,
:mod:`model.catalogue.targets`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from model.analysis.sampling import latin_hypercube, load_uncertainties, scenario_constants
from model.base.paths import UNCERTAINTY_PATH
from model.catalogue.calendar import FIRST_YEAR, years
from model.catalogue.targets import load_targets
from model.run.batch import CHUNK_SIZE, run_samples
from model.run.goals import met, target_values
from model.run.scenario import Scenario

PERCENTILES = (5, 25, 50, 75, 95)


@dataclass(frozen=True)
class HowSure:
    """Outcome of an uncertainty analysis of one scenario.

    Attributes
    ----------
    scenario : str
        Scenario name.
    samples, seed : int
        Number of Latin hypercube samples and the seed that drew them.
    probabilities : pandas.DataFrame
        One row per goal: ``id``, ``set``, ``year``, ``probability`` (share of
        samples meeting it, 0-1), ``p5``, ``p50``, ``p95`` of the goal's value
        (in its unit), ``unit``.
    percentiles : pandas.DataFrame
        Tidy: ``indicator``, ``year``, ``p5``, ``p25``, ``p50``, ``p75``, ``p95``.
    inputs : tuple of str
        The uncertain inputs (lever ids of assumptions, names of model constants).
    mode : str
        ``"batch"`` or ``"parallel single runs"`` (see :mod:`model.run.batch`).

    """

    scenario: str
    samples: int
    seed: int
    probabilities: pd.DataFrame
    percentiles: pd.DataFrame
    inputs: tuple[str, ...]
    mode: str

    def probability(self, target_id: str) -> float:
        """Share of samples (0-1) in which goal ``target_id`` is met."""
        row = self.probabilities.loc[self.probabilities["id"] == target_id, "probability"]
        return float(row.iloc[0])


def goal_table(arrays: dict[str, np.ndarray]) -> pd.DataFrame:
    """Per goal: probability of being met and percentiles of its value over samples."""
    rows = []
    for target in load_targets():
        values = target_values(target, arrays, FIRST_YEAR)
        finite = values[np.isfinite(values)]
        p5, p50, p95 = np.percentile(finite, (5, 50, 95)) if finite.size else (np.nan,) * 3
        rows.append({"id": target.id, "set": target.set, "year": target.year,
                     "probability": float(np.mean(met(target, values))),
                     "p5": p5, "p50": p50, "p95": p95, "unit": target.unit})
    return pd.DataFrame(rows)


def _bands(values: np.ndarray) -> np.ndarray:
    """Percentiles over samples (axis 0) of each year; NaN samples ignored."""
    bands = np.full((len(PERCENTILES), values.shape[1]), np.nan)
    complete = np.isfinite(values).all(axis=0)
    if complete.any():
        bands[:, complete] = np.percentile(values[:, complete], PERCENTILES, axis=0)
    for j in np.flatnonzero(~complete):
        finite = values[np.isfinite(values[:, j]), j]
        if finite.size:
            bands[:, j] = np.percentile(finite, PERCENTILES)
    return bands


def percentile_table(arrays: dict[str, np.ndarray]) -> pd.DataFrame:
    """Tidy percentiles (5/25/50/75/95) of every indicator by year (NaN where no sample has a value)."""
    frames = []
    for indicator, values in arrays.items():
        bands = _bands(values)
        columns = {f"p{p}": band for p, band in zip(PERCENTILES, bands, strict=True)}
        frames.append(pd.DataFrame({"indicator": indicator, "year": years(), **columns}))
    return pd.concat(frames, ignore_index=True)


def simulate_uncertain(
    scenario: Scenario,
    samples: int = 1000,
    seed: int = 0,
    dask_address: str | None = None,
    chunk_size: int = CHUNK_SIZE,
    progress: Callable[[int, int], None] | None = None,
    uncertainty_path: Path = UNCERTAINTY_PATH,
):
    """Annual indicator arrays of ``samples`` futures of ``scenario``.

    Returns
    -------
    tuple
        ``(SampleRun, uncertain inputs)``; the run's arrays map indicator id ->
        (samples, years). With no uncertain inputs every sample is the same
        future, simulated once (arrays of one row).

    """
    uncertain = load_uncertainties(scenario, path=uncertainty_path)
    drawn = latin_hypercube(uncertain, samples, seed)
    inputs = {**scenario_constants(scenario, drop=drawn), **drawn}
    run = run_samples(inputs, dask_address=dask_address, chunk_size=chunk_size, progress=progress)
    return run, uncertain


def how_sure(
    scenario: Scenario,
    samples: int = 1000,
    seed: int = 0,
    dask_address: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    uncertainty_path: Path = UNCERTAINTY_PATH,
) -> HowSure:
    """Probability of each goal and percentile fans of each indicator for ``scenario``.

    Parameters
    ----------
    scenario : Scenario
        Levers held fixed; its assumption values are the modes of their distributions.
    samples : int
        Latin hypercube samples (1,000 take well under a second in batch mode on an idle 2-core machine).
    seed : int
        Seed of the sampling; the same seed gives the same result.
    dask_address : str, optional
        Run on this Dask cluster.
    progress : callable, optional
        ``progress(done, total)`` in chunks.
    uncertainty_path : Path
        The distributions file (data/uncertainty.toml by default).

    """
    run, uncertain = simulate_uncertain(scenario, samples, seed, dask_address, progress=progress,
                                        uncertainty_path=uncertainty_path)
    return HowSure(
        scenario=scenario.name, samples=samples, seed=seed,
        probabilities=goal_table(run.arrays), percentiles=percentile_table(run.arrays),
        inputs=tuple(u.key for u in uncertain), mode=run.mode,
    )

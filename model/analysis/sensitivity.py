"""Which levers and assumptions matter: Sobol, Morris and one-at-a-time analyses.

Factors are the scenario's levers and external assumptions (bounds from
data/levers.toml) and, optionally, the uncertain model constants of
data/uncertainty.toml. :func:`analyse` is the single code path: build the
SALib problem, sample, evaluate a vectorised function of the sample matrix,
analyse. For the model, that function runs every row as one sample of a batch
simulation and returns a milestone (:mod:`model.analysis.milestones`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from SALib.analyze import morris as morris_analyze
from SALib.analyze import sobol as sobol_analyze
from SALib.sample import morris as morris_sample
from SALib.sample import sobol as sobol_sample

from model.analysis.milestones import Milestone
from model.analysis.sampling import load_uncertainties, scenario_constants
from model.catalogue.levers import load_levers
from model.run.batch import run_samples
from model.run.scenario import Scenario

METHODS = ("sobol", "morris", "oat")
MORRIS_LEVELS = 4


@dataclass(frozen=True)
class Factor:
    """One input varied by the analysis.

    Attributes
    ----------
    key : str
        Lever id, or model constant name for a parameter.
    variable : str
        Model constant it sets.
    kind : str
        ``"lever"``, ``"assumption"`` or ``"parameter"``.
    lower, base, upper : float
        Bounds and the scenario's (or model's) value, in model units.

    """

    key: str
    variable: str
    kind: str
    lower: float
    base: float
    upper: float


@dataclass(frozen=True)
class SensitivityResult:
    """Indices of one analysis.

    Attributes
    ----------
    method : str
        ``"sobol"``, ``"morris"`` or ``"oat"``.
    output : str
        What was analysed (milestone id or test function name).
    table : pandas.DataFrame
        One row per factor, most influential first. Sobol: ``factor``, ``kind``,
        ``S1``, ``S1_conf``, ``ST``, ``ST_conf``; Morris: ``mu_star``,
        ``mu_star_conf``, ``sigma``, ``mu``; OAT: ``low``, ``high`` (inputs),
        ``output_low``, ``output_high``, ``output_base``, ``swing``.
    runs : int
        Model evaluations used.

    """

    method: str
    output: str
    table: pd.DataFrame
    runs: int


def factors(scenario: Scenario, include_parameters: bool = False) -> tuple[Factor, ...]:
    """Levers and assumptions at the scenario's values, optionally uncertain parameters."""
    out = [Factor(lev.id, lev.variable, lev.kind, lev.min, float(scenario.settings()[lev.id]), lev.max)
           for lev in load_levers()]
    if include_parameters:
        out += [Factor(u.key, u.variable, "parameter", u.lower, u.mode, u.upper)
                for u in load_uncertainties(scenario) if u.kind == "parameter"]
    return tuple(out)


def problem(chosen: tuple[Factor, ...]) -> dict:
    """SALib problem definition for ``chosen``."""
    return {"num_vars": len(chosen), "names": [f.key for f in chosen],
            "bounds": [[f.lower, f.upper] for f in chosen]}


def oat_matrix(chosen: tuple[Factor, ...]) -> np.ndarray:
    """Rows: the base point, then each factor at its lower and its upper bound."""
    base = np.array([f.base for f in chosen])
    rows = [base]
    for i, factor in enumerate(chosen):
        for value in (factor.lower, factor.upper):
            row = base.copy()
            row[i] = value
            rows.append(row)
    return np.array(rows)


def _oat(chosen: tuple[Factor, ...], y: np.ndarray) -> pd.DataFrame:
    low, high = y[1::2], y[2::2]
    return pd.DataFrame({"factor": [f.key for f in chosen], "kind": [f.kind for f in chosen],
                         "low": [f.lower for f in chosen], "high": [f.upper for f in chosen],
                         "output_low": low, "output_high": high, "output_base": y[0],
                         "swing": np.abs(high - low)}).sort_values("swing", ascending=False, kind="stable")


def analyse(
    chosen: tuple[Factor, ...],
    evaluate: Callable[[np.ndarray], np.ndarray],
    method: str,
    samples: int,
    seed: int = 0,
    output: str = "",
) -> SensitivityResult:
    """Sample, evaluate and analyse.

    Parameters
    ----------
    chosen : tuple of Factor
        The inputs and their bounds.
    evaluate : callable
        Sample matrix (n, len(chosen)) -> outputs (n,).
    method : str
        ``"sobol"`` (``samples`` = base samples N, N * (k + 2) runs), ``"morris"``
        (``samples`` = trajectories r, r * (k + 1) runs) or ``"oat"`` (2k + 1 runs).
    samples : int
        See ``method``.
    seed : int
        Seed for sampling and bootstrap confidence intervals.
    output : str
        Name of what ``evaluate`` returns, for the result.

    """
    spec = problem(chosen)
    kinds = {f.key: f.kind for f in chosen}
    if method == "oat":
        x = oat_matrix(chosen)
        return SensitivityResult(method, output, _oat(chosen, np.asarray(evaluate(x), float)).reset_index(drop=True),
                                 len(x))
    if method == "sobol":
        x = sobol_sample.sample(spec, samples, calc_second_order=False, seed=seed)
        indices = sobol_analyze.analyze(spec, np.asarray(evaluate(x), float), calc_second_order=False, seed=seed)
        keys, order = ("S1", "S1_conf", "ST", "ST_conf"), "ST"
    elif method == "morris":
        x = morris_sample.sample(spec, samples, num_levels=MORRIS_LEVELS, seed=seed)
        indices = morris_analyze.analyze(spec, x, np.asarray(evaluate(x), float), num_levels=MORRIS_LEVELS, seed=seed)
        keys, order = ("mu_star", "mu_star_conf", "sigma", "mu"), "mu_star"
    else:
        raise ValueError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    table = pd.DataFrame({"factor": spec["names"], "kind": [kinds[n] for n in spec["names"]],
                          **{k: np.asarray(indices[k], float) for k in keys}})
    table = table.sort_values(order, ascending=False, kind="stable").reset_index(drop=True)
    return SensitivityResult(method, output, table, len(x))


def model_evaluator(
    scenario: Scenario,
    chosen: tuple[Factor, ...],
    milestone: Milestone,
    dask_address: str | None = None,
    chunk_size: int = 5000,
    progress: Callable[[int, int], None] | None = None,
) -> Callable[[np.ndarray], np.ndarray]:
    """A vectorised function: sample matrix -> milestone of each row (one batch sample per row)."""
    def evaluate(x: np.ndarray) -> np.ndarray:
        drawn = {f.variable: x[:, i] for i, f in enumerate(chosen)}
        inputs = {**scenario_constants(scenario, drop=drawn), **drawn}
        run = run_samples(inputs, dask_address=dask_address, chunk_size=chunk_size, progress=progress)
        return milestone.evaluate(run.arrays)

    return evaluate


def sensitivity(
    scenario: Scenario,
    milestone: Milestone,
    method: str,
    samples: int,
    seed: int = 0,
    include_parameters: bool = False,
    dask_address: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> SensitivityResult:
    """Sensitivity of ``milestone`` to the levers and assumptions of ``scenario``."""
    chosen = factors(scenario, include_parameters)
    evaluate = model_evaluator(scenario, chosen, milestone, dask_address, progress=progress)
    return analyse(chosen, evaluate, method, samples, seed, output=milestone.id)

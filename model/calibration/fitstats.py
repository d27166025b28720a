r"""Goodness-of-fit statistics for comparing simulated and observed history.

All functions take two array-likes of equal shape, ``observed`` and
``simulated``, holding the same quantity in the same unit (for example GRDP in
bn VND at 2010 prices, or a share in percent) for the same time points.
Pairs in which either value is NaN are dropped before computing anything.

The Theil inequality statistics follow Sterman, J. D. (1984), "Appropriate
summary statistics for evaluating the historical fit of system dynamics
models", *Dynamica* 10(2): 51-66. The mean squared error is split as

.. math::

    MSE = (\bar S - \bar A)^2 + (s_S - s_A)^2 + 2 (1 - r) s_S s_A

where :math:`\bar S, \bar A` are the means of the simulated and observed
(actual) series, :math:`s_S, s_A` their population standard deviations
(``ddof=0``) and :math:`r` their correlation coefficient. Dividing by MSE gives
the fractions U^M (bias), U^S (unequal variation) and U^C (unequal
covariation), which sum to 1.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

__all__ = [
    "SeriesFit",
    "TheilSplit",
    "fit_table_row",
    "mape",
    "rmse",
    "theil_decomposition",
]


def _valid_pairs(observed: ArrayLike, simulated: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Return the flattened pairs in which neither value is NaN.

    Parameters
    ----------
    observed, simulated : array_like
        Arrays of equal shape, same unit.

    Returns
    -------
    obs, sim : numpy.ndarray
        1-D float arrays of equal length holding the valid pairs.

    Raises
    ------
    ValueError
        If the two inputs do not have the same shape.

    """
    obs = np.asarray(observed, dtype=float)
    sim = np.asarray(simulated, dtype=float)
    if obs.shape != sim.shape:
        raise ValueError(
            f"observed and simulated must have the same shape, got {obs.shape} and {sim.shape}"
        )
    obs = obs.ravel()
    sim = sim.ravel()
    keep = ~(np.isnan(obs) | np.isnan(sim))
    return obs[keep], sim[keep]


def rmse(observed: ArrayLike, simulated: ArrayLike) -> float:
    """Root mean squared error.

    Parameters
    ----------
    observed : array_like
        Observed values, in the series' unit.
    simulated : array_like
        Simulated values for the same time points, same unit and shape.

    Returns
    -------
    float
        ``sqrt(mean((simulated - observed)**2))`` over the valid (non-NaN)
        pairs, in the unit of the series. NaN if there is no valid pair.

    """
    obs, sim = _valid_pairs(observed, simulated)
    if obs.size == 0:
        return float("nan")
    return float(np.sqrt(np.mean((sim - obs) ** 2)))


def mape(observed: ArrayLike, simulated: ArrayLike) -> float:
    """Mean absolute percentage error.

    Parameters
    ----------
    observed : array_like
        Observed values, in the series' unit.
    simulated : array_like
        Simulated values for the same time points, same unit and shape.

    Returns
    -------
    float
        ``100 * mean(|simulated - observed| / |observed|)`` over the valid
        (non-NaN) pairs, in percent. NaN if there is no valid pair or if any
        valid observed value is zero (the statistic is then undefined). Note
        that MAPE is unstable for series close to zero, such as growth rates
        in a bad year.

    """
    obs, sim = _valid_pairs(observed, simulated)
    if obs.size == 0 or np.any(obs == 0.0):
        return float("nan")
    return float(100.0 * np.mean(np.abs(sim - obs) / np.abs(obs)))


@dataclass(frozen=True)
class TheilSplit:
    """Sterman's (1984) decomposition of the mean squared error.

    Attributes
    ----------
    u_m : float
        Bias fraction, ``(mean_s - mean_o)**2 / mse`` (dimensionless, 0-1).
    u_s : float
        Unequal-variation fraction, ``(s_s - s_o)**2 / mse`` (dimensionless).
    u_c : float
        Unequal-covariation fraction, ``2 (1 - r) s_s s_o / mse``
        (dimensionless).
    mse : float
        Mean squared error, in the square of the series' unit.

    """

    u_m: float
    u_s: float
    u_c: float
    mse: float


def theil_decomposition(observed: ArrayLike, simulated: ArrayLike) -> TheilSplit:
    """Split the mean squared error into Theil's inequality fractions.

    Parameters
    ----------
    observed : array_like
        Observed values, in the series' unit.
    simulated : array_like
        Simulated values for the same time points, same unit and shape.

    Returns
    -------
    TheilSplit
        ``u_m + u_s + u_c == 1`` (up to rounding) whenever ``mse > 0`` and
        there are at least two valid pairs. Standard deviations are population
        ones (``ddof=0``). Special cases:

        * no valid pair: all four fields are NaN;
        * ``mse == 0`` (perfect fit): ``mse`` is 0 and the three fractions are
          NaN, because there is no error to decompose;
        * one valid pair with ``mse > 0``: ``u_m = 1`` (the whole error is
          bias) and ``u_s``, ``u_c`` are NaN (variation and correlation are
          undefined for a single point).

    Notes
    -----
    The covariation term is computed as ``2 (s_s s_o - cov)`` with
    ``cov = r s_s s_o`` the population covariance, so that it is well
    defined (zero) when either series is constant and ``r`` is undefined.

    """
    obs, sim = _valid_pairs(observed, simulated)
    n = obs.size
    nan = float("nan")
    if n == 0:
        return TheilSplit(nan, nan, nan, nan)
    mse = float(np.mean((sim - obs) ** 2))
    if mse == 0.0:
        return TheilSplit(nan, nan, nan, 0.0)
    bias = (float(np.mean(sim)) - float(np.mean(obs))) ** 2
    if n == 1:
        return TheilSplit(bias / mse, nan, nan, mse)
    s_s = float(np.std(sim, ddof=0))
    s_o = float(np.std(obs, ddof=0))
    cov = float(np.mean((sim - sim.mean()) * (obs - obs.mean())))
    u_m = bias / mse
    u_s = (s_s - s_o) ** 2 / mse
    u_c = 2.0 * (s_s * s_o - cov) / mse
    return TheilSplit(u_m, u_s, u_c, mse)


@dataclass(frozen=True)
class SeriesFit:
    """One row of a fit table: how well a simulated series matches history.

    Attributes
    ----------
    series : str
        Series id (as in ``model/data/history.csv``).
    n : int
        Number of valid (non-NaN) observed/simulated pairs.
    rmse : float
        Root mean squared error, in the series' unit.
    mape : float
        Mean absolute percentage error, in percent.
    u_m, u_s, u_c : float
        Theil fractions of the MSE (bias, unequal variation, unequal
        covariation), dimensionless; see :func:`theil_decomposition`.

    """

    series: str
    n: int
    rmse: float
    mape: float
    u_m: float
    u_s: float
    u_c: float


def fit_table_row(series_id: str, observed: ArrayLike, simulated: ArrayLike) -> SeriesFit:
    """Compute all fit statistics for one series.

    Parameters
    ----------
    series_id : str
        Series id, copied to the result.
    observed : array_like
        Observed values, in the series' unit.
    simulated : array_like
        Simulated values for the same time points, same unit and shape.

    Returns
    -------
    SeriesFit
        Count of valid pairs, RMSE (series unit), MAPE (percent) and the
        Theil fractions, with the special cases of :func:`mape` and
        :func:`theil_decomposition`.

    """
    obs, sim = _valid_pairs(observed, simulated)
    split = theil_decomposition(obs, sim)
    return SeriesFit(
        series=series_id,
        n=int(obs.size),
        rmse=rmse(obs, sim),
        mape=mape(obs, sim),
        u_m=split.u_m,
        u_s=split.u_s,
        u_c=split.u_c,
    )

"""Observed history and its like-for-like model counterparts.

Every row of ``history.csv`` with ``used_in_fit = 1`` becomes an
:class:`Observation` with an effective standard error (see
``data/calibration_setup.toml``). :func:`simulated_values` reads the matching
model quantity from an annual frame: a level in the observed year, a
year-on-year growth rate, or a compound average growth over a period.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass

import numpy as np
import pandas as pd

from model.calibration.setup import SeriesSpec, Setup, SetupError
from model.catalogue.calendar import years
from model.catalogue.indicators import OFFSETS, annual_table, indicators_by_id, model_variables


@dataclass(frozen=True)
class Observation:
    """One observed value to compare with the model.

    Attributes
    ----------
    series : str
        Series id.
    period : str
        The ``year`` field: ``"2014"`` or a period ``"2016-2020"``.
    first, last : int
        First and last calendar year of the period (equal for one year).
    value : float
        Observed value, in ``unit``.
    unit, quality, price_basis : str
        As in ``history.csv``.
    sigma : float
        Effective standard error, in ``unit`` (the payoff weight is 1/sigma^2).

    """

    series: str
    period: str
    first: int
    last: int
    value: float
    unit: str
    quality: str
    price_basis: str
    sigma: float


def _period(text: str) -> tuple[int, int]:
    parts = text.split("-")
    return int(parts[0]), int(parts[-1])


def effective_sigma(spec: SeriesSpec, setup: Setup, value: float, quality: str, price_basis: str,
                    first: int, period: str = "") -> float:
    """Standard error of one observation, in the series' unit (see the set-up file)."""
    sigma = spec.sigma_by_period.get(period, spec.sigma)
    sigma = sigma * abs(value) / 100.0 if spec.relative else sigma
    sigma *= float(setup.quality.get(quality, 1.0))
    if price_basis == "current" and first > int(setup.settings["first_year"]):
        sigma *= float(setup.settings["current_price_factor"])
    return sigma


def load_observations(setup: Setup) -> tuple[Observation, ...]:
    """Rows of the history file used in the fit, with their effective sigma.

    Raises
    ------
    SetupError
        If the history cannot be read, or a fitted row's series has no entry in
        the set-up (every observation must be compared with something).

    """
    path = setup.history_path
    specs = setup.series_by_id()
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = [row for row in csv.DictReader(handle) if row["used_in_fit"] == "1"]
    except OSError as error:
        raise SetupError(f"{path}: cannot read: {error.strerror}") from None
    missing = sorted({row["series"] for row in rows} - set(specs))
    if missing:
        raise SetupError(f"{setup.path}: no [[series]] entry for fitted series {', '.join(missing)}")
    out = []
    for row in rows:
        spec = specs[row["series"]]
        first, last = _period(row["year"])
        value = float(row["value"])
        out.append(Observation(
            series=row["series"], period=row["year"], first=first, last=last, value=value,
            unit=row["unit"], quality=row["quality"], price_basis=row["price_basis"],
            sigma=effective_sigma(spec, setup, value, row["quality"], row["price_basis"], first, row["year"]),
        ))
    return tuple(out)


def run_columns(setup: Setup) -> list[str]:
    """Model variables a run must return for the indicators and the compared series."""
    indicators = indicators_by_id()
    extra = [spec.model for spec in setup.series if spec.model not in indicators]
    return model_variables() + [name for name in dict.fromkeys(extra) if name not in model_variables()]


def annual_frame(run: pd.DataFrame, setup: Setup) -> pd.DataFrame:
    """Annual values indexed by year: every indicator plus the compared model variables.

    Model variables that are not indicators are read at mid-year, like flows. A
    run that stops early (see :func:`model.calibration.calibrate.history_simulator`) gives
    NaN for the later years.
    """
    full = np.round(np.arange(float(years()[0]), years()[-1] + 1.0 + 1e-9, 0.5), 6)
    if len(run.index) < len(full):
        run = run.reindex(full)
    table = annual_table(run).set_index("year")
    indicators = indicators_by_id()
    rows = np.searchsorted(run.index.to_numpy(), years() + OFFSETS["mid"])
    for name in dict.fromkeys(spec.model for spec in setup.series if spec.model not in indicators):
        table[name] = run[name].to_numpy(dtype=float)[rows]
    return table


def simulated_value(spec: SeriesSpec, obs: Observation, frame: pd.DataFrame) -> float:
    """The model's counterpart of one observation.

    Parameters
    ----------
    spec : SeriesSpec
        How the series is compared.
    obs : Observation
        The observation (its period picks the years).
    frame : pandas.DataFrame
        Output of :func:`annual_frame`.

    Returns
    -------
    float
        Level in the observed year; growth in % from the year before; or the
        compound average growth in %/yr from the year before the period to its
        last year.

    """
    series = frame[spec.model]
    if spec.compare == "level":
        return float(series.loc[obs.last])
    if spec.compare == "growth":
        return float(100.0 * (series.loc[obs.last] / series.loc[obs.last - 1] - 1.0))
    span = obs.last - obs.first + 1
    return float(100.0 * ((series.loc[obs.last] / series.loc[obs.first - 1]) ** (1.0 / span) - 1.0))


def simulated_values(observations: tuple[Observation, ...], frame: pd.DataFrame, setup: Setup) -> np.ndarray:
    """Model counterparts of all observations, in their order."""
    specs = setup.series_by_id()
    return np.array([simulated_value(specs[obs.series], obs, frame) for obs in observations])

"""Annual indicators read from a model run (data/indicators.toml).

An indicator is the sum of some model variables at mid-year (flows and
levels) or at the end of the year (cumulative stocks), or the year-on-year
growth of an earlier indicator. :func:`annual_arrays` computes them for one run
or many samples at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from model.base.lang import Bilingual
from model.base.paths import INDICATORS_PATH
from model.catalogue.calendar import years
from model.catalogue.loader import CatalogueError, Field, Schema, check_tables, entries, optional, read_toml

#: When in the year an indicator is read: mid-year or the end of the year (years after the start of the year).
OFFSETS = {"mid": 0.5, "end": 1.0}
SCHEMA = Schema("indicator", key="id", fields=(
    Field("id"), optional("variable", "texts", ()), optional("growth_of", "text", ""),
    optional("at", "text", "mid", choices=tuple(OFFSETS)), Field("unit"), Field("name_vi"), Field("name_en"),
    Field("chart"),
))


@dataclass(frozen=True)
class Indicator(Bilingual):
    """One annual indicator.

    Attributes
    ----------
    id : str
        Column name in outputs.
    variables : tuple of str
        Model variables summed to make it (empty for a growth rate).
    growth_of : str
        For a growth rate: the indicator it is the year-on-year growth of (percent).
    at : str
        ``"mid"`` (value at mid-year) or ``"end"`` (stock at the end of the year).
    unit, name_vi, name_en, chart : str
        Unit, labels and the chart group it belongs to.

    """

    id: str
    variables: tuple[str, ...]
    growth_of: str
    at: str
    unit: str
    name_vi: str
    name_en: str
    chart: str

    def name(self, lang: str) -> str:
        """Label in ``lang``."""
        return self.text("name", lang)


def _indicator(path: Path, record: dict, earlier: set[str]) -> Indicator:
    indicator = Indicator(variables=record.pop("variable"), **record)
    if bool(indicator.variables) == bool(indicator.growth_of):
        raise CatalogueError(f"{path}: indicator {indicator.id}: give either variable or growth_of")
    if indicator.growth_of and indicator.growth_of not in earlier:
        raise CatalogueError(f"{path}: indicator {indicator.id}: growth_of = {indicator.growth_of!r}: "
                             "not an indicator listed before it")
    return indicator


@lru_cache(maxsize=2)
def load_indicators(path: Path = INDICATORS_PATH) -> tuple[Indicator, ...]:
    """Read the indicator definitions.

    Raises
    ------
    CatalogueError
        Unknown key, missing field, wrong type, a bad ``at``, a repeated id, or
        a growth rate of an indicator not listed before it.

    """
    data = read_toml(path)
    check_tables(path, data, [SCHEMA.table])
    out: list[Indicator] = []
    for record in entries(path, data, SCHEMA):
        out.append(_indicator(Path(path), record, {ind.id for ind in out}))
    return tuple(out)


def indicators_by_id() -> dict[str, Indicator]:
    """Indicator id -> Indicator."""
    return {ind.id: ind for ind in load_indicators()}


def model_variables() -> list[str]:
    """Every model variable the indicators read."""
    names: list[str] = []
    for ind in load_indicators():
        names += [v for v in ind.variables if v not in names]
    return names


def annual_arrays(times: np.ndarray, columns: list[str], values: np.ndarray) -> dict[str, np.ndarray]:
    """Annual indicators from half-yearly model values, for one run or many.

    Parameters
    ----------
    times : numpy.ndarray
        Saved times in years, shape (T,).
    columns : list of str
        Model variable names, in the order of the last axis of ``values``.
    values : numpy.ndarray
        Model values, shape (..., T, V): one run (T, V) or samples (N, T, V).

    Returns
    -------
    dict
        Indicator id -> values by calendar year (:func:`years`), shape (..., Y),
        in the indicator's unit.

    """
    position = {name: i for i, name in enumerate(columns)}
    rows = {at: np.searchsorted(np.asarray(times), years() + offset) for at, offset in OFFSETS.items()}
    arrays: dict[str, np.ndarray] = {}
    for ind in load_indicators():
        if ind.growth_of:
            level = arrays[ind.growth_of]
            growth = np.full(level.shape, np.nan)
            growth[..., 1:] = 100.0 * (level[..., 1:] / level[..., :-1] - 1.0)
            arrays[ind.id] = growth
        else:
            arrays[ind.id] = sum(values[..., rows[ind.at], position[v]] for v in ind.variables)
    return arrays


def annual_table(run: pd.DataFrame) -> pd.DataFrame:
    """Turn a half-yearly model run into the annual indicator table.

    Parameters
    ----------
    run : pandas.DataFrame
        Output of :meth:`model.engine.simulator.Simulator.run`, indexed by time (years).

    Returns
    -------
    pandas.DataFrame
        Column ``year`` then one column per indicator, one row per year.

    """
    arrays = annual_arrays(run.index.to_numpy(dtype=float), list(run.columns), run.to_numpy(dtype=float))
    return pd.DataFrame({"year": years(), **arrays})

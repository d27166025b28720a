"""Behaviour reproduction: the baseline run against the 2010-2020 history."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from model.base.paths import HISTORY_PATH
from model.calibration.fitstats import SeriesFit, fit_table_row
from model.catalogue.indicators import indicators_by_id
from model.checks.config import CheckResult, ChecksConfigError, finite_or_none, require_names, scenario_named, section
from model.run.runner import simulate

SERIES_FIELDS = ("series", "indicator", "max_mape_pct")
GROWTH_FIELDS = ("series", "period", "indicator", "band_pp")


def history_rows(history: pd.DataFrame, series: str) -> pd.DataFrame:
    """Yearly observations of ``series`` used in the fit (``used_in_fit == 1``), by integer year."""
    rows = history[(history["series"] == series) & (history["used_in_fit"] == 1)]
    rows = rows[rows["year"].astype(str).str.fullmatch(r"\d{4}")]
    return pd.DataFrame({"year": rows["year"].astype(int), "value": rows["value"].astype(float)})


def series_fit(history: pd.DataFrame, table: pd.DataFrame, series: str, indicator: str) -> SeriesFit:
    """Fit statistics of one indicator against one history series (same unit)."""
    observed = history_rows(history, series)
    simulated = table.set_index("year")[indicator].reindex(observed["year"]).to_numpy(dtype=float)
    return fit_table_row(series, observed["value"].to_numpy(), simulated)


def average_growth(table: pd.DataFrame, indicator: str, period: str) -> float:
    """Average annual growth over ``period`` ("2016-2020"), percent per year.

    The geometric mean of the yearly growth rates: ``(x_last / x_before_first) ** (1 / n) - 1``
    with ``n`` the number of years in the period.
    """
    first, last = (int(y) for y in period.split("-"))
    level = table.set_index("year")[indicator]
    return 100.0 * ((level[last] / level[first - 1]) ** (1.0 / (last - first + 1)) - 1.0)


def observed_value(history: pd.DataFrame, series: str, period: str) -> float:
    """The history value of ``series`` for ``period`` (the row used in the fit if there are several)."""
    rows = history[(history["series"] == series) & (history["year"].astype(str) == period)]
    if rows.empty:
        raise ChecksConfigError(f"checks: no history row for {series} {period}")
    return float(rows.sort_values("used_in_fit", ascending=False)["value"].iloc[0])


def _series_result(history: pd.DataFrame, table: pd.DataFrame, spec: Mapping) -> CheckResult:
    fit = series_fit(history, table, spec["series"], spec["indicator"])
    limit = float(spec["max_mape_pct"])
    passed = bool(fit.n > 0 and fit.mape < limit)
    figures = {"n": fit.n, "mape_pct": finite_or_none(fit.mape), "max_mape_pct": limit,
               "rmse": finite_or_none(fit.rmse), "u_m": finite_or_none(fit.u_m),
               "u_s": finite_or_none(fit.u_s), "u_c": finite_or_none(fit.u_c)}
    message = (f"{spec['series']}: MAPE {fit.mape:.3g}% over {fit.n} years "
               f"{'<' if passed else '>='} {limit:g}%") if fit.n else f"{spec['series']}: no observed years"
    return CheckResult(f"behaviour:{spec['series']}", passed, figures, message)


def _growth_result(history: pd.DataFrame, table: pd.DataFrame, spec: Mapping) -> CheckResult:
    observed = observed_value(history, spec["series"], spec["period"])
    simulated = average_growth(table, spec["indicator"], spec["period"])
    band = float(spec["band_pp"])
    passed = bool(np.isfinite(simulated) and abs(simulated - observed) <= band)
    figures = {"simulated_pct": finite_or_none(simulated), "observed_pct": observed,
               "difference_pp": finite_or_none(simulated - observed), "band_pp": band}
    message = (f"{spec['series']} {spec['period']}: simulated {simulated:.3g}%/yr, "
               f"observed {observed:g} ± {band:g}")
    return CheckResult(f"behaviour:{spec['series']}:{spec['period']}", passed, figures, message)


def behaviour_reproduction(config: Mapping) -> list[CheckResult]:
    """Fit of the baseline run to history: MAPE per series, average growth per period."""
    cfg = section(config, "behaviour")
    specs, growth = list(cfg.get("series", [])), list(cfg.get("growth", []))
    for entries, fields in ((specs, SERIES_FIELDS), (growth, GROWTH_FIELDS)):
        for spec in entries:
            if any(key not in spec for key in fields):
                raise ChecksConfigError(f"checks: a [behaviour] entry lacks one of {', '.join(fields)}: {dict(spec)}")
    require_names("indicators in [behaviour]", [s["indicator"] for s in specs + growth], indicators_by_id())
    history = pd.read_csv(HISTORY_PATH)
    require_names("history series in [behaviour]", [s["series"] for s in specs + growth],
                  history["series"].unique())
    table = simulate(scenario_named(cfg["scenario"])).table
    return ([_series_result(history, table, s) for s in specs]
            + [_growth_result(history, table, g) for g in growth])

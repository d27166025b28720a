"""The trust report: how well the calibrated baseline reproduces every observation.

Each observation used in the fit is compared like for like with the model (see
``data/calibration_setup.toml`` and :mod:`model.calibration.observations`): levels with
levels, growth rates with the model's growth, period averages with the model's
compound average, old-basis shares with the model's ``_old`` shares. Per series
the table gives n, RMSE, MAPE and Theil's split of the mean squared error
(:mod:`model.calibration.fitstats`), plus the series' part of the payoff.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from model.base.paths import SETUP_PATH
from model.calibration.fitstats import fit_table_row
from model.calibration.observations import Observation, annual_frame, load_observations, run_columns, simulated_value
from model.calibration.setup import Setup, load_setup
from model.catalogue.parameters import calibrated_params
from model.engine.simulator import Simulator
from model.run.scenario import baseline

TABLE_COLUMNS = ["series", "n", "rmse", "mape", "u_m", "u_s", "u_c", "payoff", "unit", "model", "compare", "basis"]


@dataclass(frozen=True)
class FitReport:
    """Everything the fit command and the app show.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per series (:data:`TABLE_COLUMNS`). ``rmse`` is in the series'
        unit, ``mape`` in percent, ``u_m``/``u_s``/``u_c`` are fractions of
        the MSE, ``payoff`` the series' weighted sum of squared residuals.
    comparisons : pandas.DataFrame
        One row per observation: series, period, year (last year of the
        period), observed, simulated, unit, quality, price_basis, sigma, z
        (``(simulated - observed) / sigma``).
    frame : pandas.DataFrame
        The model's annual values (indicators and compared variables), by year.
    setup : Setup
        The set-up that defines the comparisons.

    """

    table: pd.DataFrame
    comparisons: pd.DataFrame
    frame: pd.DataFrame
    setup: Setup

    @property
    def payoff(self) -> float:
        """Total weighted payoff of the run."""
        return float(self.table["payoff"].sum())


def baseline_frame(setup: Setup, params: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Annual values of the baseline scenario with the calibrated parameters (or ``params``).

    Before the policy start year the levers have no effect, so this is the
    model's history.
    """
    base = calibrated_params() if params is None else dict(params)
    simulator = Simulator(base_params=base)
    run = simulator.run(baseline().model_params(), columns=run_columns(setup))
    return annual_frame(run, setup)


def comparisons(observations: tuple[Observation, ...], frame: pd.DataFrame, setup: Setup) -> pd.DataFrame:
    """One row per observation with its model counterpart and standardised residual."""
    specs = setup.series_by_id()
    rows = []
    for obs in observations:
        simulated = simulated_value(specs[obs.series], obs, frame)
        rows.append({
            "series": obs.series, "period": obs.period, "year": obs.last, "observed": obs.value,
            "simulated": simulated, "unit": obs.unit, "quality": obs.quality, "price_basis": obs.price_basis,
            "sigma": obs.sigma, "z": (simulated - obs.value) / obs.sigma,
        })
    return pd.DataFrame(rows)


def fit_table(compared: pd.DataFrame, setup: Setup) -> pd.DataFrame:
    """Per-series statistics, in the set-up's series order."""
    rows = []
    for spec in setup.series:
        chosen = compared[compared["series"] == spec.id]
        if chosen.empty:
            continue
        stats = fit_table_row(spec.id, chosen["observed"].to_numpy(), chosen["simulated"].to_numpy())
        rows.append({
            "series": spec.id, "n": stats.n, "rmse": stats.rmse, "mape": stats.mape,
            "u_m": stats.u_m, "u_s": stats.u_s, "u_c": stats.u_c,
            "payoff": float(np.sum(chosen["z"].to_numpy() ** 2)), "unit": chosen["unit"].iloc[0],
            "model": spec.model, "compare": spec.compare, "basis": spec.basis,
        })
    return pd.DataFrame(rows, columns=TABLE_COLUMNS)


def build_report(setup: Setup | None = None, params: Mapping[str, float] | None = None) -> FitReport:
    """Run the calibrated baseline and compare it with every observation.

    Parameters
    ----------
    setup : Setup, optional
        The calibration set-up (the project's by default).
    params : Mapping[str, float], optional
        Parameter values to use instead of the calibration file's.

    """
    setup = setup or load_setup(SETUP_PATH)
    frame = baseline_frame(setup, params)
    compared = comparisons(load_observations(setup), frame, setup)
    return FitReport(fit_table(compared, setup), compared, frame, setup)


def format_table(table: pd.DataFrame) -> str:
    """The fit table as aligned text (NaN shown as '-')."""
    def cell(value: object, digits: int) -> str:
        if isinstance(value, float):
            return "-" if np.isnan(value) else f"{value:.{digits}f}"
        return str(value)

    header = ("series", "n", "RMSE", "MAPE %", "U^M", "U^S", "U^C", "payoff", "unit")
    rows = [header] + [
        (r.series, str(r.n), cell(r.rmse, 3), cell(r.mape, 1), cell(r.u_m, 2), cell(r.u_s, 2), cell(r.u_c, 2),
         cell(r.payoff, 2), r.unit)
        for r in table.itertuples()
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(c.rjust(w) if 0 < i < 8 else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths,
                                                                                            strict=True))).rstrip()
             for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)

"""Checks that run the model: extreme conditions, time-step halving, mass balance."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

import numpy as np
import pandas as pd

from model.catalogue.indicators import annual_table, indicators_by_id
from model.catalogue.levers import load_levers
from model.checks.config import CheckResult, finite_or_none, require_names, scenario_named, section
from model.run.runner import simulate, simulator
from model.run.scenario import baseline, with_settings


# --- extreme conditions ------------------------------------------------------
def extreme_settings() -> list[tuple[str, dict[str, float]]]:
    """Every extreme run: (label, lever/assumption id -> value).

    Each lever and assumption alone at its min and at its max, then all levers,
    all assumptions, and all of them together, at their min and at their max.
    """
    levers = load_levers()
    runs = [(f"{lev.id}={end}", {lev.id: getattr(lev, end)}) for lev in levers for end in ("min", "max")]
    for label, kinds in (("levers", ("lever",)), ("assumptions", ("assumption",)),
                         ("all", ("lever", "assumption"))):
        for end in ("min", "max"):
            runs.append((f"{label}={end}", {lev.id: getattr(lev, end) for lev in levers if lev.kind in kinds}))
    return runs


def run_violations(label: str, frame: pd.DataFrame, table: pd.DataFrame, cfg: Mapping) -> list[dict]:
    """Everything wrong with one run: non-finite values, negative stocks, shares out of range.

    Parameters
    ----------
    label : str
        Name of the run, copied into each violation.
    frame : pandas.DataFrame
        Model run (every variable, every saved time).
    table : pandas.DataFrame
        Its annual indicator table.
    cfg : Mapping
        The ``[extreme]`` section.

    Returns
    -------
    list of dict
        One entry per offending variable or indicator: run, test, item, value, time.

    """
    out = []
    values = frame.to_numpy(dtype=float)
    for j in np.flatnonzero(~np.isfinite(values).all(axis=0)):
        i = int(np.flatnonzero(~np.isfinite(values[:, j]))[0])
        out.append(dict(run=label, test="finite", item=frame.columns[j], value=float(values[i, j]),
                        time=float(frame.index[i])))
    indicators = table.drop(columns="year").iloc[1:]  # growth rates start in the second year
    for name in indicators.columns[~np.isfinite(indicators.to_numpy(dtype=float)).all(axis=0)]:
        out.append(dict(run=label, test="finite", item=name, value=float("nan"), time=float("nan")))
    tolerance = float(cfg["nonnegative_tolerance"])
    for stock in cfg["nonnegative_stocks"]:
        column = frame[stock].to_numpy(dtype=float)
        if np.nanmin(column) < -tolerance:
            i = int(np.nanargmin(column))
            out.append(dict(run=label, test="nonnegative", item=stock, value=float(column[i]),
                            time=float(frame.index[i])))
    low, high = (float(x) for x in cfg["share_range"])
    slack = float(cfg["share_tolerance"])
    for share in cfg["shares"]:
        column = table[share].to_numpy(dtype=float)
        bad = np.flatnonzero((column < low - slack) | (column > high + slack))
        if bad.size:
            i = int(bad[np.argmax(np.abs(column[bad] - (low + high) / 2))])
            out.append(dict(run=label, test="share_range", item=share, value=float(column[i]),
                            time=float(table["year"].iloc[i])))
    return out


def extreme_conditions(config: Mapping) -> list[CheckResult]:
    """Each lever and assumption alone at its extremes, and all together."""
    cfg = section(config, "extreme")
    sim = simulator()
    require_names("stocks in [extreme]", cfg["nonnegative_stocks"], sim.info.units)
    require_names("indicators in [extreme]", cfg["shares"], indicators_by_id())
    runs = extreme_settings()
    violations: list[dict] = []
    for label, settings in runs:
        scenario = with_settings(baseline(), settings, name=label)
        frame = sim.run(scenario.model_params())
        violations += run_violations(label, frame, annual_table(frame), cfg)
    failing = sorted({v["run"] for v in violations})
    counts = Counter(v["test"] for v in violations)
    unlisted = len(set(sim.info.stocks) - set(cfg["nonnegative_stocks"]))
    figures = {"runs": len(runs), "failing_runs": len(failing), "unlisted_stocks": unlisted,
               "nonfinite": counts["finite"], "negative_stocks": counts["nonnegative"],
               "shares_out_of_range": counts["share_range"],
               "details": [{k: finite_or_none(v) if isinstance(v, float) else v for k, v in d.items()}
                           for d in violations]}
    message = (f"{len(runs)} runs: all values finite, stocks non-negative, shares in range" if not violations
               else f"{len(failing)} of {len(runs)} runs break {len(violations)} conditions")
    return [CheckResult("extreme_conditions", not violations, figures, message)]


# --- time-step halving -------------------------------------------------------
def step_difference(coarse: pd.DataFrame, fine: pd.DataFrame, outputs: list[str],
                    zero_below: float) -> tuple[float, str, int]:
    """Largest relative difference (percent) between two annual tables over ``outputs``.

    Returns
    -------
    tuple
        (difference in percent, indicator, year); values of the fine run whose
        magnitude is below ``zero_below`` are skipped.

    """
    a = coarse[outputs].to_numpy(dtype=float)
    b = fine[outputs].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        relative = np.where(np.abs(b) < zero_below, 0.0, np.abs(a - b) / np.abs(b))
    relative = np.where(np.isnan(relative), np.inf, relative)  # NaN in one run only is a difference
    i, j = np.unravel_index(int(np.argmax(relative)), relative.shape)
    return 100.0 * float(relative[i, j]), outputs[j], int(fine["year"].iloc[i])


def time_step_halving(config: Mapping) -> list[CheckResult]:
    """Run each scenario at the model's step and a fraction of it; compare key outputs."""
    cfg = section(config, "time_step")
    outputs = list(cfg["key_outputs"])
    require_names("indicators in [time_step]", outputs, indicators_by_id())
    step = simulator().info.time_step
    years = slice(int(cfg["first_year"]), int(cfg["last_year"]))
    results = []
    for name in cfg["scenarios"]:
        scenario = scenario_named(name)
        coarse, fine = (simulate(scenario, time_step=dt).table.set_index("year", drop=False).loc[years]
                        for dt in (step, step / cfg["divisor"]))
        worst, output, year = step_difference(coarse, fine, outputs, float(cfg["zero_below"]))
        passed = bool(worst < float(cfg["tolerance_pct"]))
        figures = {"time_step": step, "fine_step": step / cfg["divisor"], "max_diff_pct": finite_or_none(worst),
                   "worst_output": output, "worst_year": year, "tolerance_pct": float(cfg["tolerance_pct"]),
                   "outputs": len(outputs)}
        message = (f"{name}: largest change {worst:.3g}% ({output}, {year}) "
                   f"{'<' if passed else '>='} {cfg['tolerance_pct']}%")
        results.append(CheckResult(f"time_step:{name}", passed, figures, message))
    return results


# --- mass balance ------------------------------------------------------------
def balance_error(stock: np.ndarray, net_flow: np.ndarray, dt: float) -> float:
    """Relative accounting error of a stock under the Euler rule.

    Parameters
    ----------
    stock : numpy.ndarray
        Stock values at every Euler step ``t_0, t_0 + dt, ...`` (stock units).
    net_flow : numpy.ndarray
        Inflows minus outflows at the same times (stock units per year).
    dt : float
        Euler step, years.

    Returns
    -------
    float
        ``max_k |S(t_k) - S(t_0) - dt * sum_{j<k} net(t_j)| / max_k |S(t_k)|``:
        zero up to round-off when the flows account for every change; infinite
        if any value is not finite.

    """
    stock = np.asarray(stock, dtype=float)
    net = np.asarray(net_flow, dtype=float)
    if not (np.isfinite(stock).all() and np.isfinite(net).all()):
        return float("inf")
    accumulated = np.concatenate([[0.0], np.cumsum(net[:-1] * dt)])
    scale = float(np.max(np.abs(stock))) or 1.0
    return float(np.max(np.abs(stock - stock[0] - accumulated)) / scale)


def mass_balance(config: Mapping) -> list[CheckResult]:
    """Inflows minus outflows equal the change of each listed stock (or sum of stocks)."""
    cfg = section(config, "mass_balance_settings")
    balances = section(config, "mass_balance")
    sim = simulator()
    columns = sorted({n for b in balances for n in (*b["stocks"], *b["inflows"], *b["outflows"])})
    require_names("variables in [[mass_balance]]", columns, sim.info.units)
    runs = {name: sim.run(scenario_named(name).model_params(), columns=columns, every_step=True)
            for name in cfg["scenarios"]}
    results = []
    for balance in balances:
        errors = {}
        for name, frame in runs.items():
            dt = float(np.diff(frame.index.to_numpy())[0])
            stock = frame[balance["stocks"]].sum(axis=1).to_numpy()
            net = frame[balance["inflows"]].sum(axis=1).to_numpy() - frame[balance["outflows"]].sum(axis=1).to_numpy()
            errors[name] = balance_error(stock, net, dt)
        worst = max(errors.values())
        passed = bool(worst <= float(cfg["tolerance"]))
        figures = {"max_rel_error": finite_or_none(worst), "tolerance": float(cfg["tolerance"]),
                   **{f"rel_error_{k}": finite_or_none(v) for k, v in errors.items()}}
        message = (f"{' + '.join(balance['stocks'])}: largest relative error {worst:.2g} "
                   f"{'<=' if passed else '>'} {cfg['tolerance']:g}")
        results.append(CheckResult(f"mass_balance:{balance['name']}", passed, figures, message))
    return results

"""Plausibility after 2020: behaviour bounded by sourced thresholds (data/checks.toml).

A model that reproduces 2010-2020 can still be wrong after 2020. Each check of
``[[plausibility.check]]`` bounds one quantity over the years from
``first_year`` to ``last_year`` in every scenario of ``scenarios`` ("best" is
every policy lever at the end of its range in the resolution's direction,
:func:`best_scenario`). Kinds:

* ``pace``: change of an indicator per year over a moving window (pp/yr);
* ``growth``: compound average growth of an indicator over a window (%/yr);
* ``icor``: investment over the window divided by the rise of output over it;
* ``level``: the indicator itself, each year;
* ``elasticity``: ln(employment ratio) / ln(value-added ratio) over a window.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from model.catalogue.costs import load_costs
from model.catalogue.indicators import indicators_by_id
from model.catalogue.levers import load_levers
from model.checks.config import CheckResult, ChecksConfigError, finite_or_none, require_names, scenario_named, section
from model.run.runner import simulate
from model.run.scenario import Scenario, baseline, with_settings

KINDS = ("pace", "growth", "icor", "level", "elasticity")
#: Indicator fields each kind reads.
KIND_FIELDS = {"pace": ("indicator",), "growth": ("indicator",), "icor": ("investment", "output"),
               "level": ("indicator",), "elasticity": ("employment", "value_added")}
BEST = "best"


def best_scenario() -> Scenario:
    """Every policy lever at the end of its range in the resolution's direction (costs.toml)."""
    direction = {cost.lever: cost.direction for cost in load_costs()}
    settings = {lever.id: (lever.min if direction.get(lever.id) == "down" else lever.max)
                for lever in load_levers() if lever.kind == "lever"}
    return with_settings(baseline(), settings, name=BEST)


def _windows(first: int, last: int, window: int) -> list[tuple[int, int]]:
    return [(start, start + window) for start in range(first - 1, last - window + 1)]


def values(table: pd.DataFrame, spec: Mapping, first: int, last: int, window: int) -> np.ndarray:
    """The checked quantity for every window (or every year for ``level``)."""
    t = table.set_index("year")
    kind = spec["kind"]
    if kind == "level":
        return t.loc[first:last, spec["indicator"]].to_numpy(dtype=float)
    out = []
    for a, b in _windows(first, last, window):
        if kind == "pace":
            out.append((t.at[b, spec["indicator"]] - t.at[a, spec["indicator"]]) / (b - a))
        elif kind == "growth":
            out.append(100.0 * ((t.at[b, spec["indicator"]] / t.at[a, spec["indicator"]]) ** (1.0 / (b - a)) - 1.0))
        elif kind == "icor":
            invested = t.loc[a + 1:b, spec["investment"]].sum()
            out.append(invested / (t.at[b, spec["output"]] - t.at[a, spec["output"]]))
        else:
            out.append(_elasticity(t, spec, a, b))
    return np.asarray(out, dtype=float)


#: Below this change of value added over a window (log points) an elasticity is
#: not defined: the ratio of two near-zero changes says nothing.
MIN_LOG_CHANGE = 0.01


def _elasticity(t: pd.DataFrame, spec: Mapping, a: int, b: int) -> float:
    """ln(employment ratio) / ln(value-added ratio) from ``a`` to ``b``; NaN when value added barely moves."""
    output = np.log(t.at[b, spec["value_added"]] / t.at[a, spec["value_added"]])
    if abs(output) < MIN_LOG_CHANGE:
        return float("nan")
    return float(np.log(t.at[b, spec["employment"]] / t.at[a, spec["employment"]]) / output)


def _result(name: str, scenario: str, spec: Mapping, found: np.ndarray) -> CheckResult:
    low, high = float(spec["min"]), float(spec["max"])
    defined = found[~np.isnan(found)]
    if defined.size == 0 or not np.all(np.isfinite(defined)):
        worst_low = worst_high = float("nan")
    else:
        worst_low, worst_high = float(defined.min()), float(defined.max())
    passed = bool(defined.size and np.all(np.isfinite(defined)) and low <= worst_low and worst_high <= high)
    figures = {"min_found": finite_or_none(worst_low), "max_found": finite_or_none(worst_high),
               "min": low, "max": high, "unit": spec["unit"], "source": spec["source"]}
    message = (f"{scenario}: {worst_low:.3g} to {worst_high:.3g} {spec['unit']}, "
               f"{'within' if passed else 'outside'} [{low:g}, {high:g}]")
    return CheckResult(f"{name}:{scenario}", passed, figures, message)


def _validate(checks: list[Mapping]) -> None:
    for spec in checks:
        if spec.get("kind") not in KINDS:
            raise ChecksConfigError(f"checks: {spec.get('name')}: kind must be one of {', '.join(KINDS)}")
        missing = [key for key in KIND_FIELDS[spec["kind"]] + ("min", "max", "unit", "source") if key not in spec]
        if missing:
            raise ChecksConfigError(f"checks: {spec['name']}: lacks {', '.join(missing)}")
        require_names(f"indicators in {spec['name']}", [spec[k] for k in KIND_FIELDS[spec["kind"]]],
                      indicators_by_id())


def plausibility(config: Mapping) -> list[CheckResult]:
    """Every plausibility check for every scenario of the section."""
    cfg = section(config, "plausibility")
    checks = list(cfg.get("check", []))
    _validate(checks)
    first, last, window = int(cfg["first_year"]), int(cfg["last_year"]), int(cfg["window"])
    results = []
    for name in cfg["scenarios"]:
        scenario = best_scenario() if name == BEST else scenario_named(name)
        table = simulate(scenario).table
        results += [_result(spec["name"], name, spec, values(table, spec, first, last, window)) for spec in checks]
    return results

"""The model-testing battery: every group of checks, in order.

Each check returns one or more :class:`~model.checks.config.CheckResult`
(pass or fail with its figures). The groups are

* ``units``: dimensional consistency of every equation (:mod:`model.checks.units`);
* ``extreme``: each lever and assumption alone at its min and max, and all
  together (:mod:`model.checks.runs`);
* ``time_step``: halving the Euler step (:mod:`model.checks.runs`);
* ``mass_balance``: stock-and-flow accounting (:mod:`model.checks.runs`);
* ``behaviour``: reproduction of the 2010-2020 history (:mod:`model.checks.behaviour`);
* ``plausibility``: behaviour after 2020 bounded by sourced thresholds, for the
  baseline, the resolution and the extreme mix (:mod:`model.checks.plausibility`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from model.base.paths import MDL_PATH
from model.checks import behaviour, plausibility, runs
from model.checks.config import CheckResult, section
from model.checks.units import check_model

GROUPS = ("units", "extreme", "time_step", "mass_balance", "behaviour", "plausibility")


def units_check(config: Mapping, mdl_path: Path = MDL_PATH) -> list[CheckResult]:
    """Dimensional consistency of every equation of the model."""
    section(config, "units")
    report = check_model(mdl_path)
    mismatches = [dict(variable=i.variable, declared=i.declared, derived=i.derived, message=i.message)
                  for i in report.issues]
    figures = {"equations": report.checked, "mismatches": len(mismatches), "details": mismatches}
    message = (f"{report.checked} equations, all units consistent" if not mismatches else
               f"{len(mismatches)} of {report.checked} equations do not have their declared units")
    return [CheckResult("units", not mismatches, figures, message)]


def _groups() -> dict[str, Callable[[Mapping], list[CheckResult]]]:
    return {
        "units": units_check,
        "extreme": runs.extreme_conditions,
        "time_step": runs.time_step_halving,
        "mass_balance": runs.mass_balance,
        "behaviour": behaviour.behaviour_reproduction,
        "plausibility": plausibility.plausibility,
    }


def run_checks(config: Mapping, only: Iterable[str] | None = None) -> list[CheckResult]:
    """Run the check groups (all, or those in ``only``) in battery order."""
    groups = _groups()
    wanted = list(only) if only else list(GROUPS)
    results: list[CheckResult] = []
    for name in GROUPS:
        if name in wanted:
            results += groups[name](config)
    return results

"""The model-testing battery: definitions from ``data/checks.toml``, results as data.

Each check returns one or more :class:`CheckResult` (pass or fail with its
figures). The groups are

* ``units``: dimensional consistency of every equation (:mod:`model.units`);
* ``extreme``: each lever and assumption alone at its min and max, and all
  together (:mod:`model.checks_runs`);
* ``time_step``: halving the Euler step (:mod:`model.checks_runs`);
* ``mass_balance``: stock-and-flow accounting (:mod:`model.checks_runs`);
* ``behaviour``: reproduction of the 2010-2020 history (:mod:`model.checks_fit`).
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from model.base.paths import DATA_DIR, MDL_PATH
from model.run.scenario import Scenario, load_shipped

CHECKS_PATH = DATA_DIR / "checks.toml"
#: Sections of ``checks.toml`` and the fields each must have.
REQUIRED = {
    "units": (),
    "extreme": ("nonnegative_stocks", "nonnegative_tolerance", "shares", "share_range", "share_tolerance"),
    "time_step": ("scenarios", "divisor", "first_year", "last_year", "tolerance_pct", "zero_below", "key_outputs"),
    "mass_balance_settings": ("scenarios", "tolerance"),
    "mass_balance": ("name", "stocks", "inflows", "outflows"),
    "behaviour": ("scenario",),
}
SECTIONS = tuple(REQUIRED)


@dataclass(frozen=True)
class CheckResult:
    """Outcome of one check.

    Attributes
    ----------
    name : str
        Check name, e.g. ``"units"`` or ``"time_step:baseline"``.
    passed : bool
        Whether the check holds.
    figures : dict
        The measured numbers (and, under list values, the offending items).
    message : str
        One line saying what was measured against what.

    """

    name: str
    passed: bool
    figures: dict = field(default_factory=dict)
    message: str = ""


class ChecksConfigError(ValueError):
    """The check definitions are inconsistent (unknown section, variable, indicator...)."""


def load_config(path: Path = CHECKS_PATH) -> dict:
    """Read the check definitions.

    Raises
    ------
    ChecksConfigError
        Missing or malformed file, or an unknown top-level section.

    """
    try:
        with open(path, "rb") as handle:
            config = tomllib.load(handle)
    except FileNotFoundError:
        raise ChecksConfigError(f"{path}: no such checks file") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ChecksConfigError(f"{path}: cannot read: {error}") from None
    unknown = sorted(set(config) - set(SECTIONS))
    if unknown:
        raise ChecksConfigError(f"{path}: unknown section(s) {unknown}; known: {', '.join(SECTIONS)}")
    return config


def section(config: Mapping, name: str) -> Mapping | list:
    """A section of the definitions (a list for arrays of tables), or an error naming what is missing."""
    if name not in config:
        raise ChecksConfigError(f"checks: missing section [{name}]")
    value = config[name]
    for table in value if isinstance(value, list) else [value]:
        missing = [key for key in REQUIRED[name] if key not in table]
        if missing:
            raise ChecksConfigError(f"checks: [{name}] lacks {', '.join(missing)}")
    return value


def scenario_named(name: str) -> Scenario:
    """A shipped scenario by name (``scenarios/<name>.toml``)."""
    return load_shipped(name)


def require_names(what: str, names: Iterable[str], known: Iterable[str]) -> None:
    """Raise :class:`ChecksConfigError` if any of ``names`` is not in ``known``."""
    missing = sorted(set(names) - set(known))
    if missing:
        raise ChecksConfigError(f"checks: unknown {what}: {', '.join(missing)}")


def finite_or_none(value: float) -> float | None:
    """A float for JSON: ``None`` for NaN or infinity."""
    return float(value) if value is not None and math.isfinite(value) else None


def units_check(config: Mapping, mdl_path: Path = MDL_PATH) -> list[CheckResult]:
    """Dimensional consistency of every equation of the model."""
    from model.units import check_model

    section(config, "units")
    report = check_model(mdl_path)
    mismatches = [dict(variable=i.variable, declared=i.declared, derived=i.derived, message=i.message)
                  for i in report.issues]
    figures = {"equations": report.checked, "mismatches": len(mismatches), "details": mismatches}
    message = (f"{report.checked} equations, all units consistent" if not mismatches else
               f"{len(mismatches)} of {report.checked} equations do not have their declared units")
    return [CheckResult("units", not mismatches, figures, message)]


def _groups() -> dict[str, Callable[[Mapping], list[CheckResult]]]:
    from model import checks_fit, checks_runs

    return {
        "units": units_check,
        "extreme": checks_runs.extreme_conditions,
        "time_step": checks_runs.time_step_halving,
        "mass_balance": checks_runs.mass_balance,
        "behaviour": checks_fit.behaviour_reproduction,
    }


GROUPS = ("units", "extreme", "time_step", "mass_balance", "behaviour")


def run_checks(config: Mapping, only: Iterable[str] | None = None) -> list[CheckResult]:
    """Run the check groups (all, or those in ``only``) in battery order."""
    groups = _groups()
    wanted = list(only) if only else list(GROUPS)
    results: list[CheckResult] = []
    for name in GROUPS:
        if name in wanted:
            results += groups[name](config)
    return results

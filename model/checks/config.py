"""What the checks share: their definitions (``data/checks.toml``) and their results as data.

The definitions are read strictly: an unknown section, an unknown key in a
section or a value of the wrong type is a :class:`ChecksConfigError`; a
section's required keys are checked when its group runs (:func:`section`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from model.base.paths import CHECKS_PATH
from model.catalogue.loader import CatalogueError, check_entry, optional, read_toml
from model.run.scenario import Scenario, load_shipped

#: Sections of ``checks.toml`` and the fields each must have.
REQUIRED = {
    "units": (),
    "extreme": ("nonnegative_stocks", "nonnegative_tolerance", "shares", "share_range", "share_tolerance"),
    "time_step": ("scenarios", "divisor", "first_year", "last_year", "tolerance_pct", "zero_below", "key_outputs"),
    "mass_balance_settings": ("scenarios", "tolerance"),
    "mass_balance": ("name", "stocks", "inflows", "outflows"),
    "behaviour": ("scenario",),
    "plausibility": ("scenarios", "first_year", "last_year", "window"),
}
SECTIONS = tuple(REQUIRED)
#: Every key a section may have, with its kind (see :mod:`model.catalogue.loader`).
FIELDS = {
    "units": (),
    "extreme": (optional("nonnegative_stocks", "list"), optional("nonnegative_tolerance", "number"),
                optional("shares", "list"), optional("share_range", "list"), optional("share_tolerance", "number")),
    "time_step": (optional("scenarios", "list"), optional("divisor", "number"), optional("first_year", "int"),
                  optional("last_year", "int"), optional("tolerance_pct", "number"), optional("zero_below", "number"),
                  optional("key_outputs", "list")),
    "mass_balance_settings": (optional("scenarios", "list"), optional("tolerance", "number")),
    "mass_balance": (optional("name"), optional("stocks", "list"), optional("inflows", "list"),
                     optional("outflows", "list")),
    "behaviour": (optional("scenario"), optional("series", "list"), optional("growth", "list")),
    "plausibility": (optional("scenarios", "list"), optional("first_year", "int"), optional("last_year", "int"),
                     optional("window", "int"), optional("check", "list")),
}
#: Entries of ``[[behaviour.series]]`` and ``[[behaviour.growth]]``.
BEHAVIOUR_FIELDS = {
    "series": (optional("series"), optional("indicator"), optional("max_mape_pct", "number")),
    "growth": (optional("series"), optional("period"), optional("indicator"), optional("band_pp", "number")),
}

#: Entries of ``[[plausibility.check]]`` (which fields a kind needs: :mod:`model.checks.plausibility`).
PLAUSIBILITY_FIELDS = (optional("name"), optional("kind"), optional("indicator"), optional("investment"),
                       optional("output"), optional("employment"), optional("value_added"),
                       optional("min", "number"), optional("max", "number"), optional("unit"), optional("source"))


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


class ChecksConfigError(CatalogueError):
    """The check definitions are inconsistent (unknown section, variable, indicator...)."""


def load_config(path: Path = CHECKS_PATH) -> dict:
    """Read the check definitions.

    Raises
    ------
    ChecksConfigError
        Missing or malformed file, an unknown section, or an unknown key or a
        value of the wrong type in a section.

    """
    if not Path(path).is_file():
        raise ChecksConfigError(f"{path}: no such checks file")
    config = read_toml(path, ChecksConfigError)
    unknown = sorted(set(config) - set(SECTIONS))
    if unknown:
        raise ChecksConfigError(f"{path}: unknown section(s) {unknown}; known: {', '.join(SECTIONS)}")
    for name, value in config.items():
        for i, entry in enumerate(value if isinstance(value, list) else [value]):
            where = f"{path}: [{name}]" + (f" #{i + 1}" if isinstance(value, list) else "")
            check_entry(where, entry, FIELDS[name], ChecksConfigError)
    for i, entry in enumerate(config.get("plausibility", {}).get("check", [])):
        check_entry(f"{path}: [[plausibility.check]] #{i + 1}", entry, PLAUSIBILITY_FIELDS, ChecksConfigError)
    for kind, fields in BEHAVIOUR_FIELDS.items():
        for i, entry in enumerate(config.get("behaviour", {}).get(kind, [])):
            check_entry(f"{path}: [[behaviour.{kind}]] #{i + 1}", entry, fields, ChecksConfigError)
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

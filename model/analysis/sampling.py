"""Distributions of uncertain inputs (data/uncertainty.toml) and Latin hypercube samples.

An uncertain input is an external assumption (range from data/levers.toml,
mode the scenario's value) or a model constant (range in uncertainty.toml,
mode the value the model runs with, or the fitted value and bounds in
data/calibration.toml when the constant was calibrated).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.stats import qmc

from model.base.paths import CALIBRATION_PATH, UNCERTAINTY_PATH
from model.catalogue.levers import levers_by_id
from model.catalogue.loader import CatalogueError, Field, Schema, check_tables, entries, optional, read_toml
from model.catalogue.parameters import calibrated_entries, calibrated_params
from model.engine.simulator import model_info
from model.run.scenario import Scenario

DISTRIBUTIONS = ("uniform", "triangular", "fixed")
#: Held at the scenario's value in every sample (a rule the user chooses, not an uncertainty).
FIXED = "fixed"
_SHAPE = (optional("distribution", "text", "uniform", choices=DISTRIBUTIONS), optional("step", "float", 0.0))
ASSUMPTION = Schema("assumption", key="id", fields=(Field("id"), *_SHAPE))
PARAMETER = Schema("parameter", key="name", fields=(Field("name"), Field("lower", "float"), Field("upper", "float"),
                                                    *_SHAPE))


class UncertaintyError(CatalogueError):
    """The uncertainty file is inconsistent with the model; the message names the entry."""


@dataclass(frozen=True)
class Uncertain:
    """One uncertain input.

    Attributes
    ----------
    key : str
        Lever id (assumptions) or model constant name (parameters).
    variable : str
        Model constant it sets.
    kind : str
        ``"assumption"`` or ``"parameter"``.
    distribution : str
        ``"uniform"`` or ``"triangular"``.
    lower, mode, upper : float
        Range and most likely value, in the constant's model units.
    step : float
        Samples are rounded to multiples of ``step`` above ``lower`` (0: no rounding).

    """

    key: str
    variable: str
    kind: str
    distribution: str
    lower: float
    mode: float
    upper: float
    step: float = 0.0

    def ppf(self, u: np.ndarray) -> np.ndarray:
        """Values at cumulative probabilities ``u`` (inverse distribution function)."""
        lo, hi, span = self.lower, self.upper, self.upper - self.lower
        if self.distribution == "uniform" or span == 0:
            values = lo + u * span
        else:
            c = (self.mode - lo) / span
            left = lo + np.sqrt(u * span * (self.mode - lo))
            right = hi - np.sqrt((1.0 - u) * span * (hi - self.mode))
            values = np.where(u < c, left, right)
        if self.step:
            values = lo + np.round((values - lo) / self.step) * self.step
        return np.clip(values, lo, hi)


def read_entries(path: Path = UNCERTAINTY_PATH) -> dict[str, list[dict]]:
    """The ``assumption`` and ``parameter`` entries of the uncertainty file, read strictly.

    Raises
    ------
    UncertaintyError
        Unreadable file, unknown key, missing field, wrong type or a
        distribution that is not one of :data:`DISTRIBUTIONS`.

    """
    data = read_toml(path, UncertaintyError)
    check_tables(path, data, [ASSUMPTION.table, PARAMETER.table], UncertaintyError)
    return {schema.table: entries(path, data, schema, UncertaintyError) for schema in (ASSUMPTION, PARAMETER)}


def _range(raw: dict, running: float, fitted: dict | None) -> tuple[float, float, float]:
    """(lower, mode, upper): the fitted value within the calibration's bounds, else the stated range."""
    if fitted is None:
        return raw["lower"], running, raw["upper"]
    return (raw["lower"] if fitted["lower"] is None else fitted["lower"], fitted["value"],
            raw["upper"] if fitted["upper"] is None else fitted["upper"])


def _checked(entry: Uncertain, where: str) -> Uncertain:
    if not entry.lower <= entry.mode <= entry.upper or not entry.lower < entry.upper:
        raise UncertaintyError(f"{where}: needs lower < upper and the mode {entry.mode:g} within "
                               f"[{entry.lower:g}, {entry.upper:g}]")
    return entry


def load_uncertainties(
    scenario: Scenario,
    include_parameters: bool = True,
    path: Path = UNCERTAINTY_PATH,
    calibration_path: Path = CALIBRATION_PATH,
) -> tuple[Uncertain, ...]:
    """Every uncertain input for ``scenario``, assumptions first.

    Assumptions whose distribution is ``"fixed"`` are left out: they keep the
    scenario's value in every sample.

    Raises
    ------
    UncertaintyError
        Unknown assumption id or model constant, bad distribution or range, or
        a model constant marked ``"fixed"``.

    """
    listed = read_entries(path)
    catalogue = levers_by_id()
    out = []
    for raw in listed["assumption"]:
        lever = catalogue.get(raw["id"])
        if lever is None or lever.kind != "assumption":
            raise UncertaintyError(f"{path}: assumption {raw['id']!r} is not an assumption in levers.toml")
        if raw["distribution"] == FIXED:
            continue
        mode = float(scenario.assumptions.get(lever.id, lever.default))
        out.append(_checked(Uncertain(lever.id, lever.variable, "assumption", raw["distribution"],
                                      lever.min, mode, lever.max, raw["step"]), f"{path}: {lever.id}"))
    if not include_parameters:
        return tuple(out)
    constants = model_info().constants
    running = {**constants, **calibrated_params(calibration_path)}
    fitted = calibrated_entries(calibration_path)
    for raw in listed["parameter"]:
        name = raw["name"]
        if raw["distribution"] == FIXED:
            raise UncertaintyError(f"{path}: parameter {name!r}: only assumptions can be fixed")
        if name not in constants:
            raise UncertaintyError(f"{path}: parameter {name!r} is not a model constant")
        lower, mode, upper = _range(raw, running[name], fitted.get(name))
        out.append(_checked(Uncertain(name, name, "parameter", raw["distribution"], lower, mode, upper, raw["step"]),
                            f"{path}: {name}"))
    return tuple(out)


def unit_hypercube(dimensions: int, samples: int, seed: int) -> np.ndarray:
    """Latin hypercube points in [0, 1)^d, shape (samples, dimensions)."""
    if dimensions == 0:
        return np.empty((samples, 0))
    return qmc.LatinHypercube(d=dimensions, seed=np.random.default_rng(seed)).random(samples)


def latin_hypercube(uncertain: tuple[Uncertain, ...], samples: int, seed: int = 0) -> dict[str, np.ndarray]:
    """Latin hypercube samples: model constant -> values, shape (samples,)."""
    points = unit_hypercube(len(uncertain), samples, seed)
    return {u.variable: u.ppf(points[:, i]) for i, u in enumerate(uncertain)}


def scenario_constants(scenario: Scenario, drop: Mapping[str, object] | None = None) -> dict[str, float]:
    """The scenario's lever and assumption values as model constants, minus those in ``drop``."""
    return {k: v for k, v in scenario.model_params().items() if k not in (drop or {})}

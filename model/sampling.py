"""Distributions of uncertain inputs (data/uncertainty.toml) and Latin hypercube samples.

An uncertain input is an external assumption (range from data/levers.toml,
mode the scenario's value) or a model constant (range in uncertainty.toml,
mode the value the model runs with, or the fitted value and bounds in
data/calibration.toml when the constant was calibrated).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.stats import qmc

from model.base.paths import CALIBRATION_PATH, DATA_DIR
from model.catalogue.levers import levers_by_id
from model.catalogue.parameters import calibrated_params
from model.engine.simulator import model_info
from model.run.scenario import Scenario

UNCERTAINTY_PATH = DATA_DIR / "uncertainty.toml"
DISTRIBUTIONS = ("uniform", "triangular")


class UncertaintyError(ValueError):
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
    """The raw ``assumption`` and ``parameter`` tables of the uncertainty file."""
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise UncertaintyError(f"{path}: cannot read: {error}") from None
    return {"assumption": data.get("assumption", []), "parameter": data.get("parameter", [])}


def _calibration_bounds(path: Path) -> dict[str, dict]:
    """Calibrated constant -> its ``[[parameter]]`` table in data/calibration.toml (empty if no file)."""
    if not Path(path).exists():
        return {}
    with open(path, "rb") as handle:
        entries = tomllib.load(handle).get("parameter", [])
    return {e["name"]: e for e in entries}


def _range(raw: dict, running: float, fitted: dict | None) -> tuple[float, float, float]:
    """(lower, mode, upper): the fitted value within the calibration's bounds, else the stated range."""
    if fitted is None:
        return float(raw["lower"]), running, float(raw["upper"])
    return (float(fitted.get("lower", raw["lower"])), float(fitted["value"]),
            float(fitted.get("upper", raw["upper"])))


def _checked(entry: Uncertain, where: str) -> Uncertain:
    if entry.distribution not in DISTRIBUTIONS:
        raise UncertaintyError(f"{where}: distribution must be one of {', '.join(DISTRIBUTIONS)}")
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

    Raises
    ------
    UncertaintyError
        Unknown assumption id or model constant, bad distribution or range.

    """
    entries = read_entries(path)
    catalogue = levers_by_id()
    out = []
    for raw in entries["assumption"]:
        lever = catalogue.get(raw.get("id", ""))
        if lever is None or lever.kind != "assumption":
            raise UncertaintyError(f"{path}: assumption {raw.get('id')!r} is not an assumption in levers.toml")
        mode = float(scenario.assumptions.get(lever.id, lever.default))
        out.append(_checked(Uncertain(lever.id, lever.variable, "assumption", raw.get("distribution", "uniform"),
                                      lever.min, mode, lever.max, float(raw.get("step", 0))), f"{path}: {lever.id}"))
    if not include_parameters:
        return tuple(out)
    constants = model_info().constants
    running = {**constants, **calibrated_params(calibration_path)}
    fitted = _calibration_bounds(calibration_path)
    for raw in entries["parameter"]:
        name = raw.get("name", "")
        if name not in constants:
            raise UncertaintyError(f"{path}: parameter {name!r} is not a model constant")
        lower, mode, upper = _range(raw, running[name], fitted.get(name))
        out.append(_checked(Uncertain(name, name, "parameter", raw.get("distribution", "uniform"), lower, mode,
                                      upper, float(raw.get("step", 0))), f"{path}: {name}"))
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

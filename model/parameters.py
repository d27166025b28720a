"""Calibrated parameter values (data/calibration.toml), read by default."""

from __future__ import annotations

import tomllib
from pathlib import Path

from model.base.paths import CALIBRATION_PATH


def calibrated_params(path: Path = CALIBRATION_PATH) -> dict[str, float]:
    """Model constant name -> calibrated value; empty if no calibration file.

    The file has ``[[parameter]]`` tables with at least ``name`` and ``value``
    (see ``python -m model calibrate``).
    """
    if not Path(path).exists():
        return {}
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    return {entry["name"]: float(entry["value"]) for entry in data.get("parameter", [])}

"""The calibration file (data/calibration.toml): write a result, read it back.

The file records how it was made (date, command, the data, set-up and model
files with their SHA-256) and, per parameter, the value the model uses, its
bounds, prior and identification verdict. :func:`model.catalogue.parameters.calibrated_params`
reads the ``name`` and ``value`` of every ``[[parameter]]``.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import math
from dataclasses import dataclass
from pathlib import Path

from model.base.paths import MDL_PATH, PROJECT_DIR
from model.calibration.calibrate import CalibrationResult
from model.calibration.setup import Setup
from model.catalogue.parameters import read_parameters

PAYOFF_DEFINITION = ("sum over observations used in the fit of ((model - observed) / sigma)^2; "
                     "sigmas from the set-up file; lower is better")


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def project_relative(path: Path) -> str:
    """``path`` relative to the project directory when inside it, else absolute."""
    path = Path(path).resolve()
    try:
        return path.relative_to(PROJECT_DIR).as_posix()
    except ValueError:
        return path.as_posix()


def _value(value: object) -> str:
    """One TOML value (strings, booleans, numbers, lists of strings)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return "nan" if math.isnan(value) else repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)


def _table(header: str, fields: dict) -> str:
    return "\n".join([header] + [f"{key} = {_value(val)}" for key, val in fields.items()]) + "\n"


def to_toml(result: CalibrationResult, setup: Setup, command: str, units: dict[str, str],
            priors: dict[str, float]) -> str:
    """The calibration file's text.

    Parameters
    ----------
    result : CalibrationResult
        What :func:`model.calibration.calibrate.calibrate` returned.
    setup : Setup
        The set-up used (bounds, files).
    command : str
        The command line that made the result.
    units : dict
        Model constant name -> unit string.
    priors : dict
        Model constant name -> prior (``.mdl``) value.

    """
    meta = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "command": command,
        "data_file": project_relative(setup.history_path),
        "data_sha256": sha256_of(setup.history_path),
        "setup_file": project_relative(setup.path),
        "setup_sha256": sha256_of(setup.path),
        "model_file": project_relative(MDL_PATH),
        "model_sha256": sha256_of(MDL_PATH),
        "payoff": PAYOFF_DEFINITION,
        "n_observations": result.n_observations,
        "payoff_before": result.payoff_before,
        "payoff_after": result.payoff_after,
        "objective_before": result.objective_before,
        "objective_after": result.objective_after,
        "model_runs": result.evaluations,
        "seconds": round(result.seconds, 1),
        "unidentified": result.unidentified,
        "at_bound": [a.name for a in result.assessments if a.identified and a.bound],
    }
    blocks = [
        "# Calibrated parameters, read by the model by default (model/catalogue/parameters.py).\n"
        "# Made by the command in [meta]; redo it with that command. Parameters with\n"
        "# identified = false keep their prior (the .mdl value).\n",
        _table("[meta]", meta),
    ]
    specs = {spec.name: spec for spec in setup.parameters}
    for verdict in result.assessments:
        spec = specs[verdict.name]
        blocks.append(_table("[[parameter]]", {
            "name": verdict.name,
            "value": float(result.values[verdict.name]),
            "unit": units.get(verdict.name, ""),
            "lower": spec.lower,
            "upper": spec.upper,
            "prior": float(priors[verdict.name]),
            "identified": verdict.identified,
            "bound": verdict.bound if verdict.identified else "",
            "information": float(verdict.information),
            "sd": float(verdict.sd),
            "reason": verdict.reason,
        }))
    return "\n".join(blocks)


@dataclass(frozen=True)
class CalibrationFile:
    """A calibration file read back.

    Attributes
    ----------
    meta : dict
        The ``[meta]`` table.
    parameters : list of dict
        The ``[[parameter]]`` tables, in file order.

    """

    meta: dict
    parameters: list[dict]

    def values(self) -> dict[str, float]:
        """Parameter name -> value used by the model."""
        return {entry["name"]: float(entry["value"]) for entry in self.parameters}


def read_calibration(path: Path) -> CalibrationFile:
    """Read a calibration file with the strict loader (:func:`model.catalogue.parameters.read_parameters`)."""
    meta, parameters = read_parameters(path)
    return CalibrationFile(meta=meta, parameters=parameters)

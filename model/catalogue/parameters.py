"""Calibrated parameter values (data/calibration.toml), read by default.

The file is written by ``python -m model calibrate`` (:mod:`model.calibration.io`):
a ``[meta]`` table saying how it was made and one ``[[parameter]]`` table per
fitted constant, of which the model reads ``name`` and ``value``.
"""

from __future__ import annotations

from pathlib import Path

from model.base.paths import CALIBRATION_PATH
from model.catalogue.loader import Field, Schema, check_tables, entries, optional, read_toml, table

PARAMETER = Schema("parameter", key="name", fields=(
    Field("name"), Field("value", "float"), optional("unit"), optional("lower", "float"), optional("upper", "float"),
    optional("prior", "float"), optional("identified", "flag"), optional("bound"), optional("information", "float"),
    optional("sd", "float"), optional("reason"),
))
META = Schema("meta", fields=(
    optional("date"), optional("command"), optional("data_file"), optional("data_sha256"), optional("setup_file"),
    optional("setup_sha256"), optional("model_file"), optional("model_sha256"), optional("payoff"),
    optional("n_observations", "int"), optional("payoff_before", "number"), optional("payoff_after", "number"),
    optional("objective_before", "number"), optional("objective_after", "number"), optional("model_runs", "int"),
    optional("seconds", "number"), optional("unidentified", "list"), optional("at_bound", "list"),
))


def read_parameters(path: Path = CALIBRATION_PATH) -> tuple[dict, list[dict]]:
    """The ``[meta]`` table and the ``[[parameter]]`` entries (all fields, ``None`` where not given).

    Raises
    ------
    CatalogueError
        If the file cannot be read, or has an unknown key or a value of the wrong type.

    """
    data = read_toml(path)
    check_tables(path, data, [META.table, PARAMETER.table])
    return table(path, data, META), entries(path, data, PARAMETER)


def calibrated_entries(path: Path = CALIBRATION_PATH) -> dict[str, dict]:
    """Calibrated constant -> its ``[[parameter]]`` entry; empty if there is no calibration file."""
    if not Path(path).exists():
        return {}
    return {entry["name"]: entry for entry in read_parameters(path)[1]}


def calibrated_params(path: Path = CALIBRATION_PATH) -> dict[str, float]:
    """Model constant name -> calibrated value; empty if there is no calibration file."""
    return {name: entry["value"] for name, entry in calibrated_entries(path).items()}

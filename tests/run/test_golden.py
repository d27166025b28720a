"""Golden runs: the shipped scenarios reproduce their recorded indicator tables and goal outcomes.

The recorded results are in tests/golden/ (``<name>.csv`` and ``<name>.goals.csv``)
and are regenerated, both at once, with scripts/update_golden.py only after a
deliberate model or calibration change.
"""

from __future__ import annotations

import importlib.util
from functools import cache

import numpy as np
import pandas as pd
import pytest

from model.base.paths import PROJECT_DIR
from model.run.runner import simulate
from model.run.scenario import load_scenario, shipped_path, shipped_scenarios

GOLDEN_DIR = PROJECT_DIR / "tests" / "golden"
NAMES = sorted(shipped_scenarios())
RTOL = 1e-6  # numerical noise across platforms, far below any modelling change


def _script():
    spec = importlib.util.spec_from_file_location("update_golden", PROJECT_DIR / "scripts" / "update_golden.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


UPDATE = _script()


@cache
def run(name: str):
    return simulate(load_scenario(shipped_path(name)))


@pytest.mark.parametrize("name", NAMES)
def test_shipped_scenario_reproduces_its_golden_run(name):
    golden_file, _ = UPDATE.golden_paths(name)
    assert golden_file.exists(), f"no golden run for {name}: run scripts/update_golden.py"
    golden = pd.read_csv(golden_file)
    table = run(name).table
    assert list(table.columns) == list(golden.columns)
    for column in golden.columns:
        np.testing.assert_allclose(table[column].to_numpy(dtype=float), golden[column].to_numpy(dtype=float),
                                   rtol=RTOL, atol=1e-9, equal_nan=True, err_msg=column)


@pytest.mark.parametrize("name", NAMES)
def test_shipped_scenario_reproduces_its_golden_goal_outcomes(name):
    _, goals_file = UPDATE.golden_paths(name)
    assert goals_file.exists(), f"no golden goal outcomes for {name}: run scripts/update_golden.py"
    golden = pd.read_csv(goals_file, keep_default_na=False, na_values=[""])
    outcome = UPDATE.goals_frame(run(name))
    assert list(golden.columns) == list(UPDATE.GOAL_COLUMNS)
    assert outcome["id"].tolist() == golden["id"].tolist()
    assert outcome["set"].tolist() == golden["set"].tolist()
    assert outcome["status"].tolist() == golden["status"].tolist()
    for column in ("value", "distance"):
        np.testing.assert_allclose(outcome[column].to_numpy(dtype=float), golden[column].to_numpy(dtype=float),
                                   rtol=RTOL, atol=1e-9, equal_nan=True, err_msg=column)


def test_every_golden_file_belongs_to_a_shipped_scenario():
    expected = {path.name for name in NAMES for path in UPDATE.golden_paths(name)}
    assert {path.name for path in GOLDEN_DIR.glob("*.csv")} == expected

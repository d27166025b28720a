"""Golden runs: the shipped scenarios reproduce their recorded results.

The recorded results are in tests/golden/ and are regenerated with
scripts/update_golden.py only after a deliberate model or calibration change.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from model.base.paths import PROJECT_DIR
from model.run.runner import simulate
from model.run.scenario import load_scenario, shipped_path, shipped_scenarios

GOLDEN_DIR = PROJECT_DIR / "tests" / "golden"
SCENARIOS = [shipped_path(n) for n in sorted(shipped_scenarios())]
RTOL = 1e-6  # numerical noise across platforms, far below any modelling change


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_shipped_scenario_reproduces_its_golden_run(path):
    golden_file = GOLDEN_DIR / f"{path.stem}.csv"
    assert golden_file.exists(), f"no golden run for {path.name}: run scripts/update_golden.py"
    golden = pd.read_csv(golden_file)
    table = simulate(load_scenario(path)).table
    assert list(table.columns) == list(golden.columns)
    for column in golden.columns:
        np.testing.assert_allclose(table[column].to_numpy(dtype=float), golden[column].to_numpy(dtype=float),
                                   rtol=RTOL, atol=1e-9, equal_nan=True, err_msg=column)

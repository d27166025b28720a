"""Regenerate the golden runs in tests/golden/ from the shipped scenarios.

For every scenario in scenarios/ this writes two files:

* ``<name>.csv``: the annual indicator table;
* ``<name>.goals.csv``: every goal's outcome (id, set, value, status, signed distance).

Run after a deliberate model or calibration change, review the diff, and commit
it with the change that caused it (tests/run/test_golden.py compares both):

    .venv/bin/python scripts/update_golden.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from model.base.paths import PROJECT_DIR
from model.engine.compiled import choose
from model.run.result import RunResult
from model.run.runner import simulate
from model.run.scenario import load_scenario, shipped_path, shipped_scenarios

GOLDEN_DIR = PROJECT_DIR / "tests" / "golden"
GOAL_COLUMNS = ("id", "set", "value", "status", "distance")


def goals_frame(result: RunResult) -> pd.DataFrame:
    """One row per goal: id, set, simulated value, status and signed distance."""
    return pd.DataFrame([(r.target.id, r.target.set, r.value, r.status, r.distance) for r in result.targets],
                        columns=list(GOAL_COLUMNS))


def golden_paths(name: str) -> tuple[Path, Path]:
    """The indicator table and the goal outcomes of the shipped scenario ``name``."""
    return GOLDEN_DIR / f"{name}.csv", GOLDEN_DIR / f"{name}.goals.csv"


def main() -> None:
    """Write the indicator table and goal outcomes of every shipped scenario, run by PySD (the reference)."""
    choose("pysd")
    GOLDEN_DIR.mkdir(exist_ok=True)
    for name in sorted(shipped_scenarios()):
        result = simulate(load_scenario(shipped_path(name)))
        table, goals = golden_paths(name)
        result.table.to_csv(table, index=False, float_format="%.10g")
        goals_frame(result).to_csv(goals, index=False, float_format="%.10g")
        for path in (table, goals):
            print(f"wrote {path.relative_to(PROJECT_DIR)}")


if __name__ == "__main__":
    main()

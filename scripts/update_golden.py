"""Regenerate the golden runs in tests/golden/ from the shipped scenarios.

Run after a deliberate model or calibration change, review the diff, and commit
it with the change that caused it:

    .venv/bin/python scripts/update_golden.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from model.base.paths import PROJECT_DIR
from model.engine.compiled import choose
from model.run.runner import simulate
from model.run.scenario import load_scenario, shipped_path, shipped_scenarios

GOLDEN_DIR = PROJECT_DIR / "tests" / "golden"


def main() -> None:
    """Write one CSV per shipped scenario, run by the reference engine (PySD)."""
    choose("pysd")
    GOLDEN_DIR.mkdir(exist_ok=True)
    for path in [shipped_path(n) for n in sorted(shipped_scenarios())]:
        result = simulate(load_scenario(path))
        out = GOLDEN_DIR / f"{path.stem}.csv"
        result.table.to_csv(out, index=False, float_format="%.10g")
        print(f"wrote {out.relative_to(PROJECT_DIR)}")


if __name__ == "__main__":
    main()

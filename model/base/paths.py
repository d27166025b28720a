"""Where the project's files live. Nothing outside the repository is read."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]
PROJECT_DIR = PACKAGE_DIR.parent
MDL_PATH = PACKAGE_DIR / "quang_ngai_industry.mdl"
DATA_DIR = PACKAGE_DIR / "data"
LEVERS_PATH = DATA_DIR / "levers.toml"
TARGETS_PATH = DATA_DIR / "targets.toml"
INDICATORS_PATH = DATA_DIR / "indicators.toml"
COSTS_PATH = DATA_DIR / "costs.toml"
UNCERTAINTY_PATH = DATA_DIR / "uncertainty.toml"
CALIBRATION_PATH = DATA_DIR / "calibration.toml"
SETUP_PATH = DATA_DIR / "calibration_setup.toml"
CHECKS_PATH = DATA_DIR / "checks.toml"
LOOPS_PATH = DATA_DIR / "loops.toml"
WORKSHOP_PRESETS_PATH = DATA_DIR / "workshop_presets.toml"
UNITS_PATH = DATA_DIR / "units.txt"
HISTORY_PATH = DATA_DIR / "history.csv"
SCENARIO_DIR = PROJECT_DIR / "scenarios"
BUILD_DIR = PACKAGE_DIR / "_build"

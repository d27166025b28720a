"""Shared fixtures: one simulator per test session, the shipped scenarios."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.base.paths import SCENARIO_DIR

SHIPPED = sorted(p for p in Path(SCENARIO_DIR).glob("*.toml"))


@pytest.fixture(scope="session")
def shipped_scenarios() -> list[Path]:
    return SHIPPED

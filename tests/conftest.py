"""Shared fixtures: one simulator per test session, the shipped scenarios."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.run.scenario import shipped_path, shipped_scenarios

SHIPPED = [shipped_path(name) for name in sorted(shipped_scenarios())]


@pytest.fixture(scope="session")
def shipped_scenarios() -> list[Path]:
    return SHIPPED

"""Shared fixtures: one simulator per test session, the shipped scenarios."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.run import scenario


@pytest.fixture(scope="session")
def shipped_scenarios() -> list[Path]:
    return [scenario.shipped_path(name) for name in sorted(scenario.shipped_scenarios())]

"""The project's model compiled once per test session (the cache is shared by every process)."""

from __future__ import annotations

import pytest

from model.base.paths import MDL_PATH
from model.engine.compiled.build import CompiledModel, build


@pytest.fixture(scope="session")
def compiled_model() -> CompiledModel:
    """Both kernels of the project's model, built now if the cache is cold (once; other workers wait)."""
    return build(MDL_PATH)

"""Shared fixtures: one simulator per test session, the shipped scenarios; one engine per session.

Tests never start a background build of the compiled engine. The session runs
the compiled engine when its cache is ready at the start (and ``QN_ENGINE``
does not say otherwise), PySD otherwise, so that one session never mixes
engines; the compiled engine's own tests build the cache once per session
(``tests/engine/compiled/conftest.py``) and compare it with PySD.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from model.base.paths import MDL_PATH
from model.engine.compiled import choose
from model.engine.compiled.build import status
from model.run import scenario

os.environ.setdefault("QN_COMPILED_WARM", "0")
if "QN_ENGINE" not in os.environ:
    os.environ["QN_ENGINE"] = "compiled" if status(MDL_PATH)[0] == "ready" else "pysd"
choose(os.environ["QN_ENGINE"])


@pytest.fixture(scope="session")
def shipped_scenarios() -> list[Path]:
    return [scenario.shipped_path(name) for name in sorted(scenario.shipped_scenarios())]

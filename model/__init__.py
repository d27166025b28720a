"""Quang Ngai industrial development simulator.

The model itself is ``quang_ngai_industry.mdl`` (Vensim), run by PySD in
:mod:`model.engine`, the only package that imports PySD. The other packages
are layers on top of it, each importing only from the layers below
(``docs/architecture.md``; ``tests/test_architecture.py`` holds the order):

* :mod:`model.base`: file locations, languages, user errors;
* :mod:`model.engine`: single and batch runs of the model;
* :mod:`model.catalogue`: levers, goals, indicators, costs, parameters, read strictly;
* :mod:`model.run`: scenarios, runs, results, the run pool;
* :mod:`model.analysis`, :mod:`model.calibration`, :mod:`model.checks`: work built on many runs;
* :mod:`model.report`: text, JSON, files and charts in both languages;
* :mod:`model.workshop`: workshop sessions;
* :mod:`model.commands`: ``python -m model COMMAND``.

The names in :data:`__all__` are the public API, importable from ``model``
itself (``from model import simulate, load_scenario``); each is loaded from its
module when first used, so ``import model`` stays light.
"""

from __future__ import annotations

import importlib

#: Public name -> the module that defines it.
_API = {
    "LANGS": "model.base.lang",
    "UserError": "model.base.errors",
    "load_levers": "model.catalogue.levers",
    "load_targets": "model.catalogue.targets",
    "load_indicators": "model.catalogue.indicators",
    "Scenario": "model.run.scenario",
    "ScenarioError": "model.run.scenario",
    "baseline": "model.run.scenario",
    "load_scenario": "model.run.scenario",
    "with_settings": "model.run.scenario",
    "shipped_scenarios": "model.run.scenario",
    "load_shipped": "model.run.scenario",
    "simulate": "model.run.runner",
    "RunResult": "model.run.result",
    "TargetResult": "model.run.goals",
    "shared_pool": "model.run.pool",
    "how_sure": "model.analysis.uncertainty",
    "scoreboard_text": "model.report.scoreboard",
    "scoreboard_json": "model.report.scoreboard",
}
__all__ = sorted(_API)


def __getattr__(name: str) -> object:
    """Load a public name from its module on first use."""
    if name not in _API:
        raise AttributeError(f"module 'model' has no attribute {name!r}")
    return getattr(importlib.import_module(_API[name]), name)


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})

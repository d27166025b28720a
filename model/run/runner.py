"""Run a scenario: parameters in, annual indicators and goal outcomes out.

Runs use the engine :func:`model.engine.compiled.current` gives: the compiled
model once its cache is ready, PySD until then or when the model cannot be
compiled (or when PySD is chosen). Each thread keeps its own runner per engine
(a PySD model object is not shared by overlapping runs); the app and the
workshop reach these through the run pool (:mod:`model.run.pool`), whose
long-lived threads keep their models loaded.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping

from model.catalogue.calendar import years
from model.catalogue.indicators import annual_arrays, model_variables
from model.catalogue.parameters import calibrated_params
from model.engine.batch import BatchSimulator
from model.engine.compiled import current
from model.engine.simulator import Simulator
from model.run.goals import evaluate
from model.run.result import RunResult
from model.run.scenario import Scenario

_local = threading.local()


def simulator() -> Simulator:
    """This thread's simulator with calibrated parameters (created once per thread).

    A PySD model object must not be shared by overlapping runs, so each thread
    gets its own; within a thread runs are sequential.
    """
    if getattr(_local, "simulator", None) is None:
        _local.simulator = Simulator(base_params=calibrated_params())
    return _local.simulator


def lean_simulator() -> BatchSimulator:
    """This thread's single-run simulator with arrays out, on the current engine.

    The compiled engine's scalar kernel, or PySD's model and loop (equal to
    :func:`simulator` runs, tested, and faster: it skips the DataFrame and
    PySD's per-run recount of variable reads, see :mod:`model.engine.batch`).
    Both are called as ``run(overrides, columns, time_step)``.
    """
    engine = current()
    runners = getattr(_local, "lean", None)
    if runners is None:
        runners = _local.lean = {}
    if engine.name not in runners:
        runners[engine.name] = engine.lean(base_params=calibrated_params())
    return runners[engine.name]


def simulate(
    scenario: Scenario,
    time_step: float | None = None,
    extra_params: Mapping[str, float] | None = None,
) -> RunResult:
    """Run ``scenario`` and evaluate the goals.

    Parameters
    ----------
    scenario : Scenario
        Validated lever and assumption values.
    time_step : float, optional
        Euler step in years (the model's own if omitted).
    extra_params : Mapping[str, float], optional
        Further model constants to override (e.g. uncertain parameters).

    """
    params = {**dict(extra_params or {}), **scenario.model_params()}
    run = lean_simulator().run(params, model_variables(), time_step=time_step)
    arrays = annual_arrays(run.times, list(run.columns), run.values[0])
    return RunResult(scenario, years(), arrays, evaluate(arrays))

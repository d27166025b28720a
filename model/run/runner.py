"""Run a scenario: parameters in, annual indicators and goal outcomes out.

Each thread keeps its own simulator (a PySD model object is not shared by
overlapping runs); the app and the workshop reach these through the run pool
(:mod:`model.run.pool`), whose long-lived threads keep their models loaded.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping

from model.catalogue.calendar import years
from model.catalogue.indicators import annual_arrays, model_variables
from model.catalogue.parameters import calibrated_params
from model.engine.batch import BatchSimulator
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
    """This thread's lean single-run simulator (PySD's model and loop, arrays out).

    Equal to :func:`simulator` runs (tested) and faster: it skips the DataFrame
    and PySD's per-run recount of variable reads (see :mod:`model.engine.batch`).
    """
    if getattr(_local, "lean", None) is None:
        _local.lean = BatchSimulator(base_params=calibrated_params(), per_sample=False)
    return _local.lean


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

"""Run a scenario: parameters in, annual indicators and goal outcomes out."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from model.engine import Simulator
from model.indicators import annual_table, model_variables
from model.parameters import calibrated_params
from model.scenario import Scenario
from model.targets import TargetResult, evaluate

_local = threading.local()


@dataclass(frozen=True)
class ScenarioResult:
    """Outcome of one scenario run.

    Attributes
    ----------
    scenario : Scenario
        What was run.
    table : pandas.DataFrame
        Annual indicators (see :mod:`model.indicators`).
    targets : list of TargetResult
        Every goal's value, status and distance.

    """

    scenario: Scenario
    table: pd.DataFrame
    targets: list[TargetResult]


def simulator() -> Simulator:
    """This thread's simulator with calibrated parameters (created once per thread).

    A PySD model object must not be shared by overlapping runs, so each thread
    gets its own; within a thread runs are sequential.
    """
    if getattr(_local, "simulator", None) is None:
        _local.simulator = Simulator(base_params=calibrated_params())
    return _local.simulator


def simulate(
    scenario: Scenario,
    time_step: float | None = None,
    extra_params: Mapping[str, float] | None = None,
) -> ScenarioResult:
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
    run = simulator().run(params, time_step=time_step, columns=model_variables())
    table = annual_table(run)
    return ScenarioResult(scenario, table, evaluate(table))

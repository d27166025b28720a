"""Simulate a team's mix on a small pool of long-lived worker threads.

:func:`model.run.runner.simulate` keeps one PySD model per thread. A web server
runs each page request on a fresh thread, so calling it directly would load
the model again for every submission; here runs go to :data:`WORKERS`
long-lived threads that each keep their model loaded. The model itself is
run unchanged (no logic is duplicated).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from types import MappingProxyType

from model.run.scenario import Scenario, ScenarioError, from_mapping, with_settings
from model.workshop.models import Outcome, Round
from model.workshop.rules import WorkshopError, check_target, cost_indicator

#: Simulation threads (runs are CPU-bound; more threads than cores do not help).
WORKERS = 2
_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _executor() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="workshop-sim")
        return _pool


def round_scenario(item: Round, mix: Mapping[str, float]) -> Scenario:
    """The round's fixed levers and assumptions with a team's lever values."""
    try:
        base = from_mapping({"name": f"round {item.number}", "levers": dict(item.base_levers),
                             "assumptions": dict(item.assumptions)}, f"round {item.number}")
        return with_settings(base, mix)
    except ScenarioError as error:
        raise WorkshopError(str(error)) from None


def _run(scenario: Scenario) -> Outcome:
    from model.run.runner import simulate  # imported here so that processes that only write need not load PySD

    result = simulate(scenario)
    table = result.table
    targets = {r.target.id: MappingProxyType({"value": r.value, "status": r.status, "distance": r.distance})
               for r in result.targets}
    series = {col: tuple(float(v) for v in table[col]) for col in table.columns if col != "year"}
    return Outcome(MappingProxyType(targets), tuple(int(y) for y in table["year"]), MappingProxyType(series))


def simulate_mix(item: Round, mix: Mapping[str, float]) -> Outcome:
    """Run the round's scenario with a team's lever values; keep goals, annual indicators and cost."""
    outcome = _executor().submit(_run, round_scenario(item, mix)).result()
    cost = cost_over_period(outcome, item)
    return Outcome(outcome.targets, outcome.years, outcome.series, cost)


def cost_over_period(outcome: Outcome, item: Round) -> float | None:
    """Public cost of the mix from 2021 to the goal's year, if the model reports a cost.

    Read from the model's cumulative indicator (:data:`~model.workshop.rules.COST_INDICATOR`,
    bn VND at 2010 prices, above the 2020 stance) at the end of the goal's year.
    """
    indicator = cost_indicator()
    if indicator is None:
        return None
    year = check_target(item.target_id).year
    return float(outcome.series[indicator][outcome.years.index(year)])

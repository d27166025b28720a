"""Simulate a team's mix through the run pool (:mod:`model.run.pool`).

The pool's long-lived threads keep their models loaded, so a submission does
not load the model again, and a mix that some team (or the app) has already
run is not run twice. The model itself is run unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping

from model.run.pool import shared_pool
from model.run.result import RunResult
from model.run.scenario import Scenario, ScenarioError, from_mapping, with_settings
from model.workshop.models import Round
from model.workshop.rules import WorkshopError, check_target, cost_indicator


def round_scenario(item: Round, mix: Mapping[str, float]) -> Scenario:
    """The round's fixed levers and assumptions with a team's lever values."""
    try:
        base = from_mapping({"name": f"round {item.number}", "levers": dict(item.base_levers),
                             "assumptions": dict(item.assumptions)}, f"round {item.number}")
        return with_settings(base, mix)
    except ScenarioError as error:
        raise WorkshopError(str(error)) from None


def simulate_mix(item: Round, mix: Mapping[str, float]) -> tuple[RunResult, float | None]:
    """Run the round's scenario with a team's lever values: the result and the mix's cost."""
    result = shared_pool().result(round_scenario(item, mix))
    return result, cost_over_period(result, item)


def cost_over_period(result: RunResult, item: Round) -> float | None:
    """Public cost of the mix from 2021 to the goal's year, if the model reports a cost.

    Read from the model's cumulative indicator (:data:`~model.workshop.rules.COST_INDICATOR`,
    bn VND at 2010 prices, above the 2020 stance) at the end of the goal's year.
    """
    indicator = cost_indicator()
    if indicator is None:
        return None
    return result.at(indicator, check_target(item.target_id).year)

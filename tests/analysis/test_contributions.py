"""Contribution breakdown (Shapley) and latest start years."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from model.analysis.contributions import Measure, breakdown
from model.analysis.goalseek import latest_starts
from model.catalogue.calendar import years
from model.catalogue.levers import levers_by_id
from model.catalogue.selection import select_targets
from model.run.runner import simulate
from model.run.scenario import baseline, with_settings

BASE = baseline()


class FunctionOfTwoLevers:
    """Stand-in for the model: indicator "grdp" is a function of two levers' changes."""

    mode = "test function"

    def __init__(self, function):
        self.function, self.runs = function, 0

    def run(self, params):
        levers = levers_by_id()
        a = np.asarray(params["admin reform"], dtype=float) - levers["admin_reform"].default
        b = np.asarray(params["investment promotion spending"], dtype=float) - levers["investment_promotion"].default
        value = self.function(a, b)
        self.runs += value.size
        return {"grdp": np.repeat(value[:, None], len(years()), axis=1)}


def two_lever_breakdown(function, a=30.0, b=60.0):
    scenario = with_settings(BASE, {"admin_reform": a, "investment_promotion": 20 + b})
    return breakdown(BASE, scenario, Measure(indicator="grdp", year=2025),
                     evaluator=FunctionOfTwoLevers(function))


def test_a_symmetric_interaction_is_shared_equally():
    result = two_lever_breakdown(lambda a, b: (a / 30.0) * (b / 60.0))
    assert result.gap == pytest.approx(1.0)
    assert [c.shapley for c in result.contributions] == pytest.approx([0.5, 0.5])
    assert [c.alone for c in result.contributions] == pytest.approx([0.0, 0.0])
    assert result.interaction == pytest.approx(1.0)


def test_an_additive_function_has_no_interaction():
    result = two_lever_breakdown(lambda a, b: 2.0 * a + 0.5 * b)
    by_setting = {c.setting: c for c in result.contributions}
    assert by_setting["admin_reform"].shapley == pytest.approx(60.0)
    assert by_setting["investment_promotion"].shapley == pytest.approx(30.0)
    assert result.interaction == pytest.approx(0.0, abs=1e-12)
    assert result.contributions[0].setting == "admin_reform"  # largest share first


SETTINGS = {"admin_reform": 30, "investment_promotion": 80, "public_infrastructure": 1200,
            "global_fdi_climate": 1.2, "science_technology_support": 150}


@pytest.mark.parametrize("max_exact, method", [(10, "exact"), (2, "sampled")])
def test_shares_add_up_to_the_gap_between_ordinary_runs(max_exact, method):
    scenario = with_settings(BASE, SETTINGS, name="mix")
    target = select_targets("ind_va_growth")[0]
    result = breakdown(BASE, scenario, Measure(target=target), max_exact=max_exact, orders=16, seed=5)
    assert result.method == method and len(result.contributions) == len(SETTINGS)
    value = {r.target.id: r.value for r in simulate(scenario).targets}[target.id]
    base_value = {r.target.id: r.value for r in simulate(BASE).targets}[target.id]
    assert result.scenario == pytest.approx(value, rel=1e-9)
    assert result.base == pytest.approx(base_value, rel=1e-9)
    assert sum(c.shapley for c in result.contributions) == pytest.approx(result.gap, rel=1e-9, abs=1e-12)
    assert sum(c.alone for c in result.contributions) + result.interaction == pytest.approx(result.gap)


def test_no_change_no_contribution():
    result = breakdown(BASE, BASE, Measure(indicator="industry_va", year=2030))
    assert result.contributions == () and result.gap == 0


def test_a_later_start_contributes_less_to_a_cumulative_goal_and_the_2021_start_is_the_mix():
    target = select_targets("ez_ip_investment")[0]
    mix = with_settings(BASE, {"investment_promotion": 200, "admin_reform": 50}, name="mix")
    report = latest_starts(BASE, mix, target)
    assert report.mix_value == pytest.approx({r.target.id: r.value for r in simulate(mix).targets}[target.id])
    for entry in report.entries:
        estimates = [entry.estimates[y] for y in sorted(entry.estimates)]
        assert estimates[0] == pytest.approx(report.mix_value)
        assert all(later <= earlier + 1e-9 for earlier, later in itertools.pairwise(estimates))
        assert estimates[-1] < estimates[0]


def test_latest_start_statuses():
    missed = select_targets("hitech_share_2030")[0]
    report = latest_starts(BASE, with_settings(BASE, {"admin_reform": 10}), missed)
    assert [e.status for e in report.entries] == ["mix_misses"]
    base_value = {r.target.id: r for r in simulate(BASE).targets}
    met_at_base = next(t for t in select_targets("all") if base_value[t.id].distance >= 0)
    report = latest_starts(BASE, with_settings(BASE, {"admin_reform": 10}), met_at_base)
    assert report.entries[0].status in ("not_needed", "latest")
    if report.entries[0].status == "latest":
        assert report.entries[0].year is not None

"""The cost model: data file agrees with the model, costs add up, the budget flag is right."""

from __future__ import annotations

import json

import numpy as np
import pytest

from model.analysis.budget import evaluate as evaluate_budget
from model.catalogue.costs import load_costs, payer_shares
from model.catalogue.indicators import indicators_by_id
from model.catalogue.levers import levers_by_id, load_levers
from model.engine.simulator import model_info
from model.report.budget import budget_text
from model.report.scoreboard import scoreboard_json, scoreboard_text
from model.run.runner import simulate, simulator
from model.run.scenario import baseline, load_scenario, with_settings

COSTS = load_costs()
YEARS = slice(2021, 2035)


@pytest.fixture(scope="module")
def resolution(shipped_scenarios):
    return simulate(load_scenario(next(p for p in shipped_scenarios if p.stem == "resolution")))


def constants() -> dict[str, float]:
    return dict(simulator().base_params)


def rows(table, first=2021, last=2035):
    return table[(table["year"] >= first) & (table["year"] <= last)]


def test_every_policy_lever_has_one_cost_entry_naming_model_things():
    info = model_info()
    policy = {lev.id for lev in load_levers() if lev.kind == "lever"}
    assert [c.lever for c in COSTS] and {c.lever for c in COSTS} == policy
    indicators = indicators_by_id()
    for cost in COSTS:
        assert info.kinds[cost.variable] == "Auxiliary", cost.lever
        assert info.units[cost.variable] == "bnVND/Year", cost.lever
        assert indicators[cost.indicator].variables == (cost.variable,), cost.lever
        shares = payer_shares(cost, info.constants)
        assert all(-1e-12 <= share <= 1 + 1e-12 for share in shares.values()), cost.lever
        if cost.label == "assumption":
            assert cost.low <= info.constants[cost.unit_cost] <= cost.high, cost.lever
            assert "Assumption" in info.comments[cost.unit_cost], cost.lever
        assert cost.basis_vi and cost.basis_en


def test_stance_constants_of_timing_levers_equal_the_lever_defaults():
    info, levers = model_info(), levers_by_id()
    for lever_id in ("refinery_expansion_year", "steel_dq2_start_year"):
        assert info.constants[f"{levers[lever_id].variable} stance"] == levers[lever_id].default


def test_budget_envelope_is_a_labelled_external_assumption():
    lever = levers_by_id()["budget_envelope"]
    info = model_info()
    assert lever.kind == "assumption" and lever.group == "external"
    assert info.constants[lever.variable] == lever.default
    assert "External assumption" in info.comments[lever.variable] and "range" in info.comments[lever.variable]


def test_the_2020_stance_costs_nothing():
    table = simulate(baseline()).table
    columns = [c.indicator for c in COSTS] + ["total_lever_cost", "public_cost", "provincial_cost",
                                               "central_cost", "private_cost", "provincial_cost_cum"]
    assert np.abs(table[columns].to_numpy()).max() == 0
    assert not evaluate_budget(table).over


def test_lever_costs_add_up_to_the_totals_by_payer(resolution):
    table, shares = rows(resolution.table), constants()
    by_lever = {c.lever: table[c.indicator].to_numpy() for c in COSTS}
    np.testing.assert_allclose(sum(by_lever.values()), table["total_lever_cost"], rtol=1e-9, atol=1e-9)
    for payer in ("provincial", "central"):
        expected = sum(by_lever[c.lever] * payer_shares(c, shares)[payer] for c in COSTS)
        np.testing.assert_allclose(expected, table[f"{payer}_cost"], rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(table["provincial_cost"] + table["central_cost"], table["public_cost"], rtol=1e-12)
    np.testing.assert_allclose(table["public_cost"] + table["private_cost"], table["total_lever_cost"], rtol=1e-12)
    assert (table["total_lever_cost"] > 0).all()


def test_costs_start_with_the_policy(resolution):
    before = rows(resolution.table, 2010, 2020)
    assert np.abs(before[[c.indicator for c in COSTS]].to_numpy()).max() == 0


@pytest.mark.parametrize("cost", [c for c in COSTS if c.label == "spending"], ids=lambda c: c.lever)
def test_a_spending_lever_costs_its_change_in_spending(cost):
    lever = levers_by_id()[cost.lever]
    raised = lever.default + 10 * lever.step
    table = rows(simulate(with_settings(baseline(), {lever.id: raised})).table)
    # a lever phases in over its implementation time (at most 3 years by
    # default), and only the share of the programme the budget pays for is
    # delivered; after that, the cost is the change in spending delivered
    full = (raised - lever.default) * table["budget_delivered_share"] / 100.0
    settled = table["year"] >= 2024
    np.testing.assert_allclose(table.loc[settled, cost.indicator], full[settled], rtol=1e-12)
    ramp = table.loc[~settled, cost.indicator].to_numpy()
    assert np.all(np.diff(ramp) >= 0) and 0 < ramp[0] < full.iloc[0], ramp


@pytest.mark.parametrize("cost", COSTS, ids=lambda c: c.lever)
def test_moving_a_lever_the_resolutions_way_costs_and_the_other_way_saves(cost):
    lever = levers_by_id()[cost.lever]
    ahead, back = (lever.max, lever.min) if cost.direction == "up" else (lever.min, lever.max)
    spent = rows(simulate(with_settings(baseline(), {lever.id: ahead})).table)[cost.indicator]
    saved = rows(simulate(with_settings(baseline(), {lever.id: back})).table)[cost.indicator]
    if lever.id == "steel_dq2_start_year":  # the stance is already the earliest date
        assert np.abs(spent).max() == 0 and np.abs(saved).max() == 0
        return
    assert spent.max() > 0 and spent.min() >= 0, lever.id
    assert saved.max() <= 0, lever.id


def test_cumulative_cost_is_the_sum_of_the_years():
    # Levers phase in and the envelope grows with revenue, so costs change
    # within a year: the stock at the end of a year is close to, not equal to,
    # the sum of the mid-year values (the first year's ramp the least so).
    settings = {"public_infrastructure": 900, "admin_reform": 20, "vocational_training": 25000}
    table = simulate(with_settings(baseline(), settings)).table
    for year in (2025, 2030, 2035):
        chosen = rows(table, 2021, year)
        for payer in ("provincial", "public"):
            assert table.loc[table["year"] == year, f"{payer}_cost_cum"].item() == pytest.approx(
                chosen[f"{payer}_cost"].sum(), rel=0.03)
        assert table.loc[table["year"] == year, "budget_envelope_cum"].item() == pytest.approx(
            chosen["budget_envelope"].sum(), rel=0.01)


def test_cumulative_cost_with_capital_dependent_incentives_is_close_to_the_sum(resolution):
    table = resolution.table
    chosen = rows(table, 2021, 2030)
    assert table.loc[table["year"] == 2030, "provincial_cost_cum"].item() == pytest.approx(
        chosen["provincial_cost"].sum(), rel=0.01)


def test_budget_flag_reports_the_years_and_amounts_over_the_envelope(resolution):
    low = levers_by_id()["budget_envelope"].min
    scenario = with_settings(resolution.scenario, {"budget_envelope": low})
    table = simulate(scenario).table
    check = evaluate_budget(table)
    chosen = rows(table, 2021, 2030)
    # the envelope in force starts at the assumption and grows with revenue
    assert low <= chosen["budget_envelope"].iloc[0] <= 1.05 * low
    assert chosen["budget_envelope"].is_monotonic_increasing
    over = chosen[chosen["provincial_cost"] > chosen["budget_envelope"]]
    excess = over["provincial_cost"] - over["budget_envelope"]
    assert check.over and check.over_years == tuple(over["year"])
    np.testing.assert_allclose(check.excess, excess, rtol=1e-9)
    assert check.envelope == pytest.approx(chosen["budget_envelope"].iloc[-1], rel=1e-12)
    peak, peak_year = check.peak
    assert peak == pytest.approx(excess.max())
    assert peak_year == int(over.loc[excess.idxmax(), "year"])
    # the envelope binds by default: the programme is cut back, not paid for
    assert check.lowest_delivered < 100.0
    text = budget_text(check, "en")
    assert "OVER" in text and f"{round(check.total_excess):,}" in text


def test_a_large_enough_envelope_is_not_flagged(resolution):
    peak = rows(resolution.table, 2021, 2030)["provincial_cost"].max()
    high = levers_by_id()["budget_envelope"].max
    assert peak < high
    check = evaluate_budget(simulate(with_settings(resolution.scenario, {"budget_envelope": high})).table)
    assert not check.over and check.excess == () and "WITHIN" in budget_text(check, "en")


def test_scoreboards_carry_the_budget(resolution):
    payload = json.loads(scoreboard_json(resolution))
    assert {"scenario", "description", "targets", "budget"} <= set(payload)
    check = evaluate_budget(resolution.table)
    assert payload["budget"]["provincial_cost"] == pytest.approx(check.provincial)
    assert payload["budget"]["over_envelope"] == check.over
    assert budget_text(check, "vi") in scoreboard_text(resolution, "vi")


def test_the_budget_line_says_when_the_envelope_cuts_the_programme(resolution):
    low = levers_by_id()["budget_envelope"].min
    cut = evaluate_budget(simulate(with_settings(resolution.scenario, {"budget_envelope": low})).table)
    assert cut.lowest_delivered < 99
    assert f"only {round(cut.lowest_delivered)}% of the chosen programme" in budget_text(cut, "en")
    assert "chỉ thực hiện được" in budget_text(cut, "vi")
    high = levers_by_id()["budget_envelope"].max
    full = evaluate_budget(simulate(with_settings(resolution.scenario, {"budget_envelope": high})).table)
    assert full.lowest_delivered == pytest.approx(100.0)
    assert "binds" not in budget_text(full, "en")
    assert evaluate_budget(resolution.table).as_dict()["lowest_delivered_pct"] <= 100.0

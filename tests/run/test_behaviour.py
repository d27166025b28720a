"""Behaviour checks of the model: extremes, non-negativity, shares, time step, independence of runs."""

from __future__ import annotations

import numpy as np
import pytest

from model.catalogue.indicators import load_indicators
from model.catalogue.levers import load_levers
from model.catalogue.parameters import calibrated_params
from model.engine.simulator import Simulator, model_info
from model.run.runner import simulate
from model.run.scenario import baseline, load_scenario, with_settings

LEVERS = load_levers()
# Percent indicators that are shares of a whole (cluster_realised_share is a ratio and may exceed 100).
SHARES = [i.id for i in load_indicators()
          if i.id.endswith(("_share", "_share_old")) and i.id != "cluster_realised_share"]
KEY_OUTPUTS = ["grdp", "industry_va", "manufacturing_va", "industry_share", "manufacturing_share",
               "fabrication_share", "hitech_share", "nonagri_labour_share", "indcon_labour_share",
               "ind_productivity", "ip_wastewater_share", "ez_ip_investment_cum_usd", "cluster_investment_cum",
               "grdp_per_capita_usd", "employed_total"]


@pytest.fixture(scope="module")
def stock_simulator():
    return Simulator(base_params=calibrated_params())


def assert_sound(scenario, stock_simulator):
    result = simulate(scenario)
    table = result.table.drop(columns=[c for c in result.table if c.endswith("_growth")])
    assert np.isfinite(table.to_numpy(dtype=float)).all(), scenario.name
    shares = result.table[SHARES].to_numpy()
    assert (shares >= -1e-9).all() and (shares <= 100 + 1e-9).all(), scenario.name
    growth = result.table[[c for c in result.table if c.endswith("_growth")]].iloc[1:].to_numpy()
    assert np.isfinite(growth).all(), scenario.name
    stocks = stock_simulator.run(scenario.model_params(), columns=model_info().stocks)
    assert (stocks.to_numpy() >= -1e-6).all(), scenario.name
    assert all(r.status in ("met", "near", "missed") for r in result.targets)


@pytest.mark.parametrize("lever", LEVERS, ids=[lev.id for lev in LEVERS])
@pytest.mark.parametrize("end", ["min", "max"])
def test_each_lever_alone_at_its_extremes_is_sound(lever, end, stock_simulator):
    assert_sound(with_settings(baseline(), {lever.id: getattr(lever, end)}, name=f"{lever.id}={end}"),
                 stock_simulator)


@pytest.mark.parametrize("end", ["min", "max"])
@pytest.mark.parametrize("kinds", [("lever",), ("assumption",), ("lever", "assumption")])
def test_all_together_at_their_extremes_are_sound(end, kinds, stock_simulator):
    settings = {lev.id: getattr(lev, end) for lev in LEVERS if lev.kind in kinds}
    assert_sound(with_settings(baseline(), settings, name=f"all-{end}"), stock_simulator)


@pytest.mark.parametrize("name", ["baseline", "resolution"])
def test_halving_the_time_step_moves_no_key_output_by_one_percent(name, shipped_scenarios):
    scenario = load_scenario(next(p for p in shipped_scenarios if p.stem == name))
    step = model_info().time_step
    coarse = simulate(scenario, time_step=step).table[KEY_OUTPUTS]
    fine = simulate(scenario, time_step=step / 2).table[KEY_OUTPUTS]
    relative = ((coarse - fine).abs() / fine.abs().clip(lower=1e-9)).to_numpy()
    small = (fine.abs() < 1e-6).to_numpy()  # values that are zero in both (e.g. cumulative before 2021)
    assert np.nanmax(np.where(small, 0.0, relative)) < 0.01


def test_a_run_does_not_depend_on_the_run_before():
    base = simulate(baseline()).table
    simulate(with_settings(baseline(), {lev.id: lev.max for lev in LEVERS}))
    again = simulate(baseline()).table
    assert np.array_equal(base.to_numpy(), again.to_numpy(), equal_nan=True)


def test_levers_act_only_from_2021():
    base = simulate(baseline()).table
    pushed = simulate(with_settings(baseline(), {lev.id: lev.max for lev in LEVERS if lev.kind == "lever"}))
    before = base["year"] <= 2020
    assert np.allclose(base[before].drop(columns="year"), pushed.table[before].drop(columns="year"), equal_nan=True)


@pytest.mark.parametrize(("lever", "indicator", "year"), [
    ("public_infrastructure", "free_serviced_land", 2030),
    ("investment_promotion", "industry_va", 2030),
    ("investment_incentives", "ez_ip_investment_cum_usd", 2025),
    ("admin_reform", "industry_va", 2030),
    ("vocational_training", "indcon_labour_share", 2030),
    ("environmental_investment", "ip_wastewater_share", 2025),
    ("science_technology_support", "ind_productivity", 2030),
    ("fdi_quality_priority", "hitech_share", 2030),
    ("supporting_industry_priority", "fabrication_share", 2030),
    ("cluster_infrastructure_support", "cluster_investment_cum", 2025),
])
def test_raising_a_lever_moves_its_indicator_up(lever, indicator, year):
    catalogue = {lev.id: lev for lev in LEVERS}
    low = simulate(baseline()).table.set_index("year").loc[year, indicator]
    high = simulate(with_settings(baseline(), {lever: catalogue[lever].max})).table
    assert high.set_index("year").loc[year, indicator] > low


def test_earlier_refinery_expansion_raises_refinery_value_added_earlier():
    early = simulate(with_settings(baseline(), {"refinery_expansion_year": 2029})).table.set_index("year")
    late = simulate(with_settings(baseline(), {"refinery_expansion_year": 2033})).table.set_index("year")
    assert early.loc[2030, "refinery_va"] > late.loc[2030, "refinery_va"]
    assert early.loc[2035, "refinery_va"] == pytest.approx(late.loc[2035, "refinery_va"], rel=0.05)


def test_turnaround_years_are_dips_in_refinery_output():
    table = simulate(baseline()).table.set_index("year")
    crude = table["refinery_crude_mt"]
    for year in (2011, 2012, 2014):
        assert crude[year] < crude[2013]

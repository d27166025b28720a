"""Behaviour checks of the model: extremes, non-negativity, shares, time step, history, independence of runs.

Every threshold comes from model/data/checks.toml (the data of ``python -m model
check``), and every check listed there is iterated: a stock, a share, a key
output, a scenario or a history series added to the file is tested here too.
The arithmetic is written out here independently of model/checks/.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from model.base.paths import HISTORY_PATH
from model.catalogue.levers import load_levers
from model.catalogue.parameters import calibrated_params
from model.checks.config import load_config
from model.engine.simulator import Simulator, model_info
from model.run.runner import simulate
from model.run.scenario import baseline, load_shipped, with_settings

LEVERS = load_levers()
CONFIG = load_config()
EXTREME = CONFIG["extreme"]
TIME_STEP = CONFIG["time_step"]
BEHAVIOUR = CONFIG["behaviour"]


@pytest.fixture(scope="module")
def stock_simulator():
    return Simulator(base_params=calibrated_params())


def assert_sound(scenario, stock_simulator):
    result = simulate(scenario)
    table = result.table.drop(columns=[c for c in result.table if c.endswith("_growth")])
    assert np.isfinite(table.to_numpy(dtype=float)).all(), scenario.name
    low, high = EXTREME["share_range"]
    slack = EXTREME["share_tolerance"]
    shares = result.table[EXTREME["shares"]].to_numpy()
    assert (shares >= low - slack).all() and (shares <= high + slack).all(), scenario.name
    growth = result.table[[c for c in result.table if c.endswith("_growth")]].iloc[1:].to_numpy()
    assert np.isfinite(growth).all(), scenario.name
    stocks = stock_simulator.run(scenario.model_params(), columns=EXTREME["nonnegative_stocks"])
    assert (stocks.to_numpy() >= -EXTREME["nonnegative_tolerance"]).all(), scenario.name
    assert all(r.status in ("met", "near", "missed") for r in result.targets)


def test_every_listed_stock_is_a_model_stock():
    assert set(EXTREME["nonnegative_stocks"]) <= set(model_info().stocks)


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


@pytest.mark.parametrize("name", TIME_STEP["scenarios"])
def test_dividing_the_time_step_moves_no_key_output_beyond_the_tolerance(name):
    scenario = load_shipped(name)
    step = model_info().time_step
    years = slice(TIME_STEP["first_year"], TIME_STEP["last_year"])
    coarse = simulate(scenario, time_step=step).table.set_index("year").loc[years, TIME_STEP["key_outputs"]]
    fine = simulate(scenario, time_step=step / TIME_STEP["divisor"]).table.set_index("year")
    fine = fine.loc[years, TIME_STEP["key_outputs"]]
    relative = ((coarse - fine).abs() / fine.abs()).to_numpy()
    skipped = (fine.abs() < TIME_STEP["zero_below"]).to_numpy()  # e.g. cumulative sums before 2021
    assert np.nanmax(np.where(skipped, 0.0, relative)) * 100.0 <= TIME_STEP["tolerance_pct"]


def _observed(series: str) -> pd.DataFrame:
    history = pd.read_csv(HISTORY_PATH, dtype={"year": str})
    rows = history[(history["series"] == series) & (history["used_in_fit"] == 1)]
    return rows[rows["year"].str.fullmatch(r"\d{4}")].astype({"year": int})


@pytest.fixture(scope="module")
def history_run():
    return simulate(load_shipped(BEHAVIOUR["scenario"])).table.set_index("year")


@pytest.mark.parametrize("spec", BEHAVIOUR["series"], ids=[s["series"] for s in BEHAVIOUR["series"]])
def test_history_series_within_their_mean_absolute_percentage_error(spec, history_run):
    observed = _observed(spec["series"])
    assert len(observed) > 0, spec["series"]
    simulated = history_run.loc[observed["year"], spec["indicator"]].to_numpy(dtype=float)
    values = observed["value"].to_numpy(dtype=float)
    mape = 100.0 * np.mean(np.abs(simulated - values) / np.abs(values))
    assert mape < spec["max_mape_pct"], f"{spec['series']}: MAPE {mape:.2f}%"


@pytest.mark.parametrize("spec", BEHAVIOUR["growth"], ids=[f"{s['series']}:{s['period']}" for s in BEHAVIOUR["growth"]])
def test_history_average_growth_within_its_band(spec, history_run):
    history = pd.read_csv(HISTORY_PATH, dtype={"year": str})
    rows = history[(history["series"] == spec["series"]) & (history["year"] == spec["period"])]
    observed = float(rows.sort_values("used_in_fit", ascending=False)["value"].iloc[0])
    first, last = (int(year) for year in spec["period"].split("-"))
    level = history_run[spec["indicator"]]
    # n years of growth from the end of the year before the period: (x_last / x_first-1) ** (1/n) - 1
    simulated = 100.0 * ((level[last] / level[first - 1]) ** (1.0 / (last - first + 1)) - 1.0)
    assert abs(simulated - observed) <= spec["band_pp"], f"{spec['series']} {spec['period']}: {simulated:.2f}"


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

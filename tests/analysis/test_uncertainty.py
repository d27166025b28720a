"""Distributions file, Latin hypercube sampling, goal probabilities and percentile fans."""

from __future__ import annotations

import pickle
import re

import numpy as np
import pytest

from model.analysis.sampling import (
    Uncertain,
    UncertaintyError,
    latin_hypercube,
    load_uncertainties,
    read_entries,
    unit_hypercube,
)
from model.analysis.uncertainty import PERCENTILES, goal_table, how_sure
from model.base.paths import SCENARIO_DIR, UNCERTAINTY_PATH
from model.catalogue.levers import load_levers
from model.commands.main import main
from model.engine.simulator import model_info
from model.run.runner import simulate
from model.run.scenario import load_scenario, shipped_path, shipped_scenarios

pytestmark = pytest.mark.filterwarnings("ignore:Replacing a constant value with a callable")

RESOLUTION = SCENARIO_DIR / "resolution.toml"
STATED_RANGE = re.compile(r"range\s+([-\d.]+)\s*-\s*([-\d.]+?)\.?(?:\s|$|\))", re.IGNORECASE)


def test_every_external_assumption_has_a_distribution_once():
    listed = [entry["id"] for entry in read_entries()["assumption"]]
    assert sorted(listed) == sorted(lev.id for lev in load_levers() if lev.kind == "assumption")


def test_parameters_exist_and_agree_with_the_ranges_stated_in_the_model():
    info = model_info()
    levers = {lev.variable for lev in load_levers()}
    entries = read_entries()["parameter"]
    assert 15 <= len(entries) <= 60
    for entry in entries:
        name = entry["name"]
        assert name in info.constants and name not in levers, name
        stated = STATED_RANGE.search(" ".join(info.comments[name].split()))
        assert stated, f"{name}: the model's comment states no range"
        assert (entry["lower"], entry["upper"]) == (float(stated.group(1)), float(stated.group(2))), name


@pytest.mark.parametrize("path", [shipped_path(n) for n in sorted(shipped_scenarios())], ids=lambda p: p.stem)
def test_distributions_are_valid_for_every_shipped_scenario(path):
    scenario = load_scenario(path)
    entries = load_uncertainties(scenario)
    for entry in entries:
        assert entry.lower < entry.upper and entry.lower <= entry.mode <= entry.upper, entry.key
    modes = {e.key: e.mode for e in entries if e.kind == "assumption"}
    fixed = {entry["id"] for entry in read_entries()["assumption"] if entry["distribution"] == "fixed"}
    assert modes == {key: value for key, value in scenario.assumptions.items() if key not in fixed}


def test_a_fixed_assumption_is_not_sampled_and_a_fixed_parameter_is_an_error(tmp_path):
    scenario = load_scenario(RESOLUTION)
    keys = {entry.key for entry in load_uncertainties(scenario)}
    assert "budget_binds" not in keys and "budget_envelope" in keys
    bad = tmp_path / "uncertainty.toml"
    bad.write_text('[[parameter]]\nname = "stall fraction base"\nlower = 0\nupper = 1\ndistribution = "fixed"\n')
    with pytest.raises(UncertaintyError, match="only assumptions can be fixed"):
        load_uncertainties(scenario, path=bad)


def test_unknown_parameter_is_reported_with_its_name(tmp_path):
    bad = tmp_path / "uncertainty.toml"
    bad.write_text('[[parameter]]\nname = "no such constant"\nlower = 0\nupper = 1\n')
    with pytest.raises(UncertaintyError, match="no such constant"):
        load_uncertainties(load_scenario(RESOLUTION), path=bad)


def test_latin_hypercube_puts_one_point_in_every_stratum():
    points = unit_hypercube(3, 50, seed=1)
    for column in points.T:
        assert sorted(np.floor(column * 50).astype(int)) == list(range(50))
    np.testing.assert_array_equal(points, unit_hypercube(3, 50, seed=1))
    assert not np.array_equal(points, unit_hypercube(3, 50, seed=2))


def test_triangular_quantiles_match_the_distribution():
    entry = Uncertain("x", "x", "parameter", "triangular", 1.0, 2.0, 5.0)
    u = np.linspace(0, 1, 100_001)
    values = entry.ppf(u)
    assert values.min() == 1.0 and values.max() == 5.0
    assert entry.ppf(np.array([0.25]))[0] == pytest.approx(2.0)  # F(mode) = (c - a) / (b - a)
    assert values.mean() == pytest.approx((1.0 + 2.0 + 5.0) / 3, abs=1e-3)


def test_steps_round_samples_to_whole_values():
    entry = next(e for e in load_uncertainties(load_scenario(RESOLUTION)) if e.step)
    drawn = latin_hypercube((entry,), 40, seed=0)[entry.variable]
    assert np.all(drawn == np.round(drawn)) and drawn.min() >= entry.lower and drawn.max() <= entry.upper


def test_goal_probability_is_zero_or_one_when_the_future_cannot_vary(tmp_path):
    nothing_uncertain = tmp_path / "uncertainty.toml"
    nothing_uncertain.write_text("# nothing varies\n")
    scenario = load_scenario(RESOLUTION)
    result = how_sure(scenario, samples=20, uncertainty_path=nothing_uncertain)
    single = {r.target.id: r.status == "met" for r in simulate(scenario).targets}
    for row in result.probabilities.itertuples():
        assert row.probability == (1.0 if single[row.id] else 0.0), row.id


def test_goal_table_counts_the_share_of_samples_that_meet_a_goal():
    table = simulate(load_scenario(RESOLUTION)).table
    arrays = {c: np.repeat(table[c].to_numpy()[None, :], 4, axis=0) for c in table.columns if c != "year"}
    target_year = 2025 - 2010
    arrays["industry_share"][:, target_year] = [30.0, 36.0, 36.5, 50.0]  # goal: at least 36
    probabilities = goal_table(arrays).set_index("id")["probability"]
    assert probabilities["ind_share"] == 0.75


@pytest.fixture(scope="module")
def resolution_how_sure():
    return how_sure(load_scenario(RESOLUTION), samples=200, seed=11)


def test_how_sure_gives_probabilities_and_ordered_percentiles(resolution_how_sure):
    result = resolution_how_sure
    assert result.mode == "batch" and result.samples == 200
    assert result.probabilities["probability"].between(0, 1).all()
    assert len(result.probabilities) == 25
    bands = result.percentiles[[f"p{p}" for p in PERCENTILES]].dropna().to_numpy()
    assert len(bands) > 0 and np.all(np.diff(bands, axis=1) >= -1e-9)
    fixed = {entry["id"] for entry in read_entries()["assumption"] if entry["distribution"] == "fixed"}
    assert set(result.inputs) >= {lev.id for lev in load_levers() if lev.kind == "assumption"} - fixed
    assert not set(result.inputs) & fixed


def test_how_sure_is_reproducible_and_can_be_cached(resolution_how_sure):
    again = how_sure(load_scenario(RESOLUTION), samples=200, seed=11)
    assert again.probabilities.equals(resolution_how_sure.probabilities)
    assert pickle.loads(pickle.dumps(again)).percentiles.equals(again.percentiles)


def test_cli_writes_tables_and_fan_charts_and_refuses_to_overwrite(tmp_path, capsys):
    out = tmp_path / "how_sure"
    args = ["uncertainty", str(RESOLUTION), "--samples", "50", "--out", str(out), "--no-png"]
    assert main(args) == 0
    assert "ind_va_growth" in capsys.readouterr().out
    assert {p.name for p in out.iterdir()} == {"probabilities.csv", "percentiles.csv", "fans.html"}
    assert main(args) == 2
    assert "already exists" in capsys.readouterr().err
    assert main([*args, "--force"]) == 0


def test_cli_rejects_too_few_samples(capsys):
    assert main(["uncertainty", str(RESOLUTION), "--samples", "1"]) == 2
    assert "--samples" in capsys.readouterr().err


def test_the_shipped_file_is_the_default():
    assert UNCERTAINTY_PATH.exists()


def test_calibrated_parameters_centre_on_the_fitted_value_within_its_bounds(tmp_path):
    entries = read_entries()["parameter"]
    fitted, prior_only = entries[0], entries[1]
    value = (fitted["lower"] + 2 * fitted["upper"]) / 3
    lower = (fitted["lower"] + value) / 2
    calibration = tmp_path / "calibration.toml"
    calibration.write_text(f'[[parameter]]\nname = "{fitted["name"]}"\nvalue = {value!r}\nlower = {lower!r}\n'
                           f'upper = {fitted["upper"]!r}\n[[parameter]]\nname = "{prior_only["name"]}"\n'
                           f'value = {prior_only["lower"]!r}\n')
    found = {u.key: u for u in load_uncertainties(load_scenario(RESOLUTION), calibration_path=calibration)}
    centred = found[fitted["name"]]
    assert (centred.lower, centred.mode, centred.upper) == (lower, value, fitted["upper"])
    no_bounds = found[prior_only["name"]]
    assert (no_bounds.lower, no_bounds.mode, no_bounds.upper) == (prior_only["lower"],) * 2 + (prior_only["upper"],)

"""Sobol, Morris and one-at-a-time analyses; milestones; command-line errors."""

from __future__ import annotations

import numpy as np
import pytest

from model.analysis.milestones import NEVER, MilestoneError, parse_output
from model.analysis.sensitivity import Factor, analyse, factors, sensitivity
from model.base.paths import SCENARIO_DIR
from model.catalogue.calendar import FIRST_YEAR, LAST_YEAR, years
from model.catalogue.targets import load_targets
from model.commands.main import main
from model.run.runner import simulate
from model.run.scenario import load_scenario, with_settings

pytestmark = pytest.mark.filterwarnings("ignore:Replacing a constant value with a callable")

RESOLUTION = SCENARIO_DIR / "resolution.toml"
PI = np.pi


def ishigami(x: np.ndarray, a: float = 7.0, b: float = 0.1) -> np.ndarray:
    return np.sin(x[:, 0]) + a * np.sin(x[:, 1]) ** 2 + b * x[:, 2] ** 4 * np.sin(x[:, 0])


def ishigami_indices(a: float = 7.0, b: float = 0.1) -> tuple[np.ndarray, np.ndarray]:
    """Analytic first-order and total Sobol indices of the Ishigami function on [-pi, pi]^3."""
    v1 = 0.5 * (1 + b * PI**4 / 5) ** 2
    v2 = a**2 / 8
    v13 = b**2 * PI**8 * (1 / 18 - 1 / 50)
    total = v1 + v2 + v13
    return np.array([v1, v2, 0.0]) / total, np.array([v1 + v13, v2, v13]) / total


FACTORS = tuple(Factor(f"x{i}", f"x{i}", "parameter", -PI, 0.0, PI) for i in (1, 2, 3))


def test_sobol_indices_of_ishigami_match_the_analytic_values():
    result = analyse(FACTORS, ishigami, "sobol", 4096, seed=1, output="ishigami")
    table = result.table.set_index("factor").loc[["x1", "x2", "x3"]]
    first, total = ishigami_indices()
    np.testing.assert_allclose(table["S1"], first, atol=0.03)
    np.testing.assert_allclose(table["ST"], total, atol=0.03)
    assert (table["ST_conf"] > 0).all() and result.runs == 4096 * 5


def test_morris_mu_star_of_a_linear_function_is_its_slope_times_range():
    chosen = tuple(Factor(f"x{i}", f"x{i}", "lever", 0.0, 0.5, 2.0) for i in range(3))
    result = analyse(chosen, lambda x: 3 * x[:, 0] - x[:, 1], "morris", 20, seed=4)
    mu_star = result.table.set_index("factor")["mu_star"]
    np.testing.assert_allclose(mu_star[["x0", "x1", "x2"]], [3 * 2.0, 1 * 2.0, 0.0], atol=1e-9)
    assert list(result.table["factor"][:2]) == ["x0", "x1"]


def test_one_at_a_time_swings_each_factor_over_its_range():
    chosen = tuple(Factor(f"x{i}", f"x{i}", "lever", 0.0, 1.0, 4.0) for i in range(3))
    result = analyse(chosen, lambda x: 3 * x[:, 0] - x[:, 1] + 0 * x[:, 2], "oat", 0)
    table = result.table.set_index("factor")
    np.testing.assert_allclose(table.loc[["x0", "x1", "x2"], "swing"], [12.0, 4.0, 0.0])
    assert (table["output_base"] == 3 - 1).all() and result.runs == 7


def test_same_seed_gives_the_same_indices():
    one = analyse(FACTORS, ishigami, "sobol", 256, seed=3).table
    assert one.equals(analyse(FACTORS, ishigami, "sobol", 256, seed=3).table)
    assert not one.equals(analyse(FACTORS, ishigami, "sobol", 256, seed=4).table)


def test_model_tornado_agrees_with_single_runs():
    scenario = load_scenario(RESOLUTION)
    result = sensitivity(scenario, parse_output("ind_va_growth"), "oat", 0)
    table = result.table.set_index("factor")
    assert set(table.index) == {f.key for f in factors(scenario)} and result.runs == 2 * len(table) + 1
    value = {r.target.id: r.value for r in simulate(scenario).targets}["ind_va_growth"]
    assert table["output_base"].iloc[0] == pytest.approx(value, rel=1e-9)
    for key in table.index[:2]:
        at_high = with_settings(scenario, {key: table.loc[key, "high"]})
        single = {r.target.id: r.value for r in simulate(at_high).targets}["ind_va_growth"]
        assert table.loc[key, "output_high"] == pytest.approx(single, rel=1e-9)


def test_parameters_join_the_factors_on_request():
    scenario = load_scenario(RESOLUTION)
    kinds = {f.kind for f in factors(scenario, include_parameters=True)}
    assert kinds == {"lever", "assumption", "parameter"}
    assert "parameter" not in {f.kind for f in factors(scenario)}


def fake_arrays(level: np.ndarray) -> dict[str, np.ndarray]:
    return {"industry_share": level, "industry_va": level}


def test_first_year_milestone_finds_the_first_year_a_goal_is_met():
    n_years = LAST_YEAR - FIRST_YEAR + 1
    level = np.full((3, n_years), 30.0)
    level[0, 2027 - FIRST_YEAR:] = 40.0  # industry share reaches 36% in 2027
    level[1, 2018 - FIRST_YEAR:] = 40.0  # already above before 2021: counts from 2021
    milestone = parse_output("first_year:ind_share")
    np.testing.assert_array_equal(milestone.evaluate(fake_arrays(level)), [2027, 2021, NEVER])


def test_first_year_of_a_growth_goal_uses_average_growth_since_the_base_year():
    target = next(t for t in load_targets() if t.id == "ind_va_growth")
    growth = np.where(years() <= target.start, 1.0, np.where(years() < 2024, 1.05, 1.3))
    level = np.cumprod(growth)[None, :]
    # average growth since 2020: 5% up to 2023, then 2024: (1.05^3 * 1.3)^(1/4) - 1 > 8%
    assert parse_output("first_year:ind_va_growth").evaluate(fake_arrays(level))[0] == 2024


def test_indicator_milestone_reads_the_year():
    level = np.tile(np.arange(len(years()), dtype=float), (2, 1))
    assert parse_output("industry_share", 2025).evaluate(fake_arrays(level)).tolist() == [15.0, 15.0]


@pytest.mark.parametrize(("args", "message"), [
    (["--output", "ind_va_grwth"], "did you mean 'ind_va_growth'"),
    (["--output", "first_year:nothing_like_it"], "unknown goal"),
    (["--output", "industry_share"], "needs --year"),
    (["--output", "industry_share", "--year", "1990"], "between 2010 and 2035"),
    (["--output", "ind_va_growth", "--year", "2025"], "omit --year"),
    (["--samples", "100"], "power of 2"),
    (["--method", "morris", "--samples", "1"], "at least 2"),
])
def test_cli_reports_bad_outputs_in_one_line(args, message, capsys):
    assert main(["sensitivity", str(RESOLUTION), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and err.count("\n") == 1


def test_cli_rejects_an_unknown_method(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["sensitivity", str(RESOLUTION), "--method", "fast"])
    assert stop.value.code == 2
    assert "invalid choice: 'fast'" in capsys.readouterr().err


def test_cli_writes_indices_and_chart(tmp_path, capsys):
    out = tmp_path / "sens"
    assert main(["sensitivity", str(RESOLUTION), "--method", "morris", "--samples", "4", "--out", str(out),
                 "--no-png", "--output", "grdp", "--year", "2030"]) == 0
    assert "grdp@2030" in capsys.readouterr().out
    names = {p.name for p in out.iterdir()}
    assert names == {"sensitivity_morris_grdp_2030.csv", "sensitivity_morris_grdp_2030.html"}


def test_unknown_milestone_raises():
    with pytest.raises(MilestoneError):
        parse_output("nothing")

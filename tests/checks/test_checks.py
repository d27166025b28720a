"""The model-testing battery: unit checker, mass balance, extreme-condition rules, check command."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from model.checks import battery
from model.checks.behaviour import average_growth
from model.checks.config import CheckResult, load_config
from model.checks.runs import balance_error, mass_balance, run_violations, step_difference
from model.checks.units import check_model
from model.commands.main import main

CONTROL = """
INITIAL TIME = 0
\t~\tYear
\t~\t|

FINAL TIME = 10
\t~\tYear
\t~\t|

TIME STEP = 0.25
\t~\tYear
\t~\t|

SAVEPER = TIME STEP
\t~\tYear
\t~\t|
"""


def write_mdl(tmp_path, equations: dict[str, tuple[str, str]]):
    """A tiny Vensim model: name -> (equation, units), plus the control section."""
    text = "{UTF-8}\n" + "".join(f"{name} = {eq}\n\t~\t{units}\n\t~\t|\n\n" for name, (eq, units) in equations.items())
    path = tmp_path / "tiny.mdl"
    path.write_text(text + CONTROL, encoding="utf-8")
    return path


POPULATION = {
    "people": ("INTEG(births - deaths, 100)", "Person"),
    "births": ("people * birth rate", "Person/Year"),
    "deaths": ("people / lifetime", "Person/Year"),
    "birth rate": ("0.02", "1/Year"),
    "lifetime": ("70", "Year"),
}


def issues_of(tmp_path, changes: dict[str, tuple[str, str]]) -> dict[str, str]:
    report = check_model(write_mdl(tmp_path, {**POPULATION, **changes}))
    return {issue.variable: issue.message for issue in report.issues}


def test_a_consistent_model_has_no_unit_issue(tmp_path):
    report = check_model(write_mdl(tmp_path, POPULATION))
    assert report.checked == len(POPULATION) + 4
    assert report.issues == ()


def test_a_wrong_unit_string_is_reported_with_declared_and_derived_units(tmp_path):
    report = check_model(write_mdl(tmp_path, {**POPULATION, "lifetime": ("70", "Person")}))
    (issue,) = report.issues
    assert issue.variable == "deaths"
    assert issue.declared == "Person/Year"
    assert issue.derived == "dmnl"


@pytest.mark.parametrize(("changes", "variable", "words"), [
    ({"births": ("people * birth rate + lifetime", "Person/Year")}, "births", "mixes"),
    ({"people": ("INTEG(births - deaths, lifetime)", "Person")}, "people", "initial value"),
    ({"people": ("INTEG(people, 100)", "Person")}, "people", "flow"),
    ({"births": ("people * EXP(lifetime)", "Person/Year")}, "births", "EXP"),
    ({"births": ("STEP(people, people) * birth rate", "Person/Year")}, "births", "time argument"),
    ({"births": ("IF THEN ELSE(Time > 5, people * birth rate, people)", "Person/Year")}, "births", "IF THEN ELSE"),
    ({"births": ("MAX(people * birth rate, lifetime)", "Person/Year")}, "births", "MAX"),
    ({"births": ("people ^ birth rate", "Person/Year")}, "births", "exponent"),
    ({"births": ("people * birth rate * (people / 100) ^ lifetime", "Person/Year")}, "births", "exponent"),
    ({"elasticity": ("0.3", "dmnl"), "births": ("birth rate * people ^ elasticity", "Person/Year")},
     "births", "Person**0.3/Year, expected Person/Year"),
    ({"births": ("birth rate * people ^ (deaths / births)", "Person/Year")}, "births", "not a model constant"),
])
def test_unit_errors_inside_equations_are_found(tmp_path, changes, variable, words):
    issues = issues_of(tmp_path, changes)
    assert variable in issues
    assert words in issues[variable]


@pytest.mark.parametrize("changes", [
    {"births": ("MAX(0, people * birth rate) + STEP(1, 5) * 0", "Person/Year")},
    {"births": ("people * birth rate * PULSE(2, 1) + people * ZIDZ(birth rate, 1)", "Person/Year")},
    {"births": ("XIDZ(people, lifetime, 0)", "Person/Year")},
    {"births": ("IF THEN ELSE(INTEGER(Time) = 3 :AND: MODULO(Time, 2) = 0, 0, people / lifetime)", "Person/Year")},
    {"elasticity": ("0.3", "dmnl"), "scale": ("people ^ elasticity / lifetime", "Person^0.3/Year"),
     "births": ("scale * people ^ (1 - elasticity)", "Person/Year")},
    {"share": ("100 * deaths / births", "%"), "births": ("people * birth rate * (1 - share / 100)", "Person/Year")},
])
def test_consistent_uses_of_functions_and_numbers_pass(tmp_path, changes):
    assert issues_of(tmp_path, {**changes, "deaths": ("people / lifetime", "Person/Year")}) == {}


def test_unreadable_units_are_reported(tmp_path):
    issues = issues_of(tmp_path, {"lifetime": ("70", "Fortnight")})
    assert "cannot read units" in issues["lifetime"]


def test_balance_error_is_round_off_for_euler_consistent_series_and_large_for_a_leak():
    dt = 0.125
    rng = np.random.default_rng(1)
    net = rng.normal(10.0, 5.0, 200)
    stock = 1000.0 + np.concatenate([[0.0], np.cumsum(net[:-1] * dt)])
    assert balance_error(stock, net, dt) < 1e-12
    leaky = stock - 0.01 * np.arange(stock.size)  # something drains the stock that no flow records
    assert balance_error(leaky, net, dt) > 1e-4


def test_mass_balance_fails_when_a_flow_is_left_out():
    config = load_config()
    config["mass_balance_settings"] = {**config["mass_balance_settings"], "scenarios": ["baseline"]}
    config["mass_balance"] = [
        {"name": "complete", "stocks": ["rest industry capital"], "inflows": ["rest industry investment"],
         "outflows": ["rest industry depreciation"]},
        {"name": "no_depreciation", "stocks": ["rest industry capital"], "inflows": ["rest industry investment"],
         "outflows": []},
    ]
    complete, missing = mass_balance(config)
    assert complete.passed and not missing.passed
    assert missing.figures["max_rel_error"] > 1000 * missing.figures["tolerance"]


def test_run_violations_flags_nan_negative_stock_and_share_above_100():
    cfg = {"nonnegative_stocks": ["stock"], "nonnegative_tolerance": 1e-6, "shares": ["share"],
           "share_range": [0.0, 100.0], "share_tolerance": 1e-9}
    frame = pd.DataFrame({"stock": [1.0, -2.0, 3.0], "other": [1.0, np.nan, 1.0]}, index=[0.0, 0.5, 1.0])
    table = pd.DataFrame({"year": [2010, 2011, 2012], "share": [50.0, 101.0, 99.0]})
    found = {(v["test"], v["item"]) for v in run_violations("x", frame, table, cfg)}
    assert found == {("finite", "other"), ("nonnegative", "stock"), ("share_range", "share")}
    clean = pd.DataFrame({"stock": [1.0, 2.0, 3.0], "other": [1.0, 1.0, 1.0]}, index=[0.0, 0.5, 1.0])
    assert run_violations("x", clean, table.assign(share=[0.0, 50.0, 100.0]), cfg) == []


def test_step_difference_finds_the_largest_relative_change_and_skips_zeros():
    fine = pd.DataFrame({"year": [2020, 2021], "a": [100.0, 200.0], "b": [0.0, 10.0]})
    coarse = pd.DataFrame({"year": [2020, 2021], "a": [101.0, 200.0], "b": [5.0, 10.5]})
    assert step_difference(coarse, fine, ["a", "b"], 1e-6) == (pytest.approx(5.0), "b", 2021)


def test_average_growth_is_the_geometric_mean_of_yearly_growth():
    table = pd.DataFrame({"year": [2015, 2016, 2017], "x": [100.0, 110.0, 121.0]})
    assert average_growth(table, "x", "2016-2017") == pytest.approx(10.0)


def test_check_command_exit_status_follows_the_results(monkeypatch, capsys):
    assert main(["check", "--only", "mass_balance"]) == 0
    assert "FAIL" not in capsys.readouterr().out

    def failing(config):
        return [CheckResult("deliberate", False, {"value": 2.0}, "value 2 > 1")]

    monkeypatch.setattr(battery, "_groups", lambda: {"units": failing})
    assert main(["check", "--only", "units", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["passed"] is False and data["checks"][0]["name"] == "deliberate"


def test_check_command_rejects_bad_input_with_status_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["check", "--only", "nonsense"])
    assert stop.value.code == 2
    assert main(["check", "--checks", str(tmp_path / "missing.toml")]) == 2
    bad = tmp_path / "bad.toml"
    bad.write_text("[nonsense]\n")
    assert main(["check", "--checks", str(bad)]) == 2
    assert "unknown section" in capsys.readouterr().err
    bad.write_text('[extreme]\nnonnegative_stocks = ["rest industry capital"]\n')
    assert main(["check", "--only", "extreme", "--checks", str(bad)]) == 2
    assert "[extreme] lacks" in capsys.readouterr().err

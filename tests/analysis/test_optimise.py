"""Goal search: known optimum on a test function, the closest mix when goals are out of reach,
and the written scenario reproduces the scoreboard it claims."""

from __future__ import annotations

import itertools
import json
import tomllib

import numpy as np
import pytest

from model.analysis.optimise.problem import make_problem, search_ranges, shortfall_penalty
from model.analysis.optimise.search import optimise, search
from model.catalogue.calendar import years
from model.catalogue.costs import costs_by_lever
from model.catalogue.selection import select_targets
from model.catalogue.targets import Target, load_targets
from model.commands.main import main
from model.run.evaluate import BatchEvaluator, at_year, lever_params, target_distances, target_values
from model.run.runner import simulate
from model.run.scenario import baseline, check_value, from_mapping, to_toml, with_settings

DIRECTIONS = {k: c.direction for k, c in costs_by_lever().items()}
TEST_LEVERS = ["admin_reform", "investment_promotion", "science_technology_support"]
COST_PER_UNIT = {"admin reform": 2.0, "investment promotion spending": 1.0, "science technology support": 0.7}
EFFECT = {"admin reform": 1.5, "investment promotion spending": 0.5, "science technology support": 0.3}


def goal(ident: str, indicator: str, lower: float) -> Target:
    return Target(id=ident, set="test", indicator=indicator, rule="level", start=0, year=2025, lower=lower,
                  upper=None, direction="at_least", near=1.0, unit="index", name_vi=ident, name_en=ident,
                  source="test function")


class KnownOptimumModel:
    """A stand-in for the model with a known optimum.

    fake_a = sum of EFFECT * sqrt(change) (diminishing returns), fake_b = admin reform,
    fake_c = fake_a (for an unreachable bound); cost = sum of COST_PER_UNIT * change.
    """

    mode = "test function"

    def __init__(self, problem):
        self.defaults = {r.lever.variable: r.lever.default for r in problem.ranges}
        self.runs = 0

    def values(self, params):
        change = {k: np.asarray(params[k], dtype=float) - d for k, d in self.defaults.items()}
        cost = sum(COST_PER_UNIT[k] * change[k] for k in change)
        score = sum(EFFECT[k] * np.sqrt(np.maximum(change[k], 0.0)) for k in change)
        return cost, score, np.asarray(params["admin reform"], dtype=float)

    def run(self, params):
        cost, score, admin = self.values(params)
        self.runs += cost.size
        def series(v):
            return np.repeat(np.asarray(v, dtype=float)[:, None], len(years()), axis=1)
        return {"provincial_cost_cum": series(cost), "fake_a": series(score), "fake_b": series(admin),
                "fake_c": series(score)}


def brute_force(problem, targets):
    """Every grid point of the test function: the cheapest meeting ``targets`` and the best fake_c."""
    grids = [[r.value(k) for k in range(r.k_low, r.k_high + 1)] for r in problem.ranges]
    points = np.array(list(itertools.product(*grids)))
    params = {r.lever.variable: points[:, i] for i, r in enumerate(problem.ranges)}
    cost, score, admin = KnownOptimumModel(problem).values(params)
    values = {"fake_a": score, "fake_b": admin, "fake_c": score}
    ok = np.all([values[t.indicator] >= t.lower for t in targets], axis=0)
    return cost[ok].min(), score.max()


@pytest.fixture(scope="module")
def test_problem():
    ranges = search_ranges(TEST_LEVERS, DIRECTIONS)
    targets = (goal("a", "fake_a", 12.0), goal("b", "fake_b", 20.0))
    return make_problem(baseline(), ranges, targets)


def cost_of(problem, settings):
    params = {problem.ranges[i].lever.variable: [settings[r.lever.id]] for i, r in enumerate(problem.ranges)}
    return float(KnownOptimumModel(problem).values(params)[0][0])


def test_search_finds_the_known_optimum_of_a_test_function(test_problem):
    found = search(test_problem, popsize=10, maxiter=30, seed=3, make_evaluator=KnownOptimumModel)
    best, _ = brute_force(test_problem, test_problem.targets)
    assert set(found.met) == {"a", "b"}
    assert cost_of(test_problem, found.settings) == pytest.approx(best, abs=1e-9)


def test_same_seed_same_mix(test_problem):
    first = search(test_problem, popsize=4, maxiter=5, seed=7, make_evaluator=KnownOptimumModel)
    again = search(test_problem, popsize=4, maxiter=5, seed=7, make_evaluator=KnownOptimumModel)
    assert first.settings == again.settings


def test_unreachable_goal_gives_the_cheapest_mix_meeting_the_rest_and_states_the_reach(test_problem):
    targets = (*test_problem.targets, goal("c", "fake_c", 1e6))
    problem = make_problem(test_problem.base, test_problem.ranges, targets)
    found = search(problem, popsize=10, maxiter=30, seed=3, make_evaluator=KnownOptimumModel)
    best, reach = brute_force(problem, test_problem.targets)
    assert found.met == ("a", "b")
    assert cost_of(problem, found.settings) == pytest.approx(best, abs=1e-9)
    assert found.reach["c"] == pytest.approx(reach)


def test_one_more_goal_met_outweighs_any_shortfall():
    targets = [goal(str(i), "x", 0.0) for i in range(3)]
    one_far = np.array([[-1e9, 1.0, 1.0]])
    two_near = np.array([[-1e-6, -1e-6, 1.0]])
    assert shortfall_penalty(one_far, targets)[0] < shortfall_penalty(two_near, targets)[0]
    assert shortfall_penalty(np.array([[0.0, 1.0, 2.0]]), targets)[0] == 0


def test_every_grid_value_is_a_valid_scenario_value_that_survives_toml():
    ranges = search_ranges([k for k in DIRECTIONS], DIRECTIONS, full_range=True)
    for rng in ranges:
        values = {rng.value(k) for k in range(rng.k_low, rng.k_high + 1)}
        assert len(values) == rng.k_high - rng.k_low + 1, rng.lever.id
        for value in values:
            assert check_value("test", rng.lever, value) == value
        top = rng.value(rng.k_high)
        text = to_toml(with_settings(baseline(), {rng.lever.id: top}))
        assert from_mapping(tomllib.loads(text)).levers[rng.lever.id] == top


def test_batch_evaluation_agrees_with_ordinary_runs():
    targets = load_targets()
    settings = {"public_infrastructure": [400, 1200], "admin_reform": [0, 35], "investment_incentives": [2, 6.5]}
    annual = BatchEvaluator(baseline()).run(lever_params(settings))
    values = target_values(annual, targets)
    for i in range(2):
        result = simulate(with_settings(baseline(), {k: v[i] for k, v in settings.items()}))
        np.testing.assert_allclose(values[i], [r.value for r in result.targets], rtol=1e-9)
        np.testing.assert_allclose(target_distances(values, targets)[i], [r.distance for r in result.targets],
                                   rtol=1e-9, atol=1e-9)
        table = result.table.set_index("year")
        assert at_year(annual, "provincial_cost_cum", 2030)[i] == pytest.approx(table.loc[2030, "provincial_cost_cum"])


def test_real_model_out_of_reach_goal_reports_the_closest_mix_and_its_gap():
    targets = select_targets("ip_wastewater,hitech_share_2030")
    ranges = search_ranges(["environmental_investment", "fdi_quality_priority"], DIRECTIONS)
    problem = make_problem(baseline(), ranges, targets)
    outcome = optimise(problem, popsize=3, maxiter=4, seed=1)
    assert not outcome.feasible
    assert [r.target.id for r in outcome.gaps] == ["hitech_share_2030"]
    assert outcome.gaps[0].distance < 0
    assert outcome.reach["hitech_share_2030"] >= outcome.gaps[0].value - 1e-9
    # The cheapest grid point meeting the reachable goal, by brute force over both grids:
    grids = [[r.value(k) for k in range(r.k_low, r.k_high + 1)] for r in ranges]
    points = np.array(list(itertools.product(*grids)))
    annual = BatchEvaluator(baseline()).run(
        lever_params({r.lever.id: points[:, i] for i, r in enumerate(ranges)}))
    meets = target_distances(target_values(annual, targets[:1]), targets[:1])[:, 0] >= 0
    cheapest = at_year(annual, "provincial_cost_cum", problem.horizon)[meets].min()
    assert outcome.cost == pytest.approx(cheapest, rel=1e-9, abs=1e-6)


def test_written_scenario_reproduces_the_claimed_scoreboard(tmp_path, capsys):
    out = tmp_path / "mix.toml"
    argv = ["optimise", "--targets", "ip_wastewater,ind_va_growth", "--levers",
            "environmental_investment,public_infrastructure,admin_reform", "--popsize", "3", "--maxiter", "3",
            "--out", str(out), "--format", "json", "--quiet"]
    assert main(argv) == 0
    claimed = json.loads(capsys.readouterr().out)
    assert claimed["scenario_file"] == str(out)
    assert main(["run", str(out), "--format", "json"]) == 0
    ran = json.loads(capsys.readouterr().out)
    by_id = {t["id"]: t for t in ran["targets"]}
    for item in claimed["scoreboard"]:
        assert by_id[item["id"]]["value"] == item["value"]
        assert by_id[item["id"]]["status"] == item["status"]
    assert ran["budget"] == claimed["budget"]
    assert claimed["feasible"] == all(by_id[t]["status"] == "met" for t in claimed["targets"])


def test_optimise_refuses_to_overwrite_before_searching(tmp_path, capsys):
    out = tmp_path / "mine.toml"
    out.write_text("keep me")
    assert main(["optimise", "--out", str(out), "--quiet"]) == 2
    assert "already exists" in capsys.readouterr().err and out.read_text() == "keep me"


@pytest.mark.parametrize("argv, fragment", [
    (["optimise", "--levers", "admin_reformm"], "did you mean 'admin_reform'"),
    (["optimise", "--levers", "budget_envelope"], "external assumption"),
    (["optimise", "--targets", "2026"], "unknown goal"),
    (["optimise", "--levers", "steel_dq2_start_year"], "no room to search"),
])
def test_bad_optimise_input_exits_2_with_one_line(argv, fragment, capsys):
    assert main([*argv, "--quiet"]) == 2
    err = capsys.readouterr().err
    assert fragment in err and err.count("\n") == 1


class CappedModel(KnownOptimumModel):
    """The test function with a budget envelope: cost above ``CAP`` in a year is over the envelope."""

    cap = 0.0

    def run(self, params):
        out = super().run(params)
        out["provincial_cost_over_envelope"] = np.maximum(out["provincial_cost_cum"] - self.cap, 0.0)
        return out


def test_within_budget_keeps_the_cost_under_the_envelope_and_meets_what_fits(test_problem):
    best, _ = brute_force(test_problem, test_problem.targets)
    CappedModel.cap = best / 2  # meeting both goals costs twice the envelope
    problem = make_problem(test_problem.base, test_problem.ranges, test_problem.targets, within_budget=True)
    found = search(problem, popsize=10, maxiter=30, seed=3, make_evaluator=CappedModel)
    assert cost_of(problem, found.settings) <= CappedModel.cap + 1e-9
    grids = [[r.value(k) for k in range(r.k_low, r.k_high + 1)] for r in problem.ranges]
    points = np.array(list(itertools.product(*grids)))
    cost, score, admin = KnownOptimumModel(problem).values(
        {r.lever.variable: points[:, i] for i, r in enumerate(problem.ranges)})
    within = cost <= CappedModel.cap
    most = max(int(a) + int(b) for a, b in zip(score[within] >= 12.0, admin[within] >= 20.0, strict=True))
    assert len(found.met) == most < 2
    unlimited = search(test_problem, popsize=10, maxiter=30, seed=3, make_evaluator=CappedModel)
    assert set(unlimited.met) == {"a", "b"}  # without the constraint the same model meets both

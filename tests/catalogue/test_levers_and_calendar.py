"""Facts defined once in the catalogue: slider grids, decimals, goal sets, the policy start."""

from __future__ import annotations

import itertools
import math

from model.catalogue.calendar import POLICY_START, POLICY_START_CONSTANT
from model.catalogue.levers import levers_by_id, load_levers
from model.catalogue.selection import TARGET_GROUPS
from model.catalogue.targets import GOAL_SETS, HEADLINE_SET, SETS, load_targets, sets_by_year
from model.engine.simulator import model_info


def test_policy_start_is_the_models_constant():
    assert model_info().constants[POLICY_START_CONSTANT] == POLICY_START


def test_grid_stops_and_decimals():
    lever = levers_by_id()["supporting_industry_priority"]
    assert lever.decimals == 2 and levers_by_id()["public_infrastructure"].decimals == 0
    assert levers_by_id()["infrastructure_socialisation"].decimals == 1
    for lever in load_levers():
        grid = [lever.grid_value(k) for k in range(lever.steps + 1)]
        assert grid[0] == lever.min and grid[-1] <= lever.max
        assert all(b > a for a, b in itertools.pairwise(grid)), lever.id
        assert all(math.isclose(v, lever.min + k * lever.step, abs_tol=1e-9) for k, v in enumerate(grid))
        stops = lever.stops()
        assert set(grid) <= set(stops) and lever.default in stops and lever.max in stops
        assert lever.grid_index(lever.default) == round((lever.default - lever.min) / lever.step)
    odd = levers_by_id()["investment_promotion"]
    assert 12.5 in odd.stops(12.5) and 12.5 not in odd.stops()


def test_goal_sets_are_declared_once_and_every_goal_belongs_to_one():
    assert tuple(s.id for s in GOAL_SETS) == SETS and HEADLINE_SET == "resolution_2025"
    years = {s.id: s.year for s in GOAL_SETS}
    for target in load_targets():
        assert target.year == years[target.set], target.id
    assert sets_by_year() == {2025: ("resolution_2025", "related_2025"), 2030: ("goal_2030",)}
    assert TARGET_GROUPS == {"2025": ("resolution_2025",), "2030": ("goal_2030",), "all": SETS}

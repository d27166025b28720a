"""Goal arithmetic by hand: target values, met/near/missed boundaries, signed distances.

Every expected number below is worked out by hand from the rule in
model/data/targets.toml (comments show the arithmetic), so a change to a
formula, a boundary or a sign fails a test.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from model.catalogue.calendar import FIRST_YEAR
from model.catalogue.indicators import annual_arrays, indicators_by_id, load_indicators
from model.catalogue.targets import Target, load_targets
from model.run.goals import STATUSES, count_met, distances, evaluate, judge, judged, met, target_values


def goal(rule="level", start=0, year=2025, lower=8.0, upper=None, direction="at_least", near=0.5,
         indicator="x", goal_set="resolution_2025") -> Target:
    return Target(id="g", set=goal_set, indicator=indicator, rule=rule, start=start, year=year, lower=lower,
                  upper=upper, direction=direction, near=near, unit="%/yr", name_vi="g", name_en="g", source="test")


def model_values(variable: str, of_time) -> tuple[np.ndarray, list[str], np.ndarray]:
    """Half-yearly model output: ``variable`` = of_time(Time), every other variable 1."""
    times = np.arange(FIRST_YEAR, 2036.01, 0.5)
    columns = sorted({v for ind in load_indicators() for v in ind.variables})
    values = np.ones((times.size, len(columns)))
    values[:, columns.index(variable)] = of_time(times)
    return times, columns, values


def series(values_by_year: dict[int, float], last: int = 2035) -> np.ndarray:
    """Values by year from FIRST_YEAR, NaN where not given."""
    out = np.full(last - FIRST_YEAR + 1, np.nan)
    for year, value in values_by_year.items():
        out[year - FIRST_YEAR] = value
    return out


# --- target values ------------------------------------------------------------------------------------------

def test_average_growth_over_the_period_uses_the_number_of_years_as_exponent():
    # 100 in 2020, 146.9328 in 2025: 146.9328 / 100 = 1.08^5, so 8 %/yr over 2021-2025 (five years).
    arrays = {"x": series({2020: 100.0, 2025: 100.0 * 1.08 ** 5})}
    value = target_values(goal("avg_growth", start=2020, year=2025), arrays)
    assert value == pytest.approx(8.0, abs=1e-12)


def test_average_growth_doubling_in_five_years():
    # 2 ** (1/5) = 1.148698355 -> 14.8698355 %/yr; with six years it would be 12.2462 %/yr.
    arrays = {"x": series({2020: 50.0, 2025: 100.0})}
    assert target_values(goal("avg_growth", start=2020, year=2025), arrays) == pytest.approx(14.8698355, abs=1e-7)


def test_average_growth_of_a_decline_is_negative():
    # 200 -> 100 over 2025-2030: 0.5 ** (1/5) = 0.8705506 -> -12.94494 %/yr.
    arrays = {"x": series({2025: 200.0, 2030: 100.0})}
    assert target_values(goal("avg_growth", start=2025, year=2030), arrays) == pytest.approx(-12.944944, abs=1e-6)


def test_average_growth_reads_only_the_base_year_and_the_target_year():
    base = {2020: 100.0, 2025: 121.0}
    noisy = {**base, 2021: 5.0, 2022: 1e6, 2024: 0.1, 2026: 7.0}
    g = goal("avg_growth", start=2020, year=2025)
    assert target_values(g, {"x": series(base)}) == target_values(g, {"x": series(noisy)})


def test_average_growth_with_another_first_year():
    # The same series starting in 2015 instead of FIRST_YEAR: 100 (2016) -> 110.25 (2018) = 1.05^2 -> 5 %/yr.
    values = np.array([90.0, 100.0, 104.0, 110.25])
    g = goal("avg_growth", start=2016, year=2018)
    assert target_values(g, {"x": values}, first_year=2015) == pytest.approx(5.0, abs=1e-12)


def test_level_is_the_value_in_the_target_year():
    arrays = {"x": series({2024: 30.0, 2025: 36.5, 2026: 40.0})}
    assert target_values(goal("level", year=2025), arrays) == 36.5
    assert target_values(goal("level", year=2030), {"x": series({2029: 1.0, 2030: 2.0, 2031: 3.0})}) == 2.0


def test_target_values_work_on_many_runs_at_once():
    runs = np.vstack([series({2020: 100.0, 2025: 100.0 * 1.08 ** 5}), series({2020: 100.0, 2025: 100.0})])
    values = target_values(goal("avg_growth", start=2020, year=2025), {"x": runs})
    np.testing.assert_allclose(values, [8.0, 0.0], atol=1e-12)


def test_a_cumulative_goal_reads_the_stock_at_the_end_of_its_year():
    # A cumulative indicator is read at Time = year + 1 (end of the year): with the stock equal to
    # (Time - 2021) * 10, the 2021-2025 sum read in 2025 is (2026 - 2021) * 10 = 50, not the mid-year 45.
    cumulative = [t for t in load_targets() if indicators_by_id()[t.indicator].at == "end"]
    assert cumulative, "no goal reads a cumulative indicator"
    g = cumulative[0]
    indicator = indicators_by_id()[g.indicator]
    assert len(indicator.variables) == 1
    arrays = annual_arrays(*model_values(indicator.variables[0], lambda t: np.maximum(t - 2021.0, 0.0) * 10.0))
    assert arrays[g.indicator][g.year - FIRST_YEAR] == pytest.approx((g.year + 1 - 2021) * 10.0)
    assert target_values(g, arrays) == pytest.approx((g.year + 1 - 2021) * 10.0)


def test_a_mid_year_indicator_is_read_at_mid_year():
    indicators = indicators_by_id()
    level = next(t for t in load_targets() if t.rule == "level" and indicators[t.indicator].at == "mid"
                 and len(indicators[t.indicator].variables) == 1)
    arrays = annual_arrays(*model_values(indicators[level.indicator].variables[0], lambda t: t))
    assert target_values(level, arrays) == pytest.approx(level.year + 0.5)


# --- status boundaries and signed distances ---------------------------------------------------------------

@pytest.mark.parametrize(("value", "status", "distance"), [
    (9.5, "met", 1.5),        # above the band: still met (a direction, not a range)
    (8.0, "met", 0.0),        # exactly on the lower bound
    (7.75, "near", -0.25),
    (7.5, "near", -0.5),      # exactly `near` short: still near
    (7.4999, "missed", -0.5001),
    (3.0, "missed", -5.0),
])
def test_at_least_boundaries(value, status, distance):
    assert judge(goal(lower=8.0, upper=9.0, near=0.5), value) == (status, pytest.approx(distance, abs=1e-12))


@pytest.mark.parametrize(("value", "status", "distance"), [
    (4.0, "met", 1.0),        # 5 - 4
    (5.0, "met", 0.0),
    (6.0, "near", -1.0),
    (6.5, "near", -1.5),      # exactly `near` over
    (6.5001, "missed", -1.5001),
])
def test_at_most_boundaries(value, status, distance):
    g = goal(lower=None, upper=5.0, direction="at_most", near=1.5)
    assert judge(g, value) == (status, pytest.approx(distance, abs=1e-12))


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_a_value_that_is_not_finite_is_missed_without_a_distance(value):
    status, distance = judge(goal(), value)
    assert status == "missed" and math.isnan(distance)


def test_distances_and_met_on_arrays():
    g = goal(lower=8.0)
    values = np.array([9.0, 8.0, 7.0, np.nan])
    np.testing.assert_array_equal(distances(g, values), [1.0, 0.0, -1.0, np.nan])
    assert met(g, values).tolist() == [True, True, False, False]
    up = goal(lower=None, upper=5.0, direction="at_most")
    np.testing.assert_array_equal(distances(up, np.array([4.0, 6.0])), [1.0, -1.0])
    assert met(up, np.array([4.0, 5.0, 6.0])).tolist() == [True, True, False]


def test_judged_keeps_value_status_and_distance_and_the_json_record():
    r = judged(goal("avg_growth", start=2020, year=2025, lower=8.0, upper=9.0), 7.8)
    assert (r.value, r.status) == (7.8, "near") and r.distance == pytest.approx(-0.2)
    record = r.as_dict()
    assert record["period"] == "2021-2025" and "year" not in record
    assert record["status"] == "near" and record["distance"] == pytest.approx(-0.2)
    assert (record["lower"], record["upper"], record["unit"], record["set"]) == (8.0, 9.0, "%/yr", "resolution_2025")
    level = judged(goal("level", year=2030), 9.0).as_dict()
    assert level["year"] == 2030 and "period" not in level


def test_evaluate_judges_every_goal_given_and_counts_met_per_set():
    arrays = {"x": series({2020: 100.0, 2025: 100.0 * 1.08 ** 5}), "y": series({2025: 4.0})}
    goals = [goal("avg_growth", start=2020, year=2025, lower=8.0),                      # 8.0 -> met
             goal("level", year=2025, lower=5.0, near=0.5, indicator="y"),              # 4.0 -> missed
             goal("level", year=2025, lower=4.5, near=0.5, indicator="y", goal_set="goal_2030")]  # near
    results = evaluate(arrays, goals)
    assert [r.status for r in results] == ["met", "missed", "near"]
    assert count_met(results, "resolution_2025") == (1, 2)
    assert count_met(results, "goal_2030") == (0, 1)
    assert set(STATUSES) == {"met", "near", "missed"}


def test_values_are_floats_whatever_the_input_type():
    level = target_values(goal("level", year=2011), {"x": [1, 2, 3]})
    assert np.asarray(level).dtype.kind == "f" and level == 2.0
    growth = target_values(goal("avg_growth", start=2010, year=2012), {"x": [100, 105, 121]})
    assert np.asarray(growth).dtype.kind == "f" and growth == pytest.approx(10.0)
    assert met(goal(lower=8.0), [9, None, 7]).tolist() == [True, False, False]  # None counts as not a number

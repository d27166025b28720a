import math

import numpy as np
import pandas as pd
import pytest

from model.catalogue.levers import load_levers
from model.checks.config import ChecksConfigError, load_config
from model.checks.plausibility import KINDS, _result, _validate, best_scenario, values

YEARS = np.arange(2018, 2031)
TABLE = pd.DataFrame({
    "year": YEARS,
    "share": 50.0 + 2.0 * (YEARS - 2018),            # +2 pp a year
    "output": 100.0 * 1.05 ** (YEARS - 2018),        # +5 % a year
    "investment": np.full(YEARS.size, 30.0),
    "jobs": 10.0 * 1.05 ** (0.4 * (YEARS - 2018)),   # elasticity 0.4 against output
    "flat": np.full(YEARS.size, 7.0),
})


def test_pace_is_change_per_year_over_each_window():
    found = values(TABLE, {"kind": "pace", "indicator": "share"}, 2021, 2030, 5)
    np.testing.assert_allclose(found, 2.0)
    assert found.size == 6  # windows 2020-2025 ... 2025-2030


def test_growth_is_compound_average_growth():
    found = values(TABLE, {"kind": "growth", "indicator": "output"}, 2021, 2030, 5)
    np.testing.assert_allclose(found, 5.0)


def test_icor_is_investment_over_the_rise_of_output():
    found = values(TABLE, {"kind": "icor", "investment": "investment", "output": "output"}, 2021, 2025, 5)
    rise = 100.0 * (1.05 ** 7 - 1.05 ** 2)
    np.testing.assert_allclose(found, [5 * 30.0 / rise])


def test_elasticity_is_the_ratio_of_log_changes():
    found = values(TABLE, {"kind": "elasticity", "employment": "jobs", "value_added": "output"}, 2021, 2030, 5)
    np.testing.assert_allclose(found, 0.4)


def test_elasticity_is_undefined_when_output_barely_moves():
    found = values(TABLE, {"kind": "elasticity", "employment": "jobs", "value_added": "flat"}, 2021, 2030, 5)
    assert np.all(np.isnan(found))
    result = _result("x", "s", {"min": 0, "max": 1, "unit": "ratio", "source": "s"}, found)
    assert not result.passed


def test_level_is_every_year():
    np.testing.assert_allclose(values(TABLE, {"kind": "level", "indicator": "flat"}, 2021, 2030, 5), 7.0)


@pytest.mark.parametrize(("low", "high", "passed"), [(0.0, 2.0, True), (0.0, 1.99, False), (2.01, 3.0, False)])
def test_the_bounds_are_inclusive(low, high, passed):
    found = values(TABLE, {"kind": "pace", "indicator": "share"}, 2021, 2030, 5)
    spec = {"min": low, "max": high, "unit": "pp/yr", "source": "s"}
    assert _result("pace", "s", spec, found).passed is passed


def test_unknown_kinds_and_missing_fields_are_errors():
    with pytest.raises(ChecksConfigError, match="kind must be one of"):
        _validate([{"name": "x", "kind": "speed"}])
    with pytest.raises(ChecksConfigError, match="lacks source"):
        _validate([{"name": "x", "kind": "level", "indicator": "grdp", "min": 0, "max": 1, "unit": "u"}])


def test_every_shipped_check_has_a_source_and_a_known_kind():
    checks = load_config()["plausibility"]["check"]
    assert checks
    for spec in checks:
        assert spec["kind"] in KINDS
        assert len(spec["source"]) > 40, spec["name"]
        assert math.isfinite(spec["min"]) and spec["min"] < spec["max"]


def test_the_extreme_mix_moves_every_policy_lever_to_an_end():
    best = best_scenario()
    for lever in load_levers():
        if lever.kind == "lever":
            assert best.levers[lever.id] in (lever.min, lever.max), lever.id

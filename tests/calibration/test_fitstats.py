"""Tests for model.calibration.fitstats."""

import math

import numpy as np
import pytest

from model.calibration.fitstats import (
    SeriesFit,
    TheilSplit,
    fit_table_row,
    mape,
    rmse,
    theil_decomposition,
)

TOL = 1e-12

# Hand-worked example.
#   observed  A = [1, 2, 3, 4]
#   simulated S = [2, 2, 4, 6]
#   errors S - A = [1, 0, 1, 2]; squared = [1, 0, 1, 4]; sum = 6
#   MSE  = 6 / 4 = 1.5;  RMSE = sqrt(1.5)
#   MAPE = 100 * (1/1 + 0/2 + 1/3 + 2/4) / 4 = 100 * (11/6) / 4 = 275/6 %
#   means: mean_A = 10/4 = 2.5, mean_S = 14/4 = 3.5; bias^2 = (3.5 - 2.5)^2 = 1
#   A - mean_A = [-1.5, -0.5, 0.5, 1.5]; squares sum = 2.25+0.25+0.25+2.25 = 5
#       var_A = 5/4 = 1.25 (ddof=0), s_A = sqrt(1.25)
#   S - mean_S = [-1.5, -1.5, 0.5, 2.5]; squares sum = 2.25+2.25+0.25+6.25 = 11
#       var_S = 11/4 = 2.75, s_S = sqrt(2.75)
#   cross products = 2.25 + 0.75 + 0.25 + 3.75 = 7; cov = 7/4 = 1.75
#   r = 1.75 / sqrt(1.25 * 2.75) = 1.75 / sqrt(3.4375)
#   U^M = 1 / 1.5 = 2/3
#   U^S = (sqrt(2.75) - sqrt(1.25))^2 / 1.5 = (2.75 + 1.25 - 2 sqrt(3.4375)) / 1.5
#       = (4 - 2 sqrt(3.4375)) / 1.5                      (about 0.194601)
#   U^C = 2 (1 - r) s_S s_A / 1.5 = 2 (sqrt(3.4375) - 1.75) / 1.5   (about 0.138733)
#   check: 1 + (4 - 2 sqrt(3.4375)) + (2 sqrt(3.4375) - 3.5) = 1.5 = MSE
OBS = [1.0, 2.0, 3.0, 4.0]
SIM = [2.0, 2.0, 4.0, 6.0]
ROOT = math.sqrt(3.4375)


def test_hand_worked_example():
    assert rmse(OBS, SIM) == pytest.approx(math.sqrt(1.5), abs=TOL)
    assert mape(OBS, SIM) == pytest.approx(275.0 / 6.0, abs=TOL)
    split = theil_decomposition(OBS, SIM)
    assert isinstance(split, TheilSplit)
    assert split.mse == pytest.approx(1.5, abs=TOL)
    assert split.u_m == pytest.approx(2.0 / 3.0, abs=TOL)
    assert split.u_s == pytest.approx((4.0 - 2.0 * ROOT) / 1.5, abs=TOL)
    assert split.u_c == pytest.approx(2.0 * (ROOT - 1.75) / 1.5, abs=TOL)
    assert split.u_m + split.u_s + split.u_c == pytest.approx(1.0, abs=TOL)


def test_fit_table_row_hand_example():
    row = fit_table_row("grdp", OBS, SIM)
    assert isinstance(row, SeriesFit)
    assert row.series == "grdp"
    assert row.n == 4
    assert row.rmse == pytest.approx(math.sqrt(1.5), abs=TOL)
    assert row.mape == pytest.approx(275.0 / 6.0, abs=TOL)
    assert row.u_m == pytest.approx(2.0 / 3.0, abs=TOL)
    assert row.u_s == pytest.approx((4.0 - 2.0 * ROOT) / 1.5, abs=TOL)
    assert row.u_c == pytest.approx(2.0 * (ROOT - 1.75) / 1.5, abs=TOL)


def test_dataclasses_are_frozen():
    split = theil_decomposition(OBS, SIM)
    with pytest.raises(AttributeError):
        split.u_m = 0.0  # type: ignore[misc]
    row = fit_table_row("grdp", OBS, SIM)
    with pytest.raises(AttributeError):
        row.n = 0  # type: ignore[misc]


@pytest.mark.parametrize("seed", range(20))
def test_fractions_sum_to_one_on_random_data(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 40))
    obs = rng.normal(100.0, 20.0, n)
    sim = obs * rng.uniform(0.5, 1.5) + rng.normal(5.0, 10.0, n)
    split = theil_decomposition(obs, sim)
    assert split.u_m + split.u_s + split.u_c == pytest.approx(1.0, abs=1e-10)
    assert min(split.u_m, split.u_s, split.u_c) >= -1e-12
    assert split.mse == pytest.approx(rmse(obs, sim) ** 2, rel=1e-12)


def test_constant_series_covariation_is_zero():
    # Simulated constant: s_S = 0, r undefined, but the covariation term is 0.
    obs = [1.0, 2.0, 3.0]
    sim = [2.0, 2.0, 2.0]
    split = theil_decomposition(obs, sim)
    # MSE = (1 + 0 + 1)/3 = 2/3; bias = 0; s_O^2 = 2/3 so U^S = (0 - s_O)^2/MSE = 1
    assert split.mse == pytest.approx(2.0 / 3.0, abs=TOL)
    assert split.u_m == pytest.approx(0.0, abs=TOL)
    assert split.u_s == pytest.approx(1.0, abs=TOL)
    assert split.u_c == pytest.approx(0.0, abs=TOL)


def test_single_pair():
    split = theil_decomposition([10.0], [12.0])
    assert split.mse == pytest.approx(4.0, abs=TOL)
    assert split.u_m == 1.0
    assert math.isnan(split.u_s)
    assert math.isnan(split.u_c)
    row = fit_table_row("x", [10.0], [12.0])
    assert row.n == 1
    assert row.rmse == pytest.approx(2.0, abs=TOL)
    assert row.mape == pytest.approx(20.0, abs=TOL)


def test_single_pair_perfect():
    split = theil_decomposition([10.0], [10.0])
    assert split.mse == 0.0
    assert all(math.isnan(v) for v in (split.u_m, split.u_s, split.u_c))


def test_nan_pairs_are_ignored():
    obs = [1.0, np.nan, 2.0, 3.0, 4.0, 7.0]
    sim = [2.0, 5.0, 2.0, 4.0, 6.0, np.nan]
    ref = fit_table_row("s", OBS, SIM)
    row = fit_table_row("s", obs, sim)
    assert row.n == 4
    for field in ("rmse", "mape", "u_m", "u_s", "u_c"):
        assert getattr(row, field) == pytest.approx(getattr(ref, field), abs=TOL)
    assert rmse(obs, sim) == pytest.approx(math.sqrt(1.5), abs=TOL)
    assert mape(obs, sim) == pytest.approx(275.0 / 6.0, abs=TOL)


def test_all_nan_gives_nan():
    row = fit_table_row("s", [np.nan, 1.0], [2.0, np.nan])
    assert row.n == 0
    assert all(math.isnan(getattr(row, f)) for f in ("rmse", "mape", "u_m", "u_s", "u_c"))
    assert math.isnan(theil_decomposition([np.nan], [1.0]).mse)


def test_perfect_fit():
    obs = [3.0, 5.0, 4.0, 8.0]
    row = fit_table_row("s", obs, obs)
    assert row.n == 4
    assert row.rmse == 0.0
    assert row.mape == 0.0
    split = theil_decomposition(obs, obs)
    assert split.mse == 0.0
    assert all(math.isnan(v) for v in (split.u_m, split.u_s, split.u_c))


def test_mape_zero_observed_is_nan():
    assert math.isnan(mape([0.0, 1.0], [1.0, 1.0]))


def test_shape_mismatch_raises():
    with pytest.raises(ValueError):
        rmse([1.0, 2.0], [1.0, 2.0, 3.0])

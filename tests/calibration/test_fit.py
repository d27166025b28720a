"""The trust report: fit table, like-for-like mapping, charts and the command."""

import csv
import dataclasses
from collections import Counter

import numpy as np
import pytest

from model.calibration.calibrate import build_problem, payoff
from model.calibration.fit import TABLE_COLUMNS, build_report
from model.calibration.observations import effective_sigma, load_observations
from model.calibration.setup import load_setup
from model.catalogue.indicators import indicators_by_id
from model.commands.main import main
from model.report.charts.fit import chart_paths, fit_charts, write_charts
from model.report.output import OutputError


@pytest.fixture(scope="module")
def setup():
    return load_setup()


@pytest.fixture(scope="module")
def report(setup):
    return build_report(setup)


def fitted_rows(setup):
    with open(setup.history_path, encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row["used_in_fit"] == "1"]


def test_table_has_the_documented_columns_and_one_row_per_series(report, setup):
    assert list(report.table.columns) == TABLE_COLUMNS
    assert list(report.table["series"]) == [s.id for s in setup.series if s.id in set(report.comparisons["series"])]


def test_n_counts_every_fitted_row_of_the_history(report, setup):
    counts = Counter(row["series"] for row in fitted_rows(setup))
    assert dict(zip(report.table["series"], report.table["n"], strict=True)) == dict(counts)
    assert len(report.comparisons) == sum(counts.values())


def test_theil_fractions_sum_to_one_where_defined(report):
    multi = report.table[(report.table["n"] >= 2) & (report.table["rmse"] > 0)]
    assert not multi.empty
    total = multi["u_m"] + multi["u_s"] + multi["u_c"]
    assert np.allclose(total, 1.0)


def test_growth_and_average_growth_are_computed_from_model_levels(report, setup):
    specs = setup.series_by_id()
    frame = report.frame
    for row in report.comparisons.itertuples():
        spec = specs[row.series]
        level = frame[spec.model]
        if spec.compare == "growth":
            expected = 100 * (level[row.year] / level[row.year - 1] - 1)
        elif spec.compare == "avg_growth":
            first = int(row.period.split("-")[0])
            expected = 100 * ((level[row.year] / level[first - 1]) ** (1 / (row.year - first + 1)) - 1)
        else:
            expected = level[row.year]
        assert row.simulated == pytest.approx(expected), row


def test_old_basis_shares_are_compared_with_the_old_basis_model_shares(setup):
    indicators = indicators_by_id()
    for spec in setup.series:
        if spec.id.endswith("_share_old"):
            assert spec.model.endswith("_old"), spec
            assert indicators[spec.model].variables[0].endswith("old basis"), spec
            assert "old basis" in spec.basis


def test_current_price_rows_after_the_base_year_weigh_less(setup):
    spec = setup.series_by_id()["indcon_share_old"]
    base = effective_sigma(spec, setup, 60.0, "official", "current", 2010)
    later = effective_sigma(spec, setup, 60.0, "official", "current", 2015)
    constant = effective_sigma(spec, setup, 60.0, "official", "2010", 2015)
    assert later == pytest.approx(base * float(setup.settings["current_price_factor"]))
    assert constant == base
    assert effective_sigma(spec, setup, 60.0, "estimate", "current", 2010) > base


def test_report_payoff_equals_the_calibration_payoff(report, setup):
    problem = build_problem(setup)
    values = {**problem.priors, **{k: v for k, v in _calibrated().items() if k in problem.priors}}
    assert report.payoff == pytest.approx(payoff(problem, values), rel=1e-9)
    assert report.payoff == pytest.approx(float(np.sum(report.comparisons["z"] ** 2)))


def _calibrated():
    from model.catalogue.parameters import calibrated_params

    return calibrated_params()


def test_missing_series_entry_is_an_error(setup):
    from model.calibration.setup import SetupError

    without_grdp = dataclasses.replace(setup, series=tuple(s for s in setup.series if s.id != "grdp"))
    with pytest.raises(SetupError, match="grdp"):
        load_observations(without_grdp)


def test_charts_are_written_as_html_and_png_and_not_overwritten(report, tmp_path):
    written = write_charts(report, tmp_path)
    assert sorted(written) == sorted(chart_paths(report, tmp_path))
    assert len(written) == 2 * len(fit_charts(report)) > 0
    for path in written:
        data = path.read_bytes()
        assert data.startswith(b"\x89PNG") if path.suffix == ".png" else b"<html" in data.lower()
    with pytest.raises(OutputError, match="already exists"):
        write_charts(report, tmp_path)
    assert write_charts(report, tmp_path, force=True)


def test_fit_command_writes_tables_and_refuses_to_overwrite(tmp_path, capsys):
    out = tmp_path / "fit"
    assert main(["fit", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "U^M" in printed and "grdp_growth" in printed
    with open(out / "fit_table.csv", encoding="utf-8") as handle:
        assert next(csv.reader(handle)) == TABLE_COLUMNS
    assert main(["fit", "--out", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err

"""CSV and Excel downloads of a run."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from model.catalogue.indicators import load_indicators
from model.catalogue.levers import load_levers
from model.report import export
from model.run.runner import simulate
from model.run.scenario import baseline, with_settings


@pytest.fixture(scope="module")
def result():
    return simulate(with_settings(baseline(), {"admin_reform": 30}))


def test_csv_reads_back_as_the_table(result):
    back = pd.read_csv(io.BytesIO(export.indicators_csv(result.table)))
    assert list(back.columns) == list(result.table.columns)
    assert back["industry_va"].to_numpy() == pytest.approx(result.table["industry_va"].to_numpy(), rel=1e-5)


def test_workbook_has_indicators_scoreboard_and_settings(result):
    data = export.workbook_bytes(result.table, result.targets, {"admin_reform": 30.0}, "en", title="test")
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["indicators", "scoreboard", "settings"]
    indicators = list(book["indicators"].iter_rows(values_only=True))
    assert indicators[0][:4] == ("id", "Indicator", "Unit", 2010)
    assert len(indicators) == 1 + len(load_indicators())
    row = next(r for r in indicators if r[0] == "industry_va")
    assert row[3:] == pytest.approx(result.table["industry_va"].tolist())
    scoreboard = list(book["scoreboard"].iter_rows(values_only=True))
    assert len(scoreboard) == 1 + len(result.targets)
    assert {r[8] for r in scoreboard[1:]} <= {"met", "near", "missed"}
    assert scoreboard[1][4] == pytest.approx(result.targets[0].value)
    settings = {r[0]: r[4] for r in book["settings"].iter_rows(min_row=2, values_only=True)}
    assert len(settings) == len(load_levers()) and settings["admin_reform"] == 30.0


def test_workbook_in_vietnamese(result):
    book = load_workbook(io.BytesIO(export.workbook_bytes(result.table, result.targets, {}, "vi")))
    assert book["scoreboard"]["I1"].value == "Đánh giá"
    assert {r[8] for r in book["scoreboard"].iter_rows(min_row=2, values_only=True)} <= {"đạt", "gần đạt", "chưa đạt"}

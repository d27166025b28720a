"""Chart builders: data rows, goal bands, history points and language of numbers."""

from __future__ import annotations

import pandas as pd
import pytest

from model.catalogue.indicators import load_indicators
from model.catalogue.targets import load_targets
from model.report.charts import data as chart_data
from model.report.charts import series as charts
from model.run.runner import simulate
from model.run.scenario import baseline, with_settings


@pytest.fixture(scope="module")
def tables():
    base = simulate(baseline()).table
    mix = simulate(with_settings(baseline(), {"investment_promotion": 60})).table
    return {"baseline": base, "mix": mix}


def rows(spec: dict, layer: str) -> pd.DataFrame:
    frame = pd.DataFrame(spec["datasets"]["data"])
    return frame[frame["layer"] == layer]


def test_series_carries_every_line_and_year(tables):
    spec = charts.time_series(tables, "industry_va", "vi")
    lines = rows(spec, "lines")
    assert set(lines["line"]) == {"baseline", "mix"}
    mix = lines[lines["line"] == "mix"].set_index("year")["value"]
    assert mix.to_numpy() == pytest.approx(tables["mix"]["industry_va"].to_numpy())


def test_numbers_follow_the_language(tables):
    vi = rows(charts.time_series(tables, "grdp", "vi"), "lines")["text"]
    en = rows(charts.time_series(tables, "grdp", "en"), "lines")["text"]
    assert all("." in v and "," not in v for v in vi)  # 53.460 (thousands with dots, no decimals)
    assert all("," in v and "." not in v for v in en)
    assert "regexp" in charts.number_label_expr("vi") and "regexp" not in charts.number_label_expr("en")


def test_growth_goal_is_a_band_on_the_growth_chart_and_a_path_on_the_level_chart(tables):
    bands = pd.DataFrame(chart_data.target_bands("industry_va_growth", "en"))
    goal = next(t for t in load_targets() if t.id == "ind_va_growth")
    row = bands[bands["target"] == goal.id].iloc[0]
    assert (row["y"], row["y2"]) == (goal.lower, goal.upper)
    paths = pd.DataFrame(chart_data.target_paths("industry_va", tables["baseline"], "en"))
    path = paths[paths["target"] == goal.id]
    start = tables["baseline"].set_index("year").loc[goal.start, "industry_va"]
    end = path[path["year"] == goal.year].iloc[0]
    assert end["y"] == pytest.approx(start * (1 + goal.lower / 100) ** (goal.year - goal.start))
    assert end["y2"] > end["y"]


def test_level_goal_band_sits_at_its_year():
    bands = pd.DataFrame(chart_data.target_bands("ez_ip_investment_cum_usd", "vi"))
    assert len(bands) == 1 and bands["x"].iloc[0] < 2025 < bands["x2"].iloc[0]
    assert "Mục tiêu" in bands["label"].iloc[0]


def test_history_points_come_from_the_fit_rows():
    history = pd.DataFrame(chart_data.history_records("indcon_share_old", "en"))
    csv = pd.read_csv("model/data/history.csv", dtype={"year": str})
    fit = csv[(csv["series"] == "indcon_share_old") & (csv["used_in_fit"] == 1)]
    assert sorted(history["year"]) == sorted(int(y) for y in fit["year"])
    assert chart_data.history_indicators() <= {ind.id for ind in load_indicators()}
    assert chart_data.history_records("industry_va", "en") == []


def test_stack_shares_sum_to_100(tables):
    parts = [("industry", ["employed_industry"]), ("construction", ["employed_construction"]),
             ("services", ["employed_services"]), ("agriculture", ["employed_agri"])]
    frame = pd.DataFrame(chart_data.stack_records(tables["mix"], parts, "en", as_share=True))
    assert frame.groupby("year")["value"].sum().to_numpy() == pytest.approx(100.0)
    industry_construction = frame[frame["order"] <= 1].groupby("year")["value"].sum()
    assert industry_construction.to_numpy() == pytest.approx(tables["mix"]["indcon_labour_share"].to_numpy())


def test_structure_is_cached_but_data_is_fresh(tables):
    first = charts.time_series(tables, "industry_va", "en")
    again = charts.time_series({"baseline": tables["baseline"], "mix": tables["baseline"]}, "industry_va", "en")
    assert first["layer"] == again["layer"]
    assert first["datasets"] != again["datasets"]
    first["layer"].clear()
    assert charts.time_series(tables, "industry_va", "en")["layer"]  # callers cannot damage the cache

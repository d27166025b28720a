"""The top of the simulator: verdict, goals not met, main chart, and the "why" of a goal (AppTest)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from apptest_tree import block
from streamlit.testing.v1 import AppTest

from model.catalogue.targets import GOAL_SETS, GOAL_YEARS, load_targets
from model.report.brief.answer import unit_label
from model.run.runner import simulate
from model.run.scenario import baseline, load_shipped
from ui.text import t, unit

TIMEOUT = 300
APP = str(Path(__file__).resolve().parents[2] / "app.py")


def rows(at: AppTest, name: str, layer: str = "lines") -> pd.DataFrame:
    proto = block(at.main, f"chart_{name}").get("vega_lite_chart")[0].proto
    for item in proto.datasets:
        if item.name == "data":
            frame = pa.ipc.open_stream(item.data.data).read_all().to_pandas()
            return frame[frame["layer"] == layer].reset_index(drop=True)
    raise AssertionError("no data")


@pytest.fixture(scope="module")
def opened() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture(scope="module")
def runs():
    return simulate(load_shipped("resolution")), simulate(baseline())


def test_verdict_equals_the_goals_met_on_opening(opened, runs):
    result, base = runs
    metrics = block(opened.main, "verdict").get("metric")
    assert len(metrics) == len(GOAL_SETS)
    for metric, goal_set in zip(metrics, GOAL_SETS, strict=True):
        mine = [r for r in result.targets if r.target.set == goal_set.id]
        assert metric.value == f"{sum(r.status == 'met' for r in mine)}/{len(mine)}"
        base_met = sum(r.status == "met" for r in base.targets if r.target.set == goal_set.id)
        assert f"{base_met}/{len(mine)}" in metric.proto.delta


def test_goals_not_met_are_listed_by_year_with_their_gap(opened, runs):
    result, _ = runs
    text = "\n".join(m.value for m in block(opened.main, "missed").get("markdown"))
    tabs = block(opened.main, "missed").get("tab")
    assert len(tabs) == len(GOAL_YEARS)
    for r in result.targets:
        assert (f"**{r.target.name('vi')}**" in text) == (r.status != "met"), r.target.id
    for tab, year in zip(tabs, GOAL_YEARS, strict=True):
        assert f"({sum(r.status != 'met' and r.target.year == year for r in result.targets)})" in tab.label


def test_main_chart_shows_growth_as_the_goal_measures_it(opened, runs):
    result, _ = runs
    assert opened.selectbox(key="main_indicator").value == "industry_va_growth"
    frame = rows(opened, "main")
    current = frame[frame["line"] == frame["line"].iloc[-1]].set_index("year")["value"]
    assert current[2025] == pytest.approx(result.value("ind_va_growth"), rel=1e-9)
    assert current[2030] == pytest.approx(result.value("ind_va_growth_2030"), rel=1e-9)
    assert not len(rows(opened, "main", "history"))  # yearly observations do not belong on an average
    opened.toggle(key="main_yearly").set_value(True).run()
    yearly = rows(opened, "main")
    current = yearly[yearly["line"] == yearly["line"].iloc[-1]].set_index("year")["value"]
    assert current[2025] == pytest.approx(result.at("industry_va_growth", 2025), rel=1e-9)
    assert len(rows(opened, "main", "history"))
    opened.toggle(key="main_yearly").set_value(False).run()


def test_why_of_a_goal_adds_up(opened, runs):
    result, base = runs
    picker = opened.selectbox(key="why_goal")
    assert picker.value is None  # no goal chosen at first: no breakdown runs while the page opens
    assert picker.label == t("scoreboard.why_pick", "vi")
    assert picker.placeholder == t("scoreboard.why_placeholder", "vi")
    assert picker.options == [goal.name("vi") for goal in load_targets()]  # goals by name, never by id
    assert [m.value for m in block(opened.main, "why").get("markdown")] == [f"**{t('scoreboard.why_title', 'vi')}**"]
    target = next(goal for goal in load_targets() if goal.id == "indcon_labour_share")
    picker.set_value(target.id).run()
    title, text = (m.value for m in block(opened.main, "why").get("markdown"))
    assert title == f"**{t('scoreboard.why_title', 'vi')}**"
    head, items = text.split("\n\n")  # a sentence, then one list item per changed setting
    assert not head.startswith("- ") and all(line.startswith("- ") for line in items.split("\n"))
    assert len(items.split("\n")) == 6  # 17 settings changed: the five largest parts, then the rest together
    assert [c.value for c in block(opened.main, "why").get("caption")] == [t("scoreboard.why_note", "vi")]
    value = f"{result.value(target.id):.1f}".replace(".", ",")
    assert f"tổ hợp này: {value}" in text
    assert f"{base.value(target.id):.1f}".replace(".", ",") in text


def test_goal_units_in_reports_match_the_app(runs):
    for r in runs[0].targets:
        assert unit_label(r.target.unit, "vi") == unit(r.target.unit, "vi"), r.target.unit

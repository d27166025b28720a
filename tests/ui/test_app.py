"""The Streamlit app driven through AppTest: every widget by key, scoreboard and charts react."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pandas as pd
import pyarrow as pa
import pytest
from apptest_tree import block
from streamlit.testing.v1 import AppTest

from model.base.paths import SCENARIO_DIR
from model.catalogue.levers import levers_by_id, load_levers
from model.run.scenario import load_scenario

TIMEOUT = 120
APP = str(Path(__file__).resolve().parents[2] / "app.py")
VI_NUMBER = re.compile(r"^-?\d{1,3}(\.\d{3})*(,\d+)?$")
EN_NUMBER = re.compile(r"^-?\d{1,3}(,\d{3})*(\.\d+)?$")


#: Query of a link to the 2020 stance (a first visit opens on the resolution instead).
STANCE = {"mix": "2020"}


def app(query: dict[str, str] | None = None, section: str = "table") -> AppTest:
    """app.py opened on ``query`` with the simulator's lower ``section`` shown."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.session_state["section"] = section
    return at.run()


def show(at: AppTest, section: str) -> AppTest:
    """Show another lower section of the simulator."""
    at.session_state["section"] = section
    return at.run()


def title(at: AppTest) -> str:
    return block(at.main, "page_head").markdown[0].value.lstrip("# ")


def chart(at: AppTest, name: str):
    container = block(at.main, f"chart_{name}")
    assert container is not None, f"no chart_{name}"
    return container.get("vega_lite_chart")[0].proto


def dataset(at: AppTest, name: str, layer: str = "lines") -> pd.DataFrame:
    """Rows of one layer of a chart, as the app sent them to the browser."""
    for item in chart(at, name).datasets:
        if item.name == "data":
            rows = pa.ipc.open_stream(item.data.data).read_all().to_pandas()
            return rows[rows["layer"] == layer].reset_index(drop=True)
    raise AssertionError(f"chart_{name} has no dataset")


def line_value(at: AppTest, name: str, line_index: int, year: int) -> float:
    frame = dataset(at, name)
    labels = list(dict.fromkeys(frame["line"]))
    row = frame[(frame["line"] == labels[line_index]) & (frame["year"] == year)]
    return float(row["value"].iloc[0])


def scoreboard(at: AppTest, year: int) -> pd.DataFrame:
    return block(at.main, f"scoreboard_{year}").get("table")[0].value


def slider_value(at: AppTest, lever) -> float:
    return float(at.select_slider(key=f"{lever.kind}__{lever.id}").value)


def check_clean(at: AppTest) -> None:
    """No exception and no error message (a red budget flag says a mix is over budget: not an error)."""
    assert not at.exception, [e.value for e in at.exception]
    flag = block(at.main, "budget_flag")
    flagged = [e.value for e in flag.get("error")] if flag is not None else []
    errors = [e.value for e in at.error if e.value not in flagged]
    assert not errors, errors


@pytest.fixture(scope="module")
def first() -> AppTest:
    return app()


def test_first_visit_opens_in_vietnamese_on_the_resolution(first):
    check_clean(first)
    assert first.session_state["lang"] == "vi"
    assert title(first).startswith("Mô phỏng")
    scenario = load_scenario(SCENARIO_DIR / "resolution.toml")
    for lever in load_levers():
        assert slider_value(first, lever) == pytest.approx(scenario.settings()[lever.id]), lever.id
    assert first.query_params["lang"] == "vi"
    changed = {k for k, v in scenario.settings().items() if v != levers_by_id()[k].default}
    assert set(first.query_params) - {"lang"} == changed


def test_a_link_to_the_2020_stance_opens_on_it():
    at = app(STANCE)
    check_clean(at)
    for lever in load_levers():
        assert slider_value(at, lever) == lever.default, lever.id
    assert at.query_params["mix"] == "2020"


def test_levers_grouped_by_resolution_section_and_assumptions_apart(first):
    labels = [e.label for e in first.sidebar.expander]
    assert [label[:5] for label in labels[:4]] == ["III.1", "III.2", "III.3", "III.4"]
    assumptions = block(first.sidebar, "group__assumptions")
    keys = {s.key for s in assumptions.select_slider}
    assert keys == {f"assumption__{lev.id}" for lev in load_levers() if lev.kind == "assumption"}


def test_slider_shows_unit_clause_and_default(first):
    lever = levers_by_id()["public_infrastructure"]
    widget = first.select_slider(key="lever__public_infrastructure")
    assert "tỷ đồng/năm" in widget.label
    assert lever.clause in widget.help and lever.clause_text[:40] in widget.help
    assert "mặc định" in widget.format_func(lever.default)


def test_scoreboard_in_vietnamese_number_format(first):
    table = scoreboard(first, 2025)
    values = table["Mô phỏng"].tolist()
    assert all(VI_NUMBER.match(v) for v in values), values
    assert any("," in v for v in values)
    statuses = set(table["Đánh giá"].str.split("\u00a0", n=1).str[1].str.replace("\u00a0", " "))
    assert statuses <= {"đạt", "gần đạt", "chưa đạt"}
    summary = [m.value for m in first.markdown if "chỉ tiêu đạt" in m.value]
    assert len(summary) == 2


@pytest.mark.parametrize("lever_id, value", [("investment_promotion", 60), ("science_technology_support", 400)])
def test_raising_investment_raises_industrial_value_added(lever_id, value):
    at = app(STANCE, "charts")
    before = line_value(at, "industry_va", 2, 2030)
    at.select_slider(key=f"lever__{lever_id}").set_value(value).run()
    check_clean(at)
    after = line_value(at, "industry_va", 2, 2030)
    assert after > before
    assert line_value(at, "industry_va", 0, 2030) == pytest.approx(before)  # default baseline unchanged
    assert at.query_params[lever_id] == str(value)


def test_assumption_moves_baseline_line_but_not_default_line():
    at = app(STANCE, "charts")
    default = line_value(at, "industry_va", 0, 2030)
    at.select_slider(key="assumption__global_fdi_climate").set_value(0.7).run()
    check_clean(at)
    assert line_value(at, "industry_va", 0, 2030) == pytest.approx(default)
    moved = line_value(at, "industry_va", 1, 2030)
    assert moved < default
    assert line_value(at, "industry_va", 2, 2030) == pytest.approx(moved)  # levers still at default


def test_language_switch_changes_labels_and_number_format():
    at = app(STANCE)
    at.select_slider(key="lever__admin_reform").set_value(30).run()
    at.button_group(key="lang").set_value("en").run()
    for lever in load_levers():
        expected = 30 if lever.id == "admin_reform" else lever.default
        assert slider_value(at, lever) == expected, lever.id
    check_clean(at)
    assert title(at).startswith("Quang Ngai")
    assert "bn VND/yr" in at.select_slider(key="lever__public_infrastructure").label
    values = scoreboard(at, 2025)["Simulated"].tolist()
    assert all(EN_NUMBER.match(v) for v in values), values
    assert at.query_params["lang"] == "en"
    frame = dataset(show(at, "charts"), "industry_va")
    assert frame["line"].iloc[-1] == "Current policy mix"
    assert re.match(r"^\d{1,3}(,\d{3})+$", frame["text"].iloc[-1])


def test_share_link_round_trip():
    at = app(STANCE, "share")
    at.select_slider(key="lever__admin_reform").set_value(30).run()
    at.select_slider(key="assumption__steel_utilisation").set_value(0.75).run()
    at.button_group(key="lang").set_value("en").run()
    url = block(at.main, "share_link").code[0].value
    query = dict(parse_qsl(urlsplit(url).query))
    assert query == {"lang": "en", "admin_reform": "30", "steel_utilisation": "0.75"}
    restored = app(query)
    show(at, "table")
    check_clean(restored)
    assert not restored.warning
    assert restored.session_state["lang"] == "en"
    assert slider_value(restored, levers_by_id()["admin_reform"]) == 30
    assert slider_value(restored, levers_by_id()["steel_utilisation"]) == 0.75
    assert scoreboard(restored, 2030).equals(scoreboard(at, 2030))


def test_tampered_link_warns_and_keeps_valid_values():
    at = app({"lang": "vi", "admin_reform": "999", "talent_attraction": "abc", "investment_promotoin": "5",
              "pollution_screen": "0.5"})
    check_clean(at)
    text = re.sub(r"\\(.)", r"\1", at.warning[0].value)  # as read: Markdown escapes removed
    names = levers_by_id()
    for lever_id in ("admin_reform", "talent_attraction", "investment_promotion"):  # the misspelt one, as meant
        assert names[lever_id].name("vi") in text, lever_id
    assert "investment_promotoin" in text  # the user's own text, shown as plain text
    english = re.sub(r"\\(.)", r"\1", app({"lang": "en", "admin_reform": "999"}).warning[0].value)
    assert "admin_reform" in english and "out of range" in english
    assert slider_value(at, levers_by_id()["admin_reform"]) == levers_by_id()["admin_reform"].default
    assert slider_value(at, levers_by_id()["pollution_screen"]) == 0.5


def test_load_shipped_scenario_then_reset_restores_defaults():
    at = app(STANCE)
    baseline_table = scoreboard(at, 2025)
    at.selectbox(key="scenario_select").set_value("resolution").run()
    at.button(key="scenario_load").click().run()
    check_clean(at)
    scenario = load_scenario(SCENARIO_DIR / "resolution.toml")
    for lever in load_levers():
        assert slider_value(at, lever) == pytest.approx(scenario.settings()[lever.id]), lever.id
    assert not scoreboard(at, 2025).equals(baseline_table)
    at.button(key="reset").click().run()
    for lever in load_levers():
        assert slider_value(at, lever) == lever.default, lever.id
    assert scoreboard(at, 2025).equals(baseline_table)


def test_save_and_compare_mixes():
    at = app(STANCE, "compare")
    at.select_slider(key="lever__investment_promotion").set_value(60).run()
    at.text_input(key="save_name").input("Xúc tiến mạnh").run()
    at.button(key="save_button").click().run()
    check_clean(at)
    at.multiselect(key="compare_select").select("saved:Xúc tiến mạnh").select("file:baseline").run()
    check_clean(at)
    table = block(at.main, "compare_table").get("table")[0].value
    assert len([c for c in table.columns if "Xúc tiến mạnh" in c]) == 1 and len(table.columns) == 4
    lines = dataset(at, "compare")
    assert lines["line"].nunique() == 2
    at.selectbox(key="compare_indicator").set_value("grdp").run()
    assert dataset(at, "compare")["value"].iloc[-1] > 10000


def test_chart_picker_shows_the_chosen_indicator():
    at = app(STANCE, "charts")
    at.selectbox(key="chart_picker").set_value("employed_total").run()
    check_clean(at)
    assert json.loads(chart(at, "picked").spec)["title"] == "Lao động có việc làm"
    assert len(dataset(at, "picked", "history")) >= 5


def test_downloads_and_key_charts_present():
    at = app(section="share")
    keys = {b.key for b in at.get("download_button")}
    assert keys == {"download_csv", "download_xlsx", "download_brief_docx", "download_brief_pdf"}
    show(at, "charts")
    for name in ("industry_va", "industry_va_growth", "grdp_structure", "labour_structure", "ind_productivity",
                 "ez_ip_investment_cum_usd", "plants"):
        assert chart(at, name).spec


def test_every_widget_has_a_stable_key(first):
    widgets = [w for kind in ("select_slider", "selectbox", "button", "multiselect", "text_input", "button_group")
               for w in first.get(kind)]
    assert all(w.key for w in widgets), [w for w in widgets if not w.key]

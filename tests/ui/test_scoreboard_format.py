"""The app's scoreboard cells: signed distances, status marks and bands, worked out by hand."""

from __future__ import annotations

import pytest
from apptest_tree import block

from model.catalogue.targets import load_targets
from model.run.goals import judged
from ui.parts.scoreboard import band_text, frame, number, signed, status_text, styled, summary
from ui.text import t

TARGETS = {g.id: g for g in load_targets()}


@pytest.mark.parametrize(("value", "lang", "digits", "text"), [
    (1.25, "vi", 2, "+1,25"), (-0.5, "vi", 1, "−0,5"), (-0.5, "en", 1, "−0.5"), (0.0, "en", 1, "+0.0"),
    (1234.5, "vi", 0, "+1.234"), (-1234.5, "en", 1, "−1,234.5"), (float("nan"), "vi", 1, "–"),
])
def test_signed(value, lang, digits, text):
    assert signed(value, lang, digits) == text


def test_a_value_that_rounds_to_zero_has_no_minus_sign():
    assert number(-0.04, "en", 1) == "0.0" and number(-0.06, "en", 1) == "-0.1"


def test_status_text():
    assert status_text("met", "vi") == "●\u00a0đạt"
    assert status_text("near", "en") == "◐\u00a0near"
    assert status_text("missed", "vi") == "○\u00a0chưa\u00a0đạt"


def test_frame_shows_the_judged_distance_with_its_sign():
    growth = TARGETS["ind_va_growth"]  # at least 8.0 %/yr
    results = [judged(growth, 7.7), judged(TARGETS["mfg_va_growth"], 8.5)]
    baseline = [judged(growth, 6.0), judged(TARGETS["mfg_va_growth"], 6.0)]
    table = frame(results, baseline, "vi")
    distance = table[t("scoreboard.col_distance", "vi")].tolist()
    assert distance == ["−0,3", "+1,5"]
    assert table[t("scoreboard.col_status", "vi")].tolist() == ["◐\u00a0gần\u00a0đạt", "●\u00a0đạt"]
    assert table[t("scoreboard.col_value", "vi")].tolist() == ["7,7", "8,5"]
    assert table[t("scoreboard.col_baseline", "vi")].tolist() == ["6,0", "6,0"]
    assert [name.endswith("2021-2025") for name in table[t("scoreboard.col_goal", "vi")]] == [True, True]
    assert band_text(results[0], "en").startswith("8.0–9.0 ")
    assert table[t("scoreboard.col_band", "vi")].tolist()[0] == "8,0–9,0 %/năm"


def test_band_text_and_number_use_the_language_and_the_units_decimals():
    growth = judged(TARGETS["ind_va_growth"], 8.0)
    assert band_text(growth, "vi") == "8,0–9,0 %/năm"
    assert band_text(growth, "en") == "8.0–9.0 %/yr"
    assert number(1.234, "en", 2) == "1.23" and number(1234.5, "vi", 0) == "1.234"


def outcomes(short: dict[str, float]) -> list:
    """Every goal judged ``short`` below its bound (default: 1.0 above)."""
    results = []
    for goal in load_targets():
        bound = goal.lower if goal.direction == "at_least" else goal.upper
        amount = short.get(goal.id, -1.0)
        results.append(judged(goal, bound - amount if goal.direction == "at_least" else bound + amount))
    return results


def test_summary_counts_per_set():
    results = outcomes({"ind_va_growth": 5.0, "mfg_va_growth": 0.1, "ind_share_2030": 3.0})
    per_set = {s: [g for g in load_targets() if g.set == s] for s in ("resolution_2025", "related_2025", "goal_2030")}
    text = summary(results, "en")
    n1, n2, n3 = (len(per_set[s]) for s in ("resolution_2025", "related_2025", "goal_2030"))
    assert text == f"Resolution 2025: {n1 - 2} of {n1} met · related 2025: {n2} of {n2} · 2030 goals: {n3 - 1} of {n3}"


def test_styled_colours_only_the_status_column():
    results = outcomes({"ind_va_growth": 5.0, "mfg_va_growth": 0.1})[:3]
    table = frame(results, results, "en")
    html = styled(table, [r.status for r in results], "en").to_html()
    status = t("scoreboard.col_status", "en")
    assert html.count("background-color") == 3 and status in html and "None" not in html
    for word in ("#f9d9d9", "#fdf0c8", "#d8f0dd"):
        assert word in html
    styles = styled(table, [r.status for r in results], "en")
    computed = styles._compute().ctx
    coloured_columns = {column for (_, column), props in computed.items() if props}
    assert coloured_columns == {list(table.columns).index(status)}


def render_script():
    """The scoreboard alone on a page (for AppTest)."""
    from model.catalogue.targets import load_targets
    from model.run.goals import judged
    from ui.parts.scoreboard import render

    results = [judged(g, (g.lower if g.direction == "at_least" else g.upper) - (0.1 if g.id == "ind_va_growth" else -1))
               for g in load_targets()]
    render(results, results, "vi")


def test_render_draws_one_table_per_goal_year_with_its_summary():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(render_script, default_timeout=60).run()
    assert not at.exception
    assert [s.value for s in at.subheader] == [t("scoreboard.title", "vi")]
    assert at.caption[0].value == t("scoreboard.caption", "vi")
    n2025 = sum(g.set in ("resolution_2025", "related_2025") for g in load_targets())
    n2030 = sum(g.set == "goal_2030" for g in load_targets())
    assert [m.value for m in at.markdown] == [f"**Năm 2025: {n2025 - 1}/{n2025} chỉ tiêu đạt**",
                                              f"**Năm 2030: {n2030}/{n2030} chỉ tiêu đạt**"]
    assert len(at.table) == 2
    assert [table.value.shape[0] for table in at.table] == [n2025, n2030]
    assert all(table.proto.hide_index for table in at.table)
    assert block(at.main, "scoreboard_2025") is not None and block(at.main, "scoreboard_2030") is not None

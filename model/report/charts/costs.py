"""Charts of costs and contributions: the budget by payer against the envelope, and waterfalls.

Both return Vega-Lite specifications (dicts) built with Altair, free of
Streamlit (render elsewhere with ``vl_convert.vegalite_to_png(spec)``).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from model.analysis.contributions import Breakdown
from model.catalogue.calendar import LAST_YEAR, POLICY_START
from model.report.charts.series import number_label_expr
from model.report.contributions import setting_name
from model.report.i18n import digits_for, format_number
from model.report.text import t, unit_label

PAYER_COLOURS = {"provincial": "#c0392b", "central": "#1f5fbf", "private": "#2a9d8f"}
UP, DOWN, TOTAL = "#2a9d8f", "#c0392b", "#6b6b6b"
def budget_frame(table: pd.DataFrame, lang: str, first: int = POLICY_START, last: int = LAST_YEAR) -> pd.DataFrame:
    """Long table: year, payer label, cost (bn VND/yr) and its text."""
    rows = table[(table["year"] >= first) & (table["year"] <= last)]
    records = []
    for payer in PAYER_COLOURS:
        for year, value in zip(rows["year"], rows[f"{payer}_cost"], strict=True):
            records.append({"year": int(year), "payer": t(f"cost_charts.{payer}", lang), "cost": float(value),
                            "text": format_number(float(value), lang, 0)})
    return pd.DataFrame(records)


def budget_chart(table: pd.DataFrame, lang: str, title: str = "", first: int = POLICY_START,
                 last: int = LAST_YEAR) -> dict:
    """Yearly cost of the mix by payer (stacked bars) and the provincial envelope (line).

    Parameters
    ----------
    table : pandas.DataFrame
        Annual indicator table of a run (with the cost columns).
    lang : str
        Language of labels and numbers.
    title : str
        Chart title.
    first, last : int
        Years shown.

    """
    frame = budget_frame(table, lang, first, last)
    order = [t(f"cost_charts.{p}", lang) for p in PAYER_COLOURS]
    x = alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0, values=[y for y in range(first, last + 1, 5)]))
    y_axis = alt.Axis(title=t("cost_charts.cost", lang), labelExpr=number_label_expr(lang), titleFontWeight="normal")
    bars = alt.Chart(frame).mark_bar().encode(
        x=x, y=alt.Y("sum(cost):Q", axis=y_axis),
        color=alt.Color("payer:N", title=None, sort=order,
                        scale=alt.Scale(domain=order, range=list(PAYER_COLOURS.values())),
                        legend=alt.Legend(orient="bottom")),
        order=alt.Order("payer_order:Q"),
        tooltip=[alt.Tooltip("year:O", title=t("cost_charts.year", lang)),
                 alt.Tooltip("payer:N", title=t("cost_charts.payer", lang)),
                 alt.Tooltip("text:N", title=t("cost_charts.cost", lang))],
    ).transform_calculate(payer_order=f"indexof({order!r}, datum.payer)")
    rows = table[(table["year"] >= first) & (table["year"] <= last)]
    envelope = pd.DataFrame({"year": rows["year"].astype(int), "envelope": rows["budget_envelope"],
                             "label": t("cost_charts.envelope", lang),
                             "text": [format_number(v, lang, 0) for v in rows["budget_envelope"]]})
    line = alt.Chart(envelope).mark_line(color="#222222", strokeDash=[6, 3], point=True).encode(
        x=x, y="envelope:Q",
        tooltip=[alt.Tooltip("label:N", title=""), alt.Tooltip("text:N", title=t("cost_charts.cost", lang))])
    chart = alt.layer(bars, line).properties(height=240, width="container")
    if title:
        chart = chart.properties(title=title)
    return chart.to_dict()


def waterfall_frame(result: Breakdown, lang: str, top: int = 10) -> pd.DataFrame:
    """Steps of the waterfall: base, the largest shares (the rest grouped), scenario."""
    digits = max(2, digits_for(result.measure.unit))
    parts = list(result.contributions)
    shown, rest = parts[:top], parts[top:]
    steps = [(setting_name(c.setting, lang), c.shapley) for c in shown]
    if rest:
        steps.append((f"+{len(rest)} …", sum(c.shapley for c in rest)))
    records, level = [], result.base
    records.append({"step": t("cost_charts.base", lang), "start": 0.0, "end": result.base, "kind": "total",
                    "text": format_number(result.base, lang, digits)})
    for label, value in steps:
        records.append({"step": label, "start": level, "end": level + value, "kind": "up" if value >= 0 else "down",
                        "text": ("+" if value >= 0 else "") + format_number(value, lang, digits)})
        level += value
    records.append({"step": t("cost_charts.scenario", lang), "start": 0.0, "end": result.scenario, "kind": "total",
                    "text": format_number(result.scenario, lang, digits)})
    frame = pd.DataFrame(records)
    frame["order"] = range(len(frame))
    return frame


def waterfall_chart(result: Breakdown, lang: str, title: str = "", top: int = 10) -> dict:
    """Waterfall from the base value through each setting's share to the scenario value, one labelled bar a row.

    Parameters
    ----------
    result : Breakdown
        A contribution breakdown (:func:`model.analysis.contributions.breakdown`).
    lang : str
        Language of labels and numbers.
    title : str
        Chart title.
    top : int
        Settings shown one by one (the rest as one bar).

    """
    frame = waterfall_frame(result, lang, top)
    frame["right"] = frame[["start", "end"]].max(axis=1)
    x_axis = alt.Axis(title=unit_label(result.measure.unit, lang), labelExpr=number_label_expr(lang),
                      titleFontWeight="normal")
    y = alt.Y("step:N", sort=alt.EncodingSortField("order"), title=None,
              axis=alt.Axis(labelLimit=320, labelOverlap=False))
    bars = alt.Chart(frame).mark_bar().encode(
        y=y, x=alt.X("start:Q", axis=x_axis, scale=alt.Scale(zero=False)), x2="end:Q",
        color=alt.Color("kind:N", legend=None,
                        scale=alt.Scale(domain=["total", "up", "down"], range=[TOTAL, UP, DOWN])),
        tooltip=[alt.Tooltip("step:N", title=t("cost_charts.step", lang)),
                 alt.Tooltip("text:N", title=t("cost_charts.change", lang))],
    )
    labels = alt.Chart(frame).mark_text(align="left", dx=4, fontSize=11).encode(
        y=y, x=alt.X("right:Q"), text="text:N")
    chart = alt.layer(bars, labels).properties(height=24 * len(frame) + 20, width="container")
    if title:
        chart = chart.properties(title=title)
    return chart.to_dict()

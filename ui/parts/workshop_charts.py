"""Altair charts of a workshop round: teams' lines, prediction against result, cost, lever ranking."""

from __future__ import annotations

import math
from collections.abc import Sequence

import altair as alt
import pandas as pd

from model.catalogue.calendar import HORIZON, LAST_YEAR, POLICY_START
from model.catalogue.indicators import indicators_by_id
from model.catalogue.levers import levers_by_id
from model.catalogue.targets import Target
from model.report.charts.series import number_label_expr
from model.report.i18n import digits_for, format_number
from model.workshop.debrief import LeverSplit
from model.workshop.models import Round, Submission
from ui.text import t, unit

GOAL_COLOUR = "#2e7d32"
FIRST_YEAR = 2015
HEIGHT = 320


def _axis(lang: str, title: str) -> alt.Axis:
    return alt.Axis(title=title, labelExpr=number_label_expr(lang), titleFontWeight="normal")


def _goal_bound(target: Target) -> float:
    return float(target.lower if target.direction == "at_least" else target.upper)


def _team_colours(entries: Sequence[Submission]) -> alt.Color:
    return alt.Color("team:N", title=None, legend=alt.Legend(orient="bottom", columns=3, labelLimit=220),
                     sort=[e.team_name for e in entries])


def goal_line(target: Target, start_value: float, lang: str) -> pd.DataFrame:
    """The goal as a line: the growth path from the base year, or the bound up to the goal's year."""
    bound = _goal_bound(target)
    if target.rule == "avg_growth":
        years = list(range(target.start, target.year + 1))
        values = [start_value * (1 + bound / 100.0) ** (y - target.start) for y in years]
    else:
        years, values = [POLICY_START, target.year], [bound, bound]
    label = t("workshop.chart_goal", lang)
    return pd.DataFrame({"year": years, "value": values, "label": label,
                         "text": [format_number(v, lang, 1) for v in values]})


def lines_chart(item: Round, target: Target, entries: Sequence[Submission], lang: str) -> alt.LayerChart:
    """Every team's line of the goal's indicator, with the goal drawn in green (dashed)."""
    info = indicators_by_id()[target.indicator]
    last = min(max(target.year + 5, HORIZON), LAST_YEAR)
    digits = digits_for(info.unit)
    rows = []
    for entry in entries:
        for year, value in zip(entry.outcome.years, entry.outcome.line(target.indicator), strict=True):
            if FIRST_YEAR <= year <= last and math.isfinite(value):
                rows.append({"team": entry.team_name, "year": int(year), "value": value,
                             "text": format_number(value, lang, digits)})
    frame = pd.DataFrame(rows, columns=["team", "year", "value", "text"])
    x = alt.X("year:Q", title=None, scale=alt.Scale(domain=[FIRST_YEAR, last], nice=False),
              axis=alt.Axis(format="d", grid=False))
    y_title = unit(info.unit, lang)
    tips = [alt.Tooltip("team:N", title=t("workshop.col_team", lang)), alt.Tooltip("year:Q", format="d"),
            alt.Tooltip("text:N", title=t("workshop.chart_value", lang))]
    lines = alt.Chart(frame).mark_line(point=alt.OverlayMarkDef(size=18), strokeWidth=2).encode(
        x=x, y=alt.Y("value:Q", scale=alt.Scale(zero=False), axis=_axis(lang, y_title)),
        color=_team_colours(entries), tooltip=tips)
    layers = [lines]
    if entries:
        first = entries[0].outcome
        start = first.at(target.indicator, target.start) if target.rule == "avg_growth" else 0.0
        goal = goal_line(target, start, lang)
        layers.append(alt.Chart(goal).mark_line(color=GOAL_COLOUR, strokeDash=[6, 4], strokeWidth=2.5).encode(
            x="year:Q", y="value:Q", tooltip=[alt.Tooltip("label:N", title=" "), alt.Tooltip("year:Q", format="d"),
                                              alt.Tooltip("text:N", title=t("workshop.chart_value", lang))]))
    return alt.layer(*layers).properties(
        height=HEIGHT, title=t("workshop.chart_lines", lang, round=item.number, indicator=info.name(lang)))


def prediction_chart(item: Round, target: Target, entries: Sequence[Submission], lang: str) -> alt.LayerChart:
    """Each team's prediction (x) against its simulated value (y); on the diagonal a prediction was exact."""
    digits = digits_for(target.unit)
    frame = pd.DataFrame([{"team": e.team_name, "prediction": e.prediction, "simulated": e.outcome.value(target.id),
                           "p_text": format_number(e.prediction, lang, digits),
                           "s_text": format_number(e.outcome.value(target.id), lang, digits)} for e in entries],
                         columns=["team", "prediction", "simulated", "p_text", "s_text"])
    values = [*frame["prediction"], *frame["simulated"], _goal_bound(target)]
    low, high = min(values), max(values)
    pad = (high - low) * 0.08 or 1.0
    domain = [low - pad, high + pad]
    unit_label = unit(target.unit, lang)
    scale = alt.Scale(domain=domain, nice=False, zero=False)
    x = alt.X("prediction:Q", scale=scale, axis=_axis(lang, f"{t('workshop.col_prediction', lang)} ({unit_label})"))
    y = alt.Y("simulated:Q", scale=scale, axis=_axis(lang, f"{t('workshop.col_simulated', lang)} ({unit_label})"))
    tips = [alt.Tooltip("team:N", title=t("workshop.col_team", lang)),
            alt.Tooltip("p_text:N", title=t("workshop.col_prediction", lang)),
            alt.Tooltip("s_text:N", title=t("workshop.col_simulated", lang))]
    diagonal = alt.Chart(pd.DataFrame({"prediction": domain, "simulated": domain})).mark_line(
        color="#9a9a9a", strokeDash=[4, 3]).encode(x=x, y=y)
    goal = alt.Chart(pd.DataFrame({"simulated": [_goal_bound(target)], "label": [t("workshop.chart_goal", lang)]}))
    goal = goal.mark_rule(color=GOAL_COLOUR, strokeDash=[6, 4], strokeWidth=2).encode(
        y=y, tooltip=[alt.Tooltip("label:N", title=" ")])
    points = alt.Chart(frame).mark_circle(size=140, opacity=0.9).encode(
        x=x, y=y, color=_team_colours(entries), tooltip=tips)
    labels = alt.Chart(frame).mark_text(align="left", dx=8, dy=-6, fontSize=12).encode(x=x, y=y, text="team:N")
    return alt.layer(diagonal, goal, points, labels).properties(
        height=HEIGHT, title=t("workshop.chart_prediction", lang))


def cost_chart(target: Target, entries: Sequence[Submission], lang: str) -> alt.LayerChart:
    """Each team's public cost (x) against its simulated value (y), with the goal's bound."""
    digits = digits_for(target.unit)
    frame = pd.DataFrame([{"team": e.team_name, "cost": e.cost, "simulated": e.outcome.value(target.id),
                           "c_text": format_number(e.cost, lang, 0),
                           "s_text": format_number(e.outcome.value(target.id), lang, digits)} for e in entries],
                         columns=["team", "cost", "simulated", "c_text", "s_text"])
    cost_title = t("workshop.cost_label", lang)
    x = alt.X("cost:Q", scale=alt.Scale(zero=False), axis=_axis(lang, cost_title))
    y = alt.Y("simulated:Q", scale=alt.Scale(zero=False),
              axis=_axis(lang, f"{t('workshop.col_simulated', lang)} ({unit(target.unit, lang)})"))
    tips = [alt.Tooltip("team:N", title=t("workshop.col_team", lang)),
            alt.Tooltip("c_text:N", title=t("workshop.col_cost", lang)),
            alt.Tooltip("s_text:N", title=t("workshop.col_simulated", lang))]
    goal = alt.Chart(pd.DataFrame({"simulated": [_goal_bound(target)]})).mark_rule(
        color=GOAL_COLOUR, strokeDash=[6, 4], strokeWidth=2).encode(y=y)
    points = alt.Chart(frame).mark_circle(size=140).encode(x=x, y=y, color=_team_colours(entries), tooltip=tips)
    labels = alt.Chart(frame).mark_text(align="left", dx=8, dy=-6, fontSize=12).encode(x=x, y=y, text="team:N")
    return alt.layer(goal, points, labels).properties(height=HEIGHT, title=t("workshop.chart_cost", lang))


def ranking_chart(splits: Sequence[LeverSplit], lang: str) -> alt.Chart:
    """Bars of each lever's correlation with meeting the goal (levers without one are left out)."""
    catalogue = levers_by_id()
    rows = [{"lever": catalogue[s.lever].name(lang), "r": s.correlation,
             "text": format_number(s.correlation, lang, 2),
             "side": t("workshop.debrief_higher" if s.correlation > 0 else "workshop.debrief_lower", lang)}
            for s in splits if math.isfinite(s.correlation)]
    frame = pd.DataFrame(rows, columns=["lever", "r", "text", "side"])
    return alt.Chart(frame).mark_bar().encode(
        x=alt.X("r:Q", scale=alt.Scale(domain=[-1, 1]), axis=_axis(lang, t("workshop.debrief_axis", lang))),
        y=alt.Y("lever:N", sort=None, title=None, axis=alt.Axis(labelLimit=360)),
        color=alt.Color("side:N", title=None, legend=alt.Legend(orient="bottom", labelLimit=400),
                        scale=alt.Scale(domain=[t("workshop.debrief_higher", lang), t("workshop.debrief_lower", lang)],
                                        range=["#1f5fbf", "#d9730d"])),
        tooltip=[alt.Tooltip("lever:N", title=" "), alt.Tooltip("text:N", title="r")],
    ).properties(height=130 + 44 * len(rows), title=t("workshop.debrief_chart", lang))  # incl. title, axis, legend

"""Altair charts of a workshop round: teams' lines, prediction against result, cost, lever ranking.

Teams are told apart by a colour-blind-safe palette (:data:`TEAM_COLOURS`:
the Okabe-Ito colours without yellow, then three more with dashed lines), and
each line carries its team's name at its end (:func:`label_positions` moves
labels apart so they never overlap). The goal is a shaded band: the values
that meet it.
"""

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
HEIGHT = 360
#: Up to 10 teams: Okabe-Ito (no yellow), then wine, olive and grey, which are drawn dashed.
TEAM_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#000000",
                "#882255", "#999933", "#777777")
SOLID = 7
#: Smallest gap between two line-end labels, as a share of the chart's value range.
LABEL_GAP = 0.085
#: Room for the line-end labels, as a share of the years shown (inside the plot, so a phone keeps its plot).
LABEL_ROOM = 0.32


def _axis(lang: str, title: str) -> alt.Axis:
    return alt.Axis(title=title, labelExpr=number_label_expr(lang), titleFontWeight="normal")


def _goal_bound(target: Target) -> float:
    return float(target.lower if target.direction == "at_least" else target.upper)


def team_colours(names: Sequence[str]) -> dict[str, str]:
    """Team name -> colour, in the given order (repeats after 10 teams)."""
    return {name: TEAM_COLOURS[i % len(TEAM_COLOURS)] for i, name in enumerate(names)}


def _team_colours(entries: Sequence[Submission], legend: bool = True) -> alt.Color:
    names = [e.team_name for e in entries]
    colours = team_colours(names)
    return alt.Color("team:N", title=None, sort=names,
                     scale=alt.Scale(domain=names, range=[colours[n] for n in names]),
                     legend=alt.Legend(orient="bottom", columns=3, labelLimit=220) if legend else None)


def label_positions(values: Sequence[float], gap: float) -> list[float]:
    """Label heights near ``values`` with at least ``gap`` between any two, moved as little as possible.

    Labels are placed in value order, each at least ``gap`` above the one below;
    the whole stack is then shifted down by the mean displacement so labels stay
    centred on their lines.
    """
    order = sorted(range(len(values)), key=lambda i: values[i])
    placed: list[float] = []
    for i in order:
        placed.append(values[i] if not placed else max(values[i], placed[-1] + gap))
    shift = sum(p - values[i] for p, i in zip(placed, order, strict=True)) / len(placed) if placed else 0.0
    out = [0.0] * len(values)
    for p, i in zip(placed, order, strict=True):
        out[i] = p - shift
    return out


def goal_band(target: Target, start_value: float, top: float, bottom: float, lang: str) -> pd.DataFrame:
    """Values that meet the goal, year by year: from the bound's path to ``top`` (``bottom`` for an upper bound)."""
    line = goal_line(target, start_value, lang)
    if target.direction == "at_least":
        line["low"], line["high"] = line["value"], max(top, float(line["value"].max()))
    else:
        line["low"], line["high"] = min(bottom, float(line["value"].min())), line["value"]
    return line


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


def _team_rows(target: Target, entries: Sequence[Submission], last: int, lang: str) -> pd.DataFrame:
    info = indicators_by_id()[target.indicator]
    digits = digits_for(info.unit)
    rows = []
    for number, entry in enumerate(entries):
        for year, value in zip(entry.outcome.years, entry.outcome.line(target.indicator), strict=True):
            if FIRST_YEAR <= year <= last and math.isfinite(value):
                rows.append({"team": entry.team_name, "year": int(year), "value": value, "dashed": number >= SOLID,
                             "text": format_number(value, lang, digits)})
    return pd.DataFrame(rows, columns=["team", "year", "value", "dashed", "text"])


def end_labels(frame: pd.DataFrame, low: float, high: float) -> pd.DataFrame:
    """One label per team at its line's last point, moved apart so that none overlaps another."""
    ends = frame.sort_values("year").groupby("team", sort=False).tail(1).reset_index(drop=True)
    if ends.empty:
        return ends.assign(label_y=[])
    return ends.assign(label_y=label_positions(list(ends["value"]), LABEL_GAP * max(high - low, 1e-9)))


def lines_chart(item: Round, target: Target, entries: Sequence[Submission], lang: str) -> alt.LayerChart:
    """Every team's line of the goal's indicator, named at its end, over the shaded band that meets the goal."""
    info = indicators_by_id()[target.indicator]
    last = min(max(target.year + 5, HORIZON), LAST_YEAR)
    frame = _team_rows(target, entries, last, lang)
    start = (entries[0].outcome.at(target.indicator, target.start)
             if entries and target.rule == "avg_growth" else 0.0)
    bound = goal_line(target, start, lang)
    values = [*frame["value"], *bound["value"]]
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    pad = (high - low) * 0.06 or 1.0
    domain = [low - pad, high + pad]
    room = math.ceil((last - FIRST_YEAR) * LABEL_ROOM)
    x = alt.X("year:Q", title=None, scale=alt.Scale(domain=[FIRST_YEAR, last + room], nice=False),
              axis=alt.Axis(format="d", grid=False, labelFontSize=13, values=list(range(FIRST_YEAR, last + 1, 5))))
    y_scale = alt.Scale(domain=domain, nice=False, zero=False)
    y = alt.Y("value:Q", scale=y_scale, axis=_axis(lang, unit(info.unit, lang)))
    tips = [alt.Tooltip("team:N", title=t("workshop.col_team", lang)), alt.Tooltip("year:Q", format="d"),
            alt.Tooltip("text:N", title=t("workshop.chart_value", lang))]
    band = goal_band(target, start, domain[1], domain[0], lang)
    layers = [
        alt.Chart(band).mark_area(color=GOAL_COLOUR, opacity=0.13).encode(
            x=x, y=alt.Y("low:Q", scale=y_scale), y2="high:Q",
            tooltip=[alt.Tooltip("label:N", title=" ")]),
        alt.Chart(bound).mark_line(color=GOAL_COLOUR, strokeDash=[6, 4], strokeWidth=2.5).encode(
            x="year:Q", y=alt.Y("value:Q", scale=y_scale),
            tooltip=[alt.Tooltip("label:N", title=" "), alt.Tooltip("year:Q", format="d"),
                     alt.Tooltip("text:N", title=t("workshop.chart_value", lang))]),
        alt.Chart(frame).mark_line(strokeWidth=3).encode(
            x=x, y=y, color=_team_colours(entries, legend=False), detail="team:N",
            strokeDash=alt.condition("datum.dashed", alt.value([8, 4]), alt.value([1, 0])), tooltip=tips),
    ]
    if not frame.empty:
        labels = end_labels(frame, *domain)
        layers.append(alt.Chart(labels).mark_text(align="left", dx=8, fontSize=15, fontWeight="bold").encode(
            x="year:Q", y=alt.Y("label_y:Q", scale=y_scale), text="team:N",
            color=_team_colours(entries, legend=False)))
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


def ranking_chart(splits: Sequence[LeverSplit], lang: str, kind: str = "met") -> alt.Chart:
    """Bars of each lever's correlation with being in the first group (levers without one are left out).

    ``kind`` names the groups (:data:`model.workshop.debrief.GROUP_KINDS`).
    """
    catalogue = levers_by_id()
    higher, lower = t(f"workshop.debrief_higher_{kind}", lang), t(f"workshop.debrief_lower_{kind}", lang)
    rows = [{"lever": catalogue[s.lever].name(lang), "r": s.correlation,
             "text": format_number(s.correlation, lang, 2), "side": higher if s.correlation > 0 else lower}
            for s in splits if math.isfinite(s.correlation)]
    frame = pd.DataFrame(rows, columns=["lever", "r", "text", "side"])
    return alt.Chart(frame).mark_bar().encode(
        x=alt.X("r:Q", scale=alt.Scale(domain=[-1, 1]), axis=_axis(lang, t("workshop.debrief_axis", lang))),
        y=alt.Y("lever:N", sort=None, title=None, axis=alt.Axis(labelLimit=360)),
        color=alt.Color("side:N", title=None, legend=alt.Legend(orient="bottom", labelLimit=400),
                        scale=alt.Scale(domain=[higher, lower],
                                        range=["#1f5fbf", "#d9730d"])),
        tooltip=[alt.Tooltip("lever:N", title=" "), alt.Tooltip("text:N", title="r")],
    ).properties(height=130 + 44 * len(rows), title=t("workshop.debrief_chart", lang))  # incl. title, axis, legend

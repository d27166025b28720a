"""Chart builders: scenario lines with goal bands, history points and stacked structures.

Charts are composed with Altair and returned as Vega-Lite specifications
(dicts), free of Streamlit, so the command line or a report can render them too
(``vl_convert.vegalite_to_png(spec)``). The chart's structure depends only on
its labels and language, so it is built and serialised once
(:func:`functools.lru_cache`) and each call only fills in the data: composing
and validating an Altair layer chart costs tens of milliseconds, filling in its
data well under one.

Numbers follow the language: tooltips show pre-formatted text
(:func:`model.report.i18n.format_number`) and axis labels go through a Vega expression
that swaps the separators for Vietnamese (``1.234,5``).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import altair as alt
import pandas as pd

from model.catalogue.calendar import FIRST_YEAR, LAST_YEAR, POLICY_START
from model.catalogue.indicators import indicators_by_id
from model.catalogue.targets import GOAL_YEARS
from model.report.charts.data import Records, history_records, lines_records, stack_records, target_bands, target_paths
from model.report.text import t

MARKED_YEARS = GOAL_YEARS
YEAR_TICKS = list(range(FIRST_YEAR, LAST_YEAR + 1, 5))
YEARS = [FIRST_YEAR, LAST_YEAR]
HEIGHT = 220
#: Fit the width to the container, keep ``height`` for the plot itself (legends and titles add to it).
AUTOSIZE = {"type": "fit-x", "contains": "padding"}
GOAL_COLOUR = "#2e8b57"
HISTORY_COLOUR = "#222222"
PALETTE = ("#1f5fbf", "#d9730d", "#7b3fa0", "#2a9d8f", "#c0392b", "#6b6b6b")

@dataclass(frozen=True)
class LineStyle:
    """How one scenario line is drawn.

    Attributes
    ----------
    colour : str
        CSS colour.
    dash : tuple of int
        Stroke dash pattern (empty = solid).
    width : float
        Stroke width in pixels.

    """

    colour: str
    dash: tuple[int, ...] = ()
    width: float = 2.0


def vega_number(expression: str, lang: str) -> str:
    """A Vega expression that formats a number (``format(...)`` with ``,`` and ``.``) in ``lang``'s style."""
    if lang != "vi":
        return expression
    for old, new in ((",", "_"), ("[.]", ","), ("_", ".")):
        expression = f"replace({expression}, regexp('{old}', 'g'), '{new}')"
    return expression


def number_label_expr(lang: str) -> str:
    """Vega expression formatting ``datum.value`` with the language's separators."""
    return vega_number("format(datum.value, ',~f')", lang)


def _q(field: str, channel=alt.X):
    """A quantitative channel on the shared scales (the reported years; values not forced to include zero)."""
    scale = alt.Scale(domain=YEARS, nice=False, zero=False) if channel is alt.X else alt.Scale(zero=False)
    return channel(field, type="quantitative", scale=scale)


def _year_tip(lang: str) -> alt.Tooltip:
    return alt.Tooltip("year", type="quantitative", title=t("charts.year", lang), format="d")


def _x(lang: str) -> alt.X:
    return alt.X("year", type="quantitative", title=None, scale=alt.Scale(domain=YEARS, nice=False, zero=False),
                 axis=alt.Axis(format="d", values=YEAR_TICKS, grid=False))


def _y_axis(lang: str, title: str) -> alt.Axis:
    return alt.Axis(title=title, labelExpr=number_label_expr(lang), titleFontWeight="normal")


DATA = "data"


def _layer(name: str) -> alt.Chart:
    """A chart on the rows of the single dataset whose ``layer`` is ``name``.

    Every chart has one dataset (Streamlit converts each dataset separately, so
    one is cheaper than several); layers pick their rows with a filter.
    """
    return alt.Chart(alt.NamedData(name=DATA)).transform_filter(f"datum.layer === '{name}'")


def _static_records(lang: str) -> dict[str, Records]:
    return {"shade": [{"x": float(FIRST_YEAR), "x2": POLICY_START - 0.5, "label": t("charts.history", lang)}],
            "rules": [{"year": year} for year in MARKED_YEARS]}


def _with_data(structure: dict, parts: Mapping[str, Records]) -> dict:
    """A fresh copy of a cached specification with its dataset filled in."""
    spec = copy.deepcopy(structure)
    spec["datasets"] = {DATA: [{**row, "layer": name} for name, rows in parts.items() for row in rows]}
    return spec


def _decorations(lang: str) -> list[alt.Chart]:
    """Light shading of the history years and dashed rules at the goal years."""
    shade = _layer("shade").mark_rect(color="#f1f1f1").encode(
        x=_q("x"), x2=alt.X2("x2"), tooltip=[alt.Tooltip("label", type="nominal", title=" ")])
    return [shade, _year_rules("#9a9a9a")]


def _year_rules(colour: str) -> alt.Chart:
    return _layer("rules").mark_rule(color=colour, strokeDash=[4, 3]).encode(x=_q("year"))


def _goal_layers(present: Sequence[str], lang: str, prefix: str = "") -> list[alt.Chart]:
    layers = []
    if prefix + "bands" in present:
        bands = _layer(prefix + "bands")
        tip = [alt.Tooltip("label", type="nominal", title=t("charts.goal", lang))]
        layers.append(bands.mark_rect(color=GOAL_COLOUR, opacity=0.25).encode(
            x=_q("x"), x2=alt.X2("x2"), y=_q("y", alt.Y), y2=alt.Y2("y2"), tooltip=tip))
        layers.append(bands.mark_rule(color=GOAL_COLOUR, strokeWidth=2.5).encode(
            x=_q("x"), x2=alt.X2("x2"), y=_q("y", alt.Y), tooltip=tip))
    if prefix + "paths" in present:
        paths = _layer(prefix + "paths")
        tip = [alt.Tooltip("label", type="nominal", title=t("charts.goal", lang)), _year_tip(lang),
               alt.Tooltip("text", type="nominal", title=t("charts.value", lang))]
        layers.append(paths.mark_area(color=GOAL_COLOUR, opacity=0.18).encode(
            x=_q("year"), y=_q("y", alt.Y), y2=alt.Y2("y2"), detail=alt.Detail("target", type="nominal"),
            tooltip=tip))
        layers.append(paths.mark_line(color=GOAL_COLOUR, strokeDash=[2, 2]).encode(
            x=_q("year"), y=_q("y", alt.Y), detail=alt.Detail("target", type="nominal"), tooltip=tip))
    return layers


def _history_layer(lang: str) -> alt.Chart:
    return _layer("history").mark_point(shape="diamond", filled=True, size=60, opacity=1,
                                                   color=HISTORY_COLOUR).encode(
        x=_q("year"), y=_q("value", alt.Y),
        tooltip=[alt.Tooltip("label", type="nominal", title=" "), _year_tip(lang),
                 alt.Tooltip("text", type="nominal", title=t("charts.value", lang)),
                 alt.Tooltip("quality", type="nominal", title=t("charts.quality", lang)),
                 alt.Tooltip("source", type="nominal", title=t("charts.source", lang))])


def default_styles(labels: Sequence[str]) -> dict[str, LineStyle]:
    """Distinct colours for any number of lines (the last is drawn thickest)."""
    return {label: LineStyle(PALETTE[i % len(PALETTE)], width=3.0 if i == len(labels) - 1 else 2.0)
            for i, label in enumerate(labels)}


@dataclass(frozen=True)
class _SeriesKey:
    lang: str
    title: str
    unit_label: str
    labels: tuple[str, ...]
    styles: tuple[LineStyle, ...]
    present: tuple[str, ...]
    height: int


@lru_cache(maxsize=512)
def _series_structure(key: _SeriesKey) -> dict:
    labels = list(key.labels)
    colour = alt.Color("line", type="nominal", title=None, sort=labels,
                       scale=alt.Scale(domain=labels, range=[s.colour for s in key.styles]),
                       legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=500))
    dash = alt.StrokeDash("line", type="nominal", sort=labels, legend=None,
                          scale=alt.Scale(domain=labels, range=[list(s.dash) or [1, 0] for s in key.styles]))
    width = alt.StrokeWidth("line", type="nominal", sort=labels, legend=None,
                            scale=alt.Scale(domain=labels, range=[s.width for s in key.styles]))
    tooltip = [alt.Tooltip("line", type="nominal", title=t("charts.line", key.lang)), _year_tip(key.lang),
               alt.Tooltip("text", type="nominal", title=t("charts.value", key.lang))]
    y = alt.Y("value", type="quantitative", axis=_y_axis(key.lang, key.unit_label), scale=alt.Scale(zero=False))
    lines = _layer("lines").mark_line().encode(x=_x(key.lang), y=y, color=colour, strokeDash=dash,
                                                          strokeWidth=width)
    points = _layer("lines").mark_circle(size=70, opacity=0).encode(
        x=_q("year"), y=_q("value", alt.Y), tooltip=tooltip)
    layers = [*_decorations(key.lang), *_goal_layers(key.present, key.lang), lines, points]
    if "history" in key.present:
        layers.append(_history_layer(key.lang))
    return {**alt.layer(*layers).properties(title=key.title, height=key.height).to_dict(), "autosize": AUTOSIZE}


def time_series(tables: Mapping[str, pd.DataFrame], indicator: str, lang: str, *, title: str | None = None,
                unit_label: str | None = None, styles: Mapping[str, LineStyle] | None = None,
                unit_labels: Mapping[str, str] | None = None, goals: bool = True, history: bool = True,
                height: int = HEIGHT) -> dict:
    """Lines of one indicator for several scenarios, with goal bands and history.

    Parameters
    ----------
    tables : Mapping[str, pandas.DataFrame]
        Line label -> annual indicator table, in legend order. Goal paths start
        from the last table's base-year value.
    indicator : str
        Indicator id.
    lang : str
        ``"vi"`` or ``"en"``: labels, tooltips and axis numbers.
    title, unit_label : str, optional
        Chart title and y-axis title (default: the indicator's name and unit).
    styles : Mapping[str, LineStyle], optional
        Per-line style; :func:`default_styles` if omitted.
    unit_labels : Mapping[str, str], optional
        Goal unit -> localised unit, for goal labels.
    goals, history : bool
        Draw goal bands/paths and observed history points.
    height : int
        Chart height in pixels.

    Returns
    -------
    dict
        Vega-Lite specification with its data inline (named datasets).

    """
    info = indicators_by_id()[indicator]
    labels = tuple(tables)
    styles = dict(styles or default_styles(labels))
    frames = {"lines": lines_records(tables, indicator, lang)}
    if goals:
        frames["bands"] = target_bands(indicator, lang, unit_labels)
        frames["paths"] = target_paths(indicator, list(tables.values())[-1], lang, unit_labels)
    if history:
        frames["history"] = history_records(indicator, lang)
    frames = {name: rows for name, rows in frames.items() if rows}
    key = _SeriesKey(lang, title or info.name(lang), unit_label or info.unit, labels,
                     tuple(styles[label] for label in labels), tuple(frames), height)
    return _with_data(_series_structure(key), {**_static_records(lang), **frames})


@dataclass(frozen=True)
class _StackKey:
    lang: str
    title: str
    unit_label: str
    labels: tuple[str, ...]
    colours: tuple[str, ...]
    present: tuple[str, ...]
    height: int


@lru_cache(maxsize=256)
def _stack_structure(key: _StackKey) -> dict:
    labels = list(key.labels)
    scale = alt.Scale(domain=labels, range=list(key.colours)) if key.colours else alt.Undefined
    colour = alt.Color("component", type="nominal", title=None, sort=labels, scale=scale,
                       legend=alt.Legend(orient="bottom", columns=2, labelLimit=300))
    order = alt.Order("order", type="quantitative", sort="ascending")
    y = alt.Y("value", type="quantitative", stack="zero", axis=_y_axis(key.lang, key.unit_label))
    areas = _layer("stack").mark_area(opacity=0.85).encode(x=_x(key.lang), y=y, color=colour, order=order)
    tooltip = [alt.Tooltip("component", type="nominal", title=t("charts.component", key.lang)), _year_tip(key.lang),
               alt.Tooltip("text", type="nominal", title=t("charts.value", key.lang))]
    points = _layer("stack").mark_circle(size=60, opacity=0).encode(
        x=_q("year"), y=alt.Y("value", type="quantitative", stack="zero"),
        color=alt.Color("component", type="nominal", sort=labels, legend=None), order=order, tooltip=tooltip)
    layers = [areas, points, _year_rules("#ffffff")]
    for prefix in sorted({name.split(":")[0] + ":" for name in key.present if ":" in name}):
        layers += _goal_layers(key.present, key.lang, prefix)
    return {**alt.layer(*layers).properties(title=key.title, height=key.height).to_dict(), "autosize": AUTOSIZE}


def stacked(table: pd.DataFrame, components: Sequence[tuple[str, Sequence[str]]], lang: str, *, title: str,
            unit_label: str, as_share: bool, goal_indicators: Sequence[str] = (),
            unit_labels: Mapping[str, str] | None = None, colours: Sequence[str] = (),
            height: int = HEIGHT) -> dict:
    """Stacked areas of one scenario's components, with goals on the edges.

    Parameters
    ----------
    table : pandas.DataFrame
        Annual indicator table of the scenario shown.
    components : sequence of (label, indicator ids)
        Bottom to top (see :func:`model.report.charts.data.stack_frame`).
    lang : str
        Language.
    title, unit_label : str
        Chart and y-axis titles.
    as_share : bool
        Show percent of the components' sum.
    goal_indicators : sequence of str
        Indicators whose goals are drawn (they should be edges of the stack).
    unit_labels : Mapping[str, str], optional
        Goal unit -> localised unit.
    colours : sequence of str
        One colour per component (Vega's palette if empty).
    height : int
        Chart height in pixels.

    Returns
    -------
    dict
        Vega-Lite specification with its data inline (named datasets).

    """
    frames = {"stack": stack_records(table, components, lang, as_share)}
    for i, indicator in enumerate(goal_indicators):
        frames[f"g{i}:bands"] = target_bands(indicator, lang, unit_labels)
        frames[f"g{i}:paths"] = target_paths(indicator, table, lang, unit_labels)
    frames = {name: rows for name, rows in frames.items() if rows}
    key = _StackKey(lang, title, unit_label, tuple(label for label, _ in components), tuple(colours),
                    tuple(frames), height)
    return _with_data(_stack_structure(key), {**_static_records(lang), **frames})

"""The "how sure" panel: each goal's probability of being met and fan charts, under uncertainty.

The levers of the current mix stay fixed; external assumptions and uncertain
model constants are drawn by Latin hypercube sampling and simulated in one
batch (:func:`model.analysis.uncertainty.how_sure`). The panel computes only while its
toggle (``how_sure__open``) is on, so slider moves stay fast while it is off.
Results are kept for every session by the scenario, the sample count and the
seed, and computed on the run pool's long-lived threads (:mod:`model.run.pool`),
which keep their batch model between computations (a script thread would build
it anew).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from model.analysis.uncertainty import HowSure, how_sure
from model.catalogue.indicators import indicators_by_id
from model.catalogue.levers import defaults
from model.catalogue.targets import Target, load_targets
from model.report.charts.data import bound_text, digits_for_values, target_paths
from model.report.charts.series import AUTOSIZE, GOAL_COLOUR, number_label_expr, vega_number
from model.report.charts.uncertainty import fan_chart, goal_indicators
from model.report.i18n import digits_for, format_number
from model.run.pool import shared_pool
from model.run.scenario import Scenario
from ui import state
from ui.parts.scoreboard import STATUS_STYLE, YEAR_SETS
from ui.text import t, unit, unit_labels

SAMPLES = 1000
SEED = 0
OPEN_KEY = "how_sure__open"
INDICATOR_KEY = "how_sure__indicator"
DEFAULT_INDICATOR = "industry_va"
#: Probability (0-1) from which a goal is "likely", and below which it is "unlikely".
LIKELY, UNLIKELY = 0.8, 0.2
LEVEL_STYLE = {"likely": STATUS_STYLE["met"], "uncertain": STATUS_STYLE["near"], "unlikely": STATUS_STYLE["missed"]}
LEVEL_MARK = {"likely": "●", "uncertain": "◐", "unlikely": "○"}
FAN_HEIGHT = 260
#: Tooltip titles (ui/strings/how_sure.toml) of fan chart fields; other percentiles read "5%", "95%"...
TIP_KEYS = {"year": "tip_year", "bound": "tip_goal", "p50": "tip_median"}

state.keep_on_language_change(INDICATOR_KEY)
state.keep_on_language_change(OPEN_KEY)


def compute(scenario: Scenario, samples: int = SAMPLES, seed: int = SEED) -> HowSure:
    """Uncertainty analysis of ``scenario`` on the run pool (kept across sessions)."""
    return shared_pool().job(("how_sure", scenario, samples, seed), how_sure, scenario, samples=samples, seed=seed)


def level(probability: float) -> str:
    """Level of a probability (0-1): "likely" (>= 80 %), "uncertain" (20-80 %) or "unlikely" (< 20 %)."""
    if probability >= LIKELY:
        return "likely"
    return "unlikely" if probability < UNLIKELY else "uncertain"


def percent(probability: float, lang: str) -> str:
    """A probability (0-1) as a whole percent; "< 1%" and "> 99%" rather than a rounded 0 or 100."""
    value = 100 * probability
    if 0 < value < 0.5:
        return f"< {format_number(1, lang, 0)}%"
    if 99.5 <= value < 100:
        return f"> {format_number(99, lang, 0)}%"
    return f"{format_number(value, lang, 0)}%"


def level_text(probability: float, lang: str) -> str:
    """Mark and word, e.g. ``◐ chưa chắc``."""
    name = level(probability)
    return f"{LEVEL_MARK[name]}\u00a0{t(f'how_sure.level_{name}', lang)}".replace(" ", "\u00a0")


def goal_rows(result: HowSure, targets: list[Target], lang: str) -> pd.DataFrame:
    """Display table of ``targets``: goal, period, band, probability, verdict, median, 5-95 % range."""
    table = result.probabilities.set_index("id")
    rows = []
    for target in targets:
        row, digits = table.loc[target.id], digits_for(target.unit)
        rows.append({
            t("how_sure.col_goal", lang): target.name(lang),
            t("how_sure.col_period", lang): target.period.replace("-", "\u2011"),
            t("how_sure.col_band", lang): f"{bound_text(target, lang, digits)} {unit(target.unit, lang)}",
            t("how_sure.col_probability", lang): percent(row["probability"], lang),
            t("how_sure.col_level", lang): level_text(row["probability"], lang),
            t("how_sure.col_median", lang): format_number(row["p50"], lang, digits),
            t("how_sure.col_range", lang): (f"{format_number(row['p5'], lang, digits)}\u00a0–\u00a0"
                                            f"{format_number(row['p95'], lang, digits)}"),
        })
    return pd.DataFrame(rows)


def styled(frame: pd.DataFrame, probabilities: list[float], lang: str):
    """The table with its probability and verdict cells coloured by level."""
    styles = pd.DataFrame("", index=frame.index, columns=frame.columns)
    for key in ("how_sure.col_probability", "how_sure.col_level"):
        styles[t(key, lang)] = [LEVEL_STYLE[level(p)] for p in probabilities]
    return frame.style.apply(lambda _: styles, axis=None)


def goal_tables(result: HowSure, lang: str) -> None:
    """One table per goal year (2025: resolution and related goals; 2030), each with a summary line."""
    by_id = result.probabilities.set_index("id")["probability"]
    for year, sets in YEAR_SETS.items():
        targets = [target for target in load_targets() if target.set in sets]
        probabilities = [float(by_id[target.id]) for target in targets]
        levels = [level(p) for p in probabilities]
        st.markdown("**" + t("how_sure.year_summary", lang, year=year, total=len(targets),
                             likely=levels.count("likely"), unlikely=levels.count("unlikely")) + "**")
        with st.container(key=f"how_sure_{year}"):
            st.table(styled(goal_rows(result, targets, lang), probabilities, lang), hide_index=True)


def _text_expr(field: str, lang: str, digits: int) -> str:
    """Vega expression: ``datum[field]`` as text with the language's separators."""
    return vega_number(f"format(datum['{field}'], ',.{digits}f')", lang)


def _tip_title(field: str, lang: str) -> str:
    """Tooltip title of a fan chart field: year, a percentile (5%, median...) or the goal."""
    if field in TIP_KEYS:
        return t(f"how_sure.{TIP_KEYS[field]}", lang)
    return f"{field[1:]}%" if field.startswith("p") and field[1:].isdigit() else field


def _localise_tooltip(layer: dict, lang: str, digits: int) -> None:
    """Tooltips as text with the language's separators (every layer: Streamlit shows a raw one otherwise)."""
    encoding = layer["encoding"]
    fields = [tip["field"] for tip in encoding.get("tooltip", [])]
    fields = fields or ["year"] + [encoding[c]["field"] for c in ("y", "y2") if c in encoding]
    tips, calculated = [], []
    for field in fields:
        if field == "year":
            tips.append({"field": "year", "type": "quantitative", "format": "d", "title": _tip_title(field, lang)})
            continue
        calculated.append({"calculate": _text_expr(field, lang, digits), "as": f"{field}_text"})
        tips.append({"field": f"{field}_text", "type": "nominal", "title": _tip_title(field, lang)})
    layer["transform"] = [*layer.get("transform", []), *calculated]
    encoding["tooltip"] = tips


def _localise_layer(layer: dict, lang: str, digits: int, unit_label: str) -> None:
    """Axis title and labels in ``lang``, goals in the app's goal colour, tooltips in the language's format."""
    encoding = layer["encoding"]
    encoding["x"]["scale"] = {**encoding["x"].get("scale", {}), "nice": False}
    if encoding["y"]["field"] == "bound":
        layer["mark"] = {**layer["mark"], "color": GOAL_COLOUR}
    if "title" in encoding["y"]:
        encoding["y"]["title"] = unit_label
        axis = {"labelExpr": number_label_expr(lang), "titleFontWeight": "normal"}
        encoding["y"]["axis"] = {**encoding["y"].get("axis", {}), **axis}
    _localise_tooltip(layer, lang, digits)


def _path_layers(percentiles: pd.DataFrame, indicator: str, lang: str) -> list[dict]:
    """Bands of the paths that average-growth goals on ``indicator`` require (from the median base year)."""
    base = percentiles[["year", "p50"]].rename(columns={"p50": indicator})
    records = target_paths(indicator, base, lang, unit_labels(lang))
    if not records:
        return []
    x = {"field": "year", "type": "quantitative"}
    tooltip = [{"field": "label", "type": "nominal", "title": t("how_sure.tip_goal", lang)},
               {"field": "year", "type": "quantitative", "format": "d", "title": t("how_sure.tip_year", lang)},
               {"field": "text", "type": "nominal", "title": t("how_sure.tip_path", lang)}]
    encoding = {"x": x, "y": {"field": "y", "type": "quantitative"}, "detail": {"field": "target", "type": "nominal"}}
    return [
        {"data": {"values": records}, "mark": {"type": "area", "color": GOAL_COLOUR, "opacity": 0.2},
         "encoding": {**encoding, "y2": {"field": "y2"}, "tooltip": tooltip}},
        {"data": {"values": records}, "mark": {"type": "line", "color": GOAL_COLOUR, "strokeDash": [2, 2]},
         "encoding": {**encoding, "tooltip": tooltip}},
    ]


def fan_spec(result: HowSure, indicator: str, lang: str) -> dict:
    """Vega-Lite fan chart of ``indicator`` (5/25/50/75/95 %) with its goals, labelled in ``lang``."""
    info = indicators_by_id()[indicator]
    rows = result.percentiles[result.percentiles["indicator"] == indicator]
    digits = digits_for_values(rows["p50"].tolist())
    spec = fan_chart(rows, indicator, title=info.name(lang)).to_dict()
    for layer in spec["layer"]:
        _localise_layer(layer, lang, digits, unit(info.unit, lang))
    spec["layer"] += _path_layers(rows, indicator, lang)
    spec.update(width="container", height=FAN_HEIGHT, autosize=AUTOSIZE)
    spec["usermeta"] = {"embedOptions": {"renderer": "canvas"}}
    return spec


def fan_section(result: HowSure, lang: str) -> None:
    """The indicator picker, the goals it carries with their probabilities, and its fan chart."""
    info = indicators_by_id()
    options = [DEFAULT_INDICATOR, *(ind for ind in goal_indicators() if ind != DEFAULT_INDICATOR)]
    left, right = st.columns([1, 2])
    with left:
        chosen = st.selectbox(t("how_sure.fan_picker", lang), options, key=INDICATOR_KEY,
                              format_func=lambda ind: info[ind].name(lang))
        by_id = result.probabilities.set_index("id")["probability"]
        goals = [f"- {target.name(lang)}: **{percent(by_id[target.id], lang)}**"
                 for target in load_targets() if target.indicator == chosen]
        st.markdown(t("how_sure.fan_goals", lang) + "\n" + "\n".join(goals))
        st.caption(t("how_sure.fan_legend", lang))
    with right, st.container(key="how_sure_chart"):
        st.vega_lite_chart(fan_spec(result, chosen, lang), width="stretch")


def samples_note(result: HowSure, lang: str) -> str:
    """How many futures, how drawn, and what varies in them."""
    assumptions = sum(key in defaults("assumption") for key in result.inputs)
    return t("how_sure.samples_note", lang, samples=format_number(result.samples, lang, 0), seed=result.seed,
             assumptions=assumptions, parameters=len(result.inputs) - assumptions)


def render(scenario: Scenario, lang: str, samples: int = SAMPLES, seed: int = SEED) -> None:
    """Draw the panel; compute (or read from the cache) only while its toggle is on."""
    count = format_number(samples, lang, 0)
    with st.container(key="how_sure", border=True):
        st.subheader(t("how_sure.title", lang))
        st.caption(t("how_sure.intro", lang))
        if not st.toggle(t("how_sure.toggle", lang, samples=count), key=OPEN_KEY):
            return
        with st.spinner(t("how_sure.computing", lang, samples=count)):
            result = compute(scenario, samples, seed)
        st.caption(samples_note(result, lang))
        goal_tables(result, lang)
        st.caption(t("how_sure.caveat", lang))
        with st.expander(t("how_sure.method_title", lang)):
            st.caption(t("how_sure.method", lang, samples=format_number(result.samples, lang, 0), seed=result.seed))
        fan_section(result, lang)

"""The simulator's charts: key indicators over time and a picker for the rest."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import streamlit as st

from model.catalogue.calendar import POLICY_START
from model.catalogue.indicators import indicators_by_id, load_indicators
from model.catalogue.targets import load_targets
from model.report.charts import series as charts
from model.run.result import RunResult
from ui.text import t, unit, unit_labels

LINE_KEYS = ("default", "assumptions", "current")
LINE_STYLES = {
    "default": charts.LineStyle("#8a8a8a", (6, 4), 2.0),
    "assumptions": charts.LineStyle("#d9730d", (2, 3), 2.5),
    "current": charts.LineStyle("#1f5fbf", (), 3.0),
}
STACKS = {
    "grdp_structure": dict(
        components=(("industry", ("industry_share",)), ("construction", ("indcon_share", "-industry_share")),
                    ("services", ("services_share",)), ("agriculture", ("agriculture_share",)),
                    ("taxes", ("product_tax_share",))),
        as_share=False, unit="% of GRDP", goals=("industry_share", "ind_serv_share"),
        colours=("#1f5fbf", "#7fa6e0", "#f2b134", "#5aa469", "#bdbdbd")),
    "labour_structure": dict(
        components=(("industry", ("employed_industry",)), ("construction", ("employed_construction",)),
                    ("services", ("employed_services",)), ("agriculture", ("employed_agri",))),
        as_share=True, unit="% of employed", goals=("indcon_labour_share", "nonagri_labour_share"),
        colours=("#1f5fbf", "#7fa6e0", "#f2b134", "#5aa469")),
    "plants": dict(
        components=(("refinery", ("refinery_va",)), ("steel", ("steel_va",)), ("rest", ("rest_industry_va",))),
        as_share=False, unit="bn VND (2010 prices)", goals=("industry_va",),
        colours=("#6b4c9a", "#c0504d", "#1f5fbf")),
}
#: The year average growth is measured from (the goals' base year).
BASE_YEAR = POLICY_START - 1
#: Height of the main chart, px.
MAIN_HEIGHT = 330
#: Key charts in display order (two per row).
KEY_CHARTS = ("industry_va", "industry_va_growth", "grdp_structure", "labour_structure", "ind_productivity",
              "ez_ip_investment_cum_usd", "plants")


def line_labels(lang: str) -> dict[str, str]:
    """Line key -> legend label."""
    return {key: t(f"charts.line_{key}", lang) for key in LINE_KEYS}


def series_spec(lines: Mapping[str, RunResult], indicator: str, lang: str, *, average: bool = False,
                height: int = charts.HEIGHT) -> dict:
    """Three-line chart of one indicator.

    With ``average``, a growth indicator is drawn as its goals measure it: the
    average annual growth from the base year (2020) to each later year.
    """
    labels = line_labels(lang)
    info = indicators_by_id()[indicator]
    average = average and bool(info.growth_of)
    tables = {labels[key]: average_growth(lines[key].table, indicator) if average else lines[key].table
              for key in LINE_KEYS}
    styles = {labels[key]: LINE_STYLES[key] for key in LINE_KEYS}
    title = t("charts.average_title", lang, name=info.name(lang), year=BASE_YEAR) if average else None
    return charts.time_series(tables, indicator, lang, title=title, unit_label=unit(info.unit, lang), styles=styles,
                              unit_labels=unit_labels(lang), history=not average, height=height)


def average_growth(table, indicator: str):
    """``table`` with a growth indicator replaced by the average annual growth since the base year, %/yr.

    Years up to the base year have no value (NaN).
    """
    level = table[indicators_by_id()[indicator].growth_of].to_numpy(dtype=float)
    years = table["year"].to_numpy()
    base = level[list(years).index(BASE_YEAR)]
    span = years - BASE_YEAR
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(span > 0, (np.abs(level / base) ** (1.0 / np.maximum(span, 1)) - 1.0) * 100.0, np.nan)
    return table.assign(**{indicator: value})


def main_options() -> list[str]:
    """Indicators the goals read, in goal order (a growth goal by its growth indicator)."""
    growth = {info.growth_of: info.id for info in load_indicators() if info.growth_of}
    out = []
    for target in load_targets():
        shown = growth.get(target.indicator, target.indicator) if target.rule == "avg_growth" else target.indicator
        if shown in indicators_by_id() and shown not in out:
            out.append(shown)
    return out


def main_chart(lines: Mapping[str, RunResult], lang: str) -> None:
    """The large chart: a picker of the goals' indicators, growth as average since the base year."""
    info = indicators_by_id()
    options = main_options()
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    chosen = left.selectbox(t("charts.main_picker", lang), options, key="main_indicator",
                            format_func=lambda ind: info[ind].name(lang), label_visibility="collapsed")
    yearly = False
    if info[chosen].growth_of:
        yearly = right.toggle(t("charts.yearly", lang), key="main_yearly", help=t("charts.yearly_help", lang))
    draw(series_spec(lines, chosen, lang, average=not yearly, height=MAIN_HEIGHT), "main")


def stack_spec(current: RunResult, name: str, lang: str) -> dict:
    """Stacked structure chart of the current mix."""
    spec = STACKS[name]
    components = [(t(f"charts.part_{part}", lang), ids) for part, ids in spec["components"]]
    return charts.stacked(current.table, components, lang, title=t(f"charts.title_{name}", lang),
                          unit_label=unit(spec["unit"], lang), as_share=spec["as_share"],
                          goal_indicators=spec["goals"], unit_labels=unit_labels(lang), colours=spec["colours"])


def chart_spec(lines: Mapping[str, RunResult], name: str, lang: str) -> dict:
    """Specification of one key chart by name."""
    return stack_spec(lines["current"], name, lang) if name in STACKS else series_spec(lines, name, lang)


def draw(spec: dict, name: str) -> None:
    """Draw a chart in a container keyed ``chart_<name>`` (so tests can find it).

    Charts are drawn on a canvas: with eight charts on the page, the browser
    draws them markedly faster than as SVG.
    """
    spec["usermeta"] = {"embedOptions": {"renderer": "canvas"}}
    with st.container(key=f"chart_{name}"):
        st.vega_lite_chart(spec, width="stretch")


def render(lines: Mapping[str, RunResult], lang: str) -> None:
    """Key charts in a two-column grid, then the chart picker."""
    st.subheader(t("charts.title", lang))
    st.caption(t("charts.caption", lang))
    names = [*KEY_CHARTS, "picked"]
    for row in range(0, len(names), 2):
        columns = st.columns(2)
        for column, name in zip(columns, names[row:row + 2], strict=False):
            with column:
                if name == "picked":
                    picker(lines, lang)
                    continue
                draw(chart_spec(lines, name, lang), name)
                if name in STACKS:
                    st.caption(t(f"charts.note_{name}", lang))


def picker_options() -> list[str]:
    """Indicators without a key chart of their own."""
    return [ind.id for ind in load_indicators() if ind.id not in KEY_CHARTS]


def picker(lines: Mapping[str, RunResult], lang: str) -> None:
    """A select box of the other indicators and the chosen one's chart."""
    info = indicators_by_id()
    chosen = st.selectbox(t("charts.picker", lang), picker_options(), key="chart_picker",
                          format_func=lambda ind: info[ind].name(lang))
    draw(series_spec(lines, chosen, lang), "picked")

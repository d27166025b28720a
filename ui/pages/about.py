"""The "how it works" page: the model's sectors and loops, its sources and its limits."""

from __future__ import annotations

from urllib.parse import urlsplit

import pandas as pd
import streamlit as st

from model.base.paths import HISTORY_PATH
from model.catalogue.indicators import indicators_by_id, load_indicators
from model.catalogue.levers import load_levers
from model.catalogue.targets import load_targets
from ui.text import catalogue, t, unit


def sources_table(lang: str) -> pd.DataFrame:
    """Observed series used in the fit: series, years, number of values, sources."""
    history = pd.read_csv(HISTORY_PATH, dtype={"year": str})
    used = history[history["used_in_fit"] == 1]
    rows = []
    for series, group in used.groupby("series", sort=True):
        sources = sorted({source_name(str(s).split(" | ")[0], lang) for s in group["source"]})
        rows.append({t("about.col_series", lang): series_name(series, lang),
                     t("about.col_years", lang): ", ".join(sorted(group["year"])),
                     t("about.col_unit", lang): unit(group["unit"].iloc[0], lang),
                     t("about.col_sources", lang): "; ".join(sources)})
    return pd.DataFrame(rows)


def series_name(series: str, lang: str) -> str:
    """An observed series by its indicator's name, or its own (``about.series_<id>``), else its id."""
    info = indicators_by_id().get(series)
    if info is not None:
        return info.name(lang)
    key = f"about.series_{series}"
    return t(key, lang) if key in catalogue() else series


def source_name(source: str, lang: str) -> str:
    """A source as a reader names it: a web page by its site; in Vietnamese, documents by their Vietnamese titles."""
    if source.startswith("http"):
        return urlsplit(source.split(" ")[0]).netloc.removeprefix("www.")
    return source if lang == "en" else source.replace(", section ", ", mục ")


def goal_sources(lang: str) -> list[str]:
    """Distinct sources of the goals (in Vietnamese by their titles, ``about.goal_source_<n>``)."""
    names = sorted({target.source.split(" (")[0] for target in load_targets()})
    titles = {entry["en"]: entry["vi"] for key, entry in catalogue().items() if key.startswith("about.goal_source_")}
    return [titles.get(name, name) if lang == "vi" else name for name in names]


def render(lang: str) -> None:
    """Draw the page in ``lang``."""
    st.title(t("about.title", lang))
    levers = load_levers()
    st.markdown(t("about.summary", lang, levers=sum(lev.kind == "lever" for lev in levers),
                  assumptions=sum(lev.kind == "assumption" for lev in levers),
                  indicators=len(load_indicators()), goals=len(load_targets())))
    st.header(t("about.sectors_title", lang))
    st.markdown(t("about.sectors", lang))
    st.header(t("about.loops_title", lang))
    st.markdown(t("about.loops", lang))
    st.header(t("about.reading_title", lang))
    st.markdown(t("about.reading", lang))
    st.header(t("about.sources_title", lang))
    st.markdown(t("about.sources", lang))
    st.markdown("\n".join(f"- {source}" for source in goal_sources(lang)))
    st.caption(t("about.history_caption", lang))
    st.dataframe(sources_table(lang), hide_index=True, width="stretch")
    st.header(t("about.limits_title", lang))
    st.markdown(t("about.limits", lang))

"""The "how it works" page: the model's sectors and loops, its sources and its limits."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from model.base.paths import HISTORY_PATH
from model.catalogue.indicators import load_indicators
from model.catalogue.levers import load_levers
from model.catalogue.targets import load_targets
from ui.text import t


def sources_table(lang: str) -> pd.DataFrame:
    """Observed series used in the fit: series, years, number of values, sources."""
    history = pd.read_csv(HISTORY_PATH, dtype={"year": str})
    used = history[history["used_in_fit"] == 1]
    rows = []
    for series, group in used.groupby("series", sort=True):
        sources = sorted({str(s).split(" | ")[0] for s in group["source"]})
        rows.append({t("about.col_series", lang): series,
                     t("about.col_years", lang): ", ".join(sorted(group["year"])),
                     t("about.col_unit", lang): group["unit"].iloc[0],
                     t("about.col_sources", lang): "; ".join(sources)})
    return pd.DataFrame(rows)


def goal_sources(lang: str) -> list[str]:
    """Distinct sources of the goals."""
    return sorted({target.source.split(" (")[0] for target in load_targets()})


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

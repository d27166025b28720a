"""The answer at the top of the simulator: the verdict per goal year and the goals not met.

The verdict counts the goals met by the current mix against the 2020 stance;
each goal not met shows how far it is short and the lever that, pushed alone to
the end of its range, closes most of the gap
(:func:`model.report.brief.answer.misses`). The levers' reach is one batch of
runs on the run pool, kept by the mix.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from model.catalogue.targets import GOAL_YEARS
from model.report.brief import answer
from model.run.pool import shared_pool
from model.run.result import RunResult
from model.run.scenario import Scenario
from ui.parts.scoreboard import STATUS_MARK
from ui.text import t

#: Height of the list of goals not met, px (it scrolls when longer).
MISSED_HEIGHT = 470


def reach(scenario: Scenario) -> dict:
    """Every goal's levers by gain alone (kept by the mix on the run pool)."""
    return shared_pool().job(("reach", scenario), answer.reach, scenario)


def explain(scenario: Scenario) -> dict:
    """Every goal's "why" breakdown against the 2020 stance (kept by the mix on the run pool)."""
    return shared_pool().job(("why", scenario), answer.explain, scenario)


def verdict(lines: Mapping[str, RunResult], lang: str) -> None:
    """One metric per goal set: goals met, and the count at the 2020 stance."""
    found = answer.verdicts(lines["current"].targets, lines["default"].targets)
    with st.container(key="verdict", horizontal=True, gap="small"):
        for v in found:
            diff = v.met - v.base_met
            st.metric(t(f"answer.metric_{v.goal_set}", lang), f"{v.met}/{v.total}",
                      delta=t("answer.versus", lang, met=v.base_met, total=v.total),
                      delta_color="normal" if diff else "off",
                      delta_arrow="up" if diff > 0 else ("down" if diff < 0 else "off"), width="content")


def missed(lines: Mapping[str, RunResult], scenario: Scenario, lang: str) -> None:
    """The goals not met, one tab per goal year, each with its gap and best lever."""
    results = lines["current"].targets
    found = {year: answer.misses(results, reach(scenario), year) for year in GOAL_YEARS}
    with st.container(key="missed", height=MISSED_HEIGHT, border=False):
        tabs = st.tabs([t("answer.missed_tab", lang, year=year, n=len(found[year])) for year in GOAL_YEARS])
        for tab, year in zip(tabs, GOAL_YEARS, strict=True):
            with tab:
                if not found[year]:
                    st.success(t("answer.all_met", lang, year=year))
                    continue
                st.markdown("\n".join(_line(m, lang) for m in found[year]))


def _line(miss: answer.Miss, lang: str) -> str:
    """One Markdown list item: mark, goal, gap; the best lever in small grey text."""
    r = miss.result
    return (f"- {STATUS_MARK[r.status]} **{r.target.name(lang)}**: {answer.distance_text(r, lang)}. "
            f":small[:gray[{answer.lever_text(miss, lang)}]]")

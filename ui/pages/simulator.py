"""The simulator page: levers and assumptions, goal scoreboard, charts, scenarios."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from model.catalogue.targets import SETS
from model.report.i18n import format_number
from model.run.goals import count_met
from model.run.pool import shared_pool
from model.run.result import RunResult
from model.run.scenario import Scenario, baseline
from ui import sharelink, state
from ui.parts import charts, how_sure, scenarios, scoreboard, widgets
from ui.parts.budget import render_budget_flag
from ui.plain import plain
from ui.text import t

_SHOWN_KEY = "_settings_shown"


def link_problems(lang: str) -> None:
    """Warn once about the parts of a share link that were not valid."""
    problems = st.session_state.pop(state.LINK_PROBLEMS_KEY, [])
    if problems:
        st.warning(t("simulator.link_problems", lang) + "\n\n" + "\n".join(f"- {plain(p)}" for p in problems))


def _delta(diff: float, text: str, lang: str) -> dict:
    """Keyword arguments of st.metric for a difference from the baseline."""
    if abs(diff) < 0.05:
        return {"delta": t("simulator.same_as_baseline", lang), "delta_color": "off", "delta_arrow": "off"}
    return {"delta": t("simulator.vs_baseline", lang, diff=("-" if diff < 0 else "+") + text)}


def run_lines(scenario: Scenario) -> dict[str, RunResult]:
    """The lines the page compares (:data:`ui.parts.charts.LINE_KEYS`), from the run pool.

    ``"default"``: every setting at its default; ``"assumptions"``: levers at
    their defaults, assumptions as set; ``"current"``: everything as set.
    """
    pool = shared_pool()
    return {"default": pool.result(baseline()), "assumptions": pool.result(scenario.assumptions_only()),
            "current": pool.result(scenario)}


def headline(lines: Mapping[str, RunResult], lang: str) -> None:
    """Goal counts and industrial growth of the current mix against the default baseline."""
    current, default = lines["current"], lines["default"]
    columns = st.columns(len(SETS) + 1)
    for column, goal_set in zip(columns, SETS, strict=False):
        met, total = count_met(current.targets, goal_set)
        diff = met - count_met(default.targets, goal_set)[0]
        column.metric(t(f"simulator.metric_{goal_set}", lang), f"{met}/{total}", **_delta(diff, str(abs(diff)), lang))
    now, base = current.value("ind_va_growth"), default.value("ind_va_growth")
    diff = now - base
    columns[-1].metric(t("simulator.metric_growth", lang),
                       format_number(now, lang, 1) + " %/" + t("simulator.per_year", lang),
                       **_delta(diff, format_number(abs(diff), lang, 1), lang))


def render(lang: str) -> None:
    """Draw the simulator page in ``lang``."""
    with st.sidebar:
        scenarios.sidebar_controls(lang)
        widgets.lever_panel(lang)
        widgets.assumption_panel(lang)
    st.title(t("simulator.title", lang))
    st.caption(t("simulator.intro", lang))
    link_problems(lang)
    settings, scenario = state.current_settings(), state.current_scenario()
    lines = run_lines(scenario)
    with st.container(key="headline"):
        headline(lines, lang)
    scoreboard.render(lines["current"].targets, lines["default"].targets, lang)
    how_sure.render(scenario, lang)
    render_budget_flag(lines["current"], lang)
    charts.render(lines, lang)
    scenarios.compare_section(lang)
    scenarios.share_section(lines, lang)
    st.query_params.from_dict(sharelink.encode(settings, lang))
    previous = st.session_state.get(_SHOWN_KEY, settings)
    shared_pool().prefetch(scenario, [k for k, v in settings.items() if previous.get(k) != v])
    st.session_state[_SHOWN_KEY] = settings

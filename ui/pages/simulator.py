"""The simulator page: the answer on top (verdict, goals not met, main chart), details below.

The page opens on the resolution's measures compared with the 2020 stance
(:func:`ui.state.init_session`). Below the answer, one section at a time is
drawn (the full scoreboard with the "why" of every goal, the other charts,
costs, how sure, compare and share), so the page stays short and fast.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping

import streamlit as st

from model.base.names import closest
from model.catalogue.levers import levers_by_id
from model.run.pool import shared_pool
from model.run.result import RunResult
from model.run.scenario import Scenario, baseline
from ui import state
from ui.parts import answer, charts, how_sure, scenarios, scoreboard, widgets
from ui.parts.budget import render_budget_flag
from ui.parts.widgets import value_text
from ui.plain import plain
from ui.sharelink import LANG_PARAM
from ui.text import t, unit

_SHOWN_KEY = "_settings_shown"
SECTION_KEY = "section"
SECTIONS = ("table", "charts", "costs", "how_sure", "compare", "share")


#: A share-link problem line: ``link: <key or 'key'> [= <value>]: <reason>`` (see :mod:`ui.sharelink`).
_PROBLEM = re.compile(r"""^[^:]+: ['"]?(?:levers\.|assumptions\.)?(\w+)['"]?"""  # the key
                      r"""(?: = ('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|[^:]*))?"""  # the value given, if any
                      r""": (.*)$""", re.S)  # the reason


def _given(text: str | None) -> str:
    """The value as the link gave it (quoted values unquoted)."""
    if not text:
        return ""
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text
    return value if isinstance(value, str) else text


def problem_text(problem: str, lang: str) -> str:
    """A share-link problem for a person: in English as the check wrote it; in Vietnamese, said anew.

    The check's message starts ``link: <parameter>``; the Vietnamese text names
    the lever, the value given (as plain text) and its allowed range, or the
    closest setting of a misspelt name.
    """
    if lang == "en":
        return plain(problem)
    found = _PROBLEM.match(problem)
    key, given, reason = (found.group(1), _given(found.group(2)), found.group(3)) if found else ("", "", "")
    catalogue = levers_by_id()
    if key in catalogue:
        lever = catalogue[key]
        text = t("simulator.link_bad_value", lang, name=lever.name(lang), given=plain(given),
                 low=value_text(lever, lever.min, lang), high=value_text(lever, lever.max, lang),
                 unit=unit(lever.unit, lang))
        return text + (t("simulator.link_whole_number", lang) if "whole number" in reason else "")
    if key == LANG_PARAM:
        return t("simulator.link_bad_lang", lang)
    match = closest(key, catalogue, cutoff=0.75)
    name = catalogue[match].name(lang) if match else ""
    return t("simulator.link_unknown", lang, given=plain(key), name=name)


def link_problems(lang: str) -> None:
    """Warn once about the parts of a share link that were not valid."""
    problems = st.session_state.pop(state.LINK_PROBLEMS_KEY, [])
    if problems:
        lines = "\n".join(f"- {problem_text(p, lang)}" for p in problems)
        st.warning(t("simulator.link_problems", lang) + "\n\n" + lines)


def run_lines(scenario: Scenario) -> dict[str, RunResult]:
    """The lines the page compares (:data:`ui.parts.charts.LINE_KEYS`), from the run pool.

    ``"default"``: every setting at its default; ``"assumptions"``: levers at
    their defaults, assumptions as set; ``"current"``: everything as set.
    """
    pool = shared_pool()
    return {"default": pool.result(baseline()), "assumptions": pool.result(scenario.assumptions_only()),
            "current": pool.result(scenario)}


def top(lines: Mapping[str, RunResult], scenario: Scenario, lang: str) -> None:
    """The answer: verdict and goals not met on the left, the main chart on the right.

    The chart is drawn first, so that after a slider move it is redrawn as soon
    as the runs are in, before the levers' reach for the goals not met.
    """
    left, right = st.columns([5, 6], gap="medium")
    with left:
        answer.verdict(lines, lang)
    with right, st.container(key="main_chart"):
        charts.main_chart(lines, lang)
    with left:
        answer.missed(lines, scenario, lang)


def section(lines: Mapping[str, RunResult], scenario: Scenario, lang: str) -> None:
    """The chosen lower section (only that one is drawn)."""
    st.session_state.setdefault(SECTION_KEY, SECTIONS[0])
    chosen = st.segmented_control(t("simulator.sections", lang), SECTIONS, key=SECTION_KEY, required=True,
                                  format_func=lambda k: t(f"simulator.section_{k}", lang),
                                  label_visibility="collapsed")
    if chosen == "table":
        scoreboard.render(lines["current"].targets, lines["default"].targets, lang)
        scoreboard.why(lambda: answer.explain(scenario), lang)
    elif chosen == "charts":
        charts.render(lines, lang)
    elif chosen == "costs":
        render_budget_flag(lines["current"], lang)
    elif chosen == "how_sure":
        how_sure.render(scenario, lang)
    elif chosen == "compare":
        scenarios.compare_section(lang)
    else:
        scenarios.share_section(lines, lang)


def render(lang: str) -> None:
    """Draw the simulator page in ``lang``: the answer first, then the details, then the sliders.

    The sliders' values are already in the session state (:func:`ui.state.init_session`),
    so the sidebar is drawn last and the answer reaches the browser first.
    """
    with st.container(key="page_head"):
        st.markdown(f"#### {t('simulator.title', lang)}")
        st.caption(t("simulator.comparing", lang))
    link_problems(lang)
    settings, scenario = state.current_settings(), state.current_scenario()
    lines = run_lines(scenario)
    top(lines, scenario, lang)
    section(lines, scenario, lang)
    st.caption(t("simulator.intro", lang))
    with st.sidebar:
        scenarios.sidebar_controls(lang)
        widgets.lever_panel(lang)
        widgets.assumption_panel(lang)
    st.query_params.from_dict(state.link_params(settings, lang))
    previous = st.session_state.get(_SHOWN_KEY, settings)
    shared_pool().prefetch(scenario, [k for k, v in settings.items() if previous.get(k) != v])
    st.session_state[_SHOWN_KEY] = settings

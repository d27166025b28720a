"""Scenarios: load shipped ones, reset, save the current mix, compare, share and download."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from model.catalogue.indicators import indicators_by_id, load_indicators
from model.catalogue.targets import load_targets
from model.report import export
from model.report.brief.make import brief_bytes
from model.report.charts import series as charts
from model.report.i18n import digits_for, format_number
from model.run.pool import shared_pool
from model.run.result import RunResult
from model.run.scenario import Scenario, ScenarioError, baseline, load_shipped, shipped_scenarios, with_settings
from ui import sharelink, state
from ui.parts import how_sure
from ui.parts.answer import reach
from ui.parts.charts import draw
from ui.parts.scoreboard import STATUS_STYLE, status_text, summary
from ui.plain import plain
from ui.text import catalogue, t, unit, unit_labels

SAVED_KEY = "saved_mixes"
MESSAGE_KEY = "scenario_message"
MAX_COMPARE = 4
def shipped_name(stem: str, lang: str) -> str:
    """Display name of a shipped scenario."""
    key = f"scenarios.name_{stem}"
    return t(key, lang) if key in catalogue() else stem


def saved() -> dict[str, dict[str, float]]:
    """This session's saved mixes: name -> settings."""
    return st.session_state.setdefault(SAVED_KEY, {})


def _load() -> None:
    stem = st.session_state.get("scenario_select")
    try:
        scenario = load_shipped(stem)
    except ScenarioError as error:
        st.session_state[MESSAGE_KEY] = ("error", str(error))
        return
    state.apply_settings(scenario.settings())
    st.session_state[MESSAGE_KEY] = ("loaded", stem)


def _reset() -> None:
    state.reset_settings()
    st.session_state[MESSAGE_KEY] = ("reset", "")


def _save() -> None:
    name = str(st.session_state.get("save_name", "")).strip()
    if not name:
        st.session_state[MESSAGE_KEY] = ("no_name", "")
        return
    saved()[name] = state.current_settings()
    st.session_state[MESSAGE_KEY] = ("saved", name)


def _message(lang: str) -> None:
    kind, detail = st.session_state.pop(MESSAGE_KEY, (None, ""))
    if kind == "error":
        st.error(plain(detail))
    elif kind == "loaded":
        st.success(t("scenarios.msg_loaded", lang, name=shipped_name(detail, lang)))
    elif kind == "reset":
        st.success(t("scenarios.msg_reset", lang))
    elif kind == "saved":
        st.success(t("scenarios.msg_saved", lang, name=plain(detail)))
    elif kind == "no_name":
        st.warning(t("scenarios.msg_no_name", lang))


def sidebar_controls(lang: str) -> None:
    """Load a shipped scenario or reset to the baseline (drawn in the sidebar)."""
    st.subheader(t("scenarios.load_title", lang))
    stems = shipped_scenarios()
    st.selectbox(t("scenarios.select", lang), stems, key="scenario_select",
                 format_func=lambda s: shipped_name(s, lang))
    left, right = st.columns(2)
    left.button(t("scenarios.load", lang), key="scenario_load", on_click=_load, width="stretch")
    right.button(t("scenarios.reset", lang), key="reset", on_click=_reset, width="stretch")
    _message(lang)


def _compare_scenario(choice: str) -> Scenario:
    kind, name = choice.split(":", 1)
    if kind == "saved":
        return with_settings(baseline(), saved()[name])
    return load_shipped(name)


def _compare_label(choice: str, lang: str) -> str:
    kind, name = choice.split(":", 1)
    return name if kind == "saved" else f"{shipped_name(name, lang)} ({t('scenarios.shipped_tag', lang)})"


def compare_table(results: dict[str, RunResult], lang: str):
    """Goals as rows, one column per mix with value and status (coloured)."""
    first = next(iter(results.values()))
    rows, styles = [], []
    for i, r0 in enumerate(first.targets):
        digits = digits_for(r0.target.unit)
        row = {t("scoreboard.col_goal", lang): r0.target.name(lang), t("scoreboard.col_period", lang): r0.target.period}
        style = {k: "" for k in row}
        for label, out in results.items():
            r = out.targets[i]
            row[label] = f"{format_number(r.value, lang, digits)} {unit(r.target.unit, lang)} · " \
                         f"{status_text(r.status, lang)}"
            style[label] = STATUS_STYLE[r.status]
        rows.append(row)
        styles.append(style)
    table = pd.DataFrame(rows)
    style_frame = pd.DataFrame(styles, index=table.index, columns=table.columns)
    return table.style.apply(lambda _: style_frame, axis=None)


def compare_section(lang: str) -> None:
    """Save the current mix; compare up to four mixes side by side."""
    st.subheader(t("scenarios.compare_title", lang))
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    left.text_input(t("scenarios.save_name", lang), key="save_name", placeholder=t("scenarios.save_hint", lang))
    right.button(t("scenarios.save", lang), key="save_button", on_click=_save, width="stretch")
    choices = [f"saved:{name}" for name in saved()] + [f"file:{stem}" for stem in shipped_scenarios()]
    chosen = st.multiselect(t("scenarios.compare_select", lang, n=MAX_COMPARE), choices, key="compare_select",
                            max_selections=MAX_COMPARE, format_func=lambda c: _compare_label(c, lang),
                            placeholder=t("scenarios.compare_placeholder", lang))
    if not chosen:
        st.caption(t("scenarios.compare_empty", lang))
        return
    results = {_compare_label(c, lang): shared_pool().result(_compare_scenario(c)) for c in chosen}
    for label, out in results.items():
        st.markdown(f"**{plain(label)}**: {summary(out.targets, lang)}")
    with st.container(key="compare_table"):
        st.table(compare_table(results, lang), hide_index=True)
    info = indicators_by_id()
    ids = [ind.id for ind in load_indicators()]
    indicator = st.selectbox(t("scenarios.compare_indicator", lang), ids, key="compare_indicator",
                             index=ids.index("industry_va"), format_func=lambda i: info[i].name(lang))
    spec = charts.time_series({k: v.table for k, v in results.items()}, indicator, lang,
                              unit_label=unit(info[indicator].unit, lang), unit_labels=unit_labels(lang))
    draw(spec, "compare")


def share_section(lines: dict[str, RunResult], lang: str) -> None:
    """The share link of the current settings and the downloads."""
    settings = state.current_settings()
    st.subheader(t("scenarios.share_title", lang))
    url = sharelink.share_url(st.context.url, state.link_params(settings, lang))
    st.caption(t("scenarios.share_caption", lang))
    with st.container(key="share_link"):
        st.code(url, language=None, wrap_lines=True)
    current = lines["current"]
    left, right = st.columns(2)
    left.download_button(t("scenarios.download_csv", lang), data=partial(export.indicators_csv, current.table),
                         file_name="quang_ngai_indicators.csv", mime="text/csv", key="download_csv",
                         on_click="ignore", width="stretch")
    right.download_button(t("scenarios.download_xlsx", lang),
                          data=partial(export.workbook_bytes, current.table, current.targets, settings, lang),
                          file_name="quang_ngai_results.xlsx", key="download_xlsx", on_click="ignore",
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          width="stretch")
    brief_buttons(lines, lang)


def how_sure_summary(scenario: Scenario, lang: str) -> dict | None:
    """Goal name -> probability of being met (percent), when the how-sure panel is on (its result is kept)."""
    if not st.session_state.get(how_sure.OPEN_KEY):
        return None
    result = how_sure.compute(scenario)
    names = {target.id: target.name(lang) for target in load_targets()}
    return {names[row.id]: 100.0 * row.probability for row in result.probabilities.itertuples()}


def brief_buttons(lines: dict[str, RunResult], lang: str) -> None:
    """Download the meeting brief of the current mix, as Word or PDF (made when clicked)."""
    current, default = lines["current"], lines["default"]
    name = t("scenarios.brief_name", lang)
    sure = how_sure_summary(current.scenario, lang)
    left, right = st.columns(2)
    for column, fmt, mime in ((left, "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
                              (right, "pdf", "application/pdf")):
        column.download_button(t(f"scenarios.download_brief_{fmt}", lang),
                               data=partial(_brief, current, default, fmt, lang, name, sure),
                               file_name=f"quang_ngai_brief.{fmt}", mime=mime, key=f"download_brief_{fmt}",
                               on_click="ignore", width="stretch")


def _brief(current: RunResult, default: RunResult, fmt: str, lang: str, name: str, sure: dict | None) -> bytes:
    return brief_bytes(current, default, fmt, lang, reaches=reach(current.scenario), how_sure=sure, name=name)

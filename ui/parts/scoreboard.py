"""The goal scoreboard: every 2025 and 2030 goal with value, band, status and distance."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd
import streamlit as st

from model.catalogue.targets import SETS, load_targets, sets_by_year
from model.report.brief.answer import why_lines
from model.report.charts.data import bound_text
from model.report.i18n import digits_for, format_number, status_word
from model.run.goals import TargetResult, count_met
from ui.text import t, unit

#: Goal sets shown per target year.
YEAR_SETS = sets_by_year()
STATUS_STYLE = {
    "met": "background-color: #d8f0dd; color: #14532d; font-weight: 600",
    "near": "background-color: #fdf0c8; color: #6b4f00; font-weight: 600",
    "missed": "background-color: #f9d9d9; color: #7f1d1d; font-weight: 600",
}
STATUS_MARK = {"met": "●", "near": "◐", "missed": "○"}


def band_text(result: TargetResult, lang: str) -> str:
    """The goal's band, e.g. ``8,0–9,0 %/năm`` or ``≥ 30,0 % GRDP``."""
    target = result.target
    return f"{bound_text(target, lang, digits_for(target.unit))} {unit(target.unit, lang)}"


def number(value: float, lang: str, digits: int) -> str:
    """A number in ``lang``, without a minus sign on a value that rounds to zero."""
    return format_number(0.0 if round(value, digits) == 0 else value, lang, digits)


def signed(value: float, lang: str, digits: int) -> str:
    """A signed number (``+1,2``, ``−0,5``)."""
    text = format_number(abs(value), lang, digits)
    return text if text == "–" else ("+" if value >= 0 else "−") + text


def status_text(status: str, lang: str) -> str:
    """Status mark and word, e.g. ``● đạt``."""
    return f"{STATUS_MARK[status]}\u00a0{status_word(status, lang)}".replace(" ", "\u00a0")


def frame(results: Sequence[TargetResult], baseline: Sequence[TargetResult], lang: str) -> pd.DataFrame:
    """Display table: goal (its name carries the period), simulated, baseline, band, status, distance."""
    base = {r.target.id: r for r in baseline}
    rows = []
    for r in results:
        digits = digits_for(r.target.unit)
        rows.append({
            t("scoreboard.col_goal", lang): r.target.name(lang),
            t("scoreboard.col_value", lang): number(r.value, lang, digits),
            t("scoreboard.col_baseline", lang): number(base[r.target.id].value, lang, digits),
            t("scoreboard.col_band", lang): band_text(r, lang),
            t("scoreboard.col_status", lang): status_text(r.status, lang),
            t("scoreboard.col_distance", lang): signed(r.distance, lang, digits),
        })
    return pd.DataFrame(rows)


def styled(table: pd.DataFrame, statuses: Sequence[str], lang: str):
    """The table with its status cells coloured."""
    column = t("scoreboard.col_status", lang)
    styles = pd.DataFrame("", index=table.index, columns=table.columns)
    styles[column] = [STATUS_STYLE[s] for s in statuses]
    return table.style.apply(lambda _: styles, axis=None)


def summary(results: Sequence[TargetResult], lang: str) -> str:
    """One line, e.g. "2025: 9/14 Nghị quyết targets met; related 1/2; 2030: 3/9"."""
    parts = []
    for goal_set in SETS:
        met, total = count_met(list(results), goal_set)
        parts.append(t(f"scoreboard.summary_{goal_set}", lang, met=met, total=total))
    return " · ".join(parts)


def render(results: Sequence[TargetResult], baseline: Sequence[TargetResult], lang: str) -> None:
    """Draw the scoreboard: one table per target year with a one-line summary each."""
    st.subheader(t("scoreboard.title", lang))
    st.caption(t("scoreboard.caption", lang))
    for year, sets in YEAR_SETS.items():
        chosen = [r for r in results if r.target.set in sets]
        met = sum(r.status == "met" for r in chosen)
        st.markdown(f"**{t('scoreboard.year_summary', lang, year=year, met=met, total=len(chosen))}**")
        table = frame(chosen, baseline, lang)
        with st.container(key=f"scoreboard_{year}"):
            st.table(styled(table, [r.status for r in chosen], lang), hide_index=True)


def why(explain: Callable[[], dict], lang: str) -> None:
    """The "why" of any goal: each changed setting's part of its difference from the 2020 stance.

    Parameters
    ----------
    explain : callable
        Returns goal id -> :class:`model.analysis.contributions.Breakdown`
        (called only once a goal is chosen, so that slider moves stay fast).
    lang : str
        "vi" or "en".

    """
    targets = {x.id: x for x in load_targets()}
    with st.container(key="why"):
        st.markdown(f"**{t('scoreboard.why_title', lang)}**")
        chosen = st.selectbox(t("scoreboard.why_pick", lang), list(targets), key="why_goal", index=None,
                              format_func=lambda k: targets[k].name(lang),
                              placeholder=t("scoreboard.why_placeholder", lang))
        if chosen is None:  # the breakdown's runs are made only when a goal is chosen
            return
        lines = why_lines(explain()[chosen], lang)
        st.markdown(lines[0] + "\n\n" + "\n".join(f"- {line}" for line in lines[1:]))
        st.caption(t("scoreboard.why_note", lang))

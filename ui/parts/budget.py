"""The budget flag: the provincial cost of a mix against the budget envelope.

``render_budget_flag(result, lang)`` takes any run result with an annual
``table`` (a :class:`model.run.result.RunResult`).
"""

from __future__ import annotations

import streamlit as st

from model.analysis.budget import evaluate as evaluate_budget
from model.report.budget import FULLY_DELIVERED, year_span
from model.report.charts.costs import budget_chart
from model.report.i18n import format_number
from ui.text import t


def flag_text(check, lang: str) -> str:
    """One sentence: over the envelope (years, peak, total) or within it."""
    def num(value: float) -> str:
        return format_number(value, lang, 0)

    if check.over:
        peak, peak_year = check.peak
        return t("budget.over", lang, n=len(check.over_years), years=year_span(check.over_years), peak=num(peak),
                 peak_year=peak_year, excess=num(check.total_excess))
    return t("budget.within", lang, first=check.first_year, last=check.last_year, cost=num(check.provincial),
             envelope=num(check.envelope_total))


def render_budget_flag(result, lang: str, chart: bool = True) -> None:
    """Draw the budget flag (red when over the envelope), the totals by payer and the yearly chart.

    Parameters
    ----------
    result : object with ``table``
        Annual indicator table of a run (with the cost columns).
    lang : str
        "vi" or "en".
    chart : bool
        Also draw the yearly chart (in an expander).

    """
    check = evaluate_budget(result.table)
    with st.container(key="budget_flag"):
        st.subheader(t("budget.title", lang))
        (st.error if check.over else st.success)(flag_text(check, lang))
        if check.lowest_delivered < FULLY_DELIVERED:
            year = check.first_year + check.delivered.index(min(check.delivered))
            st.warning(t("budget.cut", lang, pct=format_number(check.lowest_delivered, lang, 0), year=year))
        years = {"first": check.first_year, "last": check.last_year}
        columns = st.columns(4)
        figures = (("metric_provincial", check.provincial), ("metric_public", check.public),
                   ("metric_private", check.private), ("metric_envelope", check.envelope_total))
        for column, (key, value) in zip(columns, figures, strict=True):
            amount = f"{format_number(value, lang, 0)} {t('budget.unit', lang)}"
            column.metric(t(f"budget.{key}", lang, **years), amount)
        if chart:
            with st.expander(t("budget.details", lang)):
                st.vega_lite_chart(budget_chart(result.table, lang, t("budget.chart_title", lang)), width="stretch")
                st.caption(t("budget.note", lang))

"""The budget line of a report: the cost by payer and whether it stays within the envelope."""

from __future__ import annotations

from model.analysis.budget import BudgetCheck
from model.report.i18n import format_number
from model.report.text import t


def year_span(years: tuple[int, ...]) -> str:
    """``(2021, 2022, 2023, 2027)`` -> ``"2021-2023, 2027"``."""
    runs: list[list[int]] = []
    for year in years:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)


def budget_text(check: BudgetCheck, lang: str = "vi") -> str:
    """One line: the cost by payer and whether it stays within the envelope."""
    def num(value: float) -> str:
        return format_number(value, lang, 0)

    head = t("budget.head", lang, first=check.first_year, last=check.last_year)
    costs = t("budget.costs", lang, prov=num(check.provincial), central=num(check.central), private=num(check.private))
    if check.over:
        peak, peak_year = check.peak
        verdict = t("budget.over", lang, env=num(check.envelope_total), per_year=num(check.envelope),
                    n=len(check.over_years), years=year_span(check.over_years),
                    peak=num(peak), peak_year=peak_year, excess=num(check.total_excess))
    else:
        verdict = t("budget.within", lang, env=num(check.envelope_total), per_year=num(check.envelope))
    return f"{head}: {costs}; {verdict}{_cut(check, lang)}."


#: Below this share of the planned programme (percent) a run says the envelope binds.
FULLY_DELIVERED = 99.95


def _cut(check: BudgetCheck, lang: str) -> str:
    """``; the envelope binds: only x% ...`` when the programme was cut back, else ``""``."""
    if check.lowest_delivered >= FULLY_DELIVERED:
        return ""
    year = check.first_year + check.delivered.index(min(check.delivered))
    return "; " + t("budget.cut", lang, pct=format_number(check.lowest_delivered, lang, 0), year=year)

"""Text and JSON of contribution breakdowns and latest start years."""

from __future__ import annotations

from model.analysis.contributions import Breakdown
from model.analysis.goalseek import LatestStartReport
from model.catalogue.levers import levers_by_id
from model.report.i18n import digits_for, format_number, format_setting
from model.report.scoreboard import text_table
from model.report.text import t


def setting_name(setting: str, lang: str) -> str:
    """Label of a lever or assumption."""
    return levers_by_id()[setting].name(lang)


def breakdown_text(result: Breakdown, lang: str = "vi", seed: int = 1) -> str:
    """The gap, each setting's share and effect alone, the interaction remainder and the method."""
    unit = result.measure.unit
    digits = max(2, digits_for(unit))

    def num(value: float) -> str:
        return format_number(value, lang, digits)

    blocks = [t("contributions.gap", lang, measure=result.measure.label(lang), base=num(result.base),
                scenario=num(result.scenario), gap=num(result.gap), unit=unit)]
    if not result.contributions:
        return "\n\n".join([*blocks, t("contributions.none", lang)])
    rows = [[t(f"contributions.col_{c}", lang) for c in ("setting", "base", "scenario", "shapley", "alone")]]
    for c in result.contributions:
        rows.append([setting_name(c.setting, lang), format_setting(c.setting, c.base_value, lang),
                     format_setting(c.setting, c.scenario_value, lang), num(c.shapley), num(c.alone)])
    blocks += [text_table(rows), t("contributions.interaction", lang, value=num(result.interaction))]
    method = t(f"contributions.{result.method}", lang, k=len(result.contributions), runs=result.runs,
               orders=result.orders, seed=seed)
    return "\n\n".join([*blocks, method])


def breakdown_payload(result: Breakdown) -> dict:
    """JSON-ready record of a breakdown."""
    measure = result.measure
    return {
        "target": measure.target.id if measure.target else None,
        "indicator": measure.indicator or None, "year": measure.year or None, "unit": measure.unit,
        "base": result.base, "scenario": result.scenario, "gap": result.gap, "interaction": result.interaction,
        "method": result.method, "orders": result.orders, "runs": result.runs,
        "contributions": [c.__dict__ for c in result.contributions],
    }


def latest_start_text(report: LatestStartReport, lang: str = "vi") -> str:
    """Each lever's contribution and latest start year for the goal."""
    target = report.target
    digits = max(2, digits_for(target.unit))
    head = t("contributions.ls_head", lang, target=target.name(lang), period=target.period,
             value=format_number(report.mix_value, lang, digits), unit=target.unit)
    rows = [[t(f"contributions.ls_col_{c}", lang) for c in ("lever", "value", "contribution", "latest")]]
    for e in report.entries:
        verdict = t(f"contributions.status_{e.status}", lang, year=e.year)
        rows.append([setting_name(e.lever, lang), format_setting(e.lever, e.value, lang),
                     format_number(e.contribution, lang, digits), verdict])
    return "\n\n".join([head, text_table(rows) if len(rows) > 1 else t("contributions.none", lang),
                        t("contributions.ls_note", lang)])


def latest_start_payload(report: LatestStartReport) -> dict:
    """JSON-ready record of the latest start years."""
    return {
        "target": report.target.id, "mix_value": report.mix_value, "unit": report.target.unit, "runs": report.runs,
        "levers": [{"lever": e.lever, "value": e.value, "contribution": e.contribution, "status": e.status,
                    "latest_start_year": e.year, "estimates": {str(y): v for y, v in e.estimates.items()}}
                   for e in report.entries],
    }

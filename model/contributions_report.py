"""Text and JSON of contribution breakdowns and latest start years."""

from __future__ import annotations

from model.analysis.contributions import Breakdown
from model.analysis.goalseek import LatestStartReport
from model.catalogue.levers import levers_by_id
from model.i18n import digits_for, format_number

WORDS = {
    "vi": {
        "gap": "{measure}: cơ sở {base}, kịch bản {scenario}, chênh lệch {gap} {unit}",
        "header": ("Giải pháp / giả định", "Cơ sở", "Kịch bản", "Phần đóng góp (Shapley)", "Tác động riêng"),
        "interaction": "Phần tương tác (chênh lệch trừ tổng tác động riêng): {value}",
        "exact": "Giá trị Shapley chính xác trên {k} thay đổi ({runs} lượt chạy).",
        "sampled": "Giá trị Shapley ước lượng từ {orders} thứ tự ngẫu nhiên (seed {seed}) trên {k} thay đổi "
                   "({runs} lượt chạy); tổng vẫn bằng đúng chênh lệch.",
        "none": "Kịch bản không khác cơ sở.",
        "ls_head": "{target} ({period}): tổ hợp đạt {value} {unit} khi mọi giải pháp bắt đầu từ 2021.",
        "ls_header": ("Giải pháp", "Mức", "Đóng góp", "Năm bắt đầu muộn nhất"),
        "latest": "{year}", "not_needed": "không cần cho chỉ tiêu này", "mix_misses": "tổ hợp chưa đạt chỉ tiêu",
        "ls_note": "Ước lượng cộng tính: khi lùi một giải pháp, đóng góp của các giải pháp khác coi như không đổi.",
    },
    "en": {
        "gap": "{measure}: base {base}, scenario {scenario}, gap {gap} {unit}",
        "header": ("Lever / assumption", "Base", "Scenario", "Share (Shapley)", "Alone"),
        "interaction": "Interaction remainder (gap less the sum of the effects alone): {value}",
        "exact": "Exact Shapley values over {k} changes ({runs} runs).",
        "sampled": "Shapley values estimated from {orders} random orders (seed {seed}) over {k} changes "
                   "({runs} runs); they still add up to the gap exactly.",
        "none": "The scenario does not differ from the base.",
        "ls_head": "{target} ({period}): the mix reaches {value} {unit} with every lever from 2021.",
        "ls_header": ("Lever", "Value", "Contribution", "Latest start year"),
        "latest": "{year}", "not_needed": "not needed for this goal", "mix_misses": "the mix misses the goal",
        "ls_note": "Additive estimate: delaying one lever leaves the other levers' contributions unchanged.",
    },
}


def _table(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(widths[i]) for i, c in enumerate(r)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def setting_name(setting: str, lang: str) -> str:
    """Label of a lever or assumption."""
    return levers_by_id()[setting].name(lang)


def format_setting(setting: str, value: float, lang: str) -> str:
    """A lever or assumption value as its slider shows it (years without separators)."""
    lever = levers_by_id()[setting]
    if lever.unit in ("year", "years"):
        return str(int(value))
    return format_number(value, lang, lever.decimals)


def breakdown_text(result: Breakdown, lang: str = "vi", seed: int = 1) -> str:
    """The gap, each setting's share and effect alone, the interaction remainder and the method."""
    words, unit = WORDS[lang], result.measure.unit
    digits = max(2, digits_for(unit))

    def num(value: float) -> str:
        return format_number(value, lang, digits)

    blocks = [words["gap"].format(measure=result.measure.label(lang), base=num(result.base),
                                  scenario=num(result.scenario), gap=num(result.gap), unit=unit)]
    if not result.contributions:
        return "\n\n".join([*blocks, words["none"]])
    rows = [list(words["header"])]
    for c in result.contributions:
        rows.append([setting_name(c.setting, lang), format_setting(c.setting, c.base_value, lang),
                     format_setting(c.setting, c.scenario_value, lang), num(c.shapley), num(c.alone)])
    blocks += [_table(rows), words["interaction"].format(value=num(result.interaction))]
    method = words[result.method].format(k=len(result.contributions), runs=result.runs, orders=result.orders, seed=seed)
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
    words, target = WORDS[lang], report.target
    digits = max(2, digits_for(target.unit))
    head = words["ls_head"].format(target=target.name(lang), period=target.period,
                                   value=format_number(report.mix_value, lang, digits), unit=target.unit)
    rows = [list(words["ls_header"])]
    for e in report.entries:
        verdict = words[e.status].format(year=e.year)
        rows.append([setting_name(e.lever, lang), format_setting(e.lever, e.value, lang),
                     format_number(e.contribution, lang, digits), verdict])
    return "\n\n".join([head, _table(rows) if len(rows) > 1 else WORDS[lang]["none"], words["ls_note"]])


def latest_start_payload(report: LatestStartReport) -> dict:
    """JSON-ready record of the latest start years."""
    return {
        "target": report.target.id, "mix_value": report.mix_value, "unit": report.target.unit, "runs": report.runs,
        "levers": [{"lever": e.lever, "value": e.value, "contribution": e.contribution, "status": e.status,
                    "latest_start_year": e.year, "estimates": {str(y): v for y, v in e.estimates.items()}}
                   for e in report.entries],
    }

"""Text and JSON reports of scenario results: scoreboards and comparisons."""

from __future__ import annotations

import json

from model.analysis.budget import budget_text
from model.analysis.budget import evaluate as evaluate_budget
from model.catalogue.targets import SETS
from model.i18n import digits_for, format_number, status_word
from model.run.goals import TargetResult, count_met
from model.run.result import RunResult

SET_TITLES = {
    "vi": {"resolution_2025": "Mục tiêu Nghị quyết đến 2025", "related_2025": "Chỉ tiêu liên quan 2025",
           "goal_2030": "Mục tiêu 2030 (tỉnh công nghiệp theo hướng hiện đại)"},
    "en": {"resolution_2025": "Resolution targets for 2025", "related_2025": "Related 2025 targets",
           "goal_2030": "2030 goals (modern-oriented industrial province)"},
}
HEADERS = {
    "vi": ("Chỉ tiêu", "Kỳ", "Mô phỏng", "Mục tiêu", "Đánh giá", "Chênh lệch"),
    "en": ("Target", "Period", "Simulated", "Goal", "Status", "Distance"),
}
SUMMARY = {
    "vi": "{met}/{total} chỉ tiêu đạt",
    "en": "{met} of {total} targets met",
}


def band(result: TargetResult, lang: str) -> str:
    """The goal's band as text, e.g. ``>= 8,0 (8,0-9,0)``."""
    target = result.target
    digits = digits_for(target.unit)
    lower = format_number(target.lower, lang, digits) if target.lower is not None else None
    upper = format_number(target.upper, lang, digits) if target.upper is not None else None
    if target.direction == "at_most":
        return f"<= {upper}"
    return f">= {lower}" + (f" ({lower}–{upper})" if upper else "")


def _table(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def scoreboard_text(result: RunResult, lang: str = "vi") -> str:
    """The goal scoreboard of one run, one block per goal set."""
    blocks = [f"{result.scenario.name}: {result.scenario.description}".rstrip(": ")]
    for goal_set in SETS:
        chosen = [r for r in result.targets if r.target.set == goal_set]
        met, total = count_met(result.targets, goal_set)
        rows = [list(HEADERS[lang])]
        for r in chosen:
            digits = digits_for(r.target.unit)
            rows.append([
                r.target.name(lang), r.target.period,
                f"{format_number(r.value, lang, digits)} {r.target.unit}", band(r, lang),
                status_word(r.status, lang), format_number(r.distance, lang, digits),
            ])
        title = SET_TITLES[lang][goal_set] + " — " + SUMMARY[lang].format(met=met, total=total)
        blocks.append(title + "\n" + _table(rows))
    blocks.append(budget_text(evaluate_budget(result.table), lang))
    return "\n\n".join(blocks)


def scoreboard_json(result: RunResult) -> str:
    """``{"scenario": name, "targets": [...], "budget": {...}}`` as JSON text."""
    payload = {
        "scenario": result.scenario.name,
        "description": result.scenario.description,
        "targets": [r.as_dict() for r in result.targets],
        "budget": evaluate_budget(result.table).as_dict(),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2, allow_nan=False, default=_nan_to_none)


def _nan_to_none(value):
    return None


KEY_INDICATORS = ("grdp", "industry_va", "manufacturing_va", "industry_share", "manufacturing_share",
                  "fabrication_share", "hitech_share", "nonagri_labour_share", "ind_productivity",
                  "grdp_per_capita_usd")


def compare_text(results: list[RunResult], lang: str = "vi", years: tuple[int, ...] = (2025, 2030)) -> str:
    """Scoreboards side by side and the key indicators' differences from the first scenario."""
    names = [r.scenario.name for r in results]
    rows = [[HEADERS[lang][0], HEADERS[lang][1], HEADERS[lang][3]] + names]
    for i, first in enumerate(results[0].targets):
        digits = digits_for(first.target.unit)
        cells = [f"{format_number(r.targets[i].value, lang, digits)} ({status_word(r.targets[i].status, lang)})"
                 for r in results]
        rows.append([first.target.name(lang), first.target.period, band(first, lang)] + cells)
    summary = [SUMMARY[lang].format(met=count_met(r.targets, "resolution_2025")[0],
                                    total=count_met(r.targets, "resolution_2025")[1]) for r in results]
    rows.append(["", "", ""] + summary)
    blocks = [_table(rows)]
    diff_rows = [["indicator", "year", names[0]] + [f"{n} - {names[0]}" for n in names[1:]]]
    for ind in KEY_INDICATORS:
        for year in years:
            base = _value(results[0], ind, year)
            cells = [format_number(_value(r, ind, year) - base, lang, 1) for r in results[1:]]
            diff_rows.append([ind, str(year), format_number(base, lang, 1)] + cells)
    blocks.append(_table(diff_rows))
    return "\n\n".join(blocks)


def _value(result: RunResult, indicator: str, year: int) -> float:
    table = result.table
    return float(table.loc[table["year"] == year, indicator].iloc[0])

"""Text and JSON reports of scenario results: scoreboards and comparisons."""

from __future__ import annotations

import json
import math

from model.analysis.budget import evaluate as evaluate_budget
from model.catalogue.targets import GOAL_YEARS, HEADLINE_SET, SETS
from model.report.budget import budget_text
from model.report.i18n import digits_for, format_number, status_word
from model.report.text import t, unit_label
from model.run.goals import TargetResult, count_met
from model.run.result import RunResult

#: Columns of a scoreboard (strings ``scoreboard.col_<name>``).
COLUMNS = ("target", "period", "simulated", "goal", "status", "distance")


def headers(lang: str, columns: tuple[str, ...] = COLUMNS) -> list[str]:
    """Column headers in ``lang``."""
    return [t(f"scoreboard.col_{name}", lang) for name in columns]


def summary(results, goal_set: str, lang: str) -> str:
    """``"9/14 chỉ tiêu đạt"``: goals of ``goal_set`` met."""
    met, total = count_met(results, goal_set)
    return t("scoreboard.summary", lang, met=met, total=total)


def band(result: TargetResult, lang: str) -> str:
    """The goal's band as text, e.g. ``>= 8,0 (8,0-9,0)``."""
    target = result.target
    digits = digits_for(target.unit)
    lower = format_number(target.lower, lang, digits) if target.lower is not None else None
    upper = format_number(target.upper, lang, digits) if target.upper is not None else None
    if target.direction == "at_most":
        return f"<= {upper}"
    return f">= {lower}" + (f" ({lower}–{upper})" if upper else "")


def text_table(rows: list[list[str]]) -> str:
    """Rows as aligned text columns, a dashed line under the first (the header)."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def scoreboard_text(result: RunResult, lang: str = "vi") -> str:
    """The goal scoreboard of one run, one block per goal set."""
    blocks = [f"{result.scenario.name}: {result.scenario.description}".rstrip(": ")]
    for goal_set in SETS:
        chosen = [r for r in result.targets if r.target.set == goal_set]
        rows = [headers(lang)]
        for r in chosen:
            digits = digits_for(r.target.unit)
            rows.append([
                r.target.name(lang), r.target.period,
                f"{format_number(r.value, lang, digits)} {unit_label(r.target.unit, lang)}", band(r, lang),
                status_word(r.status, lang), format_number(r.distance, lang, digits),
            ])
        title = t(f"scoreboard.set_{goal_set}", lang) + " — " + summary(result.targets, goal_set, lang)
        blocks.append(title + "\n" + text_table(rows))
    blocks.append(budget_text(evaluate_budget(result.table), lang))
    return "\n\n".join(blocks)


def scoreboard_json(result: RunResult) -> str:
    """``{"scenario": name, "targets": [...], "budget": {...}}`` as JSON text (null for a value not a number)."""
    payload = {
        "scenario": result.scenario.name,
        "description": result.scenario.description,
        "targets": [r.as_dict() for r in result.targets],
        "budget": evaluate_budget(result.table).as_dict(),
    }
    return json.dumps(_finite(payload), ensure_ascii=False, indent=2, allow_nan=False)


def _finite(value):
    """``value`` with every NaN or infinite number (a goal that could not be judged) as ``None`` (JSON null)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(item) for item in value]
    return value


KEY_INDICATORS = ("grdp", "industry_va", "manufacturing_va", "industry_share", "manufacturing_share",
                  "fabrication_share", "hitech_share", "nonagri_labour_share", "ind_productivity",
                  "grdp_per_capita_usd")


def compare_text(results: list[RunResult], lang: str = "vi", years: tuple[int, ...] = GOAL_YEARS) -> str:
    """Scoreboards side by side and the key indicators' differences from the first scenario."""
    names = [r.scenario.name for r in results]
    rows = [headers(lang, ("target", "period", "goal")) + names]
    for i, first in enumerate(results[0].targets):
        digits = digits_for(first.target.unit)
        cells = [f"{format_number(r.targets[i].value, lang, digits)} ({status_word(r.targets[i].status, lang)})"
                 for r in results]
        rows.append([first.target.name(lang), first.target.period, band(first, lang)] + cells)
    rows.append(["", "", ""] + [summary(r.targets, HEADLINE_SET, lang) for r in results])
    blocks = [text_table(rows)]
    diff_rows = [["indicator", "year", names[0]] + [f"{n} - {names[0]}" for n in names[1:]]]
    for ind in KEY_INDICATORS:
        for year in years:
            base = _value(results[0], ind, year)
            cells = [format_number(_value(r, ind, year) - base, lang, 1) for r in results[1:]]
            diff_rows.append([ind, str(year), format_number(base, lang, 1)] + cells)
    blocks.append(text_table(diff_rows))
    return "\n\n".join(blocks)


def _value(result: RunResult, indicator: str, year: int) -> float:
    table = result.table
    return float(table.loc[table["year"] == year, indicator].iloc[0])

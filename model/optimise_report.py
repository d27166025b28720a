"""Text and JSON reports of a goal search (see :mod:`model.analysis.optimise.search`)."""

from __future__ import annotations

import json

import numpy as np

from model.analysis.budget import budget_text
from model.analysis.optimise.problem import OBJECTIVES
from model.analysis.optimise.search import OptimiseOutcome
from model.catalogue.calendar import POLICY_START
from model.catalogue.costs import costs_by_lever
from model.catalogue.levers import levers_by_id
from model.contributions_report import format_setting
from model.i18n import digits_for, format_number
from model.report import band

WORDS = {
    "vi": {
        "feasible": "Tổ hợp rẻ nhất tìm được đạt cả {n} chỉ tiêu đã chọn.",
        "closest": ("Không tìm được tổ hợp đạt cả {n} chỉ tiêu đã chọn. Tổ hợp gần nhất đạt {met}/{n} chỉ tiêu "
                    "(rẻ nhất trong các tổ hợp đạt nhiều chỉ tiêu nhất)."),
        "objective": {"cost": "Chi phí ngân sách tỉnh {first}-{last}",
                      "public": "Chi phí ngân sách nhà nước {first}-{last}"},
        "unit": "tỷ đồng, giá 2010 (so với mức năm 2020)",
        "header": ("Giải pháp", "Mức 2020", "Tổ hợp", "Chi phí {first}-{last}, mọi nguồn"),
        "gaps": "Chỉ tiêu chưa đạt",
        "gap_line": ("{name} ({period}): {value} so với {band}, thiếu {gap}; "
                     "mức tốt nhất mọi tổ hợp đã thử đạt: {reach}"),
        "search": ("Tìm kiếm: {levers} giải pháp, {runs} lượt chạy ({engine}), {steps} bước, {seconds} giây, "
                   "seed {seed}."),
        "unchanged": "(không giải pháp nào thay đổi so với mức năm 2020)",
    },
    "en": {
        "feasible": "The cheapest mix found meets all {n} chosen goals.",
        "closest": ("No mix found meets all {n} chosen goals. The closest mix meets {met} of {n} "
                    "(the cheapest of the mixes that meet the most)."),
        "objective": {"cost": "Provincial budget cost {first}-{last}", "public": "Public cost {first}-{last}"},
        "unit": "bn VND, 2010 prices (above the 2020 stance)",
        "header": ("Lever", "2020 stance", "Mix", "Cost {first}-{last}, all payers"),
        "gaps": "Goals still missed",
        "gap_line": "{name} ({period}): {value} against {band}, short by {gap}; best any searched mix reached: {reach}",
        "search": "Search: {levers} levers, {runs} runs ({engine}), {steps} steps, {seconds} s, seed {seed}.",
        "unchanged": "(no lever differs from the 2020 stance)",
    },
}


def lever_costs(outcome: OptimiseOutcome) -> dict[str, float]:
    """Lever id -> its cost summed over 2021..horizon (mid-year values, bn VND), all payers."""
    table = outcome.result.table
    rows = table[(table["year"] >= POLICY_START) & (table["year"] <= outcome.problem.horizon)]
    return {lever: float(rows[cost.indicator].sum()) for lever, cost in costs_by_lever().items()}


def _table(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(widths[i]) for i, c in enumerate(r)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def optimise_text(outcome: OptimiseOutcome, lang: str = "vi") -> str:
    """The mix, its cost, the goals it misses, the budget line and the search figures."""
    words, problem = WORDS[lang], outcome.problem
    n, gaps = len(problem.targets), outcome.gaps
    blocks = [words["feasible"].format(n=n) if outcome.feasible
              else words["closest"].format(n=n, met=n - len(gaps))]
    objective = words["objective"][problem.objective].format(first=POLICY_START, last=problem.horizon)
    blocks.append(f"{objective}: {format_number(outcome.cost, lang, 0)} {words['unit']}")
    costs, catalogue = lever_costs(outcome), levers_by_id()
    header = [h.format(first=POLICY_START, last=problem.horizon) for h in words["header"]]
    rows = [header]
    for lever_id, value in outcome.scenario.levers.items():
        lever = catalogue[lever_id]
        if value != lever.default:
            rows.append([lever.name(lang), f"{format_setting(lever_id, lever.default, lang)} {lever.unit}",
                         format_setting(lever_id, value, lang), format_number(costs[lever_id], lang, 0)])
    blocks.append(_table(rows) if len(rows) > 1 else words["unchanged"])
    if gaps:
        lines = [words["gaps"] + ":"]
        for r in gaps:
            digits = digits_for(r.target.unit)
            lines.append("  " + words["gap_line"].format(
                name=r.target.name(lang), period=r.target.period,
                value=f"{format_number(r.value, lang, digits)} {r.target.unit}", band=band(r, lang),
                gap=format_number(-r.distance, lang, digits),
                reach=format_number(outcome.reach.get(r.target.id, np.nan), lang, digits)))
        blocks.append("\n".join(lines))
    blocks.append(budget_text(outcome.budget, lang))
    blocks.append(words["search"].format(
        levers=len(problem.ranges), runs=format_number(outcome.evaluations, lang, 0), engine=outcome.engine,
        steps=outcome.generations, seconds=format_number(outcome.seconds, lang, 1), seed=outcome.seed))
    return "\n\n".join(blocks)


def optimise_payload(outcome: OptimiseOutcome, written: str | None = None) -> dict:
    """JSON-ready record of the search and its result."""
    problem = outcome.problem

    def clean(value: float) -> float | None:
        return float(value) if np.isfinite(value) else None

    return {
        "feasible": outcome.feasible,
        "targets": [t.id for t in problem.targets],
        "objective": problem.objective,
        "objective_indicator": OBJECTIVES[problem.objective],
        "cost": outcome.cost,
        "cost_years": [POLICY_START, problem.horizon],
        "unit": "bn VND (2010 prices)",
        "levers_searched": [r.lever.id for r in problem.ranges],
        "mix": outcome.mix(),
        "lever_costs": lever_costs(outcome),
        "scoreboard": [r.as_dict() for r in outcome.chosen],
        "gaps": [r.as_dict() for r in outcome.gaps],
        "reach": {k: clean(v) for k, v in outcome.reach.items()},
        "budget": outcome.budget.as_dict(),
        "search": {"evaluations": outcome.evaluations, "steps": outcome.generations,
                   "seconds": outcome.seconds, "engine": outcome.engine, "seed": outcome.seed},
        "scenario_file": written,
    }


def optimise_json(outcome: OptimiseOutcome, written: str | None = None) -> str:
    """:func:`optimise_payload` as JSON text."""
    return json.dumps(optimise_payload(outcome, written), ensure_ascii=False, indent=2, allow_nan=False,
                      default=lambda value: None)

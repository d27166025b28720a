"""Text and JSON reports of a goal search (see :mod:`model.analysis.optimise.search`)."""

from __future__ import annotations

import json

import numpy as np

from model.analysis.optimise.problem import OBJECTIVES
from model.analysis.optimise.search import OptimiseOutcome
from model.catalogue.calendar import POLICY_START
from model.catalogue.costs import costs_by_lever
from model.catalogue.levers import levers_by_id
from model.report.budget import budget_text
from model.report.i18n import digits_for, format_number, format_setting, setting_text
from model.report.scoreboard import band, text_table
from model.report.text import t, unit_label


def lever_costs(outcome: OptimiseOutcome) -> dict[str, float]:
    """Lever id -> its cost summed over 2021..horizon (mid-year values, bn VND), all payers."""
    table = outcome.result.table
    rows = table[(table["year"] >= POLICY_START) & (table["year"] <= outcome.problem.horizon)]
    return {lever: float(rows[cost.indicator].sum()) for lever, cost in costs_by_lever().items()}


def optimise_text(outcome: OptimiseOutcome, lang: str = "vi") -> str:
    """The mix, its cost, the goals it misses, the budget line and the search figures."""
    problem = outcome.problem
    n, gaps = len(problem.targets), outcome.gaps
    blocks = [t("optimise.feasible", lang, n=n) if outcome.feasible
              else t("optimise.closest", lang, n=n, met=n - len(gaps))]
    years = {"first": POLICY_START, "last": problem.horizon}
    objective = t(f"optimise.objective_{problem.objective}", lang, **years)
    blocks.append(f"{objective}: {format_number(outcome.cost, lang, 0)} {t('optimise.unit', lang)}")
    costs, catalogue = lever_costs(outcome), levers_by_id()
    rows = [[t(f"optimise.col_{c}", lang, **years) for c in ("lever", "stance", "mix", "cost")]]
    for lever_id, value in outcome.scenario.levers.items():
        lever = catalogue[lever_id]
        if value != lever.default:
            rows.append([lever.name(lang), setting_text(lever_id, lever.default, lang),
                         format_setting(lever_id, value, lang), format_number(costs[lever_id], lang, 0)])
    blocks.append(text_table(rows) if len(rows) > 1 else t("optimise.unchanged", lang))
    if gaps:
        lines = [t("optimise.gaps", lang) + ":"]
        for r in gaps:
            digits = digits_for(r.target.unit)
            lines.append("  " + t(
                "optimise.gap_line", lang, name=r.target.name(lang), period=r.target.period,
                value=f"{format_number(r.value, lang, digits)} {unit_label(r.target.unit, lang)}", band=band(r, lang),
                gap=format_number(-r.distance, lang, digits),
                reach=format_number(outcome.reach.get(r.target.id, np.nan), lang, digits)))
        blocks.append("\n".join(lines))
    blocks.append(budget_text(outcome.budget, lang))
    blocks.append(t(
        "optimise.search", lang, levers=len(problem.ranges), runs=format_number(outcome.evaluations, lang, 0),
        engine=outcome.engine, steps=outcome.generations, seconds=format_number(outcome.seconds, lang, 1),
        seed=outcome.seed))
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

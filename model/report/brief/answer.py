"""The leader's answer: the verdict per goal year, the missed goals and why each goal moved.

Everything is computed from runs: the verdict counts the goals whose status is
met; a missed goal names the lever that, pushed alone to the end of its range,
closes most of its gap (:func:`model.analysis.contributions.lever_reach`); the
"why" of a goal splits the difference from the 2020 stance among the changed
settings (:func:`model.analysis.contributions.breakdowns`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from model.analysis.contributions import Breakdown, Measure, Reach, breakdowns, lever_reach
from model.catalogue.costs import costs_by_lever
from model.catalogue.levers import levers_by_id
from model.catalogue.targets import GOAL_SETS, load_targets
from model.report.i18n import digits_for, format_number, format_setting, setting_text
from model.report.text import t, unit_label
from model.run.goals import TargetResult
from model.run.scenario import Scenario, baseline

#: Random orders for the "why" breakdown when many settings changed.
WHY_ORDERS = 32


def number(value: float, lang: str, digits: int) -> str:
    """A number in ``lang``, without a minus sign on a value that rounds to zero."""
    return format_number(0.0 if round(value, digits) == 0 else value, lang, digits)


def signed(value: float, lang: str, digits: int) -> str:
    """A signed number (``+1,2``, ``−0,5``; ``0,0`` when it rounds to zero)."""
    text = format_number(abs(value), lang, digits)
    if round(value, digits) == 0:
        return text
    return ("+" if value > 0 else "−") + text


@dataclass(frozen=True)
class Verdict:
    """Goals met in one goal set.

    Attributes
    ----------
    goal_set : str
        Goal set id (``model.catalogue.targets.SETS``).
    year : int
        Its goal year.
    met, total : int
        Goals met in the mix, goals in the set.
    base_met : int
        Goals met at the 2020 stance.

    """

    goal_set: str
    year: int
    met: int
    total: int
    base_met: int


def verdicts(results: Sequence[TargetResult], base: Sequence[TargetResult]) -> list[Verdict]:
    """One verdict per goal set, in :data:`GOAL_SETS` order."""
    out = []
    for goal_set in GOAL_SETS:
        mine = [r for r in results if r.target.set == goal_set.id]
        theirs = [r for r in base if r.target.set == goal_set.id]
        out.append(Verdict(goal_set.id, goal_set.year, sum(r.status == "met" for r in mine), len(mine),
                           sum(r.status == "met" for r in theirs)))
    return out


def verdict_text(verdict: Verdict, lang: str) -> str:
    """E.g. ``8/14 chỉ tiêu của Nghị quyết đạt``."""
    return t(f"brief.verdict_{verdict.goal_set}", lang, met=verdict.met, total=verdict.total)


def versus_text(verdict: Verdict, lang: str) -> str:
    """E.g. ``chính sách năm 2020: 6/14``."""
    return t("brief.verdict_versus", lang, met=verdict.base_met, total=verdict.total)


@dataclass(frozen=True)
class Miss:
    """A goal not met and the lever that closes most of its gap alone.

    Attributes
    ----------
    result : TargetResult
        The goal's outcome (status ``"near"`` or ``"missed"``).
    best : Reach or None
        The lever with the largest gain, if any lever helps.

    """

    result: TargetResult
    best: Reach | None

    @property
    def share(self) -> float:
        """Part of the gap the best lever closes, 0-1 (1 when it closes all of it)."""
        gap = -self.result.distance
        if self.best is None or gap <= 0:
            return 0.0
        return min(self.best.gain / gap, 1.0)


def reach(scenario: Scenario) -> dict[str, list[Reach]]:
    """Every goal's levers by gain when pushed alone to the end of their ranges (one batch of runs)."""
    directions = {lever: cost.direction for lever, cost in costs_by_lever().items()}
    return lever_reach(scenario, load_targets(), directions)


def misses(results: Sequence[TargetResult], reaches: dict[str, list[Reach]], year: int | None = None) -> list[Miss]:
    """The goals not met (of ``year``, if given), each with its best lever."""
    out = []
    for r in results:
        if r.status == "met" or (year is not None and r.target.year != year):
            continue
        helpful = [x for x in reaches.get(r.target.id, []) if x.gain > 0]
        out.append(Miss(r, helpful[0] if helpful else None))
    return out


def distance_text(result: TargetResult, lang: str) -> str:
    """How far a goal is short of its bound, e.g. ``thiếu 1,2 %/năm``."""
    digits = digits_for(result.target.unit)
    return t(f"brief.short_{'near' if result.status == 'near' else 'missed'}", lang,
             gap=number(abs(result.distance), lang, digits), unit=unit_label(result.target.unit, lang))


def lever_text(miss: Miss, lang: str) -> str:
    """The best lever for a missed goal, or that none helps."""
    if miss.best is None:
        return t("brief.no_lever", lang)
    share = t("brief.share_all", lang) if miss.share >= 1 else \
        t("brief.share_part", lang, percent=format_number(100 * miss.share, lang, 0))
    lever = levers_by_id()[miss.best.lever]
    return t("brief.best_lever", lang, lever=lever.name(lang), share=share,
             value=setting_text(lever.id, miss.best.value, lang))


def explain(scenario: Scenario, base: Scenario | None = None) -> dict[str, Breakdown]:
    """Goal id -> the split of its difference from ``base`` (the 2020 stance) among the changed settings."""
    targets = load_targets()
    found = breakdowns(base or baseline(), scenario, [Measure(target=x) for x in targets], orders=WHY_ORDERS)
    return {x.id: b for x, b in zip(targets, found, strict=True)}


def why_lines(result: Breakdown, lang: str, shown: int = 5) -> list[str]:
    """Plain sentences: the difference, then the largest parts (the rest together)."""
    unit = unit_label(result.measure.unit, lang)
    digits = max(1, digits_for(result.measure.unit))
    head = t("brief.why_head", lang, base=number(result.base, lang, digits),
             value=number(result.scenario, lang, digits), change=signed(result.gap, lang, digits), unit=unit)
    if not result.contributions:
        return [head, t("brief.why_none", lang)]
    lines = [head]
    parts = sorted(result.contributions, key=lambda c: -abs(c.shapley))
    for c in parts[:shown]:
        lines.append(t("brief.why_row", lang, setting=levers_by_id()[c.setting].name(lang),
                       from_value=format_setting(c.setting, c.base_value, lang),
                       to_value=setting_text(c.setting, c.scenario_value, lang),
                       change=signed(c.shapley, lang, digits), unit=unit))
    rest = sum(c.shapley for c in parts[shown:])
    if len(parts) > shown:
        lines.append(t("brief.why_rest", lang, change=signed(rest, lang, digits), unit=unit))
    return lines

"""Latest start years: how late each lever of a mix may start and the goal still be met.

The model switches every lever on in the global ``policy start year``. Delaying
one lever alone is done without changing the model: with every other setting
at its base value, a lever's contribution when it starts in year S is

    c(S) = value(base + lever, policy start S) - value(base, policy start S),

which cancels what else the start year moves in the model (the switch of the
external assumptions, the turnaround schedule, the goal accounting). The goal
value of the mix with that one lever delayed to S is estimated as

    value(mix) - (c(2021) - c(S)),

that is, additively: the other levers' contributions are taken as unchanged by
the delay (their interactions with it are neglected). For a lever that is
itself a year (the refinery expansion, DQ2), the sweep runs over the lever's
value from the mix's year to the end of its range instead.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from model.analysis.contributions import changed_settings
from model.catalogue.calendar import POLICY_START, POLICY_START_CONSTANT
from model.catalogue.levers import levers_by_id
from model.catalogue.targets import Target
from model.run.evaluate import BatchEvaluator, lever_params, target_values
from model.run.goals import judge
from model.run.scenario import Scenario

STATUSES = ("latest", "not_needed", "mix_misses")


@dataclass(frozen=True)
class LatestStart:
    """One lever's latest start for one goal.

    Attributes
    ----------
    lever : str
        Lever id.
    value : float
        Its value in the mix.
    contribution : float
        Its contribution to the goal when it starts in 2021 (or at the mix's
        year, for a year lever), in the goal's unit.
    status : str
        ``"latest"`` (``year`` is the latest start that still meets the goal),
        ``"not_needed"`` (the goal is met even without the lever) or
        ``"mix_misses"`` (the mix misses the goal even with every lever from 2021).
    year : int or None
        Latest start year (for ``"latest"``).
    estimates : dict
        Start year -> estimated goal value of the mix with this lever starting then.

    """

    lever: str
    value: float
    contribution: float
    status: str
    year: int | None
    estimates: dict


@dataclass(frozen=True)
class LatestStartReport:
    """Latest start years of a mix's levers for one goal.

    Attributes
    ----------
    target : Target
        The goal.
    mix_value : float
        The goal value of the mix with every lever from 2021.
    entries : tuple of LatestStart
        One per lever that differs from the base.
    runs : int
        Model runs used.

    """

    target: Target
    mix_value: float
    entries: tuple[LatestStart, ...]
    runs: int


def _is_year_lever(lever_id: str) -> bool:
    return levers_by_id()[lever_id].unit == "year"


def _sweep(lever_id: str, value: float, target: Target) -> list[tuple[int, dict]]:
    """(start year, settings) pairs of one lever's sweep (policy start year in settings as '_start')."""
    lever = levers_by_id()[lever_id]
    if _is_year_lever(lever_id):
        return [(year, {lever_id: float(year)}) for year in range(int(value), int(lever.max) + 1)]
    return [(year, {lever_id: value, "_start": float(year)}) for year in range(POLICY_START, target.year + 1)]


def latest_starts(base: Scenario, mix: Scenario, target: Target,
                  evaluator: BatchEvaluator | None = None) -> LatestStartReport:
    """Latest start year of each lever of ``mix`` (changed from ``base``) for ``target``.

    Parameters
    ----------
    base : Scenario
        Reference settings (usually the 2020 stance).
    mix : Scenario
        The policy mix.
    target : Target
        The goal.
    evaluator : BatchEvaluator, optional
        Runs the sweeps (one for ``base`` by default).

    """
    evaluator = evaluator or BatchEvaluator(base)
    catalogue = levers_by_id()
    levers = [k for k in changed_settings(base, mix) if catalogue[k].kind == "lever"]
    base_settings = base.settings()
    rows: list[tuple[str, int, dict]] = []
    for lever_id in levers:
        for year, settings in _sweep(lever_id, mix.settings()[lever_id], target):
            rows.append((lever_id, year, settings))
            if "_start" in settings:
                rows.append(("", year, {"_start": settings["_start"]}))
    rows.append(("", POLICY_START, {"_start": float(POLICY_START)}))
    values = _evaluate(evaluator, base_settings, rows, target)
    mix_value = float(target_values(evaluator_for(mix, evaluator).run({}), [target])[0, 0])
    reference = {year: v for (lever, year, _), v in zip(rows, values, strict=True) if lever == ""}
    entries = []
    for lever_id in levers:
        sweep = {year: v for (lever, year, _), v in zip(rows, values, strict=True) if lever == lever_id}
        entries.append(_entry(lever_id, mix.settings()[lever_id], sweep, reference, mix_value, target))
    return LatestStartReport(target, mix_value, tuple(entries), evaluator.runs)


def evaluator_for(scenario: Scenario, like: BatchEvaluator) -> BatchEvaluator:
    """An evaluator for ``scenario`` of the same kind as ``like``."""
    return type(like)(scenario)


def _evaluate(evaluator: BatchEvaluator, base_settings: dict, rows: list, target: Target) -> np.ndarray:
    """Goal values of every sweep row, in one batch."""
    ids = sorted({k for _, _, s in rows for k in s if k != "_start"})
    settings = {k: [s.get(k, base_settings[k]) for _, _, s in rows] for k in ids}
    params = lever_params(settings)
    params[POLICY_START_CONSTANT] = np.array([s.get("_start", POLICY_START) for _, _, s in rows], dtype=float)
    return target_values(evaluator.run(params), [target])[:, 0]


def _entry(lever_id: str, value: float, sweep: dict, reference: dict, mix_value: float,
           target: Target) -> LatestStart:
    """Judge the estimated goal value of the mix for each start of one lever."""
    if _is_year_lever(lever_id):
        first = int(value)
        contribution = {y: sweep[y] - sweep[int(levers_by_id()[lever_id].max)] for y in sweep}
        without = mix_value - contribution[first]
    else:
        first = POLICY_START
        contribution = {y: sweep[y] - reference[y] for y in sweep}
        without = mix_value - contribution[first]
    estimates = {y: mix_value - (contribution[first] - contribution[y]) for y in sweep}
    met = {y: judge(target, v)[0] == "met" for y, v in estimates.items()}
    if judge(target, mix_value)[0] != "met":
        status, year = "mix_misses", None
    elif judge(target, without)[0] == "met":
        status, year = "not_needed", None
    else:
        status = "latest"
        year = max(y for y in sorted(met) if all(met[z] for z in sorted(met) if z <= y))
    return LatestStart(lever_id, value, float(contribution[first]), status, year, estimates)

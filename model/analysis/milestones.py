"""Scalar milestones of a run, for sensitivity analysis.

A milestone turns the annual indicator arrays of many samples (indicator id ->
(N, years)) into one number per sample:

* a goal id from data/targets.toml: the value the goal compares (average
  growth over its period in %/yr, or the level in its year);
* an indicator id with a year: the indicator's value in that year;
* ``first_year:GOAL_ID``: the first year from the goal's first year (the year
  after its base year for growth goals, else 2021) to 2035 in which the goal's
  rule is met (average growth since the base year, or the level), and
  :data:`NEVER` (2036) if it is not met by 2035.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from model.base.names import did_you_mean
from model.catalogue.calendar import FIRST_YEAR, LAST_YEAR, POLICY_START
from model.catalogue.indicators import indicators_by_id
from model.catalogue.targets import Target, load_targets
from model.run.goals import met, target_values

#: Encodes "not met by 2035" for first-year milestones.
NEVER = LAST_YEAR + 1
FIRST_YEAR_PREFIX = "first_year:"


class MilestoneError(ValueError):
    """Unknown output id or bad year; the message names the closest valid name."""


@dataclass(frozen=True)
class Milestone:
    """One scalar output per sample.

    Attributes
    ----------
    id : str
        The output as given (goal id, indicator id or ``first_year:GOAL_ID``).
    label : str
        Human-readable description (English), with the year or period.
    unit : str
        Unit of the value.
    evaluate : callable
        Indicator arrays (id -> (N, years)) -> values, shape (N,).

    """

    id: str
    label: str
    unit: str
    evaluate: Callable[[dict], np.ndarray]


def first_year_met(target: Target, arrays: dict) -> np.ndarray:
    """First year each sample meets ``target``'s rule, or :data:`NEVER`."""
    start = target.start + 1 if target.rule == "avg_growth" else POLICY_START
    candidates = range(start, LAST_YEAR + 1)
    hits = np.stack([met(target, target_values(replace(target, year=y), arrays, FIRST_YEAR))
                     for y in candidates], axis=-1)
    first = np.where(hits.any(axis=-1), start + np.argmax(hits, axis=-1), NEVER)
    return first.astype(float)


def parse_output(output: str, year: int | None = None) -> Milestone:
    """The milestone named by ``--output`` (and ``--year`` for an indicator).

    Raises
    ------
    MilestoneError
        Unknown id (with the closest valid name), a year given for a goal, or a
        missing or out-of-range year for an indicator.

    """
    goals = {t.id: t for t in load_targets()}
    indicators = indicators_by_id()
    if output.startswith(FIRST_YEAR_PREFIX):
        goal_id = output[len(FIRST_YEAR_PREFIX):]
        if goal_id not in goals:
            hint = did_you_mean(goal_id, goals, cutoff=0.4)
            raise MilestoneError(f"--output {output}: unknown goal '{goal_id}'{hint}")
        target = goals[goal_id]
        return Milestone(output, f"first year {target.name_en.lower()} is met ({NEVER} = not by {LAST_YEAR})",
                         "year", lambda arrays: first_year_met(target, arrays))
    if output in goals:
        if year is not None:
            raise MilestoneError(f"--year {year}: goal '{output}' has its own year ({goals[output].period}); "
                                 "omit --year")
        target = goals[output]
        return Milestone(output, f"{target.name_en} [goal {output}]", target.unit,
                         lambda arrays: target_values(target, arrays, FIRST_YEAR))
    if output in indicators:
        if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
            raise MilestoneError(f"--year: indicator '{output}' needs --year between {FIRST_YEAR} and {LAST_YEAR}"
                                 + ("" if year is None else f", got {year}"))
        offset = year - FIRST_YEAR
        return Milestone(f"{output}@{year}", f"{indicators[output].name_en} ({year})", indicators[output].unit,
                         lambda arrays: np.asarray(arrays[output][:, offset], dtype=float))
    names = list(goals) + list(indicators)
    raise MilestoneError(f"--output {output}: not a goal or indicator id{did_you_mean(output, names, cutoff=0.4)}")

"""Contribution breakdown: each changed setting's share of the gap between two scenarios.

For a measure (a goal's value, or an indicator in a year), the gap between a
base scenario and a scenario is split among the settings (levers and
assumptions) that differ, by Shapley values: each setting's marginal effect
averaged over every order in which the settings could be switched from their
base to their scenario values. Shapley values add up to the gap exactly
(interactions are shared out). The breakdown also gives each setting's effect
alone (switched on its own) and the interaction remainder: the gap less the
sum of the effects alone.

Exact Shapley values need every subset of the k changed settings (2**k runs,
one batch); beyond ``max_exact`` settings they are estimated from seeded
random orders (each with its reverse), which still add up to the gap exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from math import factorial

import numpy as np

from model.catalogue.indicators import indicators_by_id
from model.catalogue.levers import levers_by_id
from model.catalogue.targets import Target
from model.run.evaluate import BatchEvaluator, at_year, lever_params, target_values
from model.run.goals import distances as goal_distances
from model.run.scenario import Scenario

MAX_EXACT = 10
PERMUTATIONS = 64


@dataclass(frozen=True)
class Measure:
    """What the breakdown explains: a goal's value or an indicator in a year.

    Attributes
    ----------
    target : Target or None
        The goal (its value as :mod:`model.catalogue.targets` computes it).
    indicator : str
        Indicator id (when no goal is given).
    year : int
        Calendar year of the indicator.

    """

    target: Target | None = None
    indicator: str = ""
    year: int = 0

    def values(self, annual: dict) -> np.ndarray:
        """The measure for each sample, shape (N,)."""
        if self.target is not None:
            return target_values(annual, [self.target])[:, 0]
        return at_year(annual, self.indicator, self.year)

    def label(self, lang: str) -> str:
        """Name and period."""
        if self.target is not None:
            return self.target.name(lang)  # the name carries the period or the year
        return f"{indicators_by_id()[self.indicator].name(lang)} ({self.year})"

    @property
    def unit(self) -> str:
        """Unit of the measure."""
        return self.target.unit if self.target is not None else indicators_by_id()[self.indicator].unit


@dataclass(frozen=True)
class Contribution:
    """One changed setting's part of the gap.

    Attributes
    ----------
    setting : str
        Lever or assumption id.
    base_value, scenario_value : float
        Its value in the base and in the scenario.
    shapley : float
        Its Shapley value (share of the gap), in the measure's unit.
    alone : float
        Its effect when switched alone.

    """

    setting: str
    base_value: float
    scenario_value: float
    shapley: float
    alone: float


@dataclass(frozen=True)
class Breakdown:
    """The gap between base and scenario on one measure, split by setting.

    Attributes
    ----------
    measure : Measure
        What is explained.
    base, scenario : float
        The measure in the base and in the scenario.
    contributions : tuple of Contribution
        Largest share first.
    method : str
        ``"exact"`` or ``"sampled"`` (random orders, with ``orders`` of them).
    orders : int
        Orders averaged (k! in effect for the exact method: reported as 0).
    runs : int
        Model runs used.

    """

    measure: Measure
    base: float
    scenario: float
    contributions: tuple[Contribution, ...]
    method: str
    orders: int
    runs: int

    @property
    def gap(self) -> float:
        """Scenario less base."""
        return self.scenario - self.base

    @property
    def interaction(self) -> float:
        """The gap less the sum of the effects alone."""
        return self.gap - sum(c.alone for c in self.contributions)


def changed_settings(base: Scenario, scenario: Scenario) -> list[str]:
    """Ids of the levers and assumptions whose values differ, in catalogue order."""
    mine, theirs = base.settings(), scenario.settings()
    return [key for key in theirs if theirs[key] != mine[key]]


def _run_subsets(evaluator: BatchEvaluator, measures: Sequence[Measure], base: Scenario, scenario: Scenario,
                 players: Sequence[str], masks: np.ndarray) -> np.ndarray:
    """Each measure for each subset (rows of a boolean mask, one column per player): shape (N, M)."""
    settings = {p: np.where(masks[:, i], scenario.settings()[p], base.settings()[p]) for i, p in enumerate(players)}
    annual = evaluator.run(lever_params(settings))
    return np.column_stack([measure.values(annual) for measure in measures])


def _exact(evaluator, measures, base, scenario, players) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    k = len(players)
    codes = np.arange(2 ** k)
    masks = ((codes[:, None] >> np.arange(k)) & 1).astype(bool)
    value = _run_subsets(evaluator, measures, base, scenario, players, masks)
    sizes = masks.sum(axis=1)
    weight = np.array([factorial(s) * factorial(k - s - 1) / factorial(k) if s < k else 0.0 for s in range(k + 1)])
    shapley = np.zeros((k, value.shape[1]))
    for i in range(k):
        without = ~masks[:, i]
        gain = value[codes[without] | (1 << i)] - value[without]
        shapley[i] = np.sum(weight[sizes[without]][:, None] * gain, axis=0)
    alone = value[1 << np.arange(k)] - value[0]
    return shapley, alone, value[0], value[-1]


def _orders(k: int, orders: int, seed: int) -> list[np.ndarray]:
    """Seeded random orders of the players, each followed by its reverse."""
    rng = np.random.default_rng(seed)
    perms = []
    for _ in range(max(1, orders // 2)):
        perm = rng.permutation(k)
        perms += [perm, perm[::-1]]
    return perms


def _sampled(evaluator, measures, base, scenario, players, orders: int, seed: int):
    k = len(players)
    perms = _orders(k, orders, seed)
    rows = [np.zeros(k, dtype=bool)]
    for perm in perms:
        mask = np.zeros(k, dtype=bool)
        for i in perm:
            mask = mask.copy()
            mask[i] = True
            rows.append(mask)
    rows += [np.eye(k, dtype=bool)[i] for i in range(k)]
    unique = list(dict.fromkeys(m.tobytes() for m in rows))
    values = _run_subsets(evaluator, measures, base, scenario, players,
                          np.array([np.frombuffer(u, dtype=bool) for u in unique]))
    value_of = dict(zip(unique, values, strict=True))
    shapley = np.zeros((k, values.shape[1]))
    for perm in perms:
        mask = np.zeros(k, dtype=bool)
        previous = value_of[mask.tobytes()]
        for i in perm:
            mask[i] = True
            current = value_of[mask.tobytes()]
            shapley[i] += current - previous
            previous = current
    empty = value_of[np.zeros(k, dtype=bool).tobytes()]
    alone = np.array([value_of[np.eye(k, dtype=bool)[i].tobytes()] - empty for i in range(k)])
    return shapley / len(perms), alone, empty, value_of[np.ones(k, dtype=bool).tobytes()], len(perms)


def breakdown(base: Scenario, scenario: Scenario, measure: Measure, max_exact: int = MAX_EXACT,
              orders: int = PERMUTATIONS, seed: int = 1, evaluator: BatchEvaluator | None = None) -> Breakdown:
    """Split the gap between ``base`` and ``scenario`` on ``measure`` among the changed settings.

    Parameters
    ----------
    base, scenario : Scenario
        The two scenarios (the breakdown runs ``base`` with subsets of the
        scenario's changed settings).
    measure : Measure
        A goal or an indicator in a year.
    max_exact : int
        Largest number of changed settings for exact Shapley values (2**k runs).
    orders : int
        Random orders for the sampled estimate beyond ``max_exact``.
    seed : int
        Seed of the random orders.
    evaluator : BatchEvaluator, optional
        Runs the subsets (one for ``base`` by default).

    """
    return breakdowns(base, scenario, [measure], max_exact, orders, seed, evaluator)[0]


def breakdowns(base: Scenario, scenario: Scenario, measures: Sequence[Measure], max_exact: int = MAX_EXACT,
               orders: int = PERMUTATIONS, seed: int = 1, evaluator: BatchEvaluator | None = None) -> list[Breakdown]:
    """:func:`breakdown` of several measures from one set of runs (same order as ``measures``)."""
    evaluator = evaluator or BatchEvaluator(base)
    players = changed_settings(base, scenario)
    if not players:
        values = _run_subsets(evaluator, measures, base, scenario, [], np.zeros((1, 0), dtype=bool))[0]
        return [Breakdown(m, float(v), float(v), (), "exact", 0, evaluator.runs)
                for m, v in zip(measures, values, strict=True)]
    if len(players) <= max_exact:
        shapley, alone, v0, v1 = _exact(evaluator, measures, base, scenario, players)
        method, count = "exact", 0
    else:
        shapley, alone, v0, v1, count = _sampled(evaluator, measures, base, scenario, players, orders, seed)
        method = "sampled"
    base_values, scenario_values = base.settings(), scenario.settings()
    out = []
    for j, measure in enumerate(measures):
        parts = [Contribution(p, base_values[p], scenario_values[p], float(shapley[i, j]), float(alone[i, j]))
                 for i, p in enumerate(players)]
        parts.sort(key=lambda c: -abs(c.shapley))
        out.append(Breakdown(measure, float(v0[j]), float(v1[j]), tuple(parts), method, count, evaluator.runs))
    return out


@dataclass(frozen=True)
class Reach:
    """How far one lever, pushed alone to the end of its range, moves a goal.

    Attributes
    ----------
    lever : str
        Lever id.
    value : float
        The lever's value at the end of its range in the resolution's direction.
    gain : float
        Change of the goal's signed distance (positive: closer to or further
        past the bound), in the goal's unit.

    """

    lever: str
    value: float
    gain: float


def lever_reach(scenario: Scenario, targets: Sequence[Target], directions: dict[str, str],
                evaluator: BatchEvaluator | None = None) -> dict[str, list[Reach]]:
    """Each policy lever's effect alone when pushed to the end of its range, for every goal.

    Parameters
    ----------
    scenario : Scenario
        The mix whose levers are pushed one at a time.
    targets : sequence of Target
        The goals measured.
    directions : dict
        Lever id -> ``"up"`` or ``"down"`` (the resolution's direction, ``costs.toml``).
    evaluator : BatchEvaluator, optional
        Runs the pushed mixes (one batch).

    Returns
    -------
    dict
        Goal id -> reaches, largest gain first (levers already at their end are left out).

    """
    catalogue = levers_by_id()
    current = scenario.settings()
    ends = {lever: catalogue[lever].max if way == "up" else catalogue[lever].min for lever, way in directions.items()}
    pushed = [lever for lever, end in ends.items() if lever in current and end != current[lever]]
    if not pushed or not targets:
        return {target.id: [] for target in targets}
    evaluator = evaluator or BatchEvaluator(scenario)
    masks = np.eye(len(pushed) + 1, len(pushed), dtype=bool)
    settings = {lever: np.where(masks[:, i], ends[lever], current[lever]) for i, lever in enumerate(pushed)}
    values = target_values(evaluator.run(lever_params(settings)), list(targets))
    out = {}
    for k, target in enumerate(targets):
        dist = np.asarray(goal_distances(target, values[:, k]), dtype=float)
        gains = dist[:-1] - dist[-1]
        reach = [Reach(lever, ends[lever], float(g)) for lever, g in zip(pushed, gains, strict=True) if np.isfinite(g)]
        out[target.id] = sorted(reach, key=lambda r: -r.gain)
    return out

"""Scoring lever mixes on the search grid, and coordinate moves over it.

The grid is the product of every searched lever's slider steps (levers.toml
``step``). :class:`Scorer` runs whole sets of grid points as one batch and
remembers every score; :func:`grid_descent` tries every step of one lever at a
time until no move improves the objective (see :mod:`model.analysis.optimise.search`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.stats import qmc

from model.analysis.optimise.problem import OBJECTIVES, WEIGHT, Problem, budget_penalty, shortfall_penalty
from model.catalogue.calendar import HORIZON, POLICY_START
from model.run.evaluate import BatchEvaluator, at_year, lever_params, target_distances, target_values


def over_envelope(annual: dict) -> np.ndarray:
    """Per sample: the provincial cost above the budget envelope, summed over 2021-2030, bn VND."""
    return sum(np.maximum(at_year(annual, "provincial_cost_over_envelope", year), 0.0)
               for year in range(POLICY_START, HORIZON + 1))


class Scorer:
    """Scores grid points in batches and remembers every score.

    ``scores[key] = (objective, cost, missed)``, ``key`` a tuple of step indices.
    The evaluator (a :class:`model.run.evaluate.BatchEvaluator` by default) maps
    model constant name -> values to indicator id -> annual values (N, years).
    """

    def __init__(self, problem: Problem, evaluator=None):
        self.problem = problem
        self.evaluator = evaluator if evaluator is not None else BatchEvaluator(problem.base)
        self.scores: dict[tuple[int, ...], tuple[float, float, int]] = {}
        self.reach = np.full(len(problem.targets), -np.inf)
        self.reach_value = np.full(len(problem.targets), np.nan)

    def key(self, x: Sequence[float]) -> tuple[int, ...]:
        """Grid key of a point (rounded, clipped)."""
        return tuple(int(np.clip(round(float(v)), r.k_low, r.k_high)) for v, r in zip(x, self.problem.ranges,
                                                                                        strict=True))

    def settings(self, key: Sequence[int]) -> dict[str, float]:
        """Lever id -> value of a grid key."""
        return {r.lever.id: r.value(k) for k, r in zip(key, self.problem.ranges, strict=True)}

    def score(self, keys: Sequence[tuple[int, ...]]) -> np.ndarray:
        """Objective of each key, running only the keys not scored before."""
        todo = list(dict.fromkeys(k for k in keys if k not in self.scores))
        if todo:
            columns = {r.lever.id: [r.value(k[i]) for k in todo] for i, r in enumerate(self.problem.ranges)}
            annual = self.evaluator.run(lever_params(columns))
            values = target_values(annual, self.problem.targets)
            distances = target_distances(values, self.problem.targets)
            cost = at_year(annual, OBJECTIVES[self.problem.objective], self.problem.horizon)
            penalty = shortfall_penalty(distances, self.problem.targets)
            if self.problem.within_budget:
                penalty = penalty + budget_penalty(over_envelope(annual), self.problem)
            objective = cost / self.problem.cost_scale + WEIGHT * penalty
            missed = (distances < 0).sum(axis=1)
            self._remember_reach(distances, values)
            for i, key in enumerate(todo):
                self.scores[key] = (float(objective[i]), float(cost[i]), int(missed[i]))
        return np.array([self.scores[k][0] for k in keys])

    def _remember_reach(self, distances: np.ndarray, values: np.ndarray) -> None:
        """Keep, for each goal, the closest any scored mix came (signed distance and value)."""
        if not distances.size:
            return
        best = np.argmax(distances, axis=0)
        for k, i in enumerate(best):
            if distances[i, k] > self.reach[k]:
                self.reach[k], self.reach_value[k] = distances[i, k], values[i, k]

    def __call__(self, x: np.ndarray) -> np.ndarray:
        """Vectorised objective for differential evolution: ``x`` has shape (D, S)."""
        return self.score([self.key(col) for col in np.atleast_2d(x.T)])

    def best(self) -> tuple[tuple[int, ...], tuple[float, float, int]]:
        """The best key scored so far and its score."""
        key = min(self.scores, key=lambda k: self.scores[k][0])
        return key, self.scores[key]


def initial_population(problem: Problem, size: int, seed: int) -> np.ndarray:
    """Latin hypercube over the grid plus the 2020 stance and the boldest mix (first rows)."""
    low = np.array([r.k_low for r in problem.ranges], dtype=float)
    high = np.array([r.k_high for r in problem.ranges], dtype=float)
    sample = qmc.LatinHypercube(d=len(low), rng=np.random.default_rng(seed)).random(size)
    population = np.floor(low + sample * (high - low + 1 - 1e-9))
    population[0] = [r.index(r.lever.default) for r in problem.ranges]
    population[1] = boldest_key(problem)
    return population


def grid_descent(scorer: Scorer, start: tuple[int, ...], max_moves: int = 25) -> tuple[int, ...]:
    """Improve ``start`` by single-lever moves on the grid, best move first.

    Each round scores every other grid value of every lever (all in one batch
    run) and takes the best move, until no move improves the objective.
    """
    current = start
    scorer.score([current])
    for _ in range(max_moves):
        keys = [current[:i] + (k,) + current[i + 1:]
                for i, rng in enumerate(scorer.problem.ranges)
                for k in range(rng.k_low, rng.k_high + 1) if k != current[i]]
        if not keys:
            break
        scores = scorer.score(keys)
        best = int(np.argmin(scores))
        if scores[best] >= scorer.scores[current][0] - 1e-12:
            break
        current = keys[best]
    return current


def boldest_key(problem: Problem) -> tuple[int, ...]:
    """Grid key with every lever at the far end of its range from the stance."""
    return tuple(r.k_high if r.index(r.lever.default) == r.k_low else r.k_low for r in problem.ranges)

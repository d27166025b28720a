"""How far a round's goal can be pushed with the levers it opens: the best value reachable, and the default.

Teams can only move the round's open levers; everything else is fixed by the
round's base scenario and assumption set. :func:`reach` searches the open
levers' ranges in a few batch simulations (:class:`model.run.evaluate.BatchEvaluator`,
one array run per step, a second or two in all):

1. the corners: every combination of each lever's two ends when there are at
   most :data:`FULL_GRID_LEVERS` open levers; otherwise each lever alone at
   each end, to find its better end, and then all levers at their better ends;
2. coordinate moves from the best point: each lever alone over
   :data:`MOVE_POINTS` values spread across its range, the best single move
   taken, repeated while it helps (at most :data:`MAX_MOVES` times).

A goal's score is its signed distance to the bound (>= 0 when met), so the
search works the same for "at least" and "at most" goals. The result is a good
mix, not a proven optimum; where levers interact strongly the true best can be
a little higher. The default is the round's base values of the open levers:
the mix a team submits if it changes nothing.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from model.catalogue.levers import Lever, levers_by_id
from model.catalogue.targets import Target
from model.run.evaluate import BatchEvaluator, lever_params, target_distances, target_values
from model.run.scenario import Scenario

#: Up to this many open levers, every combination of their ends is run (2**8 = 256 runs).
FULL_GRID_LEVERS = 8
#: Values per lever tried in a coordinate move.
MOVE_POINTS = 6
#: Coordinate moves at most.
MAX_MOVES = 4


@dataclass(frozen=True)
class Reach:
    """The best value of a goal reachable with some levers, beside the default.

    Attributes
    ----------
    target_id : str
        Goal.
    levers : tuple of str
        The levers searched.
    best_value, default_value : float
        Goal value (in the goal's unit) of the best mix found and of the default mix.
    best_met, default_met : bool
        Whether each meets the goal.
    best_mix : Mapping[str, float]
        Values of ``levers`` in the best mix found.
    runs : int
        Simulations made.

    """

    target_id: str
    levers: tuple[str, ...]
    best_value: float
    default_value: float
    best_met: bool
    default_met: bool
    best_mix: Mapping[str, float]
    runs: int


def move_values(lever: Lever, points: int = MOVE_POINTS) -> list[float]:
    """``points`` values spread over the lever's range, on its grid (ends included)."""
    return sorted({lever.grid_value(round(k * lever.steps / (points - 1))) for k in range(points)} | {lever.max})


class _Search:
    """Scores mixes of some levers in batches and keeps the best seen."""

    def __init__(self, base: Scenario, target: Target, levers: Sequence[str]):
        self.evaluator = BatchEvaluator(base)
        self.target = target
        self.levers = list(levers)
        self.best_score, self.best_value, self.best_mix = -math.inf, math.nan, {}

    def score(self, mixes: list[dict[str, float]]) -> tuple[np.ndarray, np.ndarray]:
        """Distances and values of the goal for each mix; the best is remembered."""
        columns = {lever: [mix[lever] for mix in mixes] for lever in self.levers}
        annual = self.evaluator.run(lever_params(columns))
        values = target_values(annual, [self.target])
        scores = target_distances(values, [self.target])[:, 0]
        best = int(np.argmax(scores))
        if scores[best] > self.best_score:
            self.best_score, self.best_value, self.best_mix = float(scores[best]), float(values[best, 0]), mixes[best]
        return scores, values[:, 0]

    def corners(self, start: dict[str, float]) -> None:
        catalogue = levers_by_id()
        ends = [(catalogue[lever].min, catalogue[lever].max) for lever in self.levers]
        if len(self.levers) <= FULL_GRID_LEVERS:
            self.score([dict(zip(self.levers, combo, strict=True)) for combo in itertools.product(*ends)])
            return
        alone = [{**start, lever: end} for lever, pair in zip(self.levers, ends, strict=True) for end in pair]
        scores, _ = self.score(alone)
        better = {lever: alone[2 * i + int(scores[2 * i + 1] > scores[2 * i])][lever]
                  for i, lever in enumerate(self.levers)}
        self.score([better])

    def moves(self) -> None:
        catalogue = levers_by_id()
        for _ in range(MAX_MOVES):
            here, before = dict(self.best_mix), self.best_score
            tries = [{**here, lever: value} for lever in self.levers
                     for value in move_values(catalogue[lever]) if value != here[lever]]
            if not tries:
                return
            self.score(tries)
            if self.best_score <= before + 1e-9:
                return


def reach(base: Scenario, target: Target, levers: Sequence[str]) -> Reach:
    """The best value of ``target`` found by moving ``levers`` from ``base``, and the value at ``base``.

    Parameters
    ----------
    base : Scenario
        Every lever and assumption as the round fixes them (the open levers at their starting values).
    target : Target
        The round's goal.
    levers : sequence of str
        Lever ids that may move (at least one).

    Returns
    -------
    Reach

    """
    if not levers:
        raise ValueError("at least one lever is needed")
    search = _Search(base, target, levers)
    start = {lever: float(base.settings()[lever]) for lever in levers}
    scores, values = search.score([start])
    default_score, default_value = float(scores[0]), float(values[0])
    search.corners(start)
    search.moves()
    return Reach(target.id, tuple(levers), search.best_value, default_value, search.best_score >= 0,
                 default_score >= 0, MappingProxyType(dict(search.best_mix)), search.evaluator.runs)

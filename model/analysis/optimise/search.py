"""Goal seeking: the cheapest lever mix that meets chosen goals, or the closest one.

The search runs over a grid: each lever moves in its own slider steps
(levers.toml ``step``), so every mix the search scores is a mix a scenario file
can hold, and the final mix is run again through the ordinary engine for the
scoreboard it claims. The objective is

    cost / envelope + WEIGHT * sum over missed goals of (1 + shortfall / near)

where ``cost`` is the provincial (or public) cost of the mix above the 2020
stance, accumulated from 2021 to the last goal year (bn VND, 2010 prices),
``envelope`` is the budget envelope over the same years, and ``near`` is each
goal's own margin (targets.toml). With a large weight, meeting one more goal
always beats any saving, a smaller shortfall beats a saving, and among mixes
that meet the same goals the cheaper wins. Where no mix meets every goal the
result is therefore the mix that meets the most and comes closest on the rest.

Search: :func:`scipy.optimize.differential_evolution` over the step indices
(integrality, seeded, a whole generation per batch run), started from a Latin
hypercube plus the 2020 stance and the boldest mix; then coordinate sweeps that
try every step of one lever at a time (one batch each) until none improves.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np
from scipy.optimize import differential_evolution

from model.analysis.budget import BudgetCheck
from model.analysis.budget import evaluate as evaluate_budget
from model.analysis.optimise.grid import Scorer, boldest_key, grid_descent, initial_population
from model.analysis.optimise.problem import OBJECTIVES, Problem
from model.run.evaluate import lever_params, target_distances, target_values
from model.run.goals import TargetResult
from model.run.result import RunResult
from model.run.runner import simulate
from model.run.scenario import Scenario, with_settings


@dataclass(frozen=True)
class OptimiseOutcome:
    """The mix found and what it achieves (from an ordinary run of the final mix).

    Attributes
    ----------
    problem : Problem
        What was searched.
    scenario : Scenario
        The base scenario with the mix found.
    result : RunResult
        Ordinary run of ``scenario``: the scoreboard the search claims.
    feasible : bool
        True if every chosen goal is met.
    cost : float
        Objective cost 2021..horizon (bn VND, 2010 prices).
    budget : BudgetCheck
        The provincial cost against the envelope, 2021-2030.
    reach : dict
        Goal id -> the value closest to the goal that any mix scored in the
        first phase reached (tells how far out of reach a missed goal is).
    evaluations, generations : int
        Runs scored and differential-evolution generations (both phases).
    seconds : float
        Wall time of the search and the final run.
    engine : str
        How the runs went: ``"batch"`` or ``"parallel single runs"``.
    seed : int
        Random seed.

    """

    problem: Problem
    scenario: Scenario
    result: RunResult
    feasible: bool
    cost: float
    budget: BudgetCheck
    reach: dict
    evaluations: int
    generations: int
    seconds: float
    engine: str
    seed: int

    @property
    def chosen(self) -> list[TargetResult]:
        """Outcomes of the chosen goals."""
        ids = {t.id for t in self.problem.targets}
        return [r for r in self.result.targets if r.target.id in ids]

    @property
    def gaps(self) -> list[TargetResult]:
        """Chosen goals still missed (empty when feasible)."""
        return [r for r in self.chosen if not r.distance >= 0]

    def mix(self) -> dict[str, float]:
        """Searched lever id -> value found."""
        return {r.lever.id: self.scenario.levers[r.lever.id] for r in self.problem.ranges}


Progress = Callable[[int, int, dict], None]


@dataclass(frozen=True)
class SearchResult:
    """The mix a search found, before the ordinary run that checks it.

    Attributes
    ----------
    settings : dict
        Searched lever id -> value.
    met : tuple of str
        Ids of the goals phase 1's best mix met (phase 2 keeps them met).
    reach : dict
        Goal id -> the value closest to the goal any phase-1 mix reached.
    evaluations, steps : int
        Runs scored; generations and descents.
    seconds : float
        Wall time.
    engine : str
        How the runs went.

    """

    settings: dict
    met: tuple[str, ...]
    reach: dict
    evaluations: int
    steps: int
    seconds: float
    engine: str


class _Search:
    """Differential evolution and grid descent on the grid, with progress."""

    def __init__(self, popsize: int, maxiter: int, seed: int, progress: Progress | None, make_evaluator=None):
        self.popsize, self.maxiter, self.seed = popsize, maxiter, seed
        self.progress, self.make_evaluator = progress, make_evaluator
        self.started = time.perf_counter()
        self.generations = self.runs = 0
        self.phase = 1

    def scorer(self, problem: Problem) -> Scorer:
        """A scorer with a fresh evaluator for ``problem``."""
        return Scorer(problem, self.make_evaluator(problem) if self.make_evaluator else None)

    def _report(self, scorer: Scorer) -> None:
        self.generations += 1
        if self.progress:
            _, (objective, cost, missed) = scorer.best()
            self.progress(self.generations, self.maxiter + 2, {
                "phase": self.phase, "objective": objective, "cost": cost, "missed": missed,
                "evaluations": self.runs + scorer.evaluator.runs, "seconds": time.perf_counter() - self.started})

    def evolve(self, problem: Problem) -> tuple[Scorer, tuple[int, ...]]:
        """Differential evolution from a Latin hypercube, then a short grid descent."""
        scorer = self.scorer(problem)
        bounds = [(r.k_low, r.k_high) for r in problem.ranges]
        differential_evolution(
            scorer, bounds, maxiter=self.maxiter,
            init=initial_population(problem, max(5, self.popsize * len(bounds)), self.seed), rng=self.seed,
            integrality=np.ones(len(bounds), dtype=bool), vectorized=True, updating="deferred", polish=False,
            callback=lambda intermediate_result: self._report(scorer), tol=0.0, atol=0.0,
        )
        key = grid_descent(scorer, scorer.best()[0], max_moves=8)
        self.runs += scorer.evaluator.runs
        return scorer, key

    def descend(self, problem: Problem, starts: Sequence[tuple[int, ...]]) -> tuple[Scorer, tuple[int, ...]]:
        """Grid descent on ``problem`` from each start; the best end point."""
        scorer = self.scorer(problem)
        ends = []
        for start in starts:
            ends.append(grid_descent(scorer, start))
            self._report(scorer)
        self.runs += scorer.evaluator.runs
        return scorer, min(ends, key=lambda k: scorer.scores[k][0])


def search(problem: Problem, popsize: int = 6, maxiter: int = 30, seed: int = 1, progress: Progress | None = None,
           make_evaluator=None) -> SearchResult:
    """Search for the cheapest mix meeting ``problem.targets``, or the closest one.

    Phase 1 searches with every chosen goal (differential evolution, then a
    short grid descent). Phase 2 continues the grid descent from phase 1's mix
    when it meets every goal; when it misses some, phase 2 looks for the
    cheapest mix that meets the goals phase 1 met, by differential evolution
    on those goals and grid descent from its mix, phase 1's mix and the
    boldest mix, so that no money is spent on goals that stay out of reach;
    the gaps are then stated for the others.

    Parameters
    ----------
    problem : Problem
        Base scenario, searched levers, goals, objective.
    popsize : int
        Population per searched lever (population = popsize x levers).
    maxiter : int
        Generations of differential evolution.
    seed : int
        Random seed (same seed, same result).
    progress : callable, optional
        Called as ``progress(step, most_steps, best)`` (a step is a generation
        of phase 1 or a descent of phase 2) with ``best`` a dict (phase,
        objective, cost, missed, evaluations, seconds).
    make_evaluator : callable, optional
        ``problem -> evaluator`` (see :class:`Scorer`); the model by default.

    """
    runner = _Search(popsize, maxiter, seed, progress, make_evaluator)
    scorer, key = runner.evolve(problem)
    reach = {t.id: float(v) for t, v in zip(problem.targets, scorer.reach_value, strict=True)}
    met = tuple(t for t, d in zip(problem.targets, _distances(scorer, key), strict=True) if d >= 0)
    runner.phase = 2
    if len(met) < len(problem.targets):
        reachable = replace(problem, targets=met)
        _, evolved = runner.evolve(reachable)
        scorer, key = runner.descend(reachable, starts=[evolved, key, boldest_key(problem)])
    else:
        key = grid_descent(scorer, key)
        runner._report(scorer)
    return SearchResult(
        settings=scorer.settings(key), met=tuple(t.id for t in met), reach=reach, evaluations=runner.runs,
        steps=runner.generations, seconds=time.perf_counter() - runner.started, engine=scorer.evaluator.mode)


def optimise(problem: Problem, popsize: int = 6, maxiter: int = 30, seed: int = 1, progress: Progress | None = None,
             name: str = "optimised", description: str = "") -> OptimiseOutcome:
    """:func:`search`, then an ordinary run of the mix found: the scoreboard it claims.

    Parameters are those of :func:`search`, and the ``name`` and
    ``description`` of the resulting scenario.
    """
    started = time.perf_counter()
    found = search(problem, popsize, maxiter, seed, progress)
    scenario = with_settings(problem.base, found.settings).renamed(name, description)
    result = simulate(scenario)
    ids = {t.id for t in problem.targets}
    return OptimiseOutcome(
        problem=problem, scenario=scenario, result=result,
        feasible=all(r.distance >= 0 for r in result.targets if r.target.id in ids),
        cost=float(result.table.set_index("year").loc[problem.horizon, OBJECTIVES[problem.objective]]),
        budget=evaluate_budget(result.table), reach=found.reach, evaluations=found.evaluations,
        generations=found.steps, seconds=time.perf_counter() - started, engine=found.engine, seed=seed,
    )


def _distances(scorer: Scorer, key: tuple[int, ...]) -> np.ndarray:
    """Signed goal distances of one grid key (one more run)."""
    annual = scorer.evaluator.run(lever_params({k: [v] for k, v in scorer.settings(key).items()}))
    targets = scorer.problem.targets
    return target_distances(target_values(annual, targets), targets)[0]

"""Analyses built on many runs: uncertainty, sensitivity, contributions, goal seeking, budget.

Modules: :mod:`~model.analysis.budget` (a run's provincial cost against the
budget envelope), :mod:`~model.analysis.sampling` (distributions of the
uncertain inputs, data/uncertainty.toml, and Latin hypercube samples),
:mod:`~model.analysis.uncertainty` (probability of each goal, percentile fans),
:mod:`~model.analysis.milestones` (one number per sample for sensitivity),
:mod:`~model.analysis.sensitivity` (Sobol, Morris, one at a time),
:mod:`~model.analysis.contributions` (Shapley split of a gap among changed
settings), :mod:`~model.analysis.goalseek` (latest start year of each lever)
and :mod:`model.analysis.optimise` (the cheapest mix that meets chosen goals).
Every analysis runs the model through :mod:`model.run` and judges goals with
:mod:`model.catalogue.targets`; none draws or formats (see :mod:`model.report.scoreboard`).
"""

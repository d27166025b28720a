"""Runs: scenarios in, annual indicators and goal outcomes out.

Modules: :mod:`~model.run.scenario` (the hashable
:class:`~model.run.scenario.Scenario`, its files and validation, the shipped
scenarios), :mod:`~model.run.runner` (one run in this thread),
:mod:`~model.run.result` (the one result type,
:class:`~model.run.result.RunResult`), :mod:`~model.run.goals` (each goal's
rule applied to indicator arrays, and its outcome), :mod:`~model.run.batch`
(many samples in chunks, in-process or on Dask), :mod:`~model.run.evaluate`
(lever settings varied across samples, goal values and distances out),
:mod:`~model.run.dask` (chunks on a Dask cluster) and :mod:`~model.run.pool`
(the one way the app and the workshop run the model: long-lived model threads,
results kept by scenario values).
"""

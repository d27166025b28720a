"""The model-testing battery: units, extreme conditions, time step, mass balance, history, plausibility.

Modules: :mod:`~model.checks.config` (the check definitions of data/checks.toml,
read strictly, and results as data), :mod:`~model.checks.units` (dimensional
analysis of every equation), :mod:`~model.checks.runs` (extreme conditions,
time-step halving, mass balance), :mod:`~model.checks.behaviour` (the baseline
against the 2010-2020 history), :mod:`~model.checks.plausibility` (behaviour
after 2020 within sourced bounds) and :mod:`~model.checks.battery` (every group in
order: ``python -m model check``). The groups import the shared definitions,
and only the battery imports the groups, so there is no cycle.
"""

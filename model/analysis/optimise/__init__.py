"""Goal seeking: the cheapest lever mix that meets chosen goals, or the closest one.

Modules: :mod:`~model.analysis.optimise.problem` (searched levers on their
slider grids, goals, objective and penalty), :mod:`~model.analysis.optimise.grid`
(scoring grid points in batches, coordinate moves) and
:mod:`~model.analysis.optimise.search` (differential evolution and grid
descent, then an ordinary run of the mix found).
"""

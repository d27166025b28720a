"""The engine: the only package that imports PySD.

Modules: :mod:`~model.engine.simulator` (translate the ``.mdl`` file once per
content hash, read its constants, units and comments, run it with an explicit
full parameter set), :mod:`~model.engine.batch` (many parameter sets in one
simulation through PySD's own loop, or a lean single run with arrays out),
:mod:`~model.engine.batchable` (whether a model can be batched, and the
array-aware functions put in place), :mod:`~model.engine.arrays` (array-aware versions of the
PySD functions a translated model calls), :mod:`~model.engine.equations`
(PySD's parse of the equations as plain data, for the unit check) and
:mod:`~model.engine.graph` (the dependency graph on real names, for the
diagrams and the loop checks).

How the project deals with PySD's rough edges (state carried between runs,
model objects not shared between threads, no lookups or delay macros, pandas
below 3) is set out in :mod:`model.engine.simulator`.
"""

"""The catalogue: everything the data files define, read strictly.

Modules: :mod:`~model.catalogue.loader` (the one strict reader of the TOML data
files: unknown keys, missing fields, wrong types and values outside their
choices are errors naming the file, the entry and the key),
:mod:`~model.catalogue.calendar` (reported years and the policy start),
:mod:`~model.catalogue.levers` (levers and assumptions with their slider
grids), :mod:`~model.catalogue.indicators` (annual indicators and how they are
read from a run), :mod:`~model.catalogue.targets` (goals and goal sets; their rule is
applied to runs by :mod:`model.run.goals`), :mod:`~model.catalogue.costs` (who pays for each
lever), :mod:`~model.catalogue.parameters` (calibrated values),
:mod:`~model.catalogue.provenance` (where each model constant comes from),
:mod:`~model.catalogue.loops` (the model's feedback loops) and
:mod:`~model.catalogue.selection` (goals and levers chosen by name). Texts in
both languages (``name_vi``, ``name_en``) are read through
:class:`model.base.lang.Bilingual`.
"""

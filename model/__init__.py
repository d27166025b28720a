"""Quang Ngai industrial development simulator.

The model itself is ``quang_ngai_industry.mdl`` (Vensim), run by PySD through
:mod:`model.engine.simulator`, the only module that imports PySD. The rest of the package
is a thin pipeline: load levers and scenarios (:mod:`model.catalogue.levers`,
:mod:`model.run.scenario`), run (:mod:`model.run.runner`), read indicators
(:mod:`model.catalogue.indicators`), evaluate goals (:mod:`model.catalogue.targets`) and report
(:mod:`model.report.scoreboard`); ``python -m model`` is the command line.
"""

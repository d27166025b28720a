"""Reports: what the command line prints and writes, and what the app draws, in both languages.

Modules: :mod:`~model.report.text` (the report strings, model/report/strings/,
read like every user-facing text through :mod:`model.base.lang`),
:mod:`~model.report.i18n` (numbers written and read back in each language's
style, settings, status words), :mod:`~model.report.scoreboard` (scoreboards
and comparisons as text and JSON), :mod:`~model.report.budget` (the budget
line), :mod:`~model.report.contributions` (contribution breakdowns and latest
start years), :mod:`~model.report.optimise` (the report of a goal search),
:mod:`~model.report.export` (CSV and the Excel workbook),
:mod:`~model.report.output` (writing files safely), :mod:`~model.report.progress`
(a progress bar), :mod:`model.report.charts` (Vega-Lite charts) and
:mod:`model.report.diagram` (stock-and-flow diagrams from the sketch in the model file).
"""

"""Charts as Vega-Lite specifications (Altair), free of Streamlit.

Modules: :mod:`~model.report.charts.data` (the rows behind the charts: lines,
history points, goal bands and paths, stacked parts),
:mod:`~model.report.charts.series` (scenario lines with goals and history,
stacked structures), :mod:`~model.report.charts.costs` (the budget by payer, the
contribution waterfall), :mod:`~model.report.charts.uncertainty` (fan charts,
sensitivity indices, tornado), :mod:`~model.report.charts.fit` (history against
the calibrated model) and :mod:`~model.report.charts.files` (charts written as
HTML and PNG).
"""

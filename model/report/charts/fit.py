"""Altair charts of the fit: history as points with their quality flag, model as a line.

One chart per key series (``chart = true`` in the calibration set-up), saved
as HTML and PNG (PNG through vl-convert). :func:`fit_charts` returns the
charts themselves for the app.
"""

from __future__ import annotations

from pathlib import Path

import altair as alt
import pandas as pd

from model.calibration.fit import FitReport
from model.calibration.setup import SeriesSpec
from model.report.charts.files import chart_bytes
from model.report.output import check_target, write_atomic

QUALITY_ORDER = ["official", "estimate", "derived"]


def model_line(report: FitReport, spec: SeriesSpec) -> pd.DataFrame:
    """The model's annual counterpart of a series over the history years (columns year, value)."""
    first = int(report.setup.settings["first_year"])
    last = int(report.setup.settings["last_year"])
    values = report.frame[spec.model]
    if spec.compare == "growth":
        values = 100.0 * (values / values.shift(1) - 1.0)
    chosen = values.loc[first:last].dropna()
    return pd.DataFrame({"year": chosen.index.astype(int), "value": chosen.to_numpy(dtype=float)})


def series_chart(report: FitReport, spec: SeriesSpec) -> alt.LayerChart:
    """History points (shape and colour by quality) over the model line for one series."""
    points = report.comparisons[report.comparisons["series"] == spec.id]
    unit = points["unit"].iloc[0] if not points.empty else ""
    line = alt.Chart(model_line(report, spec)).mark_line(color="#1f4e79").encode(
        x=alt.X("year:Q", title="year", axis=alt.Axis(format="d")),
        y=alt.Y("value:Q", title=unit, scale=alt.Scale(zero=False)),
        tooltip=[alt.Tooltip("year:Q", format="d"), alt.Tooltip("value:Q", title="model", format=",.2f")],
    )
    dots = alt.Chart(points).mark_point(size=80, filled=True).encode(
        x="year:Q",
        y="observed:Q",
        color=alt.Color("quality:N", scale=alt.Scale(domain=QUALITY_ORDER,
                                                     range=["#2ca02c", "#ff7f0e", "#9467bd"])),
        shape=alt.Shape("quality:N", scale=alt.Scale(domain=QUALITY_ORDER)),
        tooltip=["period:N", alt.Tooltip("observed:Q", format=",.2f"),
                 alt.Tooltip("simulated:Q", format=",.2f"), "quality:N", "price_basis:N",
                 alt.Tooltip("z:Q", format="+.2f")],
    )
    title = alt.TitleParams(f"{spec.id}: history (points) and model (line)", subtitle=[spec.basis])
    return alt.layer(line, dots).properties(title=title, width=460, height=260)


def fit_charts(report: FitReport) -> dict[str, alt.LayerChart]:
    """Series id -> chart, for every series marked ``chart = true``."""
    observed = set(report.comparisons["series"])
    return {spec.id: series_chart(report, spec) for spec in report.setup.series
            if spec.chart and spec.id in observed}


def chart_paths(report: FitReport, directory: Path) -> list[Path]:
    """The files :func:`write_charts` writes."""
    return [Path(directory) / f"fit_{sid}.{fmt}" for sid in fit_charts(report) for fmt in ("html", "png")]


def write_charts(report: FitReport, directory: Path, force: bool = False) -> list[Path]:
    """Save every fit chart as ``fit_<series>.html`` and ``.png`` in ``directory``.

    Existing files are replaced only with ``force``; every target is checked
    before anything is written.
    """
    charts = fit_charts(report)
    for target in chart_paths(report, directory):
        check_target(target, force)
    written = []
    for sid, chart in charts.items():
        for fmt in ("html", "png"):
            written.append(write_atomic(Path(directory) / f"fit_{sid}.{fmt}", chart_bytes(chart, fmt), force=force))
    return written

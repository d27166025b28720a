"""Altair charts as files: HTML and PNG bytes, written safely (see :mod:`model.report.output`)."""

from __future__ import annotations

import io
from pathlib import Path

import altair as alt

from model.report.output import write_atomic


def chart_bytes(chart: alt.TopLevelMixin, fmt: str) -> bytes:
    """The chart as ``"html"`` or ``"png"`` (PNG rendered by vl-convert through Altair)."""
    buffer = io.StringIO() if fmt == "html" else io.BytesIO()
    chart.save(buffer, format=fmt)
    data = buffer.getvalue()
    return data.encode("utf-8") if isinstance(data, str) else data


def save_chart(chart: alt.TopLevelMixin, stem: Path, force: bool = False, png: bool = True) -> list[Path]:
    """Write ``stem.html`` (and ``stem.png``); never overwrite without ``force``."""
    formats = ("html", "png") if png else ("html",)
    return [write_atomic(Path(stem).with_suffix(f".{fmt}"), chart_bytes(chart, fmt), force=force) for fmt in formats]

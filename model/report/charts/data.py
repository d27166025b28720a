"""Rows behind the charts: scenario lines, history points, goal bands, stacked parts.

Each function returns a list of records (dicts), the form Vega-Lite takes;
``pandas.DataFrame(records)`` gives a tidy table. Nothing here computes model
quantities: values come from annual indicator tables
(:func:`model.catalogue.indicators.annual_table`), the history table
(``data/history.csv``) and the goals (``data/targets.toml``). The only
arithmetic is presentation: the constant-growth path a goal on average growth
implies for the level of its indicator, and shares of a total for stacked
charts (each component divided by the sum of the components shown).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from functools import lru_cache

import numpy as np
import pandas as pd

from model.base.paths import HISTORY_PATH
from model.catalogue.indicators import indicators_by_id
from model.catalogue.targets import Target, load_targets
from model.report.i18n import format_number
from model.report.text import STRINGS, t

Records = list[dict]


def digits_for_values(values: Sequence[float]) -> int:
    """Decimal places that suit the size of ``values`` (0 from 1,000, 1 from 10, else 2)."""
    finite = [abs(v) for v in values if v is not None and math.isfinite(v)]
    largest = max(finite, default=0.0)
    return 0 if largest >= 1000 else (1 if largest >= 10 else 2)


def fmt(value: float | None, lang: str, digits: int) -> str:
    """A number in the language's style (see :func:`model.report.i18n.format_number`)."""
    return format_number(None if value is None else float(value), lang, digits)


def lines_records(tables: Mapping[str, pd.DataFrame], indicator: str, lang: str) -> Records:
    """One record per (line, year) with a value: ``line``, ``year``, ``value``, ``text``.

    Parameters
    ----------
    tables : Mapping[str, pandas.DataFrame]
        Line label -> annual indicator table, in drawing order.
    indicator : str
        Indicator id (a column of every table).
    lang : str
        Language of the formatted ``text``.

    """
    pairs = [(label, int(year), float(value)) for label, table in tables.items()
             for year, value in zip(table["year"].tolist(), table[indicator].tolist(), strict=True)
             if value is not None and math.isfinite(value)]
    digits = digits_for_values([value for _, _, value in pairs])
    return [{"line": label, "year": year, "value": value, "text": fmt(value, lang, digits)}
            for label, year, value in pairs]


@lru_cache(maxsize=1)
def _history() -> pd.DataFrame:
    frame = pd.read_csv(HISTORY_PATH, dtype={"year": str})
    frame = frame[(frame["used_in_fit"] == 1) & frame["year"].str.fullmatch(r"\d{4}")].copy()
    frame["year"] = frame["year"].astype(int)
    frame["indicator"] = frame["series"]
    return frame[frame["indicator"].isin(indicators_by_id())].reset_index(drop=True)


@lru_cache(maxsize=512)
def _history_records(indicator: str, lang: str) -> tuple[dict, ...]:
    rows = _history()[_history()["indicator"] == indicator]
    digits = digits_for_values(rows["value"].tolist())
    return tuple({"year": int(year), "value": float(value), "text": fmt(value, lang, digits),
                  "source": str(source).split(" | ")[0], "quality": _quality_word(quality, lang),
                  "label": t("charts.observed", lang)}
                 for year, value, source, quality in zip(rows["year"], rows["value"], rows["source"],
                                                         rows["quality"], strict=True))


def _quality_word(quality: str, lang: str) -> str:
    """A history quality flag in words (the flag itself if it has none)."""
    key = f"charts.quality_{quality}"
    return t(key, lang) if key in STRINGS else quality


def history_records(indicator: str, lang: str) -> Records:
    """Observed values of ``indicator`` used in the fit (single years only).

    Records have ``year``, ``value``, ``text`` (formatted), ``source``,
    ``quality`` (localised word) and ``label``; none if the history has no
    such series.
    """
    return [dict(record) for record in _history_records(indicator, lang)]


def history_indicators() -> set[str]:
    """Indicator ids that have observed history points."""
    return set(_history()["indicator"])


def bound_text(target: Target, lang: str, digits: int) -> str:
    """A goal's bounds as text: ``8,0–9,0``, ``≥ 30,0`` or ``≤ 5,0``."""
    low = fmt(target.lower, lang, digits) if target.lower is not None else None
    high = fmt(target.upper, lang, digits) if target.upper is not None else None
    if target.direction == "at_most":
        return f"≤ {high}"
    return f"{low}–{high}" if high else f"≥ {low}"


def _band_label(target: Target, lang: str, unit: str) -> str:
    digits = min(2, digits_for_values([target.lower or 0, target.upper or 0]))
    return f"{t('charts.goal', lang)} {target.period}: {bound_text(target, lang, digits)} {unit}".strip()


def target_bands(indicator: str, lang: str, unit_labels: Mapping[str, str] | None = None) -> Records:
    """Goals drawn directly on ``indicator``'s own axis.

    A level goal gives a band (or a bound) at its year; a goal on average growth
    gives a band over its period on the chart of the year-on-year growth of the
    indicator it reads. Records have ``x``, ``x2`` (years), ``y``, ``y2``
    (``y2`` = ``y`` where the goal has one bound), ``label`` and ``target``.
    """
    unit_labels = unit_labels or {}
    info = indicators_by_id()[indicator]
    rows = []
    for target in load_targets():
        if target.rule == "level" and target.indicator == indicator:
            x, x2 = target.year - 0.4, target.year + 0.4
        elif target.rule == "avg_growth" and info.growth_of and target.indicator == info.growth_of:
            x, x2 = target.start + 0.6, target.year + 0.4
        else:
            continue
        low = target.lower if target.lower is not None else target.upper
        high = target.upper if target.upper is not None else low
        if target.direction == "at_most":
            low = high
        rows.append({"x": x, "x2": x2, "y": low, "y2": high, "target": target.id,
                     "label": _band_label(target, lang, unit_labels.get(target.unit, target.unit))})
    return rows


def target_paths(indicator: str, base: pd.DataFrame, lang: str,
                 unit_labels: Mapping[str, str] | None = None) -> Records:
    """The level paths that goals on average growth of ``indicator`` imply.

    From the indicator's value in the goal's base year (read from ``base``), the
    path grows at the goal's lower (and upper) rate each year to the goal year.
    Records have ``year``, ``y`` (path at the lower rate), ``y2`` (upper rate,
    or ``y``), ``label``, ``target`` and ``text``.
    """
    unit_labels = unit_labels or {}
    years = base["year"].tolist()
    values = base[indicator].tolist()
    rows = []
    for target in load_targets():
        if target.rule != "avg_growth" or target.indicator != indicator:
            continue
        start_value = float(values[years.index(target.start)])
        upper = target.upper if target.upper is not None else target.lower
        label = _band_label(target, lang, unit_labels.get(target.unit, target.unit))
        for year in range(target.start, target.year + 1):
            low = start_value * (1 + target.lower / 100) ** (year - target.start)
            high = start_value * (1 + upper / 100) ** (year - target.start)
            rows.append({"year": year, "y": low, "y2": high, "label": label, "target": target.id})
    digits = digits_for_values([row["y"] for row in rows])
    for row in rows:
        low, high = fmt(row["y"], lang, digits), fmt(row["y2"], lang, digits)
        row["text"] = low if low == high else f"{low}–{high}"
    return rows


def stack_records(table: pd.DataFrame, components: Sequence[tuple[str, Sequence[str]]], lang: str,
                  as_share: bool) -> Records:
    """Records for a stacked area chart of one scenario.

    Parameters
    ----------
    table : pandas.DataFrame
        Annual indicator table.
    components : sequence of (label, indicator ids)
        Stacked from the bottom up; a component is the sum of its indicators
        (ids prefixed with ``-`` are subtracted, e.g. industry-construction
        minus industry gives construction).
    lang : str
        Language of the ``text`` field.
    as_share : bool
        If true, express each component as a percent of the sum of all
        components shown.

    Returns
    -------
    list of dict
        ``year``, ``component``, ``order`` (0 = bottom), ``value``, ``text``.

    """
    values = {}
    for label, ids in components:
        total = np.zeros(len(table))
        for ind in ids:
            sign = -1.0 if ind.startswith("-") else 1.0
            total = total + sign * table[ind.lstrip("-")].to_numpy(dtype=float)
        values[label] = total
    if as_share:
        whole = sum(values.values())
        values = {label: 100.0 * v / whole for label, v in values.items()}
    digits = 1 if as_share else digits_for_values([float(v) for arr in values.values() for v in arr])
    years = [int(y) for y in table["year"].tolist()]
    return [{"year": year, "component": label, "order": order, "value": value, "text": fmt(value, lang, digits)}
            for order, (label, column) in enumerate(values.items())
            for year, value in zip(years, column.tolist(), strict=True)]

"""Downloadable results: CSV of the annual indicators and an Excel workbook.

The workbook has three sheets: ``indicators`` (one row per indicator, one
column per year, with names and units), ``scoreboard`` (every goal's value,
band, status and distance) and ``settings`` (every lever and assumption with
its value, default, range and unit). Labels follow the language; numbers are
stored as numbers.

No text cell is ever read as a formula: a text that starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return (:data:`FORMULA_STARTS`) is stored in
a workbook as a text cell with the quote prefix (shown as typed, kept as text
when edited) and in CSV behind an apostrophe (:func:`neutral_text`). The
workshop export uses the same helpers.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from model.catalogue.indicators import load_indicators
from model.catalogue.levers import load_levers
from model.report.i18n import status_word
from model.report.text import t
from model.run.goals import TargetResult

SHEETS = ("indicators", "scoreboard", "settings")
#: Columns of each sheet (strings ``export.<sheet>_<column>``).
COLUMNS = {
    "indicators": ("id", "name", "unit"),
    "scoreboard": ("id", "target", "set", "period", "simulated", "lower", "upper", "direction", "status", "distance",
                   "unit", "source"),
    "settings": ("id", "kind", "group", "name", "value", "default", "min", "max", "unit", "clause"),
}


#: First characters that make a spreadsheet program read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_risky(value: object) -> bool:
    """Whether ``value`` is a text a spreadsheet program would read as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def neutral_text(value: object) -> object:
    """A CSV cell that no spreadsheet program reads as a formula: an apostrophe before a risky text.

    Numbers and other texts are returned unchanged.
    """
    return "'" + value if is_risky(value) else value


def neutral_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` for CSV: every risky text cell and column name behind an apostrophe."""
    table = frame.rename(columns=neutral_text)
    for column in table.columns:
        if table[column].dtype == object:
            table[column] = table[column].map(neutral_text)
    return table


def protect_sheet(sheet) -> None:
    """Store every risky text cell of an openpyxl sheet as text with the quote prefix (never a formula)."""
    for row in sheet.iter_rows():
        for cell in row:
            if is_risky(cell.value):
                cell.data_type = "s"
                cell.quotePrefix = True


def headers(sheet: str, lang: str) -> list[str]:
    """Column headers of one sheet in ``lang``."""
    return [t(f"export.{sheet}_{column}", lang) for column in COLUMNS[sheet]]


def indicators_csv(table: pd.DataFrame) -> bytes:
    """The annual indicator table as UTF-8 CSV (``year`` then indicator ids), as the CLI writes it."""
    return table.to_csv(index=False, float_format="%.6g").encode("utf-8")


def indicator_rows(table: pd.DataFrame, lang: str) -> list[list]:
    """One row per indicator: id, name, unit, then its value in each year."""
    rows = [headers("indicators", lang) + [int(y) for y in table["year"]]]
    for ind in load_indicators():
        rows.append([ind.id, ind.name(lang), ind.unit] + [_number(v) for v in table[ind.id]])
    return rows


def scoreboard_rows(targets: Sequence[TargetResult], lang: str) -> list[list]:
    """One row per goal."""
    rows = [headers("scoreboard", lang)]
    for r in targets:
        g = r.target
        rows.append([g.id, g.name(lang), g.set, g.period, _number(r.value), g.lower, g.upper, g.direction,
                     status_word(r.status, lang), _number(r.distance), g.unit, g.source])
    return rows


def settings_rows(settings: Mapping[str, float], lang: str) -> list[list]:
    """One row per lever and assumption."""
    rows = [headers("settings", lang)]
    for lev in load_levers():
        rows.append([lev.id, lev.kind, lev.group, lev.name(lang), float(settings.get(lev.id, lev.default)),
                     lev.default, lev.min, lev.max, lev.unit, lev.clause])
    return rows


def _number(value: float) -> float | None:
    value = float(value)
    return value if value == value else None


def _sheet(book: Workbook, title: str, rows: list[list], first: bool) -> None:
    sheet = book.active if first else book.create_sheet()
    sheet.title = title
    for row in rows:
        sheet.append(row)
    protect_sheet(sheet)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "B2"
    for i, column in enumerate(sheet.iter_cols(max_row=min(sheet.max_row, 60)), start=1):
        width = max(len(str(c.value)) if c.value is not None else 0 for c in column)
        sheet.column_dimensions[get_column_letter(i)].width = min(max(8, width + 2), 60)


def workbook_bytes(table: pd.DataFrame, targets: Sequence[TargetResult], settings: Mapping[str, float],
                   lang: str = "vi", title: str = "") -> bytes:
    """An ``.xlsx`` workbook with the sheets indicators, scoreboard and settings.

    Parameters
    ----------
    table : pandas.DataFrame
        Annual indicator table.
    targets : sequence of TargetResult
        Goal outcomes of the same run.
    settings : Mapping[str, float]
        Lever and assumption id -> value used (defaults for missing ids).
    lang : str
        Language of names and headers.
    title : str
        Stored as the workbook's title property.

    """
    book = Workbook()
    _sheet(book, "indicators", indicator_rows(table, lang), first=True)
    _sheet(book, "scoreboard", scoreboard_rows(targets, lang), first=False)
    _sheet(book, "settings", settings_rows(settings, lang), first=False)
    book.properties.title = title
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()

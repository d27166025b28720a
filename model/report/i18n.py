"""Language-dependent formatting: numbers (written and read back), settings and status words.

Vietnamese writes ``1.234,5`` and English ``1,234.5``; :func:`format_number`
writes a number in either style and :func:`parse_number` reads one typed in
either.
"""

from __future__ import annotations

import math
import re

from model.catalogue.levers import levers_by_id
from model.report.text import t, unit_label


def format_number(value: float | None, lang: str = "vi", digits: int = 1) -> str:
    """Format a number with thousands separators in the language's style.

    Parameters
    ----------
    value : float or None
        The number; ``None`` or NaN gives an en dash.
    lang : str
        ``"vi"`` gives ``1.234,5``; ``"en"`` gives ``1,234.5``.
    digits : int
        Decimal places.

    """
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    text = f"{value:,.{digits}f}"
    if lang == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def parse_number(text: str, lang: str) -> float:
    """Read a typed number: ``6,5`` or ``6.5``; ``1.234,5`` in Vietnamese, ``1,234.5`` in English.

    A single separator is a decimal mark unless it is the language's thousands
    separator followed by exactly three digits (``3.500`` in Vietnamese is 3500).

    Raises
    ------
    ValueError
        If the text is not a number.

    """
    raw = str(text).strip().replace(" ", "").replace("\u00a0", "")
    decimal, group = (",", ".") if lang == "vi" else (".", ",")
    single = re.fullmatch(r"([+-]?\d*)([.,])(\d+)", raw)
    if re.fullmatch(r"[+-]?\d+", raw):
        return float(raw)
    if single:
        head, mark, tail = single.groups()
        thousands = mark == group and len(tail) == 3 and head.lstrip("+-") != ""
        return float(head + tail if thousands else f"{head}.{tail}")
    grouped = rf"[+-]?\d{{1,3}}(?:{re.escape(group)}\d{{3}})+(?:{re.escape(decimal)}\d+)?"
    if re.fullmatch(grouped, raw):
        return float(raw.replace(group, "").replace(decimal, "."))
    raise ValueError(f"not a number: {text!r}")


def status_word(status: str, lang: str = "vi") -> str:
    """Localised word for a goal status (``"met"``, ``"near"``, ``"missed"``)."""
    return t(f"scoreboard.status_{status}", lang)


def format_setting(setting: str, value: float, lang: str) -> str:
    """A lever or assumption value with its step's decimals (years without separators)."""
    lever = levers_by_id()[setting]
    if lever.unit in ("year", "years"):
        return str(int(value))
    return format_number(value, lang, lever.decimals)


def digits_for(unit: str) -> int:
    """Sensible decimal places for a unit."""
    return 0 if unit.startswith(("USD", "bn VND", "persons")) else (2 if unit.startswith("bn USD") else 1)


#: Lever units written as plain numbers (a 0-1 scale, an index, a calendar year).
PLAIN_UNITS = ("0-1", "index", "year")


def setting_text(setting: str, value: float, lang: str) -> str:
    """A lever or assumption value with its unit, e.g. ``900 tỷ đồng/năm`` (``0,60``, ``2028``)."""
    lever = levers_by_id()[setting]
    shown = format_setting(setting, value, lang)
    return shown if lever.unit in PLAIN_UNITS else f"{shown} {unit_label(lever.unit, lang)}"

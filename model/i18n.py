"""Language-dependent formatting: numbers and status words (Vietnamese first)."""

from __future__ import annotations

import math

STATUS_WORDS = {
    "vi": {"met": "đạt", "near": "gần đạt", "missed": "chưa đạt"},
    "en": {"met": "met", "near": "near", "missed": "missed"},
}


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


def status_word(status: str, lang: str = "vi") -> str:
    """Localised word for a goal status."""
    return STATUS_WORDS[lang][status]


def digits_for(unit: str) -> int:
    """Sensible decimal places for a unit."""
    return 0 if unit.startswith(("USD", "bn VND", "persons")) else (2 if unit.startswith("bn USD") else 1)

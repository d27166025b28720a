"""Report strings by language: ``t("scoreboard.summary", lang, met=9, total=14)``.

Strings live in ``model/report/strings/<module>.toml``, one file per report
module, each key a table with one entry per language, and are read the way
every user-facing text of the project is (:mod:`model.base.lang`). A key is
addressed as ``"<file stem>.<key>"``; ``{name}`` placeholders are filled from
keyword arguments.
"""

from __future__ import annotations

from pathlib import Path

from model.base.lang import Strings

STRINGS_DIR = Path(__file__).resolve().parent / "strings"
STRINGS = Strings(STRINGS_DIR, "model/report/strings/")


def t(key: str, lang: str, **values: object) -> str:
    """The string ``key`` in ``lang``, with ``{placeholders}`` filled in.

    Raises
    ------
    KeyError
        If the key or its language is missing (a programming error).

    """
    return STRINGS(key, lang, **values)


def unit_label(unit: str, lang: str) -> str:
    """A unit in ``lang`` (``model/report/strings/units.toml``; the unit itself if not listed)."""
    return STRINGS.table("units").get(unit, {}).get(lang, unit)

"""UI strings by language: ``t("simulator.title", lang)``.

Strings live in ``ui/strings/<module>.toml``, one file per UI module, each key
a table with one entry per language (see :mod:`model.base.lang`, which reads
every user-facing text of the project the same way)::

    [title]
    vi = "Mô phỏng"
    en = "Simulator"

A key is addressed as ``"<file stem>.<key>"``; ``{name}`` placeholders are
filled from keyword arguments. ``units.toml`` maps the units used in the data
files to their labels (see :func:`unit`).
"""

from __future__ import annotations

from pathlib import Path

from model.base.lang import Strings

STRINGS_DIR = Path(__file__).resolve().parent / "strings"
STRINGS = Strings(STRINGS_DIR, "ui/strings/")


def catalogue() -> dict[str, dict[str, str]]:
    """Every string: ``"<file>.<key>"`` -> {"vi": ..., "en": ...}."""
    return STRINGS.entries()


def t(key: str, lang: str, **values: object) -> str:
    """The string ``key`` in ``lang``, with ``{placeholders}`` filled in.

    Raises
    ------
    KeyError
        If the key or its language is missing (a programming error).

    """
    return STRINGS(key, lang, **values)


def unit(name: str, lang: str) -> str:
    """Label of a data-file unit in ``lang`` (the unit itself if it has none)."""
    return STRINGS.table("units").get(name, {}).get(lang, name)


def unit_labels(lang: str) -> dict[str, str]:
    """Every known unit -> its label in ``lang``."""
    return {name: entry.get(lang, name) for name, entry in STRINGS.table("units").items()}

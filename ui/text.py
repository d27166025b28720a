"""UI strings by language: ``t("simulator.title", lang)``.

Strings live in ``ui/strings/<module>.toml``, one file per UI module, each key
a table with ``vi`` and ``en`` entries::

    [title]
    vi = "Mô phỏng"
    en = "Simulator"

A key is addressed as ``"<file stem>.<key>"``; ``{name}`` placeholders are
filled from keyword arguments. ``units.toml`` maps the units used in the data
files to their labels (see :func:`unit`).
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

STRINGS_DIR = Path(__file__).resolve().parent / "strings"
LANGS = ("vi", "en")


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """Every string: ``"<file>.<key>"`` -> {"vi": ..., "en": ...}."""
    strings: dict[str, dict[str, str]] = {}
    for path in sorted(STRINGS_DIR.glob("*.toml")):
        if path.stem == "units":
            continue
        with open(path, "rb") as handle:
            for key, entry in tomllib.load(handle).items():
                strings[f"{path.stem}.{key}"] = entry
    return strings


@lru_cache(maxsize=1)
def _units() -> dict[str, dict[str, str]]:
    with open(STRINGS_DIR / "units.toml", "rb") as handle:
        return tomllib.load(handle)


def t(key: str, lang: str, **values: object) -> str:
    """The string ``key`` in ``lang``, with ``{placeholders}`` filled in.

    Raises
    ------
    KeyError
        If the key or its language is missing (a programming error).

    """
    try:
        text = catalogue()[key][lang]
    except KeyError:
        raise KeyError(f"UI string {key!r} has no {lang!r} text in ui/strings/") from None
    return text.format(**values) if values else text


def unit(name: str, lang: str) -> str:
    """Label of a data-file unit in ``lang`` (the unit itself if it has none)."""
    return _units().get(name, {}).get(lang, name)


def unit_labels(lang: str) -> dict[str, str]:
    """Every known unit -> its label in ``lang``."""
    return {name: entry.get(lang, name) for name, entry in _units().items()}

"""Languages, and the one way user-facing text is looked up in them.

Every user-facing text exists in each language of :data:`LANGS`. Two kinds of
file hold such texts and both are read through :func:`in_lang`:

* string files (``model/report/strings/*.toml``, ``ui/strings/*.toml``), one
  table per key with one entry per language, addressed as ``"<file>.<key>"``
  through a :class:`Strings` catalogue::

      [title]
      vi = "Mô phỏng"
      en = "Simulator"

* data files (``model/data/*.toml``), whose records carry one field per
  language (``name_vi``, ``name_en``), read through :meth:`Bilingual.text`.

A missing text is a :class:`KeyError` that names the key and the language.
"""

from __future__ import annotations

import threading
import tomllib
from collections.abc import Mapping
from pathlib import Path

#: The languages of every user-facing text, the first the default.
LANGS = ("vi", "en")
DEFAULT_LANG = LANGS[0]
#: Each language's name in that language (for the language picker).
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}


def in_lang(texts: Mapping[str, str], lang: str, what: str) -> str:
    """The text of ``texts`` in ``lang``.

    Raises
    ------
    KeyError
        If there is none; the message names ``what`` and ``lang``.

    """
    try:
        return texts[lang]
    except KeyError:
        raise KeyError(f"{what} has no {lang!r} text") from None


class Bilingual:
    """A record of a data file that holds a text as one field per language (``name_vi``, ``name_en``)."""

    def text(self, field: str, lang: str) -> str:
        """The text ``field`` (e.g. ``"name"``) in ``lang``."""
        texts = {code: getattr(self, f"{field}_{code}") for code in LANGS if hasattr(self, f"{field}_{code}")}
        return in_lang(texts, lang, f"{type(self).__name__} {field}")


class Strings:
    """The string files of one directory: ``"<file stem>.<key>"`` -> text per language.

    Parameters
    ----------
    directory : Path
        Directory of ``*.toml`` string files.
    label : str
        How error messages name the directory (e.g. ``"ui/strings/"``).

    """

    def __init__(self, directory: Path, label: str):
        self.directory = Path(directory)
        self.label = label
        self._entries: dict[str, dict[str, str]] | None = None
        self._tables: dict[str, dict] = {}
        self._lock = threading.Lock()

    def _read(self) -> dict[str, dict[str, str]]:
        entries: dict[str, dict[str, str]] = {}
        for path in sorted(self.directory.glob("*.toml")):
            with open(path, "rb") as handle:
                table = tomllib.load(handle)
            self._tables[path.stem] = table
            entries.update({f"{path.stem}.{key}": entry for key, entry in table.items()})
        return entries

    def entries(self) -> dict[str, dict[str, str]]:
        """Every string: ``"<file>.<key>"`` -> ``{"vi": ..., "en": ...}`` (read once)."""
        with self._lock:
            if self._entries is None:
                self._entries = self._read()
            return self._entries

    def table(self, stem: str) -> dict[str, dict[str, str]]:
        """One file's entries by key (e.g. ``"units"``)."""
        self.entries()
        return self._tables[stem]

    def __contains__(self, key: str) -> bool:
        return key in self.entries()

    def __call__(self, key: str, lang: str, **values: object) -> str:
        """The string ``key`` in ``lang``, with ``{placeholders}`` filled from ``values``.

        Raises
        ------
        KeyError
            If the key or its language is missing (a programming error).

        """
        text = in_lang(self.entries().get(key, {}), lang, f"string {key!r} in {self.label}")
        return text.format(**values) if values else text

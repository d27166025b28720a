"""The project's own errors on a page: one line in the user's language, never a traceback.

A :class:`model.base.errors.ReportedError` that reaches a page is shown as one
line from ``ui/strings/errors.toml``: for a workshop database that cannot be
used, the line for its kind (busy, read-only, damaged, ...); for any other, a
generic line. The English details (file paths, ids) are not shown; they stay
in the server's log.
"""

from __future__ import annotations

import logging

import streamlit as st

from model.workshop.rules import WorkshopError
from ui.plain import plain
from ui.text import STRINGS, t

LOG = logging.getLogger(__name__)


def message(error: BaseException, lang: str) -> str:
    """The line shown for ``error`` in ``lang``."""
    if isinstance(error, WorkshopError):
        return workshop_message(error, lang)
    kind = getattr(error, "kind", None)
    key = f"errors.store_{kind}"
    return t(key, lang) if kind and key in STRINGS else t("errors.generic", lang)


def workshop_message(error: WorkshopError, lang: str) -> str:
    """A workshop rule's line in ``lang``, its values shown as plain text.

    Without a line of its own: the English message on English pages, a generic
    line on Vietnamese pages (no English is shown there).
    """
    key = f"errors.workshop_{error.kind}"
    if error.kind is None or key not in STRINGS:
        return plain(error) if lang == "en" else t("errors.workshop_generic", lang)
    values = {name: plain(value) for name, value in error.values.items()}
    if "field" in values:
        values["field"] = t(f"errors.workshop_field_{str(error.values['field']).replace(' ', '_')}", lang)
    return t(key, lang, **values)


def show(error: BaseException, lang: str) -> None:
    """Show the line for ``error`` (and log the details for the server's operator)."""
    LOG.warning("%s: %s", type(error).__name__, error)
    st.error(message(error, lang))

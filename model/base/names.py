"""The closest valid name to a mistyped one, for error messages."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(name: str, options: Iterable[str], cutoff: float = 0.5) -> str | None:
    """The option most similar to ``name``, or ``None`` if none is similar enough.

    Parameters
    ----------
    name : str
        What was typed.
    options : iterable of str
        The valid names.
    cutoff : float
        Least similarity (0-1, :func:`difflib.get_close_matches`) of a match.

    """
    match = difflib.get_close_matches(name, list(options), n=1, cutoff=cutoff)
    return match[0] if match else None


def did_you_mean(name: str, options: Iterable[str], cutoff: float = 0.5, list_as: str = "") -> str:
    """The end of an error message about an unknown ``name``.

    Returns
    -------
    str
        ``"; did you mean 'x'?"`` for the closest option; else, if ``list_as``
        is given (e.g. ``"valid"``), ``"; valid: a, b, c"`` with the options in
        the order given; else ``""``.

    """
    options = list(options)
    match = closest(name, options, cutoff)
    if match:
        return f"; did you mean '{match}'?"
    return f"; {list_as}: {', '.join(options)}" if list_as else ""

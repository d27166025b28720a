"""Share links: settings <-> URL query parameters, validated on the way back.

A link carries the language (``lang=vi``) and every lever or assumption that
differs from its default, by id (``public_infrastructure=900``). Decoding
checks each value with :mod:`model.run.scenario`; a bad value is reported in one
line and skipped, never raised. Parameters that are neither ``lang`` nor close
to a setting id belong to other pages and are left alone.

A link is typed or forged by anyone, so every value is bounded before use: a
text longer than :data:`MAX_TEXT` characters is refused without being read,
and a lever whose step is a whole number (a year, a count) takes only whole
numbers. Values quoted in a problem line are cut to :data:`SHOWN` characters;
the page shows the lines through :func:`ui.plain.plain`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

from model.base.lang import LANGS
from model.base.names import closest
from model.catalogue.levers import defaults, levers_by_id
from model.run.scenario import ScenarioError, baseline, with_settings

LANG_PARAM = "lang"
SOURCE = "link"
#: Longest parameter text that is read as a number (no lever needs more than a few digits).
MAX_TEXT = 32
#: Longest part of a rejected value or name quoted back in a problem line.
SHOWN = 24


@dataclass(frozen=True)
class Decoded:
    """What a link asks for.

    Attributes
    ----------
    settings : dict
        Valid setting id -> value (only those the link gives).
    lang : str or None
        Language, if the link names a valid one.
    problems : list of str
        One line per rejected parameter.

    """

    settings: dict[str, float] = field(default_factory=dict)
    lang: str | None = None
    problems: list[str] = field(default_factory=list)


def number_text(value: float) -> str:
    """Shortest text that reads back as ``value`` (``900``, ``0.6``)."""
    return f"{float(value):.12g}"


def encode(settings: Mapping[str, float], lang: str) -> dict[str, str]:
    """Query parameters for the language and the settings that differ from their defaults."""
    base = defaults()
    params = {LANG_PARAM: lang}
    params.update({key: number_text(value) for key, value in settings.items()
                   if key in base and float(value) != base[key]})
    return params


def share_url(base_url: str | None, params: Mapping[str, str]) -> str:
    """``base_url?params`` (a relative ``?params`` link if the base is unknown)."""
    base = (base_url or "").split("?")[0].split("#")[0]
    if base.count("/") == 2:  # "http://host:port" -> "http://host:port/"
        base += "/"
    return base + "?" + urlencode(params)


def _value(params: Mapping[str, object], key: str) -> str:
    value = params[key]
    if isinstance(value, list | tuple):
        value = value[-1] if value else ""
    return str(value)


def quoted(text: str) -> str:
    """``text`` quoted for a problem line, cut to :data:`SHOWN` characters."""
    return repr(text if len(text) <= SHOWN else text[:SHOWN] + "…")


def _check(key: str, text: str) -> float:
    if len(text) > MAX_TEXT:
        raise ScenarioError(f"{SOURCE}: {key} = {quoted(text)}: too long for a number ({len(text)} characters)")
    try:
        number = float(text)
    except ValueError:
        raise ScenarioError(f"{SOURCE}: {key} = {quoted(text)}: not a number") from None
    if not math.isfinite(number):
        raise ScenarioError(f"{SOURCE}: {key} = {quoted(text)}: not a finite number")
    lever = levers_by_id()[key]
    if lever.decimals == 0 and float(lever.step).is_integer() and not number.is_integer():
        raise ScenarioError(f"{SOURCE}: {key} = {quoted(text)}: expected a whole number ({lever.unit})")
    try:
        with_settings(baseline(), {key: number})
    except ScenarioError as error:
        raise ScenarioError(str(error).replace("<settings>", SOURCE)) from None
    return number


def decode(params: Mapping[str, object]) -> Decoded:
    """Read a link's query parameters (``st.query_params.to_dict()`` or lists of values).

    Returns
    -------
    Decoded
        Valid settings, the language and one message per rejected parameter.

    """
    catalogue = levers_by_id()
    result = Decoded()
    lang = _value(params, LANG_PARAM) if LANG_PARAM in params else None
    if lang is not None:
        if lang in LANGS:
            result = Decoded(lang=lang)
        else:
            result.problems.append(
                f"{SOURCE}: {LANG_PARAM} = {quoted(lang)}: unknown language, use {' or '.join(LANGS)}")
    for key in params:
        if key == LANG_PARAM:
            continue
        if key not in catalogue:
            match = closest(key, catalogue, cutoff=0.75)
            if match:
                result.problems.append(f"{SOURCE}: {quoted(key)}: unknown setting; did you mean '{match}'?")
            continue
        try:
            result.settings[key] = _check(key, _value(params, key))
        except ScenarioError as error:
            result.problems.append(str(error))
    return result

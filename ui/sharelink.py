"""Share links: settings <-> URL query parameters, validated on the way back.

A link carries the language (``lang=vi``) and every lever or assumption that
differs from its default, by id (``public_infrastructure=900``). Decoding
checks each value with :mod:`model.run.scenario`; a bad value is reported in one
line and skipped, never raised. Parameters that are neither ``lang`` nor close
to a setting id belong to other pages and are left alone.
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


def _check(key: str, text: str) -> float:
    try:
        number = float(text)
    except ValueError:
        raise ScenarioError(f"{SOURCE}: {key} = {text!r}: not a number") from None
    if not math.isfinite(number):
        raise ScenarioError(f"{SOURCE}: {key} = {text!r}: not a finite number")
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
            result.problems.append(f"{SOURCE}: {LANG_PARAM} = {lang!r}: unknown language, use {' or '.join(LANGS)}")
    for key in params:
        if key == LANG_PARAM:
            continue
        if key not in catalogue:
            match = closest(key, catalogue, cutoff=0.75)
            if match:
                result.problems.append(f"{SOURCE}: {key}: unknown setting; did you mean '{match}'?")
            continue
        try:
            result.settings[key] = _check(key, _value(params, key))
        except ScenarioError as error:
            result.problems.append(str(error))
    return result

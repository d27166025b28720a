"""Session state shared by all pages: language and the current lever settings.

Every lever and assumption has a widget key (``lever__<id>``,
``assumption__<id>``) whose Session State value is the single source of the
current setting, also on pages that show no sliders. The language is
``st.session_state["lang"]`` ("vi" or "en"). On a session's first run the URL
(a share link) sets both; see :mod:`ui.sharelink`.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from model.base.lang import DEFAULT_LANG, LANGS
from model.catalogue.levers import Lever, load_levers
from model.run.scenario import Scenario, baseline, load_shipped, with_settings
from ui import sharelink

LANG_KEY = "lang"
#: The shipped scenario an address without settings opens on: the resolution's measures.
OPENING_SCENARIO = "resolution"
#: Query parameter (and value) of a link to the 2020 stance, which has no settings to carry.
STANCE_PARAM, STANCE_VALUE = "mix", "2020"
LINK_PROBLEMS_KEY = "link_problems"
_READY_KEY = "_state_ready"
#: Widgets whose shown labels depend on the language (see :func:`on_language_change`).
KEEP_PREFIXES = ("lever__", "assumption__")
KEEP_KEYS = {"scenario_select", "chart_picker", "compare_select", "compare_indicator", "main_indicator",
             "section", "why_goal"}


def widget_key(lever: Lever) -> str:
    """Session State key of a lever's or assumption's slider."""
    return f"{lever.kind}__{lever.id}"


def is_integer(lever: Lever) -> bool:
    """Whether the lever moves in whole numbers (years, persons, days...)."""
    return all(float(x).is_integer() for x in (lever.min, lever.max, lever.step, lever.default))


def coerce(lever: Lever, value: float) -> float | int:
    """The value in the slider's type (int for whole-number levers)."""
    return round(value) if is_integer(lever) and float(value).is_integer() else float(value)


def options(lever: Lever, current: float | None = None) -> list[float | int]:
    """Slider stops (:meth:`model.catalogue.levers.Lever.stops`) in the slider's type."""
    return [coerce(lever, v) for v in lever.stops(current)]


def apply_settings(settings: Mapping[str, float]) -> None:
    """Set sliders to ``settings`` (id -> value); others keep their values.

    Call before the sliders are drawn in a run, or from a widget callback.
    """
    by_id = {lever.id: lever for lever in load_levers()}
    for key, value in settings.items():
        st.session_state[widget_key(by_id[key])] = coerce(by_id[key], value)


def reset_settings() -> None:
    """Every lever and assumption back to its default."""
    apply_settings({lever.id: lever.default for lever in load_levers()})


def init_session() -> None:
    """Prepare the session's state; call at the top of every run (app.py does).

    On the session's first run, the URL's language and settings are read (bad
    values become messages under ``LINK_PROBLEMS_KEY``); a first visit (an
    address with neither a language nor a setting) opens on the resolution's
    measures (:data:`OPENING_SCENARIO`); a link to the 2020 stance carries
    ``mix=2020`` (:func:`link_params`), so it restores exactly that. Afterwards
    missing keys are filled with defaults.
    """
    if _READY_KEY not in st.session_state:
        decoded = sharelink.decode(st.query_params.to_dict())
        st.session_state[LANG_KEY] = decoded.lang or DEFAULT_LANG
        reset_settings()
        if not decoded.settings and not decoded.problems and STANCE_PARAM not in st.query_params:
            apply_settings(load_shipped(OPENING_SCENARIO).settings())
        apply_settings(decoded.settings)
        st.session_state[LINK_PROBLEMS_KEY] = list(decoded.problems)
        st.session_state[_READY_KEY] = True
    if st.session_state.get(LANG_KEY) not in LANGS:
        st.session_state[LANG_KEY] = DEFAULT_LANG
    for lever in load_levers():
        if widget_key(lever) not in st.session_state:
            st.session_state[widget_key(lever)] = coerce(lever, lever.default)


def link_params(settings: Mapping[str, float], lang: str) -> dict[str, str]:
    """Query parameters of the current settings (:func:`ui.sharelink.encode`), marking the 2020 stance."""
    params = sharelink.encode(settings, lang)
    if len(params) == 1:
        params[STANCE_PARAM] = STANCE_VALUE
    return params


def keep_on_language_change(key: str) -> None:
    """Register a widget key whose value must survive a language switch (for other pages)."""
    KEEP_KEYS.add(key)


def on_language_change() -> None:
    """Callback of the language choice: keep every language-dependent widget's value.

    The browser reports a select slider's or select box's value as the label it
    shows ("2030 (mặc định)"); after a switch the labels are in the other
    language, so the old label would match no option and the widget would fall
    back to its first option. Writing each value back here, while the old labels
    still decode, keeps it.
    """
    for key in list(st.session_state.keys()):
        if key.startswith(KEEP_PREFIXES) or key in KEEP_KEYS:
            try:
                st.session_state[key] = st.session_state[key]
            except (KeyError, st.errors.StreamlitAPIException):
                continue


def lang() -> str:
    """The session's language, "vi" or "en"."""
    return st.session_state.get(LANG_KEY, DEFAULT_LANG)


def current_settings() -> dict[str, float]:
    """Lever and assumption id -> current value (defaults where unset)."""
    return {lever.id: float(st.session_state.get(widget_key(lever), lever.default)) for lever in load_levers()}


def current_scenario(name: str = "current") -> Scenario:
    """The current policy mix under the current assumptions, validated."""
    return with_settings(baseline(), current_settings(), name=name)

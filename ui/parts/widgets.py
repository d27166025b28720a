"""Lever and assumption sliders, built from model/data/levers.toml.

Each slider has the key ``lever__<id>`` or ``assumption__<id>`` (see
:mod:`ui.state`), the lever's unit in its label, a help text that quotes the
clause of the resolution it expresses, and its default marked on the slider's
value ("400 (mặc định)"). Numbers follow the language (``0,6`` in Vietnamese).
"""

from __future__ import annotations

from functools import lru_cache

import streamlit as st

from model.catalogue.levers import POLICY_GROUPS, Lever, levers_by_id, load_levers
from model.report.i18n import format_number
from ui import state
from ui.text import t, unit


def value_text(lever: Lever, value: float, lang: str) -> str:
    """A slider value in ``lang``: years without separators, others as numbers."""
    if lever.unit == "year":
        return str(int(value))
    digits = max(lever.decimals, 0 if float(value).is_integer() else 2)
    return format_number(float(value), lang, digits)


def help_text(lever: Lever, lang: str) -> str:
    """Help text: what the lever does, the clause it expresses, its default and range."""
    clause_key = "widgets.clause_lever" if lever.kind == "lever" else "widgets.clause_assumption"
    return "\n\n".join([
        lever.help(lang),
        t(clause_key, lang, clause=lever.clause, text=lever.clause_text),
        t("widgets.default_range", lang, default=value_text(lever, lever.default, lang),
          low=value_text(lever, lever.min, lang), high=value_text(lever, lever.max, lang),
          unit=unit(lever.unit, lang)),
    ])


@lru_cache(maxsize=4096)
def _labels(lever_id: str, lang: str, current: float) -> tuple[tuple, dict]:
    """Slider stops and their labels (the default marked), cached per lever, language and value."""
    lever = levers_by_id()[lever_id]
    stops = state.options(lever, current)
    default_word = t("widgets.default_word", lang)
    labels = {v: value_text(lever, v, lang) + (f" ({default_word})" if float(v) == lever.default else "")
              for v in stops}
    return tuple(stops), labels


def slider(lever: Lever, lang: str) -> float:
    """Draw one lever's slider and return its value."""
    key = state.widget_key(lever)
    stops, labels = _labels(lever.id, lang, float(st.session_state.get(key, lever.default)))
    return st.select_slider(
        f"{lever.name(lang)} ({unit(lever.unit, lang)})",
        options=stops,
        key=key,
        format_func=labels.__getitem__,
        help=_help(lever.id, lang),
        persist_state="session",
    )


@lru_cache(maxsize=256)
def _help(lever_id: str, lang: str) -> str:
    return help_text(levers_by_id()[lever_id], lang)


def _changed(levers: list[Lever]) -> int:
    settings = state.current_settings()
    return sum(settings[lever.id] != lever.default for lever in levers)


def _group_label(title: str, levers: list[Lever], lang: str) -> str:
    changed = _changed(levers)
    return f"{title} · {t('widgets.changed', lang, count=changed)}" if changed else title


def lever_panel(lang: str) -> None:
    """The policy levers, one expander per task group of section III."""
    st.subheader(t("widgets.levers_title", lang))
    st.caption(t("widgets.levers_caption", lang))
    for i, group in enumerate(POLICY_GROUPS):
        levers = [lever for lever in load_levers() if lever.kind == "lever" and lever.group == group]
        label = _group_label(t(f"widgets.group_{group}", lang), levers, lang)
        with st.expander(label, expanded=i == 0, key=f"group__{group}"):
            for lever in levers:
                slider(lever, lang)


def assumption_panel(lang: str) -> None:
    """External assumptions, apart from the levers."""
    levers = [lever for lever in load_levers() if lever.kind == "assumption"]
    st.subheader(t("widgets.assumptions_title", lang))
    st.caption(t("widgets.assumptions_caption", lang))
    label = _group_label(t("widgets.assumptions_expander", lang), levers, lang)
    with st.expander(label, expanded=False, key="group__assumptions"):
        for lever in levers:
            slider(lever, lang)

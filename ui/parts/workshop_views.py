"""Pieces shared by the facilitator's and the teams' workshop views: question, table, result, charts, debrief."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime

import pandas as pd
import streamlit as st

from model.catalogue.levers import levers_by_id
from model.catalogue.targets import HEADLINE_SET, Target, load_targets
from model.report.i18n import digits_for, format_number, status_word
from model.workshop import debrief
from model.workshop.models import Round, Submission
from ui.parts import workshop_charts
from ui.parts.widgets import value_text
from ui.plain import plain
from ui.text import t, unit


def targets_by_id() -> dict[str, Target]:
    """Goal id -> goal."""
    return {target.id: target for target in load_targets()}


def resolution_ids() -> tuple[str, ...]:
    """Ids of the goals of the headline set (the resolution's 2025 targets)."""
    return tuple(target.id for target in load_targets() if target.set == HEADLINE_SET)


def goal_text(target: Target, lang: str) -> str:
    """The goal's bound, e.g. ``≥ 8,0 %/năm (8,0–9,0)``."""
    digits = digits_for(target.unit)
    label = unit(target.unit, lang)
    if target.direction == "at_most":
        return f"≤ {format_number(target.upper, lang, digits)} {label}"
    text = f"≥ {format_number(target.lower, lang, digits)} {label}"
    if target.upper is not None:
        text += f" ({format_number(target.lower, lang, digits)}–{format_number(target.upper, lang, digits)})"
    return text


def question_text(item: Round, lang: str) -> str:
    """The round's question in words."""
    target = targets_by_id()[item.target_id]
    key = "workshop.question_cost" if item.objective == "meet_lowest_cost" else "workshop.question_meet"
    return t(key, lang, target=target.name(lang), goal=goal_text(target, lang))


def round_caption(item: Round, lang: str) -> str:
    """Open levers and fixed settings of a round, one line."""
    catalogue = levers_by_id()
    names = ", ".join(catalogue[lever].name(lang) for lever in item.open_levers)
    return t("workshop.round_caption", lang, levers=names, base=plain(item.base_scenario),
             assumptions=plain(item.assumption_set))


def ranked(item: Round, entries: Sequence[Submission]) -> list[Submission]:
    """Entries best first: met before missed; then lowest cost (cost rounds) or largest margin."""
    def key(entry: Submission) -> tuple:
        met = entry.outcome.met(item.target_id)
        distance = float(entry.outcome.target(item.target_id).distance)
        margin = -distance if math.isfinite(distance) else math.inf
        if item.objective == "meet_lowest_cost" and met and entry.cost is not None:
            return (0, entry.cost, margin)
        return (0 if met else 1, margin, 0.0)

    return sorted(entries, key=key)


def _clock(stamp: float) -> str:
    return datetime.fromtimestamp(stamp).strftime("%H:%M:%S")


def entries_frame(item: Round, entries: Sequence[Submission], lang: str) -> pd.DataFrame:
    """One row per team, best first: rank, prediction, result, status, targets met, cost, then the mix."""
    target = targets_by_id()[item.target_id]
    catalogue = levers_by_id()
    digits = digits_for(target.unit)
    goals = resolution_ids()
    rows = []
    for rank, entry in enumerate(ranked(item, entries), start=1):
        value = entry.outcome.value(target.id)
        row = {
            t("workshop.col_rank", lang): rank, t("workshop.col_team", lang): entry.team_name,
            t("workshop.col_prediction", lang): format_number(entry.prediction, lang, digits),
            t("workshop.col_simulated", lang): format_number(value, lang, digits),
            t("workshop.col_error", lang): format_number(entry.prediction - value, lang, digits),
            t("workshop.col_status", lang): status_word(entry.outcome.status(target.id), lang),
            t("workshop.col_met_2025", lang): f"{entry.outcome.goals_met(goals)}/{len(goals)}",
        }
        if entry.cost is not None:
            row[t("workshop.col_cost", lang)] = format_number(entry.cost, lang, 0)
        for lever in item.open_levers:
            row[catalogue[lever].name(lang)] = value_text(catalogue[lever], entry.levers[lever], lang)
        row[t("workshop.col_time", lang)] = f"{_clock(entry.submitted_at)} (#{entry.revision})"
        rows.append(row)
    return pd.DataFrame(rows)


def entries_table(item: Round, entries: Sequence[Submission], lang: str, key: str) -> None:
    """The side-by-side table of every team's entry."""
    with st.container(key=key):
        st.dataframe(entries_frame(item, entries, lang), hide_index=True, width="stretch")


def own_result(item: Round, entry: Submission, lang: str) -> None:
    """A team's own outcome: prediction, simulated value, status; 2025 targets met and cost."""
    target = targets_by_id()[item.target_id]
    digits = digits_for(target.unit)
    label = unit(target.unit, lang)
    value = entry.outcome.value(target.id)
    goals = resolution_ids()
    first = st.columns(3)
    first[0].metric(f"{t('workshop.col_prediction', lang)} ({label})", format_number(entry.prediction, lang, digits))
    first[1].metric(f"{t('workshop.col_simulated', lang)} ({label})", format_number(value, lang, digits),
                    delta=format_number(value - entry.prediction, lang, digits), delta_color="off")
    first[2].metric(t("workshop.col_status", lang), status_word(entry.outcome.status(target.id), lang))
    second = st.columns([1, 2])
    second[0].metric(t("workshop.col_met_2025", lang), f"{entry.outcome.goals_met(goals)}/{len(goals)}")
    if entry.cost is not None:
        second[1].metric(t("workshop.cost_label", lang),
                         format_number(entry.cost, lang, 0),
                         help=t("workshop.cost_help", lang, year=target.year))


def round_charts(item: Round, entries: Sequence[Submission], lang: str, key: str) -> None:
    """Teams' lines overlaid, predictions against results, and cost against result when a cost is asked."""
    if not entries:
        return
    target = targets_by_id()[item.target_id]
    left, right = st.columns(2)
    with left.container(key=f"{key}_lines"):
        st.altair_chart(workshop_charts.lines_chart(item, target, entries, lang), width="stretch")
    with right.container(key=f"{key}_predictions"):
        st.altair_chart(workshop_charts.prediction_chart(item, target, entries, lang), width="stretch")
    if item.objective == "meet_lowest_cost" and all(e.cost is not None for e in entries):
        with st.container(key=f"{key}_cost"):
            st.altair_chart(workshop_charts.cost_chart(target, entries, lang), width="stretch")


def _number(value: float, lang: str) -> str:
    if math.isinf(value):
        return "+∞" if value > 0 else "−∞"
    return format_number(value, lang, 2)


def _threshold(lever_id: str, value: float, lang: str) -> str:
    """A split point between two lever values: one decimal more than the lever's step."""
    return format_number(value, lang, levers_by_id()[lever_id].decimals + 1)


def debrief_section(item: Round, entries: Sequence[Submission], lang: str) -> None:
    """What separated the mixes that met the goal from those that missed it."""
    met = [e.outcome.met(item.target_id) for e in entries]
    if len(entries) < 2 or all(met) or not any(met):
        word = "all_met" if entries and all(met) else ("none_met" if entries else "no_entries")
        st.info(t(f"workshop.debrief_{word}", lang, n=len(entries)))
        return
    mixes = [e.levers for e in entries]
    splits = debrief.rank_levers(mixes, met, item.open_levers)
    catalogue = levers_by_id()
    st.caption(t("workshop.debrief_intro", lang, met=sum(met), n=len(met)))
    with st.container(key="debrief_ranking"):
        st.altair_chart(workshop_charts.ranking_chart(splits, lang), width="stretch")
    table = pd.DataFrame([{
        t("workshop.debrief_lever", lang): catalogue[s.lever].name(lang),
        t("workshop.debrief_mean_met", lang): value_text(catalogue[s.lever], s.mean_met, lang),
        t("workshop.debrief_mean_missed", lang): value_text(catalogue[s.lever], s.mean_missed, lang),
        "r": "–" if math.isnan(s.correlation) else format_number(s.correlation, lang, 2),
        t("workshop.debrief_smd", lang): "–" if math.isnan(s.smd) else _number(s.smd, lang),
    } for s in splits])
    st.dataframe(table, hide_index=True, width="stretch")
    tree = debrief.fit_tree(mixes, met, item.open_levers)
    names = {lever: catalogue[lever].name(lang) for lever in item.open_levers}
    st.markdown(f"**{t('workshop.debrief_tree', lang)}**")
    with st.container(key="debrief_tree"):
        rules = debrief.tree_rules(tree, names, lambda lever, v: _threshold(lever, v, lang),
                                   joiner=f" {t('workshop.debrief_and', lang)} ")
        for condition, n_met, n in rules:
            st.markdown(f"- {condition or t('workshop.debrief_no_split', lang)}: "
                        + t("workshop.debrief_leaf", lang, met=n_met, n=n))
    st.caption(t("workshop.debrief_caveat", lang))

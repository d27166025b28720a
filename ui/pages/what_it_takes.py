"""The "what would it take" page: the cheapest lever mix for chosen goals, its cost and contributions."""

from __future__ import annotations

import time
from dataclasses import replace

import pandas as pd
import streamlit as st

from model.analysis.contributions import Measure, breakdown
from model.analysis.goalseek import latest_starts
from model.analysis.optimise.problem import make_problem, search_ranges
from model.analysis.optimise.search import OptimiseOutcome, optimise
from model.catalogue.calendar import POLICY_START
from model.catalogue.costs import costs_by_lever
from model.catalogue.levers import levers_by_id, load_levers
from model.catalogue.selection import TARGET_GROUPS
from model.catalogue.targets import load_targets
from model.report.charts.costs import waterfall_chart
from model.report.i18n import digits_for, format_number, format_setting
from model.report.optimise import lever_costs
from model.run.scenario import baseline, to_toml, with_settings
from ui import state
from ui.parts.budget import render_budget_flag
from ui.parts.scoreboard import band_text
from ui.text import t, unit

RESULT_KEY = "wit_outcome"
GOALS_KEY = "wit_goals"
PRESET_KEY = "wit_preset"
EFFORT = {"quick": (4, 12), "default": (6, 30)}
#: Effort -> seconds the last search of this server process took (the estimate shown on the choice).
LAST_SECONDS: dict[str, float] = {}


def effort_times(lang: str) -> str:
    """How long each effort's last search took in this server process ("" before any)."""
    return "; ".join(t("what_it_takes.effort_measured", lang, name=t(f"what_it_takes.effort_{effort}", lang),
                       seconds=format_number(seconds, lang, 0)) for effort, seconds in LAST_SECONDS.items())


def _preset_goals() -> None:
    """Fill the goal list from the chosen goal set."""
    sets = TARGET_GROUPS[st.session_state[PRESET_KEY]]
    st.session_state[GOALS_KEY] = [t_.id for t_ in load_targets() if t_.set in sets]


def controls(lang: str) -> dict:
    """The search form; returns the choices."""
    targets = {t_.id: t_ for t_ in load_targets()}
    levers = [lev for lev in load_levers() if lev.kind == "lever"]
    if GOALS_KEY not in st.session_state:
        st.session_state[PRESET_KEY] = "2025"
        _preset_goals()
    st.segmented_control(t("what_it_takes.preset", lang), list(TARGET_GROUPS), key=PRESET_KEY, required=True,
                         format_func=lambda k: t(f"what_it_takes.preset_{k}", lang), on_change=_preset_goals)
    goals = st.multiselect(t("what_it_takes.goals", lang), list(targets), key=GOALS_KEY,
                           format_func=lambda k: targets[k].name(lang))
    allowed = st.multiselect(t("what_it_takes.levers", lang), [lev.id for lev in levers],
                             default=[lev.id for lev in levers], key="wit_levers",
                             format_func=lambda k: levers_by_id()[k].name(lang))
    left, middle, right = st.columns(3)
    objective = left.radio(t("what_it_takes.objective", lang), ["cost", "public"], key="wit_objective",
                           format_func=lambda k: t(f"what_it_takes.objective_{k}", lang))
    effort = middle.radio(t("what_it_takes.effort", lang), list(EFFORT), key="wit_effort",
                          format_func=lambda k: t(f"what_it_takes.effort_{k}", lang))
    if LAST_SECONDS:
        middle.caption(t("what_it_takes.effort_last", lang, times=effort_times(lang)))
    full = right.checkbox(t("what_it_takes.full_range", lang), key="wit_full",
                          help=t("what_it_takes.full_range_help", lang))
    budget = right.checkbox(t("what_it_takes.within_budget", lang), key="wit_budget",
                            help=t("what_it_takes.within_budget_help", lang))
    return {"goals": goals, "levers": allowed, "objective": objective, "effort": effort, "full": full,
            "within_budget": budget}


def search(choice: dict, lang: str, bar) -> tuple[OptimiseOutcome | None, OptimiseOutcome | None]:
    """Run the optimiser for the form's choices, with a progress bar.

    Returns the outcome and, when a search within the budget misses some
    goals, the outcome of the same search without the budget limit (what
    meeting them would cost).
    """
    targets = {t_.id: t_ for t_ in load_targets()}
    directions = {k: c.direction for k, c in costs_by_lever().items()}
    ranges = search_ranges(choice["levers"], directions, choice["full"])
    if not ranges:
        st.warning(t("what_it_takes.no_room", lang))
        return None, None
    base = state.current_scenario().assumptions_only()
    problem = make_problem(base, ranges, [targets[g] for g in choice["goals"]], choice["objective"],
                           within_budget=choice["within_budget"])
    popsize, maxiter = EFFORT[choice["effort"]]
    started = time.perf_counter()

    def run(problem, part: int, parts: int) -> OptimiseOutcome:
        def progress(step: int, most: int, best: dict) -> None:
            bar.progress(min((part + step / most) / parts, 1.0),
                         text=t("what_it_takes.progress", lang, phase=best["phase"], step=step, most=most,
                                missed=best["missed"], cost=format_number(best["cost"], lang, 0)))

        return optimise(problem, popsize=popsize, maxiter=maxiter, seed=1, progress=progress, name="what-it-takes",
                        description="Cheapest mix found on the 'what would it take' page.")

    outcome = run(problem, 0, 1)
    unlimited = None
    if problem.within_budget and not outcome.feasible:
        unlimited = run(replace(problem, within_budget=False), 1, 2)
    LAST_SECONDS[choice["effort"]] = time.perf_counter() - started
    bar.empty()
    return outcome, unlimited


def _load(outcome: OptimiseOutcome) -> None:
    state.apply_settings(outcome.scenario.settings())
    st.session_state["wit_loaded"] = True


def mix_table(outcome: OptimiseOutcome, lang: str) -> pd.DataFrame:
    """Levers that differ from the 2020 stance: stance, mix value, cost over the horizon."""
    costs, years = lever_costs(outcome), {"first": POLICY_START, "last": outcome.problem.horizon}
    rows = []
    for lever_id, value in outcome.scenario.levers.items():
        lever = levers_by_id()[lever_id]
        if value != lever.default:
            rows.append({t("what_it_takes.col_lever", lang): lever.name(lang),
                         t("what_it_takes.col_stance", lang): f"{format_setting(lever_id, lever.default, lang)} "
                                                              f"{unit(lever.unit, lang)}",
                         t("what_it_takes.col_mix", lang): format_setting(lever_id, value, lang),
                         t("what_it_takes.col_cost", lang, **years): format_number(costs[lever_id], lang, 0)})
    return pd.DataFrame(rows)


def gaps_table(outcome: OptimiseOutcome, lang: str) -> pd.DataFrame:
    """Goals the mix still misses, with the best value any searched mix reached."""
    rows = []
    for r in outcome.gaps:
        digits = digits_for(r.target.unit)
        rows.append({t("what_it_takes.col_goal", lang): r.target.name(lang),
                     t("what_it_takes.col_value", lang): format_number(r.value, lang, digits),
                     t("what_it_takes.col_band", lang): band_text(r, lang),
                     t("what_it_takes.col_gap", lang): format_number(-r.distance, lang, digits),
                     t("what_it_takes.col_reach", lang): format_number(outcome.reach.get(r.target.id), lang, digits)})
    return pd.DataFrame(rows)


def beyond_budget(outcome: OptimiseOutcome, unlimited: OptimiseOutcome | None, lang: str) -> None:
    """When no mix within the budget meets every goal: which goals are out of reach, and at what extra cost."""
    if unlimited is None:
        return
    names = "; ".join(r.target.name(lang) for r in outcome.gaps)
    if unlimited.feasible:
        st.info(t("what_it_takes.beyond_budget", lang, goals=names, first=unlimited.budget.first_year,
                  last=unlimited.budget.last_year, excess=format_number(unlimited.budget.total_excess, lang, 0),
                  cost=format_number(unlimited.cost - outcome.cost, lang, 0)))
    else:
        out = "; ".join(r.target.name(lang) for r in unlimited.gaps)
        st.info(t("what_it_takes.out_of_reach", lang, goals=out))


def show_result(outcome: OptimiseOutcome, lang: str, unlimited: OptimiseOutcome | None = None) -> None:
    """The verdict, the mix, the gaps, the budget and the buttons."""
    n, gaps = len(outcome.problem.targets), outcome.gaps
    if outcome.feasible:
        st.success(t("what_it_takes.feasible", lang, n=n))
    else:
        st.warning(t("what_it_takes.closest", lang, n=n, met=n - len(gaps)))
        beyond_budget(outcome, unlimited, lang)
    payer = t(f"what_it_takes.objective_{outcome.problem.objective}", lang)
    st.metric(t("what_it_takes.cost", lang, payer=payer, first=POLICY_START, last=outcome.problem.horizon),
              f"{format_number(outcome.cost, lang, 0)} {t('budget.unit', lang)}")
    st.subheader(t("what_it_takes.mix", lang))
    table = mix_table(outcome, lang)
    if table.empty:
        st.info(t("what_it_takes.unchanged", lang))
    else:
        st.dataframe(table, hide_index=True, width="stretch")
    if gaps:
        st.subheader(t("what_it_takes.gaps", lang))
        st.dataframe(gaps_table(outcome, lang), hide_index=True, width="stretch")
    render_budget_flag(outcome.result, lang)
    left, right = st.columns(2)
    left.button(t("what_it_takes.load", lang), on_click=_load, args=(outcome,), key="wit_load", type="primary")
    right.download_button(t("what_it_takes.download", lang), to_toml(outcome.scenario), file_name="mix.toml",
                          mime="application/toml", key="wit_download")
    if st.session_state.pop("wit_loaded", False):
        st.success(t("what_it_takes.loaded", lang))
    st.caption(t("what_it_takes.search_stats", lang, runs=format_number(outcome.evaluations, lang, 0),
                 seconds=format_number(outcome.seconds, lang, 1)))


@st.cache_data(show_spinner=True, max_entries=32)
def _breakdown(settings: tuple, target_id: str):
    mix = with_settings(baseline(), dict(settings))
    base = mix.assumptions_only()
    target = next(t_ for t_ in load_targets() if t_.id == target_id)
    return breakdown(base, mix, Measure(target=target)), latest_starts(base, mix, target)


def contributions_section(outcome: OptimiseOutcome, lang: str) -> None:
    """Waterfall of the levers' shares for one goal, and their latest start years."""
    st.subheader(t("what_it_takes.breakdown", lang))
    targets = {t_.id: t_ for t_ in outcome.problem.targets}
    choice = st.selectbox(t("what_it_takes.breakdown_goal", lang), list(targets), key="wit_breakdown_goal",
                          format_func=lambda k: targets[k].name(lang))
    result, starts = _breakdown(tuple(sorted(outcome.scenario.settings().items())), choice)
    method = t(f"what_it_takes.method_{result.method}", lang, runs=result.runs, orders=result.orders)
    with st.container(key="wit_waterfall"):
        st.vega_lite_chart(waterfall_chart(result, lang, targets[choice].name(lang)), width="stretch")
    st.caption(t("what_it_takes.breakdown_caption", lang, method=method))
    st.markdown("**" + t("what_it_takes.latest", lang) + "**")
    digits = max(2, digits_for(targets[choice].unit))
    rows = [{t("what_it_takes.col_lever", lang): levers_by_id()[e.lever].name(lang),
             t("what_it_takes.col_contribution", lang): format_number(e.contribution, lang, digits),
             t("what_it_takes.col_latest", lang): str(e.year) if e.status == "latest"
             else t(f"what_it_takes.status_{e.status}", lang)} for e in starts.entries]
    if rows:
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    st.caption(t("what_it_takes.latest_caption", lang))


def render(lang: str) -> None:
    """Draw the page in ``lang``."""
    st.title(t("what_it_takes.title", lang))
    st.caption(t("what_it_takes.intro", lang))
    choice = controls(lang)
    left, right = st.columns([1, 3], vertical_alignment="center")
    pressed = left.button(t("what_it_takes.run", lang), key="wit_run", type="primary")
    if pressed:
        if not choice["goals"] or not choice["levers"]:
            st.warning(t("what_it_takes.need_goal", lang))
        else:
            with right:  # the progress bar beside the button just pressed
                st.session_state[RESULT_KEY] = search(choice, lang, st.progress(0.0))
    outcome, unlimited = st.session_state.get(RESULT_KEY) or (None, None)
    if outcome is not None:
        show_result(outcome, lang, unlimited)
        contributions_section(outcome, lang)

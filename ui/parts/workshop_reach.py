"""The facilitator's reachability hint: the best value a round's open levers can reach, beside the goal."""

from __future__ import annotations

import streamlit as st

from model.run.pool import shared_pool
from model.workshop.presets import fixed_settings, policy_levers
from model.workshop.reachability import Reach, reach
from model.workshop.rules import WorkshopError, check_target
from ui import errors
from ui.parts import workshop_views as views
from ui.text import t


def reach_of(target_id: str, levers: tuple[str, ...], base: str, assumptions: str) -> Reach:
    """The best value reachable (kept by the run pool, so each question is searched once)."""
    fixed = fixed_settings(base, assumptions)
    return shared_pool().job(("reach", target_id, levers, base, assumptions), reach, fixed,
                             check_target(target_id), levers)


def reach_panel(target_id: str, levers: list[str], base: str, assumptions: str, lang: str) -> None:
    """Best value with the open levers and with every lever, beside the goal; warnings when out of reach."""
    target = views.targets_by_id()[target_id]
    if not levers:
        return
    with st.spinner(t("workshop.reach_computing", lang)):
        try:
            mine = reach_of(target_id, tuple(levers), base, assumptions)
            every = reach_of(target_id, policy_levers(), base, assumptions)
        except WorkshopError as error:
            st.error(errors.message(error, lang))
            return
    goal = views.goal_text(target, lang)
    with st.container(key="ws_reach"):
        st.markdown(t("workshop.reach_line", lang, goal=goal,
                      open=views.value_with_unit(target, mine.best_value, lang),
                      every=views.value_with_unit(target, every.best_value, lang),
                      default=views.value_with_unit(target, mine.default_value, lang)))
        if not mine.best_met:
            hint = "workshop.reach_out_all" if every.best_met else "workshop.reach_out_none"
            st.warning(t("workshop.reach_out", lang) + " " + t(hint, lang))
        elif mine.default_met:
            st.warning(t("workshop.reach_default_met", lang))
        else:
            st.success(t("workshop.reach_ok", lang))

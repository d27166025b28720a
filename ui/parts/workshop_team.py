"""A team's workshop view: set the open levers, predict, submit; then the result and the reveal."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from model.catalogue.levers import levers_by_id
from model.report.i18n import format_number, parse_number
from model.workshop import service
from model.workshop.models import Round, Submission, TeamView
from model.workshop.store import Store, StoreError
from ui import errors
from ui.parts import workshop_views as views
from ui.parts.widgets import help_text, value_text
from ui.plain import plain
from ui.state import coerce, options
from ui.text import t, unit

POLL_SECONDS = 4


def _signature(view: TeamView) -> tuple:
    return tuple((item.id, item.state) for item in view.rounds)


def watcher(store: Store, key: service.TeamKey, signature: tuple) -> None:
    """Every few seconds, reload the page when the facilitator opens, closes or reveals a round."""
    @st.fragment(run_every=POLL_SECONDS)
    def watch() -> None:
        try:
            latest = _signature(service.team_view(store, key))
        except service.AccessDenied:
            latest = ()
        except StoreError:
            latest = signature  # try again at the next poll
        if latest != signature:
            st.rerun(scope="app")

    watch()


def number_text(value: float, lang: str) -> str:
    """A number as typed back into the prediction box (up to 6 decimals, no trailing zeros)."""
    text = format_number(value, lang, 6)
    mark = "," if lang == "vi" else "."
    return text.rstrip("0").rstrip(mark) if mark in text else text


def _prediction_input(item: Round, previous: Submission | None, lang: str) -> str:
    target = views.targets_by_id()[item.target_id]
    return st.text_input(
        t("workshop.prediction_label", lang, target=target.name(lang), unit=unit(target.unit, lang)),
        value=number_text(previous.prediction, lang) if previous else "", key=f"ws_prediction_{item.id}",
        placeholder=t("workshop.prediction_placeholder", lang), help=t("workshop.prediction_help", lang))


def starting_values(view: TeamView, item: Round) -> dict[str, float]:
    """Where the sliders start: this round's entry, else the team's latest earlier choice, else the round's base."""
    values = {lever: float(item.base_levers[lever]) for lever in item.open_levers}
    for earlier in view.rounds:  # oldest first, so later rounds overwrite
        entry = view.own.get(earlier.id)
        if entry is not None:
            values |= {lever: value for lever, value in entry.levers.items() if lever in values}
    return values


def entry_form(store: Store, key: service.TeamKey, view: TeamView, item: Round, lang: str) -> None:
    """Sliders for the open levers, the prediction and the submit button."""
    catalogue = levers_by_id()
    previous = view.own.get(item.id)
    starts = starting_values(view, item)
    with st.form(key=f"ws_entry_{item.id}", border=True):
        values = {}
        for lever_id in item.open_levers:
            lever = catalogue[lever_id]
            start = starts[lever_id]
            choices = options(lever, start)
            values[lever_id] = st.select_slider(
                f"{lever.name(lang)} ({unit(lever.unit, lang)})", options=choices, value=coerce(lever, start),
                format_func=lambda v, lever=lever: value_text(lever, v, lang), help=help_text(lever, lang),
                key=f"ws_lever_{item.id}_{lever_id}")
        prediction = _prediction_input(item, previous, lang)
        label = "workshop.resubmit" if previous else "workshop.submit"
        sent = st.form_submit_button(t(label, lang), type="primary", key=f"ws_submit_{item.id}")
    if sent:
        if not prediction.strip():
            st.error(t("workshop.prediction_missing", lang))
            return
        try:
            number = parse_number(prediction, lang)
        except ValueError:
            st.error(t("workshop.prediction_invalid", lang, text=plain(prediction)))
            return
        try:
            stored = service.submit(store, key, values, number)
        except service.WorkshopError as error:
            st.error(errors.message(error, lang))
            return
        except StoreError as error:  # nothing saved; the form keeps the values to submit again
            errors.show(error, lang)
            return
        st.session_state["ws_flash"] = t("workshop.submitted", lang, revision=stored.revision)
        st.rerun()


def _mix_text(item: Round, entry: Submission, lang: str) -> str:
    catalogue = levers_by_id()
    return "; ".join(f"{catalogue[k].name(lang)}: {value_text(catalogue[k], entry.levers[k], lang)}"
                     for k in item.open_levers)


def round_panel(store: Store, key: service.TeamKey, view: TeamView, item: Round, lang: str) -> None:
    """One round as this team sees it now."""
    own = view.own.get(item.id)
    st.markdown(f"**{views.question_text(item, lang)}**")
    st.caption(views.round_caption(item, lang))
    if item.state == "open":
        if own:
            st.success(t("workshop.entry_stored", lang, revision=own.revision))
        entry_form(store, key, view, item, lang)
        return
    if own is None:
        st.info(t("workshop.no_entry", lang))
    else:
        st.markdown(t("workshop.your_mix", lang, mix=_mix_text(item, own, lang)))
        with st.container(key=f"ws_own_result_{item.number}"):
            views.own_result(item, own, lang)
    if item.state == "closed":
        st.info(t("workshop.wait_reveal", lang))
        return
    entries = view.revealed.get(item.id, ())
    st.markdown(f"#### {t('workshop.reveal_title', lang)}")
    views.entries_table(item, entries, lang, key=f"ws_reveal_table_{item.number}")
    views.round_charts(item, entries, lang, key=f"ws_reveal_{item.number}")


def render(store: Store, key: service.TeamKey, lang: str, on_leave: Callable[[], None]) -> None:
    """The team's page (``on_leave`` forgets this device's team)."""
    try:
        view = service.team_view(store, key)
    except service.AccessDenied:
        st.error(t("workshop.team_denied", lang))
        st.button(t("workshop.join_again", lang), on_click=on_leave, key="ws_leave")
        return
    st.subheader(t("workshop.team_header", lang, team=plain(view.team.name), title=plain(view.session.title)))
    flash = st.session_state.pop("ws_flash", None)
    if flash:
        st.toast(flash)
    watcher(store, key, _signature(view))
    current = view.current
    if current is None:
        st.info(t("workshop.wait_round", lang))
    else:
        st.markdown(f"### {t('workshop.round_title', lang, number=current.number)}"
                    f" · {t('workshop.state_' + current.state, lang)}")
        round_panel(store, key, view, current, lang)
    for item in reversed(view.rounds[:-1]):
        with st.expander(t("workshop.round_title", lang, number=item.number)):
            round_panel(store, key, view, item, lang)

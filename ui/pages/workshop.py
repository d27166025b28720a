"""Workshop page: a facilitator runs rounds; teams build, predict and submit mixes on their own devices.

Who sees what is decided by the URL:

* ``?ws=<session id>&fac=<secret>``: the facilitator's view (the secret link).
  The key moves into the session state and leaves the address bar at once, so a
  projected page never shows it; after a reload the start screen takes the
  saved facilitator link back ("re-open the facilitator view");
* ``?team=<team id>&tk=<token>``: a team's view on the device that joined
  (set after joining, so a reload keeps the team);
* otherwise the start screen: join with a code (``?join=<code>`` fills it in)
  or start a new workshop.

All rules (who may change or see what) are enforced by
:mod:`model.workshop.service`; this module only draws. The database is
``$QN_WORKSHOP_DB`` or the default of :func:`model.workshop.store.default_path`.

Names and titles typed by users are shown through :func:`ui.plain.plain`
(never as Markdown); a database that cannot be used is reported in one line
in the page's language (:mod:`ui.errors`), and the forms keep what was typed.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import streamlit as st

from model.base.errors import ReportedError
from model.workshop import service
from model.workshop.store import Store, StoreError, default_path
from ui import errors
from ui.parts import workshop_facilitator, workshop_team
from ui.text import t

FAC_PARAMS = ("ws", "fac")
TEAM_PARAMS = ("team", "tk")
JOIN_PARAM = "join"
TEAM_STATE = "ws_team_key"
FAC_STATE = "ws_fac_key"


@st.cache_resource(show_spinner=False)
def _open_store(path: str) -> Store:
    return Store(path)


def store() -> Store:
    """The workshop database of this server (opened once per path)."""
    return _open_store(str(default_path()))


def _param(name: str) -> str:
    return str(st.query_params.get(name, "") or "")


def facilitator_key() -> service.FacilitatorKey | None:
    """The facilitator key from the URL (then removed from it) or remembered in this browser session."""
    if all(_param(p) for p in FAC_PARAMS):
        st.session_state[FAC_STATE] = service.FacilitatorKey(_param("ws"), _param("fac"))
    for name in FAC_PARAMS:
        st.query_params.pop(name, None)
    return st.session_state.get(FAC_STATE)


def key_from_link(text: str) -> service.FacilitatorKey | None:
    """The facilitator key in a pasted facilitator link (``...?ws=...&fac=...``), or ``None``."""
    query = parse_qs(urlsplit(text.strip()).query)
    values = [query.get(name, [""])[-1].strip() for name in FAC_PARAMS]
    return service.FacilitatorKey(*values) if all(values) else None


def reopen_form(db: Store, lang: str) -> None:
    """Re-open the facilitator view on this device from the saved facilitator link."""
    with st.expander(t("workshop.reopen_title", lang)):
        with st.form(key="ws_reopen_form"):
            text = st.text_input(t("workshop.reopen_link", lang), key="ws_reopen_input", type="password")
            sent = st.form_submit_button(t("workshop.reopen", lang), key="ws_reopen")
        if sent:
            key = key_from_link(text)
            try:
                if key is None:
                    raise service.AccessDenied("no key")
                service.board(db, key)
            except service.AccessDenied:
                st.error(t("workshop.reopen_denied", lang))
                return
            st.session_state[FAC_STATE] = key
            st.rerun()


def team_key() -> service.TeamKey | None:
    """This device's team key (from the URL or this browser session)."""
    if all(_param(p) for p in TEAM_PARAMS):
        st.session_state[TEAM_STATE] = service.TeamKey(_param("team"), _param("tk"))
    return st.session_state.get(TEAM_STATE)


def leave_team() -> None:
    """Forget this device's team (widget callback)."""
    st.session_state.pop(TEAM_STATE, None)
    for name in TEAM_PARAMS:
        st.query_params.pop(name, None)


def join_form(db: Store, lang: str) -> None:
    """Join a workshop with the code and a team name."""
    st.markdown(f"#### {t('workshop.join_title', lang)}")
    with st.form(key="ws_join_form"):
        code = st.text_input(t("workshop.join_code", lang), value=_param(JOIN_PARAM), key="ws_join_code_input",
                             max_chars=12, placeholder="K7QX2M")
        name = st.text_input(t("workshop.team_name", lang), key="ws_team_name_input", max_chars=40)
        joined = st.form_submit_button(t("workshop.join", lang), type="primary", key="ws_join")
    if joined:
        try:
            team, token = service.join_team(db, code, name)
        except service.WorkshopError as error:
            st.error(errors.message(error, lang))
            return
        except StoreError as error:
            errors.show(error, lang)
            return
        st.session_state[TEAM_STATE] = service.TeamKey(team.id, token)
        st.query_params.pop(JOIN_PARAM, None)
        st.query_params.update({"team": team.id, "tk": token})
        st.rerun()


def create_form(db: Store, lang: str) -> None:
    """Start a new workshop; the page becomes its facilitator view."""
    st.markdown(f"#### {t('workshop.create_title', lang)}")
    with st.form(key="ws_create_form"):
        title = st.text_input(t("workshop.session_title", lang), key="ws_session_title_input", max_chars=80,
                              placeholder=t("workshop.session_title_placeholder", lang))
        created = st.form_submit_button(t("workshop.create", lang), key="ws_create")
    if created:
        try:
            session, secret = service.create_session(db, title, lang)
        except service.WorkshopError as error:
            st.error(errors.message(error, lang))
            return
        except StoreError as error:
            errors.show(error, lang)
            return
        st.session_state[FAC_STATE] = service.FacilitatorKey(session.id, secret)
        st.rerun()


def render(lang: str) -> None:
    """Draw the workshop page in ``lang``."""
    st.title(t("workshop.title", lang))
    try:
        views(store(), lang)
    except ReportedError as error:
        errors.show(error, lang)


def views(db: Store, lang: str) -> None:
    """The facilitator's view, a team's view or the start screen, as the URL says."""
    fac = facilitator_key()
    if fac is not None:
        workshop_facilitator.render(db, fac, lang)
        return
    team = team_key()
    if team is not None:
        workshop_team.render(db, team, lang, on_leave=leave_team)
        return
    st.caption(t("workshop.intro", lang))
    left, right = st.columns(2, gap="large")
    with left:
        join_form(db, lang)
    with right:
        create_form(db, lang)
        reopen_form(db, lang)
